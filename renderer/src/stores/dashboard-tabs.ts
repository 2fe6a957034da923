// Which section of the dashboard each device shows (Overview, Plan & refill, APN, USSD, Messages). No
// router: the app has one screen per device, and a tab per device is all the navigation it needs. Which
// tabs exist follows the device's capabilities, never its vendor; Plan & refill follows its SIM instead
// (shown once the host has identified the SIM's carrier, or needs the user to pick it).
import type { Capability } from '@contract/model'
import { defineStore } from 'pinia'
import { ref } from 'vue'

export const DASHBOARD_TABS = ['overview', 'plan', 'apn', 'ussd', 'messages', 'console', 'history', 'tools'] as const
export type DashboardTab = (typeof DASHBOARD_TABS)[number]

/** The capability a tab needs; Overview, Plan & refill and History need none. */
export const TAB_CAPABILITY: Record<DashboardTab, Capability | null> = {
  overview: null,
  plan: null,
  apn: 'apnRead',
  ussd: 'ussd',
  messages: 'sms',
  console: 'atConsole',
  /** Every device has a history section; it says so when history is off or empty. */
  history: null,
  /** Field tools: antenna alignment (when the device reads signal) and the diagnostics bundle. */
  tools: null
}

/** What a tab needs besides capabilities: `plan` — the SIM is in and its carrier identified (or to be picked). */
export interface TabConditions {
  plan?: boolean
}

export function availableTabs(capabilities: readonly Capability[], conditions: TabConditions = {}): DashboardTab[] {
  return DASHBOARD_TABS.filter((tab) => {
    if (tab === 'plan') return conditions.plan === true
    const needed = TAB_CAPABILITY[tab]
    return needed === null || capabilities.includes(needed)
  })
}

export const useDashboardTabsStore = defineStore('dashboardTabs', () => {
  const selected = ref<Record<string, DashboardTab>>({})

  /** The device's tab, or Overview when the chosen one is not (or no longer) offered. */
  function tabOf(deviceId: string, capabilities: readonly Capability[], conditions: TabConditions = {}): DashboardTab {
    const tab = selected.value[deviceId] ?? 'overview'
    return availableTabs(capabilities, conditions).includes(tab) ? tab : 'overview'
  }

  function select(deviceId: string, tab: DashboardTab): void {
    selected.value[deviceId] = tab
  }

  return { selected, tabOf, select }
})
