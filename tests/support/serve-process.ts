// Runs the built CLI's serve mode as a child process, the way a user would, and reads the URL it prints.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export interface ServeProcess {
  url: string
  origin: string
  child: ChildProcess
  output: () => string
  stop(): Promise<void>
}

export const CLI_PATH = resolve(__dirname, '../../bin/hotspot-desk.js')
export const BUILT = existsSync(resolve(__dirname, '../../out/main/cli.js')) && existsSync(resolve(__dirname, '../../out/renderer/index.html'))

export function startServeProcess(args: string[] = ['--demo']): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CLI_PATH, 'serve', ...args], {
    // A throw-away data folder: a test never touches the user's remembered passwords.
    env: { ...process.env, HOTSPOT_DESK_NO_LAN_PROBE: '1', HOTSPOT_DESK_DATA_DIR: mkdtempSync(join(tmpdir(), 'hd-serve-data-')) },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not print its URL in time:\n${output}`)), 20_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output)
      if (!match?.[1]) return
      clearTimeout(timer)
      const url = match[1]
      resolvePromise({
        url,
        origin: new URL(url).origin,
        child,
        output: () => output,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done()
            child.once('exit', () => done())
            child.kill('SIGTERM')
          })
      })
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`serve exited early with ${code}:\n${output}`))
    })
  })
}
