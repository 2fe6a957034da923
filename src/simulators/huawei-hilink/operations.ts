// The simulated device's operation endpoints — dial-up profiles and data switch (reference §1.10), PIN (§1.11),
// USSD (§1.12), SMS (§1.13), traffic reset (§1.9), Wi-Fi (wlan.ts), language and auto-update (unit-settings.ts) — routed to their small state modules. Transport-free and
// login-agnostic: device.ts checks cookies, tokens, logins and decrypts bodies before it calls in here.
import type { DataConnection } from './data-connection'
import type { DialupProfiles } from './dialup-profiles'
import type { LiveState } from './live-state'
import * as content from './responses'
import type { DeviceRsaKey } from './rsa-key'
import { operatePin } from './sim-lock'
import type { SimProfile } from './sim-profile'
import type { SmsStore } from './sms-store'
import type { UnitSettings } from './unit-settings'
import { UNIT_SETTINGS_ENDPOINTS } from './unit-settings'
import type { UssdService } from './ussd'
import type { HuaweiVariant } from './variants'
import type { WlanState } from './wlan'
import { childText, flatFields, okXml, responseXml, type Fields, type RequestNode } from './xml-writer'

export type OperationResult = { xml: string } | { error: number; extra?: Fields }

export interface OperationState {
  variant: HuaweiVariant
  sim: SimProfile
  live: LiveState
  profiles: DialupProfiles
  data: DataConnection
  ussd: UssdService
  sms: SmsStore
  rsaKey: DeviceRsaKey
  /** The plan's monthly data in bytes (for the data-usage USSD code). */
  planBytes: () => number
  smsSendMs: number
  /** Refuse sms-list requests whose elements are out of the documented order (B525 behaviour, Salamek Sms.py). */
  strictSmsListOrder: boolean
  /** undefined on sticks without Wi-Fi. */
  wlan: WlanState | undefined
  /** Web UI language and firmware auto-update (unit-settings.ts). */
  unitSettings: UnitSettings
}

/** The POST endpoints this module answers (the device checks the login before handing them over). */
export const OPERATION_POSTS: ReadonlySet<string> = new Set([
  'dialup/profiles',
  'dialup/mobile-dataswitch',
  'dialup/dial',
  'pin/operate',
  'ussd/send',
  'ussd/release',
  'sms/sms-list',
  'sms/delete-sms',
  'sms/set-read',
  'sms/send-sms',
  'monitoring/clear-traffic',
  'wlan/multi-basic-settings',
  'wlan/basic-settings',
  'wlan/security-settings',
  ...UNIT_SETTINGS_ENDPOINTS
])

/** Setters that an 'encryption required' firmware refuses in plaintext (Wi-Fi keys: reference §1.5). */
export const ENCRYPTED_SETTERS: readonly string[] = ['dialup/profiles', 'pin/operate', 'wlan/multi-basic-settings', 'wlan/security-settings']
/** Issue #108 (Salamek/huawei-lte-api) got 100001 for a plaintext set-default on an encrypting 5G CPE [R]. */
const PLAINTEXT_REFUSED = 100001
const REQUEST_FORMAT = 100005
const PARAMETER = 100006
const SMS_LIST_ORDER = ['PageIndex', 'ReadCount', 'BoxType', 'SortType', 'Ascending', 'UnreadPreferred']

const ok = (): OperationResult => ({ xml: okXml() })
const fail = (code: number | null): OperationResult => (code === null ? ok() : { error: code })

export class DeviceOperations {
  constructor(
    private readonly state: OperationState,
    private readonly context: () => content.ContentContext
  ) {}

  /** A GET this module answers, or undefined when the endpoint is not one of its. */
  get(endpoint: string): OperationResult | undefined {
    const { state } = this
    switch (endpoint) {
      case 'global/module-switch':
        return { xml: content.moduleSwitch(this.context()) }
      case 'webserver/publickey': {
        if (state.variant.encryption === 'none') return { error: 100002 }
        const key = state.rsaKey.publicHex
        return { xml: responseXml([['encpubkeyn', key.n], ['encpubkeye', key.e]]) }
      }
      case 'dialup/profiles':
        return { xml: responseXml(state.profiles.toFields()) }
      case 'dialup/mobile-dataswitch':
        return { xml: content.mobileDataSwitch(this.context()) }
      case 'ussd/get': {
        const reply = state.ussd.get()
        return 'error' in reply ? { error: reply.error } : { xml: responseXml([['content', reply.content]]) }
      }
      case 'ussd/status':
        return { xml: responseXml([['result', state.ussd.busy ? 1 : 0]]) }
      case 'ussd/release':
        state.ussd.release()
        return ok()
      case 'sms/sms-count':
        return { xml: responseXml(state.sms.count()) }
      case 'sms/send-status':
        return { xml: responseXml(state.sms.sendStatus()) }
      default:
        if (UNIT_SETTINGS_ENDPOINTS.includes(endpoint)) return state.unitSettings.get(endpoint)
        return endpoint.startsWith('wlan/') ? (state.wlan?.get(endpoint) ?? { error: 100002 }) : undefined
    }
  }

