// SerialLineChannel over serialport's SerialPortMock (toolchain.md §3: take MockBinding from
// SerialPortMock.binding, the ESM import is a different instance), the line splitter, open-error mapping with
// the binding's real messages (@serialport/bindings-cpp src/serialport_unix.cpp / serialport_win.cpp), and the
// AT engine running on top of the mock port.
import { SerialPortMock } from 'serialport'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ContractError } from '../../src/contract/errors'
import { AtEngine, type AtUrc } from '../../src/devices/at/engine'
import { mapSerialOpenError } from '../../src/devices/transports/serial-errors'
import { SerialLineChannel, type SerialPortFactory, type SerialPortLike } from '../../src/devices/transports/serial-line-channel'
import { LineSplitter } from '../../src/devices/transports/serial-line-splitter'

const MockBinding = SerialPortMock.binding
const PATH = '/dev/ttyMOCK0'

interface MockHandle {
  ports: SerialPortMock[]
  factory: SerialPortFactory
}

/** A factory handing out SerialPortMock instances; with `respond`, each port answers like a modem once open. */
function mockFactory(respond?: (written: string) => string | undefined): MockHandle {
  const ports: SerialPortMock[] = []
  return {
    ports,
    factory: (options) => {
      const port = new SerialPortMock(options)
      ports.push(port)
      // 'open' fires before the open callback, so the modem is in place before the first write.
      if (respond) port.once('open', () => attachModem(port, respond))
      return port as unknown as SerialPortLike
    }
  }
}

/** Make the mock port answer like a modem: `respond` gets each write and returns bytes to emit (or nothing). */
function attachModem(port: SerialPortMock, respond: (written: string) => string | undefined): void {
  const binding = port.port
  if (!binding) throw new Error('port is not open')
  const original = binding.write.bind(binding)
  binding.write = async (buffer: Buffer) => {
    await original(buffer)
    const reply = respond(buffer.toString('latin1'))
    if (reply !== undefined) setTimeout(() => binding.isOpen && binding.emitData(Buffer.from(reply, 'latin1')), 1)
  }
}

function genericModem(written: string): string | undefined {
  const command = written.replace(/\r$/, '')
  if (command === 'AT' || command === 'ATE0' || command === 'AT+CMEE=1') return '\r\nOK\r\n'
  if (command === 'AT+CSQ') return '\r\n+CSQ: 23,99\r\n\r\n+CREG: 1\r\n\r\nOK\r\n'
  if (command === 'AT+CMGS=23') return '\r\n> '
  if (written.endsWith('\x1a')) return '\r\n+CMGS: 7\r\n\r\nOK\r\n'
  return undefined
}

beforeEach(() => {
  MockBinding.reset()
  MockBinding.createPort(PATH, { echo: false, record: true })
})

afterEach(() => {
  MockBinding.reset()
})

describe('LineSplitter', () => {
  function split(...chunks: string[]) {
    const events: string[] = []
    const splitter = new LineSplitter({ line: (text) => events.push(`line:${text}`), prompt: () => events.push('prompt') })
    for (const chunk of chunks) splitter.push(Buffer.from(chunk, 'latin1'))
    return events
  }

  it('splits on any run of CR/LF and drops empty lines', () => {
    // device-protocols.md §4.1: Huawei sends several URCs on "\r\n…\r\r\n".
    expect(split('\r\n+CSQ: 20,99\r\n\r\nOK\r\n', '\r\n^RSSI:20\r\r\n^MODE:5,4\r\r\n')).toEqual([
      'line:+CSQ: 20,99',
      'line:OK',
      'line:^RSSI:20',
      'line:^MODE:5,4'
    ])
  })

  it('joins a line split across chunks', () => {
    expect(split('\r\n+CS', 'Q: 2', '0,99\r', '\n')).toEqual(['line:+CSQ: 20,99'])
  })

  it('detects the unterminated SMS prompt', () => {
    expect(split('\r\n> ')).toEqual(['prompt'])
    expect(split('\r\n>', ' ')).toEqual(['prompt'])
    expect(split('\r\n> hello\r\n')).toEqual(['line:> hello'])
  })

  it('drops undecodable bytes and control characters', () => {
    expect(split('\xff\xfe\x00OK\x07\r\n', '\x80\x81\x82\r\n')).toEqual(['line:OK'])
    expect(split('\r\n+COPS: 0,0,"Tele2 \u00c3\u00a5",7\r\n')).toEqual(['line:+COPS: 0,0,"Tele2 å",7'])
  })

  it('bounds an endless line', () => {
    const events: string[] = []
    const splitter = new LineSplitter({ line: (text) => events.push(text), prompt: () => events.push('prompt') }, 64)
    splitter.push(Buffer.alloc(200, 0x41))
    expect(events).toHaveLength(1)
    expect(events[0]).toHaveLength(200)
  })
})

