// A simulated modem behind serialport's in-memory MockBinding, for machines without PTYs (Windows CI,
// sandboxes). The app opens `new SerialPortMock({ path })` as usual; bytes it writes reach the simulator and
// the simulator's output arrives as port data. MockBinding has no hook for writes, so the port the app
// opens is wrapped at open time (MockBinding.open is replaced once, keyed by path).
// Dual-package hazard (reference toolchain.md §3): importing '@serialport/binding-mock' from ESM gives a
// different instance than the one serialport uses; `SerialPortMock.binding` is the one the app's ports use.
import { Duplex } from 'node:stream'
import { SerialPortMock } from 'serialport'

type OpenOptions = Parameters<typeof SerialPortMock.binding.open>[0]
type PortBinding = Awaited<ReturnType<typeof SerialPortMock.binding.open>>

const REGISTRY = Symbol.for('hotspot-desk.simulators.mockModemPorts')

function registry(): Map<string, MockModemPort> {
  const binding = SerialPortMock.binding as typeof SerialPortMock.binding & { [REGISTRY]?: Map<string, MockModemPort> }
  let ports = binding[REGISTRY]
  if (ports) return ports
  ports = new Map()
  binding[REGISTRY] = ports
  const registered = ports
  const open = binding.open.bind(binding)
  binding.open = async (options: OpenOptions) => {
    const endpoint = registered.get(options.path)
    if (endpoint?.unplugged) {
      // What opening a vanished tty looks like on Linux.
      throw Object.assign(new Error(`Error: No such file or directory, cannot open ${options.path}`), { code: 'ENOENT' })
    }
    const port = await open(options)
    endpoint?.connectHost(port)
    return port
  }
  return ports
}

export class MockModemPort {
  /** The simulator's side of the link; recreated on every replug. */
  stream: Duplex
  unplugged = false
  private host: PortBinding | undefined
  private disconnect!: (error: Error) => void
  private disconnected!: Promise<never>

  constructor(readonly path: string) {
    this.stream = this.newStream()
    this.armDisconnect()
  }

  /** Called when the app opens the path: routes its writes to the simulator and lets unplug fail its reads. */
  connectHost(port: PortBinding): void {
    this.host = port
    const write = port.write.bind(port)
    port.write = async (buffer: Buffer) => {
      await write(buffer)
      this.stream.push(Buffer.from(buffer))
    }
    const read = port.read.bind(port)
    const disconnected = this.disconnected
    port.read = (buffer: Buffer, offset: number, length: number) => Promise.race([read(buffer, offset, length), disconnected])
    const close = port.close.bind(port)
    port.close = async () => {
      if (this.host === port) this.host = undefined
      return close()
    }
  }

  /**
   * The device leaves the bus: the app's pending read fails with a non-cancel error, so SerialPortStream
   * closes the port with `disconnected: true`, and opening the path fails until replug().
   */
  unplug(): void {
    this.unplugged = true
    this.disconnect(Object.assign(new Error('Device disconnected (simulated unplug)'), { code: 'EIO' }))
    this.host = undefined
    this.stream.destroy()
  }

  replug(): Duplex {
    this.unplugged = false
    this.stream = this.newStream()
    this.armDisconnect()
    return this.stream
  }

  /** Orderly removal: the path stays registered but nothing answers. */
  close(): void {
    this.stream.destroy()
    registry().delete(this.path)
  }

  private newStream(): Duplex {
    return new Duplex({
      read() {},
      write: (chunk: Buffer, _encoding, callback) => {
        const host = this.host
        if (host?.isOpen) host.emitData(chunk)
        callback()
      }
    })
  }

  private armDisconnect(): void {
    this.disconnected = new Promise<never>((_resolve, reject) => {
      this.disconnect = reject
    })
    // Nobody may be reading when the unplug happens; that is not an unhandled rejection.
    this.disconnected.catch(() => undefined)
  }
}

/** Creates the mock port `path` (MockBinding.createPort) with a modem behind it. */
export function createMockModemPort(path: string): MockModemPort {
  const ports = registry()
  const existing = ports.get(path)
  if (existing) existing.close()
  SerialPortMock.binding.createPort(path, { echo: false, record: false })
  const port = new MockModemPort(path)
  ports.set(path, port)
  return port
}
