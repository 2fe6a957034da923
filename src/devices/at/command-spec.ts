// What the engine needs to know about a command before sending it: its name and form, which response prefix
// marks its information lines, whether bare text lines belong to it, how long to wait, and how to show it in a
// transcript without leaking a PIN. Table-driven so the timeouts are reviewable in one place.
import { KNOWN_URCS } from './urc'

export type CommandForm = 'basic' | 'exec' | 'read' | 'test' | 'set'

/** How bare (unprefixed) lines during the command are treated. */
export type BarePolicy =
  | 'any' // ATI: several free-form lines, some prefixed ("+GCAP: +CGSM,+DS,+ES"); every non-URC line is ours
  | 'allow' // identity commands answer bare text (+CGMI → "huawei")
  | 'after-prefix' // only after a prefixed line (the PDU after +CMGL:/+CMGR:, wrapped +COPS=? lists)
  | 'never'

export interface CommandSpec {
  /** The command as given, e.g. 'AT+COPS=?'. */
  text: string
  /** '+COPS', '^SYSINFOEX', 'E' (ATE0), 'I' (ATI), 'D' (ATD…), '' (bare AT). */
  name: string
  form: CommandForm
  /** Information lines start with one of these (e.g. '+COPS:'); empty = no prefixed lines expected. */
  prefixes: readonly string[]
  bare: BarePolicy
  timeoutMs: number
  /** CONNECT / NO CARRIER / BUSY … are final only for these (ATD, ATA, ATO, +CGDATA). */
  callControl: boolean
}

export interface TimeoutRule {
  /** A name ('+CUSD': every form) or a name plus form suffix ('+COPS=?' test, '+COPS=' set, '+CSQ' exec, '+CPIN?' read). */
  match: string
  timeoutMs: number
  /** Why this command needs its own timeout (shown nowhere; for reviewers). */
  why: string
}

export const DEFAULT_TIMEOUT_MS = 3_000

/** Commands that legitimately take longer than the default. Checked form-specific key first, then name. */
export const DEFAULT_TIMEOUTS: readonly TimeoutRule[] = [
  { match: '+COPS=?', timeoutMs: 180_000, why: 'network scan takes 30 s – 3 min (device-protocols.md §4.3, §7)' },
  { match: '+COPS=', timeoutMs: 120_000, why: 'manual/automatic selection waits for the network to register' },
  { match: '+CUSD', timeoutMs: 30_000, why: 'some firmware holds the OK until the network answers (§7: 30–60 s)' },
  { match: '+CMGS', timeoutMs: 60_000, why: 'sending waits for the SMSC acknowledgement' },
  { match: '+CMSS', timeoutMs: 60_000, why: 'sending from storage waits for the SMSC acknowledgement' },
  { match: '+CGACT=', timeoutMs: 60_000, why: 'PDP activation waits for the network' },
  { match: '+CGATT=', timeoutMs: 60_000, why: 'PS attach/detach waits for the network' },
  { match: '^NDISDUP', timeoutMs: 30_000, why: 'Huawei data call setup waits for the network' },
  { match: '+CFUN=', timeoutMs: 30_000, why: 'radio power changes and resets take several seconds' },
  { match: '+CPIN=', timeoutMs: 10_000, why: 'the SIM verifies the PIN' },
  { match: '+CLCK', timeoutMs: 10_000, why: 'facility locks are checked by the SIM or the network' },
  { match: '+CPWD', timeoutMs: 10_000, why: 'password changes are checked by the SIM' },
  { match: '+CRSM', timeoutMs: 5_000, why: 'restricted SIM access reads the card' },
  { match: '+CSIM', timeoutMs: 5_000, why: 'generic SIM access reads the card' },
  { match: '+CMGL', timeoutMs: 20_000, why: 'listing a full SIM/ME store is slow' },
  { match: '+CPBR', timeoutMs: 20_000, why: 'reading phonebook ranges is slow' },
  { match: 'D', timeoutMs: 60_000, why: 'dialling waits for the call/data session' }
]

