// Device profiles the ZTE simulator can play. What the reference establishes for all of them: the goform
// transport, the field names of §2.4, APN_PROC_EX (§2.5), the setters of §2.6, SMS (§2.7) and USSD (§2.8).
// Everything unit-specific below — version strings, which alternative field name a unit uses, slot counts —
// is a plausible choice, not read from a real unit, and marked [U].

import type { ZteVariantId } from './variants'

export type ZteProfileId = 'MF61' | 'MF96' | 'MF79U'

export interface ZteDeviceProfile {
  id: ZteProfileId
  /** What users call it. */
  marketingName: string
  /** modem_model ('' = the firmware does not report it). */
  modemModel: string
  hwVersion: string
  waInnerVersion: string
  crVersion: string
  defaultVariant: ZteVariantId
  /** For documentation: where the real unit lives (the simulator only ever binds 127.0.0.1). */
  defaultLanIp: string
  radio: 'umts' | 'lte'
  /** network_type while in service. */
  networkType: string
  /** Field that carries the band, and its text; null = not reported. */
  band: { field: 'lte_band' | 'wan_active_band'; value: string } | null
  sinrField: 'lte_snr' | 'lte_sinr'
  /** RSRQ printed without its minus sign (reference §2.4: the stock UI prepends "-"). */
  rsrqPositive: boolean
  iccidField: 'sim_iccid' | 'iccid' | 'ziccid'
  imsiField: 'imsi' | 'sim_imsi'
  msisdnField: 'msisdn' | 'sim_msisdn'
  /** SPN as sim_spn (plain) or spn_name_data (UCS2 hex, reference §2.4). */
  spnField: 'sim_spn' | 'spn_name_data'
  /** rmcc/rmnc (registered PLMN) reported. */
  reportsPlmn: boolean
  battery: boolean
  wifiMaxClients: number
  /** APN_config0..N-1 (older firmware have ten, reference §2.5). */
  apnSlots: 10 | 20
  apnTable: 'APN_config' | 'APN_configtmp'
  /** Start in apn_mode=auto (the operator preset) instead of manual slot 0. */
  apnAutoMode: boolean
  /** Device-memory SMS slots (sms_nv_total). */
  smsCapacity: number
  /**
   * The message list repeats a long message's id once per stored part (firmware without
   * SMS_DATABASE_SORT_SUPPORT; the stock UI keeps the longest row per id, com.js parseMessages) [U which units].
   */
  smsRepeatsConcatRows: boolean
  /** IPv6 WAN address reported (dual-stack firmware). */
  ipv6: boolean
}

