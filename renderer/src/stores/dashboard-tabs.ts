// Which section of the dashboard each device shows (Overview, APN, USSD, Messages). No router: the
// app has one screen per device, and a tab per device is all the navigation it needs. Which tabs
// exist follows the device's capabilities, never its vendor.
import type { Capability } from '@contract/model'
import { defineStore } from 'pinia'
import { ref } from 'vue'

export const DASHBOARD_TABS = ['overview', 'apn', 'ussd', 'messages'] as const
export type DashboardTab = (typeof DASHBOARD_TABS)[number]

/** The capability a tab needs; Overview needs none. */
export const TAB_CAPABILITY: Record<DashboardTab, Capability | null> = {
  overview: null,
  apn: 'apnRead',
  ussd: 'ussd',
  messages: 'sms'
}

export function availableTabs(capabilities: readonly Capability[]): DashboardTab[] {
  return DASHBOARD_TABS.filter((tab) => {
    const needed = TAB_CAPABILITY[tab]
    return needed === null || capabilities.includes(needed)
  })
}

export const useDashboardTabsStore = defineStore('dashboardTabs', () => {
  const selected = ref<Record<string, DashboardTab>>({})

  /** The device's tab, or Overview when the chosen one is not (or no longer) offered. */
  function tabOf(deviceId: string, capabilities: readonly Capability[]): DashboardTab {
    const tab = selected.value[deviceId] ?? 'overview'
    return availableTabs(capabilities).includes(tab) ? tab : 'overview'
  }

  function select(deviceId: string, tab: DashboardTab): void {
    selected.value[deviceId] = tab
  }

  return { selected, tabOf, select }
})
