// The core host as Electron starts it: a utilityProcess. Main hands us one MessagePort per renderer
// (a fresh one after every restart); each becomes a contract client. No Electron import: the host
// stays a plain Node program, and process.parentPort is all it needs.
import { join } from 'node:path'
import { portChannel, type MessagePortLike } from './channels/port-channel'
import { createDefaultRegistry } from '../devices/registry'
import { defaultDataDir } from './data-dir'
import { createDefaultDiscovery } from './default-discovery'
import { createHost } from './host'
import { ParentPortPortalGateway } from './portal-gateway'
import { ParentPortCipher } from './secrets/parent-port-cipher'
import { FileSecretStore } from './secrets/secret-store'

interface ParentPortMessage {
  data: unknown
  ports: MessagePortLike[]
}

interface ParentPort {
  on(event: 'message', listener: (message: ParentPortMessage) => void): void
  postMessage(message: unknown): void
}

function dataDirFromArgs(argv: readonly string[]): string {
  const flag = argv.find((arg) => arg.startsWith('--data-dir='))
  return flag ? flag.slice('--data-dir='.length) : defaultDataDir()
}

async function main(): Promise<void> {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort
  if (!parentPort) {
    process.stderr.write('hotspot-desk host: started outside Electron; use "hotspot-desk serve" instead.\n')
    process.exit(2)
  }
  const wantsDemo = process.argv.includes('--demo-when-empty') && process.env.HOTSPOT_DESK_NO_DEMO !== '1'
  // Remembered passwords are sealed by the OS keychain, which only Electron main can reach.
  const keychain = new ParentPortCipher((message) => parentPort.postMessage(message))
  const secrets = new FileSecretStore(join(dataDirFromArgs(process.argv), 'credentials.json'), keychain)
  // Carrier portals open in Electron main's sandboxed views; main reports what they do.
  const portalGateway = new ParentPortPortalGateway((message) => parentPort.postMessage(message), {
    log: (line) => process.stderr.write(`${line}\n`)
  })
  const registry = createDefaultRegistry()
  const host = await createHost({
    registry,
    secrets,
    history: { path: join(dataDirFromArgs(process.argv), 'history.db') },
    carriers: { overrideDir: join(dataDirFromArgs(process.argv), 'carriers') },
    portalGateway,
    dataDir: dataDirFromArgs(process.argv),
    allowPublicProbes: true,
    discovery: createDefaultDiscovery({ registry, allowLanProbe: true }),
    // The demo appears only when the first scan found no real device.
    startDemo: wantsDemo ? 'when-empty' : false,
    // Tray lines and OS notifications: main shows them (electron/main/tray.ts, notifications.ts).
    desk: (message) => parentPort.postMessage(message),
    log: (line) => process.stderr.write(`${line}\n`)
  })
  const shutdown = () => void host.close().finally(() => process.exit(0))
  parentPort.on('message', ({ data, ports }) => {
    if (keychain.handleMessage(data)) return
    if (portalGateway.handleMessage(data)) return
    const type = (data as { type?: unknown })?.type
    const port = ports[0]
    // One 'connect' per page load (and after every host restart); each port is one client.
    if (type === 'connect' && port) host.attach(portChannel(port, 'electron'))
    // Main asks first on quit: on Windows kill() is immediate, so this is the clean way out.
    if (type === 'shutdown') shutdown()
  })
  process.on('SIGTERM', shutdown)
}

void main()