  /** A POST this module answers, or undefined when the endpoint is not one of its. */
  post(endpoint: string, request: RequestNode, encrypted: boolean): OperationResult | undefined {
    const { state } = this
    if (ENCRYPTED_SETTERS.includes(endpoint) && state.variant.encryption === 'required' && !encrypted) return { error: PLAINTEXT_REFUSED }
    const fields = flatFields(request)
    switch (endpoint) {
      case 'dialup/profiles':
        return fail(state.profiles.apply(request))
      case 'dialup/mobile-dataswitch':
        return this.switchData(fields.get('dataswitch'))
      case 'dialup/dial':
        return this.switchData(fields.get('Action'))
      case 'pin/operate':
        return fail(operatePin(state.sim, fields))
      case 'ussd/send':
        return fail(state.ussd.send(fields.get('content') ?? '', this.ussdContext()))
      case 'ussd/release':
        state.ussd.release()
        return ok()
      case 'sms/sms-list':
        return this.smsList(request)
      case 'sms/delete-sms':
      case 'sms/set-read': {
        const indexes = request.children.filter((child) => child.name === 'Index')
        // One <Index> per request; a list of them is refused (Salamek/huawei-lte-api#34).
        if (indexes.length !== 1 || indexes[0]?.children.length !== 0) return { error: REQUEST_FORMAT }
        const index = Number(indexes[0]?.text.trim())
        if (!Number.isInteger(index)) return { error: PARAMETER }
        return fail(endpoint === 'sms/delete-sms' ? state.sms.delete(index) : state.sms.setRead(index))
      }
      case 'sms/send-sms': {
        const phones = (request.children.find((child) => child.name === 'Phones')?.children ?? []).filter((child) => child.name === 'Phone').map((child) => child.text.trim())
        return fail(state.sms.send(phones, childText(request, 'Content') ?? '', state.smsSendMs, this.inService()))
      }
      case 'monitoring/clear-traffic':
        if (fields.get('ClearTraffic') !== '1') return { error: PARAMETER }
        state.live.clearStatistics()
        return ok()
      default:
        if (UNIT_SETTINGS_ENDPOINTS.includes(endpoint)) return state.unitSettings.post(endpoint, fields)
        return endpoint.startsWith('wlan/') ? (state.wlan?.post(endpoint, request) ?? { error: 100002 }) : undefined
    }
  }

  private switchData(value: string | undefined): OperationResult {
    if (value !== '0' && value !== '1') return { error: PARAMETER }
    this.state.data.setEnabled(value === '1')
    return ok()
  }

  private smsList(request: RequestNode): OperationResult {
    const names = request.children.map((child) => child.name).filter((name) => SMS_LIST_ORDER.includes(name))
    if (this.state.strictSmsListOrder && names.join() !== SMS_LIST_ORDER.filter((name) => names.includes(name)).join()) return { error: REQUEST_FORMAT }
    const number = (name: string, fallback: number): number => {
      const text = childText(request, name)
      return text === undefined || text.trim() === '' ? fallback : Number(text)
    }
    const query = {
      page: number('PageIndex', NaN),
      readCount: number('ReadCount', NaN),
      box: number('BoxType', 1),
      sortType: number('SortType', 0),
      ascending: number('Ascending', 0) === 1,
      unreadPreferred: number('UnreadPreferred', 0) === 1
    }
    // ReadCount must be 1 or more (Salamek/huawei-lte-api#15, E5186s-22a); 50 is the web UI's largest page [U].
    if (!Number.isInteger(query.page) || query.page < 1 || !Number.isInteger(query.readCount) || query.readCount < 1 || query.readCount > 50) {
      return { error: PARAMETER }
    }
    if (!Number.isInteger(query.box) || query.box < 1 || query.box > 10) return { error: PARAMETER }
    return { xml: responseXml(this.state.sms.list(query)) }
  }

  private inService(): boolean {
    const { sim, live } = this.state
    return sim.present && sim.pinState === 'ready' && !live.signalIsLost
  }

  private ussdContext() {
    return { sim: this.state.sim, live: this.state.live, inService: this.inService(), planBytes: this.state.planBytes() }
  }
}
