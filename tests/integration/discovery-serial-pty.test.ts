// The AT probe over a real pseudo-terminal pair (socat), with the real serialport binding: a tiny responder on
// the modem end answers AT with OK. Also: a silent port times out, a port another program holds is reported
// busy (serialport's flock), and the service turns the probed port into a ready serial device.
import { SerialPort } from 'serialport'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { DriverFamily } from '../../src/devices/driver'
import { DriverRegistry } from '../../src/devices/driver'
import { DiscoveryService } from '../../src/devices/discovery/discovery-service'
import { probeAtPort, type SerialPortListing } from '../../src/devices/discovery/serial-ports'
import type { UsbSource } from '../../src/devices/discovery/usb-source'
import { closeAllSocatPairs, isSocatAvailable, openSocatPair, type SocatPair } from '../../src/simulators/pty'

const socat = isSocatAvailable()
if (!socat) console.warn('discovery-serial-pty: skipped, socat is not installed (apt-get install socat)')

const ports: SerialPort[] = []
afterEach(async () => {
  for (const port of ports.splice(0)) if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()))
  await closeAllSocatPairs()
})
afterAll(async () => {
  await closeAllSocatPairs()
})

function openPort(path: string): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate: 115200 }, (error) => (error ? reject(error) : resolve(port)))
    ports.push(port)
  })
}

/** The modem end: answers "AT\r" with echo + OK, like a modem with E1. */
async function responder(pair: SocatPair, answer = true): Promise<{ received: () => string }> {
  const modem = await openPort(pair.modemPath)
  let received = ''
  modem.on('data', (chunk: Buffer) => {
    received += chunk.toString('latin1')
    if (answer && received.endsWith('AT\r')) modem.write('AT\r\r\nOK\r\n')
  })
  return { received: () => received }
}

describe.skipIf(!socat)('AT probe over a socat PTY pair', () => {
  it('opens the port, sends AT, gets OK, closes', async () => {
    const pair = await openSocatPair()
    const modem = await responder(pair)
    const result = await probeAtPort(pair.hostPath, { platform: 'linux' })
    expect(result).toMatchObject({ ok: true, path: pair.hostPath })
    if (result.ok) console.info(`AT probe round trip over PTY: ${result.elapsedMs} ms`)
    expect(modem.received()).toBe('AT\r')
    // closed again: another program can open it now
    const again = await openPort(pair.hostPath)
    expect(again.isOpen).toBe(true)
  })

  it('a silent port times out after ~500 ms', async () => {
    const pair = await openSocatPair()
    await responder(pair, false)
    const started = performance.now()
    const result = await probeAtPort(pair.hostPath, { platform: 'linux' })
    const elapsed = performance.now() - started
    expect(result).toMatchObject({ ok: false, problem: 'no-answer' })
    expect(elapsed).toBeGreaterThanOrEqual(450)
    expect(elapsed).toBeLessThan(5000)
  })

  it('a port held (and locked) by another program is reported busy with the fix', async () => {
    const pair = await openSocatPair()
    await openPort(pair.hostPath) // the "other program": serialport locks the port with flock
    const result = await probeAtPort(pair.hostPath, { platform: 'linux', udevRulesDir: '/opt/hd/udev' })
    expect(result).toMatchObject({ ok: false, problem: 'busy', error: { code: 'BUSY' } })
    if (!result.ok) expect(result.fix?.commands?.[0]).toBe('sudo systemctl stop ModemManager')
  })

  it('DiscoveryService: the PTY listed as a Quectel EC25 AT interface becomes a ready serial device', async () => {
    const pair = await openSocatPair()
    await responder(pair)
    const genericAt: DriverFamily = {
      id: 'generic-at',
      label: 'AT modem (test registration)',
      connectionKinds: ['serial'],
      fingerprint: async () => null,
      create: () => {
        throw new Error('not used')
      }
    }
    const noUsb: UsbSource = {
      list: async () => ({ availability: { available: false, reason: 'container' }, devices: [] }),
      watch: () => () => undefined,
      openable: async () => undefined
    }
    const listing: SerialPortListing[] = [
      { path: pair.hostPath, vendorId: '2c7c', productId: '0125', serialNumber: 'EC25X', pnpId: 'usb-Quectel_EC25_EC25X-if02-port0', manufacturer: 'Quectel', locationId: undefined }
    ]
    const service = new DiscoveryService({
      registry: new DriverRegistry().register(genericAt),
      usb: noUsb,
      lanTargets: () => [],
      serial: { list: async () => listing, position: () => undefined },
      platform: 'linux'
    })
    const [device] = await service.scan()
    service.stop()
    expect(device).toMatchObject({
      id: 'usb:EC25X',
      name: 'Quectel EC25',
      status: 'ready',
      familyId: 'generic-at',
      target: { connection: { kind: 'serial', path: pair.hostPath } },
      connections: [{ role: 'primary', via: { kind: 'serial', interfaceNumber: 2, role: 'at', chosenBy: 'interface-table', probe: 'ok', dialect: 'quectel' } }]
    })
  })
})
