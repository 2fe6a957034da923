// Firmware variants the simulator can play. Each row is a firmware generation's observable behaviour, taken
// from reference/device-protocols.md §0–§1; version strings and unit-specific numbers are plausible values, not
// copied from a real unit ([U] throughout for those).

import type { DialupQuirks } from './dialup-profiles'
import type { WlanProfile } from './wlan'

export type VariantId = 'E5577' | 'E3372h' | 'UMG587' | 'E5785'

export interface HuaweiVariant {
  id: VariantId
  /** device/information DeviceName. */
  deviceName: string
  /** basic_information spreadname_en (marketing name). */
  marketingName: string
  classify: 'mobile-wifi' | 'hilink'
  productFamily: string
  hardwareVersion: string
  softwareVersion: string
  webUiVersion: string
  /** Where the real unit lives on its LAN (for documentation; the simulator only ever binds 127.0.0.1). */
  defaultLanIp: string
  /** user/hilink_login: false = this device asks no login at all (HiLink sticks' factory default). */
  loginRequired: boolean
  /** Firmware answers user/hilink_login at all. */
  hilinkLoginEndpoint: boolean
  /** state-login password_type; null = the field is absent (old firmware; clients fall back to 0). */
  passwordType: 0 | 3 | 4 | null
  /** 'scram' sets extern_password_type=1 and enables challenge/authentication_login. */
  loginMode: 'classic' | 'scram'
  /** 'meta' = CSRF tokens on the home page and single-use tokens on every POST; 'none' = no tokens (old E5). */
  csrf: 'meta' | 'none'
  tokenEndpoints: boolean
  /** Endpoints that answer 100003 until someone logs in (only when loginRequired). */
  protectedEndpoints: readonly string[]
  /** Endpoints this firmware does not have at all (100002). */
  missingEndpoints: readonly string[]
  battery: boolean
  /** null = no Wi-Fi access point (USB stick). */
  wifiMaxClients: number | null
  /** Which WLAN API the firmware answers and whether it shows keys (wlan.ts); null = no Wi-Fi. */
  wlan: WlanProfile | null
  radio: 'lte' | 'umts'
  band: string | undefined
  /** monitoring/status has CurrentNetworkTypeEx (newer firmware) besides CurrentNetworkType. */
  networkTypeEx: boolean
  /** rsrq printed with one decimal ("-10.5dB", as in home-assistant/core's diagnostics snapshot) or none. */
  rsrqDecimals: 0 | 1
  /**
   * The encrypted request form (reference §1.5): 'none' = no webserver/publickey; 'accepted' = the key is there
   * and encrypted setters are understood (Salamek always encrypts dial-up profiles and PIN operations), but
   * module-switch says encrypt_enabled 0 and plaintext works too; 'required' = encrypt_enabled 1 and
   * plaintext dial-up profile / PIN setters are refused.
   */
  encryption: 'none' | 'accepted' | 'required'
  /** state-login rsapadingtype: 0 PKCS#1 v1.5, 1 OAEP. */
  rsaPadding: 0 | 1
  dialup: DialupQuirks
}

const COMMON_PROTECTED = [
  'device/information',
  'monitoring/month_statistics',
  'monitoring/start_date',
  'pin/status',
  'user/heartbeat',
  'dialup/profiles',
  'dialup/mobile-dataswitch',
  'sms/sms-count',
  'sms/send-status',
  'ussd/get',
  'ussd/status',
  'ussd/release',
  'wlan/multi-basic-settings',
  'wlan/basic-settings',
  'wlan/security-settings',
  'online-update/autoupdate-config'
]

