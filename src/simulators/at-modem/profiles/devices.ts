// The modems the simulator can impersonate. A profile is identity (what +CGMI/ATI/… print), the command
// dialect it speaks on top of 27.007, and a few firmware quirks. Identity strings come from public captures
// where one exists (cited per profile); version strings without a capture are marked [U] — plausible
// values in the vendor's numbering scheme, not copied from a unit.

export type Vendor = 'generic' | 'huawei' | 'zte' | 'quectel'

export type IccidCommand = '+CCID' | '+ICCID' | '^ICCID' | '+ZICCID' | '+ZGETICCID' | '+QCCID' | '+CICCID'

export type DeviceProfileId =
  | 'generic-lte'
  | 'huawei-e3372h'
  | 'huawei-e3276'
  | 'zte-mf833'
  | 'zte-mf823'
  | 'quectel-ec25'
  | 'quectel-em12'

export interface DeviceProfile {
  id: DeviceProfileId
  vendor: Vendor
  /** +CGMI / +GMI. */
  manufacturer: string
  /** +CGMM / +GMM. */
  model: string
  /** +CGMR / +GMR. */
  revision: string
  /** Type Allocation Code (first 8 IMEI digits). Serial digits come from the seed. */
  imeiTac: string
  /** What ATI prints, given the IMEI. */
  ati(imei: string): string[]
  gcap: string
  /** USB identity in the mode the AT port is reachable (reference device-protocols.md §5.2, §4.8). */
  usb: { vendorId: string; productId: string; atInterface: number }
  iccidCommands: readonly IccidCommand[]
  /** +CPINR (27.007 §8.65) support; vendors without it expose their own counters. */
  cpinr: boolean
  /** +C5GREG (27.007 §7.43) — only 5G-capable firmware knows it. */
  c5greg: boolean
  /** Default +CSCS. */
  charset: 'GSM' | 'IRA' | 'UCS2'
  /** Default +CMEE after power-on [U: firmware defaults vary; MM always sets it]. */
  cmeeDefault: 0 | 1 | 2
  /** Highest PDP context id accepted by +CGDCONT. */
  maxCid: number
  /** Quectel +QENG LTE layout: EC2x (…,SINR,srxlev) or the CQI/tx_power layout of EM12/RM5xx. */
  qengLayout?: 'ec2x' | 'em12'
}

/** Huawei E3372h-153 in stick (serial) mode, 12d1:1506. */
const huaweiE3372h: DeviceProfile = {
  id: 'huawei-e3372h',
  vendor: 'huawei',
  manufacturer: 'huawei',
  model: 'E3372',
  // "Revision: 21.180.01.00.00" — public E3372 ATI capture (macOS /dev/cu.HUAWEIMobile-Pcui notes, indexed
  // copy) and a cellary test note listing "Model: E3372 / Revision: 21.180.01.00.00".
  revision: '21.180.01.00.00',
  imeiTac: '86785603',
  // ATI layout: same capture ("Manufacturer: huawei / Model: E3372 / Revision / IMEI / +GCAP: +CGSM,+DS,+ES").
  ati: (imei) => ['Manufacturer: huawei', 'Model: E3372', 'Revision: 21.180.01.00.00', `IMEI: ${imei}`, '+GCAP: +CGSM,+DS,+ES'],
  gcap: '+GCAP: +CGSM,+DS,+ES',
  // 12d1:1506 is the E3372h stick-mode id; PCUI (AT) is usbif 2 [U per device-protocols.md §4.8].
  usb: { vendorId: '12d1', productId: '1506', atInterface: 2 },
  iccidCommands: ['^ICCID'],
  cpinr: false,
  c5greg: false,
  charset: 'IRA',
  cmeeDefault: 0,
  maxCid: 16
}

/** Huawei E3276 (older Balong LTE stick); same dialect, older firmware line. */
const huaweiE3276: DeviceProfile = {
  ...huaweiE3372h,
  id: 'huawei-e3276',
  model: 'E3276',
  revision: '21.192.05.00.00', // [U] version in Huawei's 21.x stick-firmware scheme
  imeiTac: '86372601',
  ati: (imei) => ['Manufacturer: huawei', 'Model: E3276', 'Revision: 21.192.05.00.00', `IMEI: ${imei}`, '+GCAP: +CGSM,+DS,+ES'],
  usb: { vendorId: '12d1', productId: '1506', atInterface: 2 }
}

/**
 * ZTE MF833V in modem mode. ATI layout follows public ZTE captures ("Manufacturer: ZTE INCORPORATED /
 * Model: MF627 / Revision: BD_… / IMEI / +GCAP: …" in ModemManager-era test data and minicom notes for MF100).
 */
