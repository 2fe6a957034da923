// The USB catalog: schema validation, vid:pid → mode / family / AT interface / switch method, and the udev
// rules generated from it. Expected values are restated from reference/device-protocols.md §4.7, §4.8, §5.2.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import knownDevices from '../../resources/usb/known-devices.json'
import { loadUsbCatalog, looksLikeModem, parseUsbCatalog } from '../../src/devices/discovery/usb-catalog'
import {
  ACCESS_RULES_FILE,
  MODEMMANAGER_IGNORE_RULES_FILE,
  renderAccessRules,
  renderModemManagerIgnoreRules,
  shellQuote
} from '../../src/devices/discovery/udev-rules'
import { cdcEthernetInterfaces, huaweiModemInterfaces, storageInterfaces } from './discovery-fakes'

const catalog = loadUsbCatalog()
const at = (vid: number, pid: number) => catalog.match({ vendorId: vid, productId: pid })?.entry.ports?.interfaces?.find((row) => row.role === 'at')?.number

describe('bundled catalog', () => {
  it('validates and covers the vendors the app targets', () => {
    expect(catalog.entries.length).toBeGreaterThan(60)
    const vendors = new Set(catalog.entries.map((entry) => catalog.vendor(parseInt(entry.vendorId, 16))?.name))
    for (const name of ['Huawei', 'ZTE', 'Quectel', 'Netgear', 'Franklin Wireless', 'Novatel / Inseego']) expect(vendors).toContain(name)
  })

  it('cites a source for every entry and every vendor', () => {
    for (const entry of catalog.entries) expect(entry.source, `${entry.vendorId}:${entry.productId}`).toMatch(/usb-modeswitch|ModemManager|reference|wiki|davidwah|blog/)
    for (const vendor of Object.values(catalog.data.vendors)) expect(vendor.source.length).toBeGreaterThan(10)
  })

  it('every switch target is itself in the catalog, same vendor, not a CD-ROM id', () => {
    for (const entry of catalog.entries) {
      for (const target of entry.switch?.targets ?? []) {
        const found = catalog.match({ vendorId: parseInt(entry.vendorId, 16), productId: parseInt(target, 16) })
        expect(found, `${entry.vendorId}:${target} (target of ${entry.productId})`).toBeDefined()
        expect(found?.entry.mode).not.toBe('storage')
      }
    }
  })
})

describe('matching vid:pid (§5.2)', () => {
  it.each([
    [0x12d1, 0x1f01, 'storage', 'huawei-new-mode', undefined],
    [0x12d1, 0x157d, 'storage', 'huawei-new-mode', undefined],
    [0x12d1, 0x14db, 'hilink', undefined, 'huawei-hilink'],
    [0x12d1, 0x14dc, 'hilink', undefined, 'huawei-hilink'],
    [0x12d1, 0x1506, 'modem', undefined, 'generic-at'],
    [0x19d2, 0x2000, 'storage', 'standard-eject+zte-long', undefined],
    [0x19d2, 0x0388, 'storage', 'zte-short', undefined],
    [0x19d2, 0x1421, 'storage', 'zte-long', undefined],
    [0x19d2, 0x1225, 'storage', 'standard-eject', undefined],
    [0x19d2, 0x1405, 'network', undefined, 'zte-goform'],
    [0x0846, 0x0fff, 'storage', 'sierra-mode', undefined],
    [0x1fac, 0x0150, 'storage', 'franklin', undefined],
    [0x1410, 0x5041, 'storage', 'standard-eject', undefined],
    [0x2c7c, 0x0125, 'modem', undefined, 'generic-at']
  ])('%s:%s → %s', (vid, pid, mode, method, family) => {
    const match = catalog.match({ vendorId: vid, productId: pid })
    expect(match?.mode).toBe(mode)
    expect(match?.needsSwitching).toBe(mode === 'storage')
    if (method) expect(match?.entry.switch?.method).toBe(method)
    if (family) expect(match?.entry.family).toBe(family)
  })

  it('knows the HiLink switch targets of 12d1:1f01', () => {
    expect(catalog.entry(0x12d1, 0x1f01)?.switch?.targets).toEqual(['14db', '14dc'])
  })

  it('returns undefined for unknown ids and unknown vendors', () => {
    expect(catalog.match({ vendorId: 0x12d1, productId: 0xbeef })).toBeUndefined()
    expect(catalog.match({ vendorId: 0x046d, productId: 0xc52b })).toBeUndefined()
  })
})

