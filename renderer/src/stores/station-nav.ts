// Where the window is: the Devices area (one hotspot at a time) or the rental-shop Station, and which
// Station section is open. Remembered in localStorage: a shop that works at the station all day gets it
// back after a restart. It is about this window only, so the host does not keep it.
import { defineStore } from 'pinia'
import { ref } from 'vue'

export const APP_AREAS = ['devices', 'station'] as const
export type AppArea = (typeof APP_AREAS)[number]
export const STATION_SECTIONS = ['profiles', 'prepare', 'inventory', 'returns'] as const
export type StationSection = (typeof STATION_SECTIONS)[number]

export const STATION_NAV_STORAGE_KEY = 'hotspot-desk.station-nav'

interface StoredNav {
  area: AppArea
  section: StationSection
}

function readStored(): StoredNav {
  const fallback: StoredNav = { area: 'devices', section: 'profiles' }
  try {
    const raw = window.localStorage.getItem(STATION_NAV_STORAGE_KEY)
    if (!raw) return fallback
    const parsed = JSON.parse(raw) as Partial<Record<keyof StoredNav, unknown>>
    return {
      area: (APP_AREAS as readonly unknown[]).includes(parsed.area) ? (parsed.area as AppArea) : fallback.area,
      section: (STATION_SECTIONS as readonly unknown[]).includes(parsed.section) ? (parsed.section as StationSection) : fallback.section
    }
  } catch {
    // Unreadable or disabled storage: the Devices area, as on a first start.
    return fallback
  }
}

export const useStationNavStore = defineStore('stationNav', () => {
  const stored = readStored()
  const area = ref<AppArea>(stored.area)
  const section = ref<StationSection>(stored.section)

  function persist(): void {
    try {
      window.localStorage.setItem(STATION_NAV_STORAGE_KEY, JSON.stringify({ area: area.value, section: section.value }))
    } catch {
      // Not remembered across restarts; the choice still applies to this window.
    }
  }

  function setArea(value: AppArea): void {
    area.value = value
    persist()
  }

  function setSection(value: StationSection): void {
    section.value = value
    persist()
  }

  return { area, section, setArea, setSection }
})
