// Parses the command line into a typed command. Pure, so it is tested without starting anything.
import { parseArgs } from 'node:util'

export type CliCommand =
  | { command: 'serve'; port: number; demo: boolean; open: boolean }
  | { command: 'help' }
  | { command: 'version' }

export type ParseResult = { ok: true; value: CliCommand } | { ok: false; message: string }

export const USAGE = `Usage: hotspot-desk <command> [options]

Commands:
  serve [--port N] [--demo] [--open]   Run the core host and the app in your browser, on 127.0.0.1 only.
                                       --port N   listen on port N (default: a free port)
                                       --demo     start the built-in demo hotspot
                                       --open     open the app in your default browser
  help                                 Show this help.
  version                              Print the version.`

export function parseCli(argv: readonly string[]): ParseResult {
  const [command, ...rest] = argv
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    return { ok: true, value: { command: 'help' } }
  }
  if (command === 'version' || command === '--version' || command === '-v') return { ok: true, value: { command: 'version' } }
  if (command !== 'serve') return { ok: false, message: `Unknown command "${command}".` }
  try {
    const { values } = parseArgs({
      args: [...rest],
      options: { port: { type: 'string' }, demo: { type: 'boolean' }, open: { type: 'boolean' } },
      strict: true,
      allowPositionals: false
    })
    const port = values.port === undefined ? 0 : Number(values.port)
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      return { ok: false, message: `--port takes a whole number from 0 to 65535, not "${values.port}".` }
    }
    return { ok: true, value: { command: 'serve', port, demo: values.demo ?? false, open: values.open ?? false } }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) }
  }
}