describe('mapSerialOpenError', () => {
  it.each([
    ['Error: No such file or directory, cannot open /dev/ttyUSB9', 'DEVICE_GONE', 'port-not-found'],
    ['Opening COM9: File not found', 'DEVICE_GONE', 'port-not-found'],
    ["Port does not exist - please call MockBinding.createPort('/dev/x') first", 'DEVICE_GONE', 'port-not-found'],
    ['Error: Permission denied, cannot open /dev/ttyUSB2', 'PERMISSION', 'permission-denied'],
    ['Error Resource temporarily unavailable Cannot lock port', 'BUSY', 'port-busy'],
    ['Error: Device or resource busy, cannot open /dev/ttyUSB2', 'BUSY', 'port-busy'],
    ['Opening COM3: Access denied', 'BUSY', 'port-busy'],
    ['Port is locked cannot open', 'BUSY', 'port-busy'],
    ['Error: Input/output error, cannot open /dev/ttyUSB2', 'DEVICE_GONE', 'open-failed']
  ])('%s → %s', (message, code, reason) => {
    const error = mapSerialOpenError(new Error(message), '/dev/ttyUSB2')
    expect(error.code).toBe(code)
    expect(error.details).toMatchObject({ path: '/dev/ttyUSB2', reason, cause: message })
  })

  it('tells the user how to fix a permission problem and who holds a busy port', () => {
    const denied = mapSerialOpenError(Object.assign(new Error('EACCES'), { code: 'EACCES' }), '/dev/ttyUSB0')
    expect(denied.message).toMatch(/dialout group/)
    expect(denied.message).toMatch(/udev rule/)
    const busy = mapSerialOpenError(Object.assign(new Error('busy'), { code: 'EBUSY' }), '/dev/ttyUSB0')
    expect(busy.message).toMatch(/ModemManager/)
  })
})

