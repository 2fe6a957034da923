// Switch messages byte for byte against reference/device-protocols.md §5.3 (hex strings copied from the
// table there, which restates usb_modeswitch.c and usb-modeswitch-data).
import { describe, expect, it } from 'vitest'
import {
  buildCbw,
  CBW_LENGTH,
  franklinMessage,
  HUAWEI_NCM_FIELDS,
  HUAWEI_NEW_MODE_FIELDS,
  HUAWEI_OLD_MODE_SETUP,
  HUAWEI_RNDIS_FIELDS,
  HUAWEI_SERIAL_FIELDS,
  huaweiRewindMessage,
  SIERRA_MODE_SETUP,
  standardEjectAllowRemoval,
  standardEjectStartStop,
  SWITCH_METHODS,
  switchPlan,
  toHex,
  zteLongMessage,
  zteShortMessage
} from '../../src/devices/discovery/switch-messages'

// §5.3, column "Hex message".
const REFERENCE = {
  huaweiNewMode: '55534243123456780000000000000011062000000101000100000000000000',
  huaweiRndis: '55534243123456780000000000000011060000000100000100000000000000',
  huaweiSerial: '55534243123456780000000000000011063000000100000000000000000000',
  huaweiNcm: '55534243123456780000000000000011063000000000010000000000000000',
  zteLong: '55534243123456702000000080000c85010101180101010101000000000000',
  zteShort: '55534243123456782400000080000685000000240000000000000000000000',
  ejectMsg1: '5553424387654321000000000000061e000000000000000000000000000000',
  ejectMsg2: '5553424397654321000000000000061b000000020000000000000000000000',
  franklin: '555342431234567824000000800108df200000000000000000000000000000'
}

describe('reference strings are well-formed CBWs', () => {
  it.each(Object.entries(REFERENCE))('%s is 31 bytes starting with "USBC"', (_name, hex) => {
    expect(hex.length).toBe(CBW_LENGTH * 2)
    expect(hex.startsWith('55534243')).toBe(true)
  })
})

describe('messages match §5.3 byte for byte', () => {
  it.each([
    ['HuaweiNewMode', () => huaweiRewindMessage(HUAWEI_NEW_MODE_FIELDS), REFERENCE.huaweiNewMode],
    ['Huawei → RNDIS', () => huaweiRewindMessage(HUAWEI_RNDIS_FIELDS), REFERENCE.huaweiRndis],
    ['Huawei → PPP/serial', () => huaweiRewindMessage(HUAWEI_SERIAL_FIELDS), REFERENCE.huaweiSerial],
    ['Huawei → CDC-NCM (E3372h-320)', () => huaweiRewindMessage(HUAWEI_NCM_FIELDS), REFERENCE.huaweiNcm],
    ['ZTE 19d2:2000 / MF833V', zteLongMessage, REFERENCE.zteLong],
    ['ZTE MF820 / MF90', zteShortMessage, REFERENCE.zteShort],
    ['StandardEject msg1', standardEjectAllowRemoval, REFERENCE.ejectMsg1],
    ['StandardEject msg2', standardEjectStartStop, REFERENCE.ejectMsg2],
    ['Franklin U210/U600', franklinMessage, REFERENCE.franklin]
  ])('%s', (_name, build, hex) => {
    const bytes = build()
    expect(bytes).toBeInstanceOf(Uint8Array)
    expect(bytes.length).toBe(31)
    expect(toHex(bytes)).toBe(hex)
    expect(Buffer.from(bytes).equals(Buffer.from(hex, 'hex'))).toBe(true)
  })

  it('HuaweiNewMode keeps the quirky CB length 0 and the SC_REWIND_11 fields at bytes 15–23', () => {
    const bytes = huaweiRewindMessage(HUAWEI_NEW_MODE_FIELDS)
    expect(bytes[14]).toBe(0)
    expect([...bytes.slice(15, 24)]).toEqual([0x11, 0x06, 0x20, 0x00, 0x00, 0x01, 0x01, 0x00, 0x01])
  })

  it('ZTE long message: tag …70, length 32 little-endian, data-in, CB length 12', () => {
    const bytes = zteLongMessage()
    const view = new DataView(bytes.buffer)
    expect([...bytes.slice(4, 8)]).toEqual([0x12, 0x34, 0x56, 0x70])
    expect(view.getUint32(8, true)).toBe(32)
    expect(bytes[12]).toBe(0x80)
    expect(bytes[14]).toBe(12)
  })

  it('Franklin targets LUN 1', () => {
    expect(franklinMessage()[13]).toBe(1)
  })

  it('builds a fresh buffer every time (callers may not corrupt the next switch)', () => {
    const first = zteShortMessage()
    first.fill(0)
    expect(toHex(zteShortMessage())).toBe(REFERENCE.zteShort)
  })
})

describe('control-transfer methods (§5.3)', () => {
  it('old Huawei: standard SET_FEATURE(1) to the device', () => {
    expect(HUAWEI_OLD_MODE_SETUP).toEqual({ requestType: 'standard', recipient: 'device', request: 3, value: 1, index: 0 })
  })
  it('SierraMode: vendor request 0x0B, wValue 1', () => {
    expect(SIERRA_MODE_SETUP).toEqual({ requestType: 'vendor', recipient: 'device', request: 0x0b, value: 1, index: 0 })
  })
})

describe('switchPlan', () => {
  it('StandardEject + ZTE message sends the two eject CBWs then the device message, in that order', () => {
    const plan = switchPlan('standard-eject+zte-long')
    expect(plan.kind).toBe('bulk')
    if (plan.kind !== 'bulk') return
    expect(plan.messages.map(toHex)).toEqual([REFERENCE.ejectMsg1, REFERENCE.ejectMsg2, REFERENCE.zteLong])
  })

  it('has a plan for every method', () => {
    for (const method of SWITCH_METHODS) {
      const plan = switchPlan(method, 2)
      expect(['bulk', 'control', 'configuration']).toContain(plan.kind)
    }
  })

  it('configuration needs a value', () => {
    expect(() => switchPlan('configuration')).toThrow(RangeError)
    expect(switchPlan('configuration', 3)).toEqual({ kind: 'configuration', configurationValue: 3 })
  })
})

describe('buildCbw guards', () => {
  it('refuses a CDB longer than 16 bytes and bytes out of range', () => {
    const base = { tag: [0, 0, 0, 0] as const, dataLength: 0, flags: 0, lun: 0, cdbLength: 0 }
    expect(() => buildCbw({ ...base, cdb: new Array(17).fill(0) })).toThrow(RangeError)
    expect(() => buildCbw({ ...base, cdb: [256] })).toThrow(RangeError)
    expect(() => buildCbw({ ...base, dataLength: -1, cdb: [] })).toThrow(RangeError)
  })
})
