// Reads the device password for `login --password-stdin`. From a pipe: the first line. From a terminal:
// typed with echo off (raw mode), so it never appears on screen, in scrollback or in the shell history.
import { EXIT } from './exit-codes'
import { CliFailure } from './failure'

export interface PasswordSource extends AsyncIterable<string | Uint8Array> {
  isTTY?: boolean
  setRawMode?(raw: boolean): unknown
}

/** The contract's limit for device.login passwords. */
const MAX_PASSWORD = 128
/** Nobody's password is longer; stop reading a runaway pipe here. */
const MAX_INPUT_BYTES = 64 * 1024

const NONE_HINT = 'Pipe it in, e.g.: printf \'%s\' "$PASSWORD" | hotspot-desk login <device> --password-stdin'

export async function readPassword(stdin: PasswordSource, prompt: { write(text: string): unknown }): Promise<string> {
  const password = stdin.isTTY && stdin.setRawMode ? await readFromTerminal(stdin, prompt) : await readFirstLine(stdin)
  if (password === '') throw new CliFailure(EXIT.usage, 'No password arrived on stdin.', NONE_HINT, 'BAD_INPUT')
  if (password.length > MAX_PASSWORD) throw new CliFailure(EXIT.usage, `The password is longer than ${MAX_PASSWORD} characters.`, undefined, 'BAD_INPUT')
  return password
}

async function readFirstLine(stdin: AsyncIterable<string | Uint8Array>): Promise<string> {
  const decoder = new TextDecoder()
  let text = ''
  let bytes = 0
  for await (const chunk of stdin) {
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
    bytes += chunk.length
    if (text.includes('\n') || bytes > MAX_INPUT_BYTES) break
  }
  text += decoder.decode()
  const newline = text.indexOf('\n')
  const line = newline < 0 ? text : text.slice(0, newline)
  return line.endsWith('\r') ? line.slice(0, -1) : line
}

async function readFromTerminal(stdin: PasswordSource, prompt: { write(text: string): unknown }): Promise<string> {
  prompt.write('Password: ')
  stdin.setRawMode?.(true)
  const decoder = new TextDecoder()
  let password = ''
  try {
    for await (const chunk of stdin) {
      for (const char of typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })) {
        if (char === '\r' || char === '\n' || char === '\u0004') return password
        if (char === '\u0003') throw new CliFailure(EXIT.failure, 'Cancelled; nothing was sent to the device.', undefined, 'CANCELLED')
        if (char === '\u007f' || char === '\b') password = [...password].slice(0, -1).join('')
        else if (char >= ' ') password += char
      }
    }
    return password
  } finally {
    stdin.setRawMode?.(false)
    prompt.write('\n')
  }
}
