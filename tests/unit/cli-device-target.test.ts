import { describe, expect, it } from 'vitest'
import { resolveDevice, sortDevices } from '../../src/cli/device-target'
import type { DeviceSummary } from '../../src/contract/model'

function device(id: string): DeviceSummary {
  return { id, name: id, family: 'huawei-hilink', familyLabel: 'Huawei', demo: false, connection: { kind: 'http', baseUrl: 'http://127.0.0.1:1' }, state: 'ready', capabilities: [] }
}

const DEVICES = sortDevices(['demo-zte', 'http://127.0.0.1:8080', 'demo-hotspot', 'usb:12d1:1506:1-2', 'demo-modem', '12'].map(device))

describe('sortDevices', () => {
  it('orders by id, so a # stays the same whichever unit answered first', () => {
    expect(DEVICES.map((d) => d.id)).toEqual(['12', 'demo-hotspot', 'demo-modem', 'demo-zte', 'http://127.0.0.1:8080', 'usb:12d1:1506:1-2'])
  })
})

describe('resolveDevice', () => {
  it.each([
    ['demo-hotspot', 'demo-hotspot', 2],
    ['12', '12', 1], // an exact id wins over the # 12
    ['2', 'demo-hotspot', 2],
    ['#4', 'demo-zte', 4],
    ['demo-h', 'demo-hotspot', 2],
    ['DEMO-Z', 'demo-zte', 4],
    ['http', 'http://127.0.0.1:8080', 5],
    ['usb:', 'usb:12d1:1506:1-2', 6]
  ])('%j → %s (#%i)', (query, id, index) => {
    const match = resolveDevice(query, DEVICES)
    expect(match).toMatchObject({ ok: true, device: { id }, index })
  })

  it('lists the candidates when a prefix fits several devices', () => {
    const match = resolveDevice('demo', DEVICES)
    expect(match).toEqual({ ok: false, reason: 'ambiguous', candidates: DEVICES.filter((d) => d.id.startsWith('demo')) })
  })

  it.each([['nope'], ['7'], ['0'], ['demo-hotspot2']])('%j matches nothing', (query) => {
    expect(resolveDevice(query, DEVICES)).toEqual({ ok: false, reason: 'none' })
  })

  it('finds nothing in an empty list', () => {
    expect(resolveDevice('1', [])).toEqual({ ok: false, reason: 'none' })
  })
})
