// The bytes that move a USB modem out of its virtual CD-ROM ("ZeroCD") mode, as usb_modeswitch sends them
// (reference/device-protocols.md §5.3). Most are 31-byte USB Mass-Storage Command Block Wrappers written to
// the bulk-OUT endpoint; a few vendors switch on a control request instead. Pure data, no I/O: mode-switch.ts
// sends what this file builds, and the unit tests compare every message byte for byte with §5.3.
// Sources: RMerl/asuswrt-merlin:release/src/router/usb-modeswitch/usb_modeswitch.c (StandardEject, HuaweiNewMode,
// switchHuaweiMode, switchSierraMode); Debian usb-modeswitch-data 20191128 configPack (per-device MessageContent).

/** Length of every Command Block Wrapper (USB Mass Storage Class, Bulk-Only Transport §5.1). */
export const CBW_LENGTH = 31
const CBW_SIGNATURE = [0x55, 0x53, 0x42, 0x43] // "USBC"
const CDB_LENGTH = 16

export interface CbwFields {
  /** dCBWTag, written little-endian as usb_modeswitch's hex strings spell it (bytes 4–7 as given). */
  tag: readonly [number, number, number, number]
  /** dCBWDataTransferLength (little-endian u32). */
  dataLength: number
  /** bmCBWFlags: 0x80 = data-in. */
  flags: number
  lun: number
  /** bCBWCBLength as sent. HuaweiNewMode sends 0 here although its CDB is not empty (§5.3 "CB-length byte 00 (!)"). */
  cdbLength: number
  /** Up to 16 bytes; the rest of the 16-byte CDB field is zero. */
  cdb: readonly number[]
}

/** Lays out a 31-byte CBW. Throws RangeError on out-of-range fields (a programming error, not device input). */
export function buildCbw(fields: CbwFields): Uint8Array {
  if (fields.cdb.length > CDB_LENGTH) throw new RangeError(`a CDB holds at most ${CDB_LENGTH} bytes, got ${fields.cdb.length}`)
  for (const byte of [...fields.tag, fields.flags, fields.lun, fields.cdbLength, ...fields.cdb]) {
    if (!Number.isInteger(byte) || byte < 0 || byte > 0xff) throw new RangeError(`CBW byte out of range: ${byte}`)
  }
  if (!Number.isInteger(fields.dataLength) || fields.dataLength < 0 || fields.dataLength > 0xffffffff) {
    throw new RangeError(`CBW data length out of range: ${fields.dataLength}`)
  }
  const bytes = new Uint8Array(CBW_LENGTH)
  bytes.set(CBW_SIGNATURE, 0)
  bytes.set(fields.tag, 4)
  new DataView(bytes.buffer).setUint32(8, fields.dataLength, true)
  bytes[12] = fields.flags
  bytes[13] = fields.lun
  bytes[14] = fields.cdbLength
  bytes.set(fields.cdb, 15)
  return bytes
}

/**
 * Fields of Huawei's vendor SCSI command 0x11 ("SC_REWIND_11") that picks the USB composition a Balong stick
 * re-enumerates with. Field names from the Balong hw_pnp.c write-up cited in §5.3.
 */
export interface HuaweiRewindFields {
  /** 0x20 Linux (→ HiLink CDC-ECM / stick), 0x00 Windows (→ RNDIS), 0x30 gateway (→ PPP/serial or NCM). */
  pcType: number
  timeout: number
  pid: number
  newPid: number
  supportCd: number
  profile: number
  greenMode: number
}

const HUAWEI_TAG = [0x12, 0x34, 0x56, 0x78] as const

export function huaweiRewindMessage(fields: HuaweiRewindFields): Uint8Array {
  const { pcType, timeout, pid, newPid, supportCd, profile, greenMode } = fields
  return buildCbw({
    tag: HUAWEI_TAG,
    dataLength: 0,
    flags: 0x00,
    lun: 0,
    cdbLength: 0,
    cdb: [0x11, 0x06, pcType, timeout, pid, newPid, supportCd, profile, greenMode]
  })
}

/** usb_modeswitch's HuaweiNewMode: → HiLink 12d1:14db / stick 12d1:1506 (§5.2, §5.3) [V]. */
export const HUAWEI_NEW_MODE_FIELDS: HuaweiRewindFields = {
  pcType: 0x20,
  timeout: 0,
  pid: 0,
  newPid: 1,
  supportCd: 1,
  profile: 0,
  greenMode: 1
}
/** → RNDIS, the Windows path (§5.3) [R]. */
export const HUAWEI_RNDIS_FIELDS: HuaweiRewindFields = { ...HUAWEI_NEW_MODE_FIELDS, pcType: 0x00, supportCd: 0 }
/** → PPP/serial on older sticks (§5.3) [R]. */
export const HUAWEI_SERIAL_FIELDS: HuaweiRewindFields = { pcType: 0x30, timeout: 0, pid: 0, newPid: 1, supportCd: 0, profile: 0, greenMode: 0 }
/** → CDC-NCM modem on E3372h-320 (§5.3, mrhaav/openwrt) [R]. */
export const HUAWEI_NCM_FIELDS: HuaweiRewindFields = { pcType: 0x30, timeout: 0, pid: 0, newPid: 0, supportCd: 0, profile: 1, greenMode: 0 }

/** usb_modeswitch's built-in StandardEject, first message: PREVENT/ALLOW MEDIUM REMOVAL (0x1e). */
export function standardEjectAllowRemoval(): Uint8Array {
  return buildCbw({ tag: [0x87, 0x65, 0x43, 0x21], dataLength: 0, flags: 0x00, lun: 0, cdbLength: 6, cdb: [0x1e] })
}

