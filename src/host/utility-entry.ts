// The core host as Electron starts it: a utilityProcess. Main hands us one MessagePort per renderer
// (a fresh one after every restart); each becomes a contract client. No Electron import: the host
// stays a plain Node program, and process.parentPort is all it needs.
import { portChannel, type MessagePortLike } from './channels/port-channel'
import { createHost } from './host'

interface ParentPortMessage {
  data: unknown
  ports: MessagePortLike[]
}

interface ParentPort {
  on(event: 'message', listener: (message: ParentPortMessage) => void): void
}

async function main(): Promise<void> {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort
  if (!parentPort) {
    process.stderr.write('hotspot-desk host: started outside Electron; use "hotspot-desk serve" instead.\n')
    process.exit(2)
  }
  const wantsDemo = process.argv.includes('--demo-when-empty') && process.env.HOTSPOT_DESK_NO_DEMO !== '1'
  const host = await createHost({ startDemo: wantsDemo, log: (line) => process.stderr.write(`${line}\n`) })
  const shutdown = () => void host.close().finally(() => process.exit(0))
  parentPort.on('message', ({ data, ports }) => {
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