describe('AT interface table (§4.7, §4.8)', () => {
  it.each([
    [0x19d2, 0x0031, 3],
    [0x19d2, 0x0063, 3],
    [0x19d2, 0x2003, 3],
    [0x19d2, 0x0016, 2],
    [0x19d2, 0x0117, 2],
    [0x19d2, 0x0015, 1],
    [0x19d2, 0x0001, 0],
    [0x19d2, 0x0002, 2],
    [0x2c7c, 0x0125, 2],
    [0x2c7c, 0x0306, 2],
    [0x2c7c, 0x0800, 2]
  ])('%s:%s → AT on interface %s', (vid, pid, number) => {
    expect(at(vid, pid)).toBe(number)
  })

  it('marks Quectel if00 as diag and if01 as GPS (never to be probed)', () => {
    const rows = catalog.entry(0x2c7c, 0x0125)?.ports?.interfaces ?? []
    expect(rows.find((row) => row.number === 0)?.role).toBe('diag')
    expect(rows.find((row) => row.number === 1)?.role).toBe('gps')
  })

  it('Huawei PCUI is found by descriptor: class 0xff, protocol 0x02', () => {
    const rules = catalog.vendor(0x12d1)?.portDescriptors ?? []
    expect(rules.filter((rule) => rule.role === 'at').every((rule) => rule.interfaceClass === 0xff && rule.interfaceProtocol === 2)).toBe(true)
    expect(rules.some((rule) => rule.role === 'ppp' && rule.interfaceProtocol === 1)).toBe(true)
  })
})

describe('same-id and configuration switching', () => {
  it('old Huawei 12d1:1001 needs switching only while interface 0 is mass storage', () => {
    expect(catalog.match({ vendorId: 0x12d1, productId: 0x1001, interfaces: storageInterfaces() })?.needsSwitching).toBe(true)
    expect(catalog.match({ vendorId: 0x12d1, productId: 0x1001, interfaces: huaweiModemInterfaces() })?.needsSwitching).toBe(false)
    expect(catalog.match({ vendorId: 0x12d1, productId: 0x1001, interfaces: storageInterfaces() })?.mode).toBe('storage')
  })

  it('Novatel 1410:b00c needs switching until configuration 2 is active', () => {
    expect(catalog.match({ vendorId: 0x1410, productId: 0xb00c, configurationValue: 1 })?.needsSwitching).toBe(true)
    expect(catalog.match({ vendorId: 0x1410, productId: 0xb00c, configurationValue: 2 })?.needsSwitching).toBe(false)
    expect(catalog.entry(0x1410, 0x9020)?.switch?.configuration).toBe(4)
  })
})