/** StandardEject, second message: START STOP UNIT with the eject bit (0x1b … 02). */
export function standardEjectStartStop(): Uint8Array {
  return buildCbw({ tag: [0x97, 0x65, 0x43, 0x21], dataLength: 0, flags: 0x00, lun: 0, cdbLength: 6, cdb: [0x1b, 0, 0, 0, 0x02] })
}

/** ZTE 19d2:2000 / MF833V MessageContent: ATA pass-through-style 0x85 with a 32-byte data-in phase (§5.3). */
export function zteLongMessage(): Uint8Array {
  return buildCbw({
    tag: [0x12, 0x34, 0x56, 0x70],
    dataLength: 0x20,
    flags: 0x80,
    lun: 0,
    cdbLength: 0x0c,
    cdb: [0x85, 0x01, 0x01, 0x01, 0x18, 0x01, 0x01, 0x01, 0x01, 0x01, 0x00, 0x00]
  })
}

/** ZTE MF820 / MF90 MessageContent: 0x85 with a 36-byte data-in phase (§5.3). */
export function zteShortMessage(): Uint8Array {
  return buildCbw({ tag: HUAWEI_TAG, dataLength: 0x24, flags: 0x80, lun: 0, cdbLength: 6, cdb: [0x85, 0, 0, 0, 0x24] })
}

/** Franklin U210 / U600 MessageContent: vendor CDB 0xdf 0x20 on LUN 1 (§5.3). */
export function franklinMessage(): Uint8Array {
  return buildCbw({ tag: HUAWEI_TAG, dataLength: 0x24, flags: 0x80, lun: 1, cdbLength: 8, cdb: [0xdf, 0x20] })
}

/** A control request in WebUSB terms (the setup packet minus wLength, which is the data's length). */
export interface ControlSetup {
  requestType: 'standard' | 'class' | 'vendor'
  recipient: 'device' | 'interface' | 'endpoint' | 'other'
  request: number
  value: number
  index: number
}

/** Old Huawei (E169/E220/E270) "HuaweiMode": SET_FEATURE(1) to the device, no data (§5.3). */
export const HUAWEI_OLD_MODE_SETUP: ControlSetup = { requestType: 'standard', recipient: 'device', request: 0x03, value: 1, index: 0 }

/** "SierraMode" (Netgear AirCard 779S): vendor request 0x0B, wValue 1, to the device (§5.3). */
export const SIERRA_MODE_SETUP: ControlSetup = { requestType: 'vendor', recipient: 'device', request: 0x0b, value: 1, index: 0 }

/** How a catalog entry is switched; the names are the catalog's `switch.method` values. */
export const SWITCH_METHODS = [
  'huawei-new-mode', // HuaweiNewMode CBW
  'huawei-ncm', // E3372h-320 → CDC-NCM modem [R]
  'huawei-old-mode', // control SET_FEATURE
  'standard-eject', // StandardEject, two CBWs
  'standard-eject+zte-long', // StandardEject then the long ZTE 0x85 message (19d2:2000)
  'zte-long', // the long ZTE 0x85 message alone (MF833V)
  'zte-short', // the short ZTE 0x85 message (MF820, MF90)
  'franklin', // Franklin U210/U600 message
  'sierra-mode', // vendor control request
  'configuration' // select another USB configuration (Novatel/Inseego "Configuration=N")
] as const
export type SwitchMethod = (typeof SWITCH_METHODS)[number]

/** What mode-switch.ts has to do for one method. */
export type SwitchPlan =
  | { kind: 'bulk'; messages: Uint8Array[]; /** read a 13-byte CSW after each message with a data-less CBW */ readStatus: boolean }
  | { kind: 'control'; setup: ControlSetup }
  | { kind: 'configuration'; configurationValue: number }

/** The plan for a method; `configuration` needs the catalog's configuration value. */
export function switchPlan(method: SwitchMethod, configurationValue?: number): SwitchPlan {
  switch (method) {
    case 'huawei-new-mode':
      return { kind: 'bulk', messages: [huaweiRewindMessage(HUAWEI_NEW_MODE_FIELDS)], readStatus: true }
    case 'huawei-ncm':
      return { kind: 'bulk', messages: [huaweiRewindMessage(HUAWEI_NCM_FIELDS)], readStatus: true }
    case 'huawei-old-mode':
      return { kind: 'control', setup: HUAWEI_OLD_MODE_SETUP }
    case 'standard-eject':
      return { kind: 'bulk', messages: [standardEjectAllowRemoval(), standardEjectStartStop()], readStatus: true }
    case 'standard-eject+zte-long':
      return { kind: 'bulk', messages: [standardEjectAllowRemoval(), standardEjectStartStop(), zteLongMessage()], readStatus: true }
    case 'zte-long':
      return { kind: 'bulk', messages: [zteLongMessage()], readStatus: true }
    case 'zte-short':
      return { kind: 'bulk', messages: [zteShortMessage()], readStatus: true }
    case 'franklin':
      return { kind: 'bulk', messages: [franklinMessage()], readStatus: true }
    case 'sierra-mode':
      return { kind: 'control', setup: SIERRA_MODE_SETUP }
    case 'configuration':
      if (configurationValue === undefined) throw new RangeError('the configuration method needs a configuration value')
      return { kind: 'configuration', configurationValue }
  }
}

/** Lowercase hex, for logs and tests. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}
