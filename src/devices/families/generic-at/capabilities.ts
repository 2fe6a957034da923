// Which capabilities this modem gets: the dialect's list, narrowed at open by asking the modem. Test forms
// ("=?") are cheap, need no SIM and answer ERROR / +CME ERROR: 4 where the command does not exist; a
// capability is dropped only on such an answer, not on a state error (+CME ERROR: 11 "SIM PIN required"
// means the command exists and will work once the SIM is unlocked).
import { AtCommandError } from '../../at'
import type { Capability } from '../../model'
import { isUnsupportedCommand } from './errors'
import { testListAllows } from './parse'
import type { AtSession } from './session'

type Probe = (session: AtSession, signal: AbortSignal | undefined, simReady: boolean) => Promise<boolean>

/** Runs `command`; true unless the modem says it does not know it. */
function answers(command: string): Probe {
  return async (session, signal) => {
    try {
      await session.command(command, { signal, timeoutMs: 3_000 })
      return true
    } catch (error) {
      if (isUnsupportedCommand(error)) return false
      if (error instanceof AtCommandError) return true
      throw error
    }
  }
}

const PDP_CONTEXTS = answers('AT+CGDCONT=?')
const PHONEBOOKS = answers('AT+CPBS=?')
const OWN_NUMBERS = answers('AT+CNUM')

const PROBES: Partial<Record<Capability, Probe>> = {
  readIdentity: answers('AT+CGMI'),
  readSignal: answers('AT+CSQ'),
  // Phonebook storages need no SIM; +CNUM (no test form on many firmwares) is only run with the SIM ready.
  readMsisdn: async (session, signal, simReady) => (await PHONEBOOKS(session, signal, simReady)) || (simReady && (await OWN_NUMBERS(session, signal, simReady))),
  apnRead: PDP_CONTEXTS,
  apnWrite: PDP_CONTEXTS,
  dataSwitch: answers('AT+CGACT=?'),
  pinUnlock: answers('AT+CPIN?'),
  ussd: answers('AT+CUSD=?'),
  // PDU mode is what the driver speaks: "+CMGF: (0,1)" must allow 0.
  sms: async (session, signal) => {
    try {
      const reply = await session.command('AT+CMGF=?', { signal, timeoutMs: 3_000 })
      return reply.lines.length === 0 || testListAllows(reply.lines, '+CMGF:', 0, 0)
    } catch (error) {
      if (error instanceof AtCommandError) return !isUnsupportedCommand(error)
      throw error
    }
  },
  // Only a modem that lists the reset parameter ("+CFUN: (0,1,4),(0-1)") restarts on +CFUN=1,1.
  reboot: async (session, signal) => {
    try {
      const reply = await session.command('AT+CFUN=?', { signal, timeoutMs: 3_000 })
      return testListAllows(reply.lines, '+CFUN:', 1, 1)
    } catch (error) {
      if (error instanceof AtCommandError) return false
      throw error
    }
  }
}

/** `simReady`: with a PIN pending, nothing that needs the SIM is sent (every probe but +CNUM is SIM-free). */
export async function probeCapabilities(session: AtSession, simReady: boolean, signal?: AbortSignal): Promise<Set<Capability>> {
  const granted = new Set<Capability>()
  const cache = new Map<Probe, boolean>()
  for (const capability of session.dialect.capabilities) {
    const probe = PROBES[capability]
    if (!probe) {
      granted.add(capability)
      continue
    }
    let result = cache.get(probe)
    if (result === undefined) {
      result = await probe(session, signal, simReady)
      cache.set(probe, result)
    }
    if (result) granted.add(capability)
  }
  // Writing APNs without being able to list them is not offered.
  if (!granted.has('apnRead')) granted.delete('apnWrite')
  return granted
}
