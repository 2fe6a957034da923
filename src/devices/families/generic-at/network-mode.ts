// The network mode (which radios the modem may use) through the dialect's vendor command — Huawei
// ^SYSCFGEX, ZTE +ZSNT, Quectel +QCFG="nwscanmode" — as a small transaction (ARCHITECTURE.md: risky writes
// snapshot, apply, verify, roll back): read the setting, write the new one, read it back, and put the old one
// back when the modem did not keep it. No 27.007 command does this portably, so the 3GPP dialect has none.
import { ContractError } from '../../../contract/errors'
import { NETWORK_MODES, type NetworkMode } from './dialects'
import type { AtSession } from './session'

export interface NetworkModeOperations {
  /** The mode now; undefined when the modem reports a combination we have no name for. */
  read(signal?: AbortSignal): Promise<NetworkMode | undefined>
  set(mode: NetworkMode, signal?: AbortSignal): Promise<void>
}

export function createNetworkModeOperations(session: () => AtSession, exclusive: <T>(body: () => Promise<T>) => Promise<T>): NetworkModeOperations {
  const commands = () => {
    const current = session().dialect.networkMode
    if (!current) throw new ContractError('UNSUPPORTED', 'This modem has no command we know for choosing the network mode.')
    return current
  }

  const readRaw = async (signal?: AbortSignal): Promise<{ lines: string[]; mode: NetworkMode | undefined }> => {
    const lines = (await session().command(commands().read, { signal })).lines
    const parsed = commands().parse(lines)
    if (!parsed.ok) throw new ContractError('PROTOCOL', `The modem's network mode could not be read (${parsed.error.message}).`)
    return { lines, mode: parsed.value }
  }

  return {
    read: (signal) => exclusive(async () => (await readRaw(signal)).mode),

    set: (mode, signal) =>
      exclusive(async () => {
        if (!NETWORK_MODES.includes(mode)) throw new ContractError('BAD_INPUT', `"${String(mode)}" is not a network mode.`, { path: 'mode' })
        const before = await readRaw(signal)
        if (before.mode === mode) return
        const write = commands().set(mode, before.lines)
        try {
          await session().command(write, { signal })
          const after = await readRaw(signal)
          if (after.mode !== mode) throw new ContractError('PROTOCOL', `The modem accepted the network mode "${mode}" but did not keep it.`, { mode, reported: after.mode })
        } catch (error) {
          // Put the snapshot back; never cancelled by the signal that may have aborted the change.
          await restore(before.lines).catch(() => undefined)
          throw error
        }
      })
  }

  async function restore(lines: readonly string[]): Promise<void> {
    const parsed = commands().parse(lines)
    if (parsed.ok && parsed.value) await session().command(commands().set(parsed.value, lines))
  }
}
