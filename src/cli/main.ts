// hotspot-desk: the command line. Today it runs serve mode; later commands (devices, status, apn,
// ussd, profile) talk to the same host code.
import { join, resolve } from 'node:path'
import { createDefaultRegistry } from '../devices/registry'
import { defaultDataDir } from '../host/data-dir'
import { createDefaultDiscovery } from '../host/default-discovery'
import { createHost } from '../host/host'
import { LocalKeyCipher } from '../host/secrets/secret-cipher'
import { FileSecretStore } from '../host/secrets/secret-store'
import { startServe } from '../host/serve/serve-server'
import { APP_VERSION } from '../host/version'
import { parseCli, USAGE } from './args'
import { openInBrowser } from './open-browser'

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseCli(argv)
  if (!parsed.ok) {
    process.stderr.write(`${parsed.message}\n\n${USAGE}\n`)
    return 64 // EX_USAGE
  }
  const cmd = parsed.value
  if (cmd.command === 'help') {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  if (cmd.command === 'version') {
    process.stdout.write(`${APP_VERSION}\n`)
    return 0
  }

  // Serve mode has no OS keychain: passwords are sealed with a key file only this user can read.
  const dataDir = defaultDataDir()
  const secrets = new FileSecretStore(join(dataDir, 'credentials-serve.json'), new LocalKeyCipher(join(dataDir, 'serve.key')))
  const registry = createDefaultRegistry()
  const host = await createHost({
    registry,
    secrets,
    history: { path: join(dataDir, 'history.db') },
    // The user's carrier pack overrides; portals open in the browser's own tabs (the default gateway).
    carriers: { overrideDir: join(dataDir, 'carriers') },
    // Serve mode looks at this machine's USB and serial ports only; it never probes a network.
    discovery: createDefaultDiscovery({ registry, allowLanProbe: false }),
    startDemo: cmd.demo,
    log: (line) => process.stderr.write(`${line}\n`)
  })
  // Built layout: out/main/cli.js next to out/renderer/.
  const rendererDir = process.env.HOTSPOT_DESK_RENDERER_DIR ?? resolve(__dirname, '../renderer')
  let serve
  try {
    serve = await startServe({ host, rendererDir, port: cmd.port })
  } catch (error) {
    await host.close()
    const code = (error as NodeJS.ErrnoException).code
    process.stderr.write(
      code === 'EADDRINUSE'
        ? `Port ${cmd.port} is already in use; pick another with --port, or leave it out for a free one.\n`
        : `Could not start serve mode: ${(error as Error).message}\n`
    )
    return 1
  }
  process.stdout.write(`Hotspot Desk ${APP_VERSION} is serving on 127.0.0.1 only.\nOpen: ${serve.url}\n`)
  if (cmd.demo) process.stdout.write('The demo hotspot is running.\n')
  if (cmd.open) openInBrowser(serve.url)

  await new Promise<void>((done) => {
    const stop = () => done()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await serve.close()
  await host.close()
  return 0
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`hotspot-desk: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  }
)
