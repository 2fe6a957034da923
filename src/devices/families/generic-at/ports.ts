// One owner per serial port (ARCHITECTURE.md "Devices"): a second driver for the same tty in this process is
// refused, and fingerprinting a port that a driver already owns asks the owner instead of opening the tty
// (opening it twice would interleave two conversations on one modem).
import { ContractError } from '../../../contract/errors'

export interface PortOwner {
  /** What the owner learned about its modem, for fingerprint() calls while it holds the port. */
  describe(): { manufacturer?: string; model?: string; dialect?: string } | undefined
}

const owners = new Map<string, PortOwner>()

export function claimPort(path: string, owner: PortOwner): void {
  const current = owners.get(path)
  if (current && current !== owner) {
    throw new ContractError('BUSY', `Serial port ${path} is already in use by another Hotspot Desk device. Remove that device first, or choose another port.`, {
      path,
      reason: 'port-owned'
    })
  }
  owners.set(path, owner)
}

export function releasePort(path: string, owner: PortOwner): void {
  if (owners.get(path) === owner) owners.delete(path)
}

export function portOwner(path: string): PortOwner | undefined {
  return owners.get(path)
}