describe('SerialLineChannel', () => {
  it('reports a missing port as DEVICE_GONE with the real binding', async () => {
    const channel = new SerialLineChannel({ path: '/dev/hotspot-desk-no-such-port' })
    const error = await channel.open().then(
      () => undefined,
      (failure: unknown) => failure
    )
    expect(error).toBeInstanceOf(ContractError)
    expect((error as ContractError).code).toBe('DEVICE_GONE')
    expect((error as ContractError).message).toMatch(/not found/)
  })

  it('reports a port held by another owner as BUSY', async () => {
    const { factory } = mockFactory()
    const first = new SerialLineChannel({ path: PATH, portFactory: factory })
    await first.open()
    const second = new SerialLineChannel({ path: PATH, portFactory: factory })
    const error = (await second.open().catch((failure: unknown) => failure)) as ContractError
    expect(error.code).toBe('BUSY')
    await first.close()
    await second.open() // released: the next owner gets it
    await second.close()
  })

  it('emits lines and the prompt, and serializes writes', async () => {
    const { factory, ports } = mockFactory()
    const channel = new SerialLineChannel({ path: PATH, portFactory: factory })
    const events: string[] = []
    channel.on('line', (text) => events.push(text))
    channel.on('prompt', () => events.push('>'))
    await channel.open()
    const port = ports[0] as SerialPortMock
    await Promise.all([channel.write('AT+CSQ\r'), channel.write('AT+CREG?\r'), channel.write(Uint8Array.of(0x41, 0x54, 0x0d))])
    expect(port.port?.recording.toString('latin1')).toBe('AT+CSQ\rAT+CREG?\rAT\r')
    port.port?.emitData(Buffer.from('\r\n+CSQ: 20,99\r\n\r\nOK\r\n\r\n> '))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(events).toEqual(['+CSQ: 20,99', 'OK', '>'])
    await channel.close()
  })

  it('reports an unplug as close with disconnected, and write then fails with DEVICE_GONE', async () => {
    const { factory, ports } = mockFactory()
    const channel = new SerialLineChannel({ path: PATH, portFactory: factory })
    const closes: unknown[] = []
    channel.on('close', (info) => closes.push(info))
    await channel.open()
    // What serialport itself does when a read fails because the device vanished.
    ;(ports[0] as SerialPortMock)._disconnected(new Error('device reports readiness to read but returned no data'))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(closes).toEqual([{ disconnected: true, reason: 'device reports readiness to read but returned no data' }])
    expect(channel.isOpen).toBe(false)
    const error = (await channel.write('AT\r').catch((failure: unknown) => failure)) as ContractError
    expect(error.code).toBe('DEVICE_GONE')
  })

  it('reports end of file (a hung-up tty) as a lost port', async () => {
    const { factory, ports } = mockFactory()
    const channel = new SerialLineChannel({ path: PATH, portFactory: factory })
    const closes: unknown[] = []
    channel.on('close', (info) => closes.push(info))
    await channel.open()
    // What serialport does when a read returns 0 bytes: it ends the readable side.
    ;(ports[0] as SerialPortMock).push(null)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(closes).toEqual([{ disconnected: true, reason: 'the port reached end of file (hang-up)' }])
    expect(channel.isOpen).toBe(false)
  })

  it('tears the old port down completely before reopening', async () => {
    const { factory, ports } = mockFactory()
    const channel = new SerialLineChannel({ path: PATH, portFactory: factory, reopenDelayMs: 10 })
    const lines: string[] = []
    channel.on('line', (text) => lines.push(text))
    await channel.open()
    const old = ports[0] as SerialPortMock
    old.port?.emitData(Buffer.from('\r\n+CS')) // half a line left behind
    await new Promise((resolve) => setTimeout(resolve, 10))
    await channel.reopen()
    expect(ports).toHaveLength(2)
    expect(old.isOpen).toBe(false)
    expect(old.destroyed).toBe(true)
    expect(old.listenerCount('data')).toBe(0)
    const fresh = ports[1] as SerialPortMock
    fresh.port?.emitData(Buffer.from('Q: 1,99\r\nOK\r\n'))
    await new Promise((resolve) => setTimeout(resolve, 20))
    // The stale half line did not leak into the new session.
    expect(lines).toEqual(['Q: 1,99', 'OK'])
    await channel.close()
  })
})

describe('AtEngine over SerialPortMock', () => {
  it('opens, runs commands with URCs, survives an unplug and reopens', async () => {
    const { factory, ports } = mockFactory(genericModem)
    const channel = new SerialLineChannel({ path: PATH, portFactory: factory, reopenDelayMs: 10 })
    const engine = new AtEngine(channel, { syncQuietMs: 20 })
    const urcs: AtUrc[] = []
    engine.onUrc((urc) => urcs.push(urc))
    await engine.open()
    expect((ports[0] as SerialPortMock).port?.recording.toString('latin1')).toBe('AT\rATE0\rAT+CMEE=1\r')

    const csq = await engine.command('AT+CSQ')
    expect(csq.lines).toEqual(['+CSQ: 23,99'])
    expect(urcs.map((urc) => urc.line)).toEqual(['+CREG: 1'])
    const sms = await engine.command('AT+CMGS=23', { prompt: '0001000B819010325476F800080A30533093306B3061308F' })
    expect(sms.lines).toEqual(['+CMGS: 7'])

    const pending = engine.command('AT+COPS=?')
    await new Promise((resolve) => setTimeout(resolve, 10))
    ;(ports[0] as SerialPortMock)._disconnected(new Error('unplugged'))
    const error = (await pending.catch((failure: unknown) => failure)) as ContractError
    expect(error.code).toBe('DEVICE_GONE')
    expect(engine.state).toBe('gone')

    await engine.reopen()
    expect(ports).toHaveLength(2)
    expect((await engine.command('AT+CSQ')).lines).toEqual(['+CSQ: 23,99'])
    await engine.close()
    expect((ports[1] as SerialPortMock).isOpen).toBe(false)
  })
})