describe('schema validation', () => {
  const base = structuredClone(knownDevices) as { vendors: Record<string, unknown>; devices: Array<Record<string, unknown>> }

  it('accepts the bundled JSON through parseUsbCatalog', () => {
    expect(() => parseUsbCatalog(structuredClone(knownDevices))).not.toThrow()
  })

  it('rejects duplicates, storage without a switch, bad ids, unknown methods and undescribed vendors', () => {
    const duplicate = structuredClone(base)
    duplicate.devices.push(structuredClone(duplicate.devices[0] as Record<string, unknown>))
    expect(() => parseUsbCatalog(duplicate)).toThrow(/duplicate entry/)

    const noSwitch = structuredClone(base)
    delete (noSwitch.devices.find((entry) => entry.mode === 'storage') as Record<string, unknown>).switch
    expect(() => parseUsbCatalog(noSwitch)).toThrow(/needs a switch method/)

    const badId = structuredClone(base)
    ;(badId.devices[0] as Record<string, unknown>).productId = '1F01'
    expect(() => parseUsbCatalog(badId)).toThrow(/four lowercase hex/)

    const badMethod = structuredClone(base)
    ;(badMethod.devices.find((entry) => entry.switch) as { switch: { method: string } }).switch.method = 'magic'
    expect(() => parseUsbCatalog(badMethod)).toThrow(/method/)

    const orphan = structuredClone(base)
    orphan.devices.push({ vendorId: 'abcd', productId: '0001', name: 'x', mode: 'modem', family: 'generic-at', confidence: 'U', source: 's' })
    expect(() => parseUsbCatalog(orphan)).toThrow(/vendor abcd is not described/)

    const noSource = structuredClone(base)
    delete (noSource.devices[0] as Record<string, unknown>).source
    expect(() => parseUsbCatalog(noSource)).toThrow(/source/)
  })
})

describe('looksLikeModem (unknown ids of modem vendors)', () => {
  it('counts storage, vendor-specific and CDC functions, but not Android phones', () => {
    expect(looksLikeModem(storageInterfaces())).toBe(true)
    expect(looksLikeModem(cdcEthernetInterfaces())).toBe(true)
    expect(looksLikeModem([{ interfaceNumber: 0, interfaceClass: 0x06, interfaceSubclass: 1, interfaceProtocol: 1, endpoints: [] }])).toBe(false)
    expect(
      looksLikeModem([
        { interfaceNumber: 0, interfaceClass: 0xff, interfaceSubclass: 0xff, interfaceProtocol: 0, endpoints: [] },
        { interfaceNumber: 1, interfaceClass: 0xff, interfaceSubclass: 0x42, interfaceProtocol: 1, endpoints: [] }
      ])
    ).toBe(false)
    expect(looksLikeModem([])).toBe(false)
  })
})

describe('udev rules (resources/udev)', () => {
  it('the shipped files are exactly what the catalog generates', () => {
    expect(readFileSync(resolve(import.meta.dirname, '../../resources/udev', ACCESS_RULES_FILE), 'utf8')).toBe(renderAccessRules(catalog))
    expect(readFileSync(resolve(import.meta.dirname, '../../resources/udev', MODEMMANAGER_IGNORE_RULES_FILE), 'utf8')).toBe(renderModemManagerIgnoreRules(catalog))
  })

  it('grants uaccess to every catalog device node and to the ttys of modem-mode units', () => {
    const rules = renderAccessRules(catalog)
    for (const entry of catalog.entries) {
      expect(rules).toContain(`ATTR{idVendor}=="${entry.vendorId}", ATTR{idProduct}=="${entry.productId}", TAG+="uaccess"`)
    }
    expect(rules).toContain('SUBSYSTEM=="tty", ATTRS{idVendor}=="12d1", ATTRS{idProduct}=="1506", TAG+="uaccess"')
    expect(rules).not.toMatch(/MODE="0666"/)
  })

  it('tells ModemManager to ignore modem-mode units only', () => {
    const rules = renderModemManagerIgnoreRules(catalog)
    expect(rules).toContain('ATTRS{idVendor}=="2c7c", ATTRS{idProduct}=="0125", ENV{ID_MM_DEVICE_IGNORE}="1"')
    expect(rules).not.toContain('ATTRS{idProduct}=="1f01"')
    expect(rules).not.toContain('ATTRS{idProduct}=="14db"')
  })

  it('quotes install paths only when needed', () => {
    expect(shellQuote('/opt/Hotspot-Desk/resources/udev/x.rules')).toBe('/opt/Hotspot-Desk/resources/udev/x.rules')
    expect(shellQuote("/Apps/Hotspot Desk/it's")).toBe(`'/Apps/Hotspot Desk/it'\\''s'`)
  })
})
