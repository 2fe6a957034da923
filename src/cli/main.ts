// hotspot-desk: the command line's process entry. Everything it does lives in runCli (run.ts), which
// tests drive in-process; this file only hands it the process's streams and signals and exits with its code.
import { resolve } from 'node:path'
import { runCli, type CliIo } from './run'

const io: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  // Built layout: out/main/cli.js next to out/renderer/.
  rendererDir: resolve(__dirname, '../renderer'),
  onInterrupt(handler) {
    const listener = () => {
      if (handler()) process.exit(130)
    }
    process.on('SIGINT', listener)
    return () => void process.off('SIGINT', listener)
  }
}

runCli(process.argv.slice(2), io).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  }
)
