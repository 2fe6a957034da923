// Which operations this particular Huawei device can do, learned once after the first login with cheap GETs:
// an endpoint that answers 100002 (or redirects) is absent, and global/module-switch says whether the firmware
// switched a feature off (ussd_enabled, sms_enabled) and whether setters go encrypted (encrypt_enabled, §1.5).
// Capabilities are declared only when the whole path works: e.g. apnWrite on an encrypting device needs a key.
// Wi-Fi: wifi_enabled in module-switch, then whichever WLAN API answers (wifi.ts: multi-basic-settings first, the
// single-SSID basic-settings + security-settings pair on older E5 firmware); sticks answer 100002 to both.
import { ContractError } from '../../../contract/errors'
import type { DevicePreferenceName } from '../../driver'
import type { Capability } from '../../model'
import type { HuaweiFeatures } from './ops-context'
import { parsePublicKey } from './rsa'
import type { HuaweiSession } from './session'
import { HUAWEI_SETTINGS_ENDPOINTS } from './settings-ops'
import type { HuaweiWlanApi } from './wifi'
import { textOf, type XmlRecord } from './xml'

export interface ProbeResult {
  capabilities: Capability[]
  features: HuaweiFeatures
}

export async function probeOperations(session: HuaweiSession, signal?: AbortSignal): Promise<ProbeResult> {
  const look = (endpoint: string): Promise<XmlRecord | undefined> => optional(() => session.getOptional(endpoint, signal))
  const modules = await look('global/module-switch')
  const enabled = (name: string): boolean => textOf(modules, name) !== '0' // absent switch = not switched off
  const encrypt = textOf(modules, 'encrypt_enabled') === '1'
  const capabilities: Capability[] = []

  const wlan = enabled('wifi_enabled') ? await wlanApi(look) : 'none'
  const keyUsable = !encrypt || parsePublicKey(await look('webserver/publickey')).ok
  if (await look('dialup/profiles')) {
    capabilities.push('apnRead')
    if (keyUsable) capabilities.push('apnWrite')
  }
  const dataSwitch = await look('dialup/mobile-dataswitch')
  const status = await look('monitoring/status')
  if (textOf(status, 'ConnectionStatus') !== undefined) capabilities.push('dataSwitch')
  if (await look('monitoring/traffic-statistics')) capabilities.push('usageReset')
  // device/control has no GET to probe; every HiLink and E5 firmware in the reference has it (§1.6).
  capabilities.push('reboot')
  if (keyUsable && (await look('pin/status'))) capabilities.push('pinUnlock')
  if (enabled('ussd_enabled') && (await look('ussd/status'))) capabilities.push('ussd')
  if (enabled('sms_enabled') && (await look('sms/sms-count'))) capabilities.push('sms')
  if (wlan !== 'none' && keyUsable) capabilities.push('wifiSettings')
  // Unit settings: each endpoint on its own; old E5 firmware have no online-update config, sticks may lack more.
  const settings = new Set<DevicePreferenceName>()
  for (const name of ['dataPlan', 'language', 'autoUpdate'] as const) {
    if (await look(HUAWEI_SETTINGS_ENDPOINTS[name])) settings.add(name)
  }
  if (settings.size > 0) capabilities.push('deviceSettings')

  return { capabilities, features: { dataLink: dataSwitch ? 'dataswitch' : 'dial', encrypt, wlan, settings } }
}

async function wlanApi(look: (endpoint: string) => Promise<XmlRecord | undefined>): Promise<HuaweiWlanApi | 'none'> {
  if (await look('wlan/multi-basic-settings')) return 'multi'
  if ((await look('wlan/basic-settings')) && (await look('wlan/security-settings'))) return 'single'
  return 'none'
}

/** A probe that fails for any reason but a dead device is "not offered", not a failed open. */
async function optional<T>(probe: () => Promise<T>): Promise<T | undefined> {
  try {
    return await probe()
  } catch (error) {
    if (error instanceof ContractError && error.code !== 'DEVICE_GONE' && error.code !== 'TIMEOUT' && error.code !== 'CANCELLED') return undefined
    throw error
  }
}
