// The content of each simulated endpoint, built from the device's current state. Element names and order
// follow reference/device-protocols.md §1.6–§1.11 and the home-assistant/core huawei_lte diagnostics snapshot
// (tests/components/huawei_lte/snapshots/test_diagnostics.ambr); values come from the live state.
import type { DataConnection } from './data-connection'
import type { LiveState } from './live-state'
import type { SimProfile } from './sim-profile'
import type { SmsStore } from './sms-store'
import type { HuaweiVariant } from './variants'
import { escapeText, responseXml, type Fields } from './xml-writer'

export interface DeviceIdentity {
  imei: string
  serialNumber: string
  macAddress: string
  wanIpv4: string
  wanIpv6: string
}

export interface PlanSettings {
  startDay: number
  dataLimit: string
  monthThreshold: number
  setMonthData: 0 | 1
}

export interface ContentContext {
  variant: HuaweiVariant
  sim: SimProfile
  identity: DeviceIdentity
  live: LiveState
  plan: PlanSettings
  /** The web UI language code the device runs ("en-us"; unit-settings.ts). */
  language: string
  wifiClients: number
  data: DataConnection
  sms: SmsStore
}

const dbm = (value: number): string => `${Math.round(value)}dBm`
const db = (value: number, decimals: 0 | 1 = 0): string => `${value.toFixed(decimals)}dB`

/** rssi is reported with a ">=" prefix once it reaches the top of the scale (reference §1.7: ">=-51dBm"). */
const rssiText = (value: number): string => (value >= -51 ? '>=-51dBm' : dbm(value))

function connected(ctx: ContentContext): boolean {
  return ctx.sim.present && ctx.live.link === 'connected'
}

function hasService(ctx: ContentContext): boolean {
  return ctx.sim.present && ctx.sim.pinState === 'ready' && ctx.live.link !== 'no-signal'
}

/** pin/status and converged-status SimState codes (reference §1.11). */
export function pinSimStateCode(sim: SimProfile): number {
  if (!sim.present) return 255
  if (sim.pinState === 'pin-required') return 260
  if (sim.pinState === 'puk-required') return 261
  if (sim.pinState === 'blocked') return 256
  return 257
}

export function homePage(variant: HuaweiVariant, csrfTokens: readonly string[]): string {
  const metas = csrfTokens.map((token) => `<meta name="csrf_token" content="${escapeText(token)}">`).join('\r\n')
  const param = csrfTokens.length > 0 ? '\r\n<meta name="csrf_param" content="csrf_token">' : ''
  return `<!DOCTYPE html>\r\n<html>\r\n<head>\r\n<meta charset="utf-8">\r\n<meta http-equiv="X-UA-Compatible" content="IE=edge">${param}\r\n${metas}\r\n<title>${escapeText(variant.marketingName)}</title>\r\n</head>\r\n<body class="index_body">\r\n<div id="main_content"></div>\r\n<script type="text/javascript" src="/js/main.js"></script>\r\n</body>\r\n</html>\r\n`
}

export function deviceInformation(ctx: ContentContext): string {
  const { variant, sim, identity } = ctx
  const fields: Array<[string, string]> = [
    ['DeviceName', variant.deviceName],
    ['SerialNumber', identity.serialNumber],
    ['Imei', identity.imei],
    ['Imsi', sim.present ? sim.imsi : ''],
    ['Iccid', sim.present ? sim.iccid : ''],
    ['Msisdn', sim.present ? sim.msisdn : ''],
    ['HardwareVersion', variant.hardwareVersion],
    ['SoftwareVersion', variant.softwareVersion],
    ['WebUIVersion', variant.webUiVersion],
    ['MacAddress1', identity.macAddress],
    ['MacAddress2', ''],
    ['ProductFamily', variant.productFamily],
    ['Classify', variant.classify],
    ['supportmode', variant.radio === 'lte' ? 'LTE|WCDMA|GSM' : 'WCDMA|GSM'],
    ['workmode', hasService(ctx) ? (variant.radio === 'lte' ? 'LTE' : 'WCDMA') : 'NO SERVICE']
  ]
  if (variant.csrf === 'meta') {
    fields.push(['WanIPAddress', connected(ctx) ? identity.wanIpv4 : ''], ['WanIPv6Address', connected(ctx) ? identity.wanIpv6 : ''])
  }
  return responseXml(fields)
}

export function basicInformation(ctx: ContentContext): string {
  const { variant } = ctx
  return responseXml([
    ['productfamily', variant.productFamily],
    ['classify', variant.classify],
    ['multimode', '0'],
    ['restore_default_status', '0'],
    ['sim_save_pin_enable', '0'],
    ['devicename', variant.deviceName],
    ['SoftwareVersion', variant.softwareVersion],
    ['WebUIVersion', variant.webUiVersion],
    ['spreadname_en', variant.marketingName],
    ['spreadname_zh', variant.marketingName]
  ])
}