export const VARIANTS: Readonly<Record<VariantId, HuaweiVariant>> = {
  // E5 "Mobile WiFi" pocket router, 2016+ WebUI 17: CSRF meta tokens, classic login with password_type 4
  // (reference §1.2, §1.3). Battery and Wi-Fi clients in monitoring/status (§1.8).
  E5577: {
    id: 'E5577',
    deviceName: 'E5577Cs-321',
    marketingName: 'HUAWEI Mobile WiFi',
    classify: 'mobile-wifi',
    productFamily: 'LTE',
    hardwareVersion: 'CL1E5577SM01', // [U]
    softwareVersion: '21.333.64.00.1456', // [U]
    webUiVersion: 'WEBUI 17.100.18.03.1456', // [U]
    defaultLanIp: '192.168.8.1',
    loginRequired: true,
    hilinkLoginEndpoint: true,
    passwordType: 4,
    loginMode: 'classic',
    csrf: 'meta',
    tokenEndpoints: true,
    protectedEndpoints: COMMON_PROTECTED,
    missingEndpoints: [],
    battery: true,
    wifiMaxClients: 16, // [U]
    // WebUI 17 multi-SSID API; whether this generation still shows the key in the GET is [U] (Salamek's
    // set_multi_basic_settings body leaves WifiWpapsk out, as if it were there to copy).
    wlan: { api: 'multi', keyReadable: true, guestSsid: false },
    radio: 'lte',
    band: '4', // AWS-1, a T-Mobile US LTE band; whether this SKU has it is [U]
    networkTypeEx: true,
    rsrqDecimals: 1,
    encryption: 'accepted',
    rsaPadding: 1,
    // The quirks Salamek/huawei-lte-api#221 saw on the E5576-320, assumed for its E5577 sibling [U].
    dialup: { addMakesDefault: true, requireDialupNumber: true, presetReadOnly: 2, ipType: true }
  },
  // HiLink USB stick: no battery, no Wi-Fi; hilink_login = 0 means no login at all by default (reference §1.3).
  E3372h: {
    id: 'E3372h',
    deviceName: 'E3372h-153',
    marketingName: 'HUAWEI 4G Dongle',
    classify: 'hilink',
    productFamily: 'LTE',
    hardwareVersion: 'CL2E3372HM', // [U]
    softwareVersion: '22.323.01.00.143', // [U]
    webUiVersion: 'WEBUI 17.100.13.01.03', // [U]
    defaultLanIp: '192.168.8.1',
    loginRequired: false,
    hilinkLoginEndpoint: true,
    passwordType: 4,
    loginMode: 'classic',
    csrf: 'meta',
    tokenEndpoints: true,
    protectedEndpoints: COMMON_PROTECTED,
    missingEndpoints: [],
    battery: false,
    wifiMaxClients: null,
    wlan: null,
    radio: 'lte',
    band: '2', // [U] demo value
    networkTypeEx: true,
    rsrqDecimals: 0,
    encryption: 'accepted',
    rsaPadding: 1,
    dialup: { addMakesDefault: false, requireDialupNumber: false, presetReadOnly: 1, ipType: true }
  },
  // T-Mobile "Sonic 4G Mobile HotSpot" = Huawei UMG587, E587-family E5 from the HSPA+ era (reference §0, [U]
  // for everything that distinguishes it): default LAN 192.168.1.1; assumed here to predate CSRF tokens,
  // state-login without password_type (so base64 / type 0, reference §1.3 and Salamek/huawei-lte-api#129),
  // no hilink_login, basic_information or converged-status, and no CurrentNetworkTypeEx.
  UMG587: {
    id: 'UMG587',
    deviceName: 'UMG587',
    marketingName: 'T-Mobile Sonic 4G Mobile HotSpot',
    classify: 'mobile-wifi',
    productFamily: 'UMTS',
    hardwareVersion: 'CH1UMG587M', // [U]
    softwareVersion: '11.433.15.00.533', // [U]
    webUiVersion: '11.001.07.02.533', // [U]
    defaultLanIp: '192.168.1.1',
    loginRequired: true,
    hilinkLoginEndpoint: false,
    passwordType: null,
    loginMode: 'classic',
    csrf: 'none',
    tokenEndpoints: false,
    protectedEndpoints: COMMON_PROTECTED,
    // No mobile-dataswitch (data goes on and off with the legacy dialup/dial, reference §1.10), no module
    // switches and no public key (it predates the encrypted form).
    missingEndpoints: [
      'device/basic_information',
      'monitoring/converged-status',
      'user/hilink_login',
      'dialup/mobile-dataswitch',
      'global/module-switch',
      'webserver/publickey',
      // Firmware of the E587 era update only from the PC client; no auto-update setting [U].
      'online-update/autoupdate-config'
    ],
    battery: true,
    wifiMaxClients: 5, // [U]
    // E587-era single-SSID API: basic-settings + security-settings, the key readable by an admin [U for this unit].
    wlan: { api: 'single', keyReadable: true, guestSsid: false },
    radio: 'umts',
    band: undefined,
    networkTypeEx: false,
    rsrqDecimals: 0,
    encryption: 'none',
    rsaPadding: 0,
    dialup: { addMakesDefault: false, requireDialupNumber: false, presetReadOnly: 1, ipType: false }
  },
  // A newer E5 pocket router (E5785 "Mobile WiFi Pro" generation): SCRAM login and encrypt_enabled 1, so dial-up
  // profiles and PIN operations must arrive encrypted (reference §1.4, §1.5). Which exact firmware refuses
  // plaintext is [U]; this variant is the "encryption required" case.
  E5785: {
    id: 'E5785',
    deviceName: 'E5785Lh-22c',
    marketingName: 'HUAWEI Mobile WiFi Pro',
    classify: 'mobile-wifi',
    productFamily: 'LTE',
    hardwareVersion: 'CL1E5785LM', // [U]
    softwareVersion: '11.0.2.1(H195SP2C983)', // [U]
    webUiVersion: 'WEBUI 11.0.2.1(W3SP2C7110)', // [U]
    defaultLanIp: '192.168.8.1',
    loginRequired: true,
    hilinkLoginEndpoint: true,
    passwordType: 4,
    loginMode: 'scram',
    csrf: 'meta',
    tokenEndpoints: true,
    protectedEndpoints: COMMON_PROTECTED,
    missingEndpoints: [],
    battery: true,
    wifiMaxClients: 16, // [U]
    // The E5785 firmware dump (janglapuk/huawei-e5785lh-92a-fw): multi-SSID with a guest SSID, keys blanked in the GET.
    wlan: { api: 'multi', keyReadable: false, guestSsid: true },
    radio: 'lte',
    band: '66', // AWS-3, a T-Mobile US LTE band [U]
    networkTypeEx: true,
    rsrqDecimals: 1,
    encryption: 'required',
    rsaPadding: 1,
    dialup: { addMakesDefault: false, requireDialupNumber: false, presetReadOnly: 2, ipType: true }
  }
}

export function isVariantId(value: string): value is VariantId {
  return Object.prototype.hasOwnProperty.call(VARIANTS, value)
}