const zteMf833: DeviceProfile = {
  id: 'zte-mf833',
  vendor: 'zte',
  manufacturer: 'ZTE INCORPORATED',
  model: 'MF833V',
  revision: 'BD_MF833VV1.0.0B06', // [U]
  imeiTac: '86682402',
  ati: (imei) => ['Manufacturer: ZTE INCORPORATED', 'Model: MF833V', 'Revision: BD_MF833VV1.0.0B06', `IMEI: ${imei}`, '+GCAP: +CGSM,+DS,+ES'],
  gcap: '+GCAP: +CGSM,+DS,+ES',
  // 19d2:1403-family ids vary by firmware; 0x1405 is the ECM modem-mode id seen on MF833 [U].
  usb: { vendorId: '19d2', productId: '1405', atInterface: 2 },
  iccidCommands: ['+ZICCID', '+ZGETICCID'],
  cpinr: false,
  c5greg: false,
  charset: 'IRA',
  cmeeDefault: 0,
  maxCid: 11
}

const zteMf823: DeviceProfile = {
  ...zteMf833,
  id: 'zte-mf823',
  model: 'MF823',
  revision: 'BD_P673A2V1.0.0B09', // [U]
  imeiTac: '86392801',
  ati: (imei) => ['Manufacturer: ZTE INCORPORATED', 'Model: MF823', 'Revision: BD_P673A2V1.0.0B09', `IMEI: ${imei}`, '+GCAP: +CGSM,+DS,+ES'],
  usb: { vendorId: '19d2', productId: '1405', atInterface: 2 }
}

/**
 * Quectel EC25. ATI layout "Quectel / EG25 / Revision: EG25GGBR07A08M2G" from a public EG25-G capture
 * (lukejenkins/cwd documentation/quectel_ec2x_and_eg2x/outputs.md); USB 2c7c:0125, AT on if02
 * (reference device-protocols.md §4.7).
 */
const quectelEc25: DeviceProfile = {
  id: 'quectel-ec25',
  vendor: 'quectel',
  manufacturer: 'Quectel',
  model: 'EC25',
  revision: 'EC25AFFAR07A14M4G', // [U] Quectel revision scheme; AF = North America variant
  imeiTac: '86676704',
  ati: () => ['Quectel', 'EC25', 'Revision: EC25AFFAR07A14M4G'],
  gcap: '+GCAP: +CGSM',
  usb: { vendorId: '2c7c', productId: '0125', atInterface: 2 },
  iccidCommands: ['+QCCID', '+CCID'],
  cpinr: false,
  c5greg: false,
  charset: 'GSM',
  cmeeDefault: 1,
  maxCid: 15,
  qengLayout: 'ec2x'
}

const quectelEm12: DeviceProfile = {
  ...quectelEc25,
  id: 'quectel-em12',
  model: 'EM12',
  revision: 'EM12GPAR01A21M4G', // [U]
  imeiTac: '86843204',
  ati: () => ['Quectel', 'EM12', 'Revision: EM12GPAR01A21M4G'],
  usb: { vendorId: '2c7c', productId: '0512', atInterface: 2 },
  qengLayout: 'em12'
}

/** A plain 27.007 LTE modem with no vendor dialect: the baseline every client must handle. */
const genericLte: DeviceProfile = {
  id: 'generic-lte',
  vendor: 'generic',
  manufacturer: 'Hotspot Desk',
  model: 'Simulated LTE Modem',
  revision: 'SIM-LTE-1.0',
  imeiTac: '35000001',
  ati: (imei) => ['Hotspot Desk', 'Simulated LTE Modem', 'Revision: SIM-LTE-1.0', `IMEI: ${imei}`],
  gcap: '+GCAP: +CGSM',
  usb: { vendorId: '1d6b', productId: '0104', atInterface: 0 },
  iccidCommands: ['+CCID', '+ICCID'],
  cpinr: true,
  c5greg: true,
  charset: 'IRA',
  cmeeDefault: 0,
  maxCid: 16
}

export const DEVICE_PROFILES: Readonly<Record<DeviceProfileId, DeviceProfile>> = {
  'generic-lte': genericLte,
  'huawei-e3372h': huaweiE3372h,
  'huawei-e3276': huaweiE3276,
  'zte-mf833': zteMf833,
  'zte-mf823': zteMf823,
  'quectel-ec25': quectelEc25,
  'quectel-em12': quectelEm12
}