export function deviceSignal(ctx: ContentContext): string {
  const { live, variant } = ctx
  const on = hasService(ctx)
  if (variant.radio === 'lte') {
    return responseXml([
      ['pci', on ? live.pci : ''],
      ['sc', ''],
      ['cell_id', on ? live.cellId : ''],
      ['rssi', on ? rssiText(live.rssi) : ''],
      ['rsrp', on ? dbm(live.rsrp) : ''],
      ['rsrq', on ? db(live.rsrq, variant.rsrqDecimals) : ''],
      ['sinr', on ? db(live.sinr) : ''],
      ['rscp', ''],
      ['ecio', ''],
      ['mode', on ? 7 : ''],
      ['ulbandwidth', on ? '10MHz' : ''],
      ['dlbandwidth', on ? '10MHz' : ''],
      ['band', on ? (variant.band ?? '') : ''],
      ['txpower', on ? 'PPusch:9dBm PPucch:-2dBm PSrs:12dBm PPrach:4dBm' : ''],
      ['tdd', ''],
      ['transmode', on ? 'TM[2]' : ''],
      ['plmn', on ? ctx.sim.plmn : '']
    ])
  }
  return responseXml([
    ['pci', ''],
    ['sc', on ? live.scramblingCode : ''],
    ['cell_id', on ? live.cellId : ''],
    ['rsrq', ''],
    ['rsrp', ''],
    ['rssi', on ? rssiText(live.rssi) : ''],
    ['sinr', ''],
    ['rscp', on ? dbm(live.rscp) : ''],
    ['ecio', on ? db(live.ecio) : ''],
    ['mode', on ? 2 : '']
  ])
}

/** CurrentNetworkType (legacy) and CurrentNetworkTypeEx codes (reference §1.8). */
function networkTypes(ctx: ContentContext): { legacy: number; ex: number } {
  if (!hasService(ctx)) return { legacy: 0, ex: 0 }
  // HSPA+ for the HSPA+-era hotspot (DC-HSPA+ has no legacy code); LTE otherwise.
  return ctx.variant.radio === 'lte' ? { legacy: 19, ex: 101 } : { legacy: 9, ex: 46 }
}

/** monitoring/status ConnectionStatus (reference §1.8), from the data connection (data-connection.ts). */
export function connectionStatusCode(ctx: ContentContext): number {
  return ctx.data.statusCode()
}

/** BatteryPercent drains slowly with the clock and recharges, so the demo battery moves too. */
function batteryPercent(at: number): number {
  const cycle = 6 * 3_600_000
  const phase = (at % cycle) / cycle
  return Math.round(phase < 0.8 ? 100 - phase * 110 : 12 + ((phase - 0.8) / 0.2) * 88)
}

export function monitoringStatus(ctx: ContentContext, at: number): string {
  const { variant, live, sim, identity } = ctx
  const types = networkTypes(ctx)
  const service = hasService(ctx)
  const up = connected(ctx) && connectionStatusCode(ctx) === 901
  const simStatus = sim.present ? 1 : 255
  const percent = variant.battery ? batteryPercent(at) : undefined
  const charging = percent !== undefined && (at % (6 * 3_600_000)) / (6 * 3_600_000) >= 0.8
  const fields: Array<[string, string | number]> = [
    ['ConnectionStatus', connectionStatusCode(ctx)],
    ['WifiConnectionStatus', ''],
    ['SignalStrength', variant.csrf === 'none' && service ? live.signalIcon() * 20 : ''],
    ['SignalIcon', service ? live.signalIcon() : 0],
    ['CurrentNetworkType', types.legacy],
    ['CurrentServiceDomain', service ? 3 : 0],
    ['RoamingStatus', service && sim.roaming ? 1 : 0],
    ['BatteryStatus', percent === undefined ? '' : charging ? 1 : percent <= 15 ? -1 : 0],
    ['BatteryLevel', percent === undefined ? '' : Math.min(4, Math.floor(percent / 20))],
    ['BatteryPercent', percent ?? ''],
    ['simlockStatus', 0],
    ['WanIPAddress', up ? identity.wanIpv4 : ''],
    ['WanIPv6Address', up && variant.csrf === 'meta' ? identity.wanIpv6 : ''],
    ['PrimaryDns', up ? '10.177.0.34' : ''],
    ['SecondaryDns', up ? '10.177.0.210' : ''],
    ['PrimaryIPv6Dns', ''],
    ['SecondaryIPv6Dns', ''],
    ['CurrentWifiUser', variant.wifiMaxClients === null ? '' : ctx.wifiClients],
    ['TotalWifiUser', variant.wifiMaxClients ?? ''],
    ['currenttotalwifiuser', variant.wifiMaxClients === null ? 0 : ctx.wifiClients],
    ['ServiceStatus', service ? 2 : 0],
    ['SimStatus', simStatus],
    ['WifiStatus', variant.wifiMaxClients === null ? '' : 1],
    ['maxsignal', 5]
  ]
  if (variant.networkTypeEx) {
    fields.splice(5, 0, ['CurrentNetworkTypeEx', types.ex])
    fields.push(['wifiindooronly', '0'], ['classify', variant.classify], ['flymode', '0'], ['cellroam', '1'])
  }
  return responseXml(fields)
}

