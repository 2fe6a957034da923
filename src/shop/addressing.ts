// Several units on one laptop: how the station reaches each of them. A unit on a serial port has its own
// path. Network units are reached at their gateway address (http://192.168.8.1 …); hotspots of one model all
// use the same one, so two of them plugged in at once answer at the same address and the computer routes to
// whichever interface it likes. Those can only be told apart by binding each request to the interface the unit
// is attached to, where the OS allows it; otherwise the station says so and guides the user to one-at-a-time
// mode. Pure: the caller passes what it knows about each unit.
import type { Connection } from '../contract/model'
import type { StationAddressing } from '../contract/shop'

export interface AddressableUnit {
  deviceId: string
  connection: Connection
  /** The network interface the unit is attached to, when discovery knows it (e.g. "usb0", "en7"). */
  interfaceName?: string
}

export interface AddressingOptions {
  /** Whether this host can bind a request to one interface (SO_BINDTODEVICE / IP_BOUND_IF with the rights). */
  canBindInterface: boolean
}

type UnitAddressing = StationAddressing['units'][number]

export function planAddressing(units: readonly AddressableUnit[], options: AddressingOptions): StationAddressing {
  const byAddress = new Map<string, AddressableUnit[]>()
  for (const unit of units) {
    if (unit.connection.kind !== 'http') continue
    const key = originOf(unit.connection.baseUrl)
    byAddress.set(key, [...(byAddress.get(key) ?? []), unit])
  }

  const collided: Array<{ address: string; ids: string[] }> = []
  const out: UnitAddressing[] = units.map((unit) => {
    const { connection } = unit
    if (connection.kind === 'serial') {
      return { deviceId: unit.deviceId, via: 'serial', detail: connection.path, collidesWith: [] }
    }
    const address = originOf(connection.baseUrl)
    const sharing = byAddress.get(address) ?? [unit]
    const others = sharing.filter((other) => other.deviceId !== unit.deviceId)
    if (others.length === 0) return { deviceId: unit.deviceId, via: 'address', detail: address, collidesWith: [] }
    const interfaces = sharing.map((other) => other.interfaceName)
    const separable =
      options.canBindInterface && interfaces.every((name) => name !== undefined && name !== '') && new Set(interfaces).size === interfaces.length
    if (separable) return { deviceId: unit.deviceId, via: 'interface', detail: `${address} via ${unit.interfaceName ?? ''}`, collidesWith: [] }
    if (!collided.some((group) => group.address === address)) collided.push({ address, ids: sharing.map((other) => other.deviceId) })
    return { deviceId: unit.deviceId, via: 'one-at-a-time', detail: address, collidesWith: others.map((other) => other.deviceId) }
  })

  if (collided.length === 0) return { units: out, oneAtATime: false }
  const groups = collided.map((group) => `${group.ids.length} units answer at ${group.address} (${group.ids.join(', ')})`).join('; ')
  const why = options.canBindInterface
    ? 'and the station does not know which network interface each one is attached to'
    : 'and this computer cannot send a request through one chosen network interface'
  return {
    units: out,
    oneAtATime: true,
    advice:
      `${groups}, ${why}, so they cannot be told apart. Prepare them one at a time: leave one of them plugged in, ` +
      'start the job with "every unit that appears", and swap in the next unit when the current one is done. ' +
      'Units on a serial port or with their own address are not affected. To prepare several at once, give each ' +
      'unit a different gateway address in its own web page first (e.g. 192.168.8.1, 192.168.9.1).'
  }
}

function originOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin
  } catch {
    return baseUrl
  }
}
