// The AT console lets a technician type raw commands. Most are harmless reads; some turn the radio
// off, wipe settings, change the USB personality or delete messages. Those need an explicit
// confirmation from the user, and some characters never belong in a console line at all.

export type AtRisk = 'safe' | 'confirm'

export type AtConsoleCheck =
  | { ok: true; risk: AtRisk; reasons: string[] }
  | { ok: false; message: string }

interface RiskRule {
  pattern: RegExp
  reason: string
}

// Matched against each command of a line (after splitting on ';'), upper-cased, without the AT prefix.
const RISKY: RiskRule[] = [
  { pattern: /^\+CFUN=\s*[04]\b/, reason: 'turns the radio off: the device drops off the network until +CFUN=1' },
  { pattern: /^\+CFUN=\s*1\s*,\s*1\b/, reason: 'restarts the modem: the port disappears for a few seconds' },
  { pattern: /^\+CFUN=\s*(?:5|6|7|15|16)\b/, reason: 'vendor power or reset mode' },
  { pattern: /^&F\b|^Z\b/, reason: 'restores or reloads the factory profile' },
  { pattern: /^\^RESET\b|^\+ZRST\b|^\+QPRTPARA=\s*3\b|^\^NVRESTORE\b/, reason: 'factory reset' },
  { pattern: /^\^SETPORT\b|^\^U2DIAG\b|^\+QCFG=\s*"USBNET"|^\+ZCDRUN\b|^\^PORTSEL\b/, reason: 'changes the USB personality: the device may re-appear as another device or vanish' },
  { pattern: /^\^NVWR\b|^\+QNVW\b|^\+ZNVSET\b/, reason: 'writes non-volatile memory' },
  { pattern: /^\+CGDCONT=|^\+CGAUTH=/, reason: 'changes a data profile (APN); the APN screen does this safely with a rollback' },
  { pattern: /^\+COPS=\s*2\b/, reason: 'deregisters from the network' },
  { pattern: /^\+CLCK=|^\+CPWD=/, reason: 'changes SIM or network locks; wrong codes use up SIM attempts' },
  { pattern: /^\+CPIN=/, reason: 'uses up a SIM PIN/PUK attempt if the code is wrong' },
  { pattern: /^\+CMGD=/, reason: 'deletes text messages' },
  { pattern: /^D|^\+CGDATA\b|^O\b|^A$/, reason: 'starts a call or data mode; the console cannot talk to the port afterwards' }
]

const MAX_LENGTH = 512

/** Whether a console line may be sent, and whether the user must confirm it first. Pure; never throws. */
export function checkConsoleCommand(line: string): AtConsoleCheck {
  const text = line.trim()
  if (text.length === 0) return { ok: false, message: 'Type a command, e.g. AT+CSQ.' }
  if (text.length > MAX_LENGTH) return { ok: false, message: `Commands are at most ${MAX_LENGTH} characters.` }
  // CR/LF would split it into several commands behind our back; Ctrl-Z/ESC belong to the SMS prompt.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\r\n\x1a\x1b\x00]/.test(text)) return { ok: false, message: 'Line breaks and control characters are not allowed; send one line.' }
  if (!/^AT/i.test(text)) return { ok: false, message: 'AT commands start with "AT".' }

  const body = text.slice(2).toUpperCase()
  const reasons = new Set<string>()
  for (const command of body.split(';').map((part) => part.trim()).filter(Boolean)) {
    for (const rule of RISKY) if (rule.pattern.test(command)) reasons.add(rule.reason)
  }
  return { ok: true, risk: reasons.size > 0 ? 'confirm' : 'safe', reasons: [...reasons] }
}