export function convergedStatus(ctx: ContentContext): string {
  return responseXml([
    ['SimState', pinSimStateCode(ctx.sim)],
    ['SimLockEnable', 0],
    ['CurrentLanguage', ctx.language]
  ])
}

export function trafficStatistics(ctx: ContentContext): string {
  const { live } = ctx
  const up = connected(ctx)
  return responseXml([
    ['CurrentConnectTime', live.sessionSeconds],
    ['CurrentUpload', live.sessionUp],
    ['CurrentDownload', live.sessionDown],
    ['CurrentDownloadRate', up ? Math.round(live.downRate) : 0],
    ['CurrentUploadRate', up ? Math.round(live.upRate) : 0],
    ['TotalUpload', live.totalUp],
    ['TotalDownload', live.totalDown],
    ['TotalConnectTime', live.totalSeconds],
    ['showtraffic', 1]
  ])
}

export function monthStatistics(ctx: ContentContext): string {
  const { live } = ctx
  return responseXml([
    ['CurrentMonthDownload', live.monthDown],
    ['CurrentMonthUpload', live.monthUp],
    ['MonthDuration', live.monthSeconds],
    ['MonthLastClearTime', live.monthLastClear],
    ['CurrentDayUsed', live.dayUsed],
    ['CurrentDayDuration', live.daySeconds]
  ])
}

export function startDate(ctx: ContentContext): string {
  const { plan } = ctx
  return responseXml([
    ['StartDay', plan.startDay],
    ['DataLimit', plan.dataLimit],
    ['DataLimitAwoke', 0],
    ['MonthThreshold', plan.monthThreshold],
    ['SetMonthData', plan.setMonthData],
    ['trafficmaxlimit', 0],
    ['turnoffdataenable', 0],
    ['turnoffdataswitch', 0],
    ['turnoffdataflag', 0]
  ])
}

export function currentPlmn(ctx: ContentContext): string {
  const { sim, variant } = ctx
  const on = hasService(ctx)
  const fields: Fields = [
    ['State', 0],
    ['FullName', on ? sim.operatorFullName : ''],
    ['ShortName', on ? sim.operatorShortName : ''],
    ['Numeric', on ? sim.plmn : ''],
    ['Rat', on ? (variant.radio === 'lte' ? 7 : 2) : ''],
    ...(variant.csrf === 'meta' ? ([['Spn', sim.present ? sim.spn : '']] as Fields) : [])
  ]
  return responseXml(fields)
}

export function pinStatus(ctx: ContentContext): string {
  const { sim } = ctx
  return responseXml([
    ['SimState', pinSimStateCode(sim)],
    // 258 = PIN lock off; 257 for "on" is [U] (the reference lists 258 only).
    ['PinOptState', sim.pinLockEnabled === true ? 257 : 258],
    ['SimPinTimes', sim.present ? sim.pinAttemptsLeft : ''],
    ['SimPukTimes', sim.present ? sim.pukAttemptsLeft : '']
  ])
}

export function checkNotifications(ctx: ContentContext): string {
  return responseXml([
    ['UnreadMessage', ctx.sms.unread],
    ['SmsStorageFull', ctx.sms.full ? 1 : 0],
    ['OnlineUpdateStatus', 10]
  ])
}

/** global/module-switch, as the public dumps show it (an E3372-era list); encrypt_enabled per variant. */
export function moduleSwitch(ctx: ContentContext): string {
  const { variant } = ctx
  const wifi = variant.wifiMaxClients === null ? 0 : 1
  return responseXml([
    ['ussd_enabled', 1],
    ['bbou_enabled', 1],
    ['sms_enabled', 1],
    ['sdcard_enabled', 0],
    ['wifi_enabled', wifi],
    ['statistic_enabled', 1],
    ['help_enabled', 1],
    ['stk_enabled', 0],
    ['pb_enabled', 1],
    ['dlna_enabled', 0],
    ['ota_enabled', 1],
    ['wifioffload_enabled', 0],
    ['cradle_enabled', 0],
    ['multssid_enable', 0],
    ['ipv6_enabled', variant.radio === 'lte' ? 1 : 0],
    ['monthly_volume_enabled', 1],
    ['powersave_enabled', variant.battery ? 1 : 0],
    ['sntp_enabled', 1],
    ['encrypt_enabled', variant.encryption === 'required' ? 1 : 0],
    ['dataswitch_enabled', 1],
    ['poweroff_enabled', variant.battery ? 1 : 0]
  ])
}

export function mobileDataSwitch(ctx: ContentContext): string {
  return responseXml([['dataswitch', ctx.data.enabled ? 1 : 0]])
}