export const PROFILES: Readonly<Record<ZteProfileId, ZteDeviceProfile>> = {
  // T-Mobile "4G Mobile Hotspot" = ZTE MF61 (reference §0: HSPA+21, 2011, not LTE; computerworld.com review).
  // Pre-LD/AD era → base64 login without AD (reference §0 "pre-LD/AD era", §2.2 lists MF61 as old firmware).
  // Unknown for this unit and chosen here [U]: every version string; that it already speaks APN_PROC_EX with ten
  // APN_config slots (K4607-Z-class firmware used SET_ACCOUNT_TYPE instead); sim_iccid/msisdn field names;
  // rssi/rscp/ecio as the 3G signal fields; no band field; the repeated concat rows in the SMS list.
  MF61: {
    id: 'MF61',
    marketingName: 'T-Mobile 4G Mobile Hotspot',
    modemModel: 'MF61',
    hwVersion: 'MF61-HW1.0', // [U]
    waInnerVersion: 'T-Mobile_MF61_V1.0.0B09', // [U]
    crVersion: '', // [U]
    defaultVariant: 'base64',
    defaultLanIp: '192.168.0.1',
    radio: 'umts',
    networkType: 'HSPA+',
    band: null,
    sinrField: 'lte_snr',
    rsrqPositive: false,
    iccidField: 'sim_iccid',
    imsiField: 'sim_imsi',
    msisdnField: 'msisdn',
    spnField: 'spn_name_data',
    reportsPlmn: false,
    battery: true,
    wifiMaxClients: 5, // [U]
    apnSlots: 10,
    apnTable: 'APN_config',
    apnAutoMode: false,
    smsCapacity: 100, // [U]
    smsRepeatsConcatRows: true,
    ipv6: false
  },
  // T-Mobile "Sonic 2.0 LTE Mobile HotSpot" = ZTE MF96 (reference §0, goform [U]). A 2012 LTE unit: assumed
  // still base64 without AD [U]; LTE fields with lte_sinr and a positive RSRQ (the quirk of §2.4) [U];
  // T-Mobile's 2012 LTE band 4 (AWS) [U]; iccid and sim_msisdn as the field names [U].
  MF96: {
    id: 'MF96',
    marketingName: 'T-Mobile Sonic 2.0 LTE Mobile HotSpot',
    modemModel: 'MF96',
    hwVersion: 'MF96-HW1.1', // [U]
    waInnerVersion: 'TMO_MF96_V1.0.0B05', // [U]
    crVersion: 'CR_MF96V1.0.0B05', // [U]
    defaultVariant: 'base64',
    defaultLanIp: '192.168.0.1',
    radio: 'lte',
    networkType: 'LTE',
    band: { field: 'lte_band', value: '4' },
    sinrField: 'lte_sinr',
    rsrqPositive: true,
    iccidField: 'iccid',
    imsiField: 'imsi',
    msisdnField: 'sim_msisdn',
    spnField: 'spn_name_data',
    reportsPlmn: false,
    battery: true,
    wifiMaxClients: 10, // [U]
    apnSlots: 20,
    apnTable: 'APN_config',
    apnAutoMode: false,
    smsCapacity: 100, // [U]
    smsRepeatsConcatRows: false,
    ipv6: false
  },
  // A modern MF79U-class USB Wi-Fi modem (no battery): SHA-256+LD login with MD5 AD (reference §2.2 lists
  // MF79U/MF833-class 2019+; some MF79U firmware still take base64, pmcrwf-mid/ZTE-MF79U-api main.py). Version
  // format after "BD_XCBZHKMF79UV1.0.0B01" seen in a public MF79U write-up [U]. sim_iccid, imsi, msisdn,
  // wan_active_band and lte_snr are in an MF79U attribute list (an1by/ZTEModemAPI docs/ATTRIBUTES.md); the
  // "LTE BAND n" text, sim_spn and rmcc/rmnc are [U]; starts on the automatic
  // APN [U]; dual-stack with an IPv6 WAN address (T-Mobile is IPv6-first, reference/carriers.md §5).
  MF79U: {
    id: 'MF79U',
    marketingName: 'ZTE MF79U 4G LTE USB Wi-Fi Modem',
    modemModel: 'MF79U',
    hwVersion: 'MF79U-HW1.0',
    waInnerVersion: 'BD_MF79UV1.0.0B06', // [U]
    crVersion: '', // empty on MF79-family firmware (MF79RU guide §5.3)
    defaultVariant: 'sha256-md5ad',
    defaultLanIp: '192.168.0.1',
    radio: 'lte',
    networkType: 'LTE',
    band: { field: 'wan_active_band', value: 'LTE BAND 66' },
    sinrField: 'lte_snr',
    rsrqPositive: false,
    iccidField: 'sim_iccid',
    imsiField: 'imsi',
    msisdnField: 'msisdn',
    spnField: 'sim_spn',
    reportsPlmn: true,
    battery: false,
    wifiMaxClients: 10,
    apnSlots: 20,
    apnTable: 'APN_config',
    apnAutoMode: true,
    smsCapacity: 100, // sms_nv_total on MF79RU (guide §1)
    smsRepeatsConcatRows: false,
    ipv6: true
  }
}

export function isProfileId(value: string): value is ZteProfileId {
  return Object.prototype.hasOwnProperty.call(PROFILES, value)
}