// Identity commands answer a bare line on most modems ("huawei", "356938035643809"); device-protocols.md §4.3.
const BARE_ANSWERS = new Set([
  '+CGMI',
  '+CGMM',
  '+CGMR',
  '+CGSN',
  '+CIMI',
  '+GMI',
  '+GMM',
  '+GMR',
  '+GSN',
  '+CCID',
  '+ICCID',
  '+CICCID',
  '+ZGETICCID',
  '+ZICCID',
  '^ICCID',
  '+QCCID'
])

const CALL_CONTROL = new Set(['D', 'A', 'O', '+CGDATA'])

/**
 * Describe a command line. `text` is what the caller passed (without CR). Never throws; an unparseable line
 * is treated as a basic command with no expected prefix.
 */
export function describeCommand(
  text: string,
  rules: readonly TimeoutRule[] = DEFAULT_TIMEOUTS,
  defaultTimeoutMs = DEFAULT_TIMEOUT_MS
): CommandSpec {
  const body = /^AT/i.test(text) ? text.slice(2) : text
  const extended = /^([+^$%#!*][A-Za-z0-9_]+)(=\?|\?|=)?/.exec(body)
  let name: string
  let form: CommandForm
  if (extended) {
    name = (extended[1] ?? '').toUpperCase()
    const suffix = extended[2]
    form = suffix === '=?' ? 'test' : suffix === '?' ? 'read' : suffix === '=' ? 'set' : 'exec'
  } else {
    // Basic commands: a letter (E0, I, D*99#, Z) or '&' + letter (&F, &C1); '' for a bare "AT".
    const basic = /^(&?[A-Za-z])/.exec(body)
    name = basic ? (basic[1] ?? '').toUpperCase() : ''
    form = 'basic'
  }

  // A set command of a URC-named code (AT+CREG=2, AT+CUSD=1,"*100#",15, AT+CPIN="1234") is followed by
  // unsolicited lines of the same name; those belong to subscribers, not to the command.
  const prefixes =
    form === 'basic' || (form === 'set' && KNOWN_URCS.has(name)) || name.length === 0 ? [] : [`${name}:`]
  const bare: BarePolicy = form === 'basic' ? (name === 'I' ? 'any' : 'never') : BARE_ANSWERS.has(name) ? 'allow' : 'after-prefix'

  return {
    text,
    name,
    form,
    prefixes,
    bare,
    timeoutMs: timeoutFor(name, form, rules, defaultTimeoutMs),
    callControl: CALL_CONTROL.has(name)
  }
}

function formSuffix(form: CommandForm): string {
  return form === 'test' ? '=?' : form === 'read' ? '?' : form === 'set' ? '=' : ''
}

export function timeoutFor(name: string, form: CommandForm, rules: readonly TimeoutRule[], defaultTimeoutMs: number): number {
  const key = `${name}${formSuffix(form)}`
  const exact = rules.find((rule) => rule.match.toUpperCase() === key)
  if (exact) return exact.timeoutMs
  const byName = rules.find((rule) => rule.match.toUpperCase() === name)
  return byName ? byName.timeoutMs : defaultTimeoutMs
}

// Commands that carry a PIN, PUK or password. Their arguments never reach a transcript.
const SECRET_COMMANDS = new Set(['+CPIN', '+CPWD', '+CLCK', '+CGAUTH', '^NDISDUP', '+QICSGP', '^AUTHDATA', '+CPIN2', '^CPIN'])

/** The command as it may be logged: arguments of PIN/password commands replaced by ***. */
export function redactCommand(text: string): string {
  const spec = /^AT([+^][A-Za-z0-9_]+)=(.*)$/is.exec(text)
  if (!spec) return text
  const name = (spec[1] ?? '').toUpperCase()
  if (!SECRET_COMMANDS.has(name) || spec[2] === '?') return text
  return `AT${spec[1]}=***`
}
