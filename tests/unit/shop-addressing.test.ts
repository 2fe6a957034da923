// How the station reaches each of several units on one laptop.
import { describe, expect, it } from 'vitest'
import { planAddressing, type AddressableUnit } from '../../src/shop/addressing'

const http = (deviceId: string, baseUrl: string, interfaceName?: string): AddressableUnit => ({
  deviceId,
  connection: { kind: 'http', baseUrl },
  ...(interfaceName ? { interfaceName } : {})
})
const serial = (deviceId: string, path: string): AddressableUnit => ({ deviceId, connection: { kind: 'serial', path } })

describe('planAddressing', () => {
  it.each([
    {
      name: 'serial units each have their own path',
      units: [serial('a', '/dev/ttyUSB0'), serial('b', '/dev/ttyUSB3')],
      bind: false,
      via: { a: 'serial', b: 'serial' },
      oneAtATime: false
    },
    {
      name: 'network units at different addresses',
      units: [http('a', 'http://192.168.8.1'), http('b', 'http://192.168.0.1/')],
      bind: false,
      via: { a: 'address', b: 'address' },
      oneAtATime: false
    },
    {
      name: 'two units at one gateway, no interface binding',
      units: [http('a', 'http://192.168.8.1'), http('b', 'http://192.168.8.1/'), serial('c', '/dev/ttyACM0')],
      bind: false,
      via: { a: 'one-at-a-time', b: 'one-at-a-time', c: 'serial' },
      oneAtATime: true
    },
    {
      name: 'two units at one gateway, each on a known interface where binding works',
      units: [http('a', 'http://192.168.8.1', 'usb0'), http('b', 'http://192.168.8.1', 'usb1')],
      bind: true,
      via: { a: 'interface', b: 'interface' },
      oneAtATime: false
    },
    {
      name: 'binding works but one interface is unknown',
      units: [http('a', 'http://192.168.8.1', 'usb0'), http('b', 'http://192.168.8.1')],
      bind: true,
      via: { a: 'one-at-a-time', b: 'one-at-a-time' },
      oneAtATime: true
    },
    {
      name: 'binding works but both report the same interface',
      units: [http('a', 'http://192.168.8.1', 'usb0'), http('b', 'http://192.168.8.1', 'usb0')],
      bind: true,
      via: { a: 'one-at-a-time', b: 'one-at-a-time' },
      oneAtATime: true
    }
  ])('$name', ({ units, bind, via, oneAtATime }) => {
    const plan = planAddressing(units, { canBindInterface: bind })
    expect(Object.fromEntries(plan.units.map((unit) => [unit.deviceId, unit.via]))).toEqual(via)
    expect(plan.oneAtATime).toBe(oneAtATime)
    if (oneAtATime) {
      expect(plan.advice).toMatch(/one at a time/)
      expect(plan.advice).toMatch(/every unit that appears/)
    } else {
      expect(plan.advice).toBeUndefined()
    }
  })

  it('names the units that collide with each other', () => {
    const plan = planAddressing([http('a', 'http://192.168.8.1'), http('b', 'http://192.168.8.1'), http('c', 'http://192.168.8.1'), http('d', 'http://192.168.9.1')], {
      canBindInterface: false
    })
    expect(plan.units.find((unit) => unit.deviceId === 'a')?.collidesWith).toEqual(['b', 'c'])
    expect(plan.units.find((unit) => unit.deviceId === 'd')).toMatchObject({ via: 'address', collidesWith: [] })
    expect(plan.advice).toContain('3 units answer at http://192.168.8.1 (a, b, c)')
  })
})
