// The simulator behind serialport's SerialPortMock (no PTY needed, so this runs everywhere), and the socat
// helper's own contract: a missing binary gives an actionable error.
import { existsSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { AtModemSimulator } from '../../src/simulators/at-modem'
import { openSocatPair, SocatMissingError } from '../../src/simulators/pty'
import { AtTestClient, closeAllSocatPairs, FAST_TIMINGS, ptySuite, sleep, SOCAT } from '../support/pty'

const sims: AtModemSimulator[] = []
const clients: AtTestClient[] = []

afterAll(async () => {
  for (const client of clients) await client.close().catch(() => undefined)
  for (const sim of sims) await sim.stop()
  await closeAllSocatPairs()
})

describe('AT simulator over SerialPortMock', () => {
  it('answers a raw client, including a multi-line reply and an async URC', async () => {
    const sim = new AtModemSimulator({ profile: 'quectel-ec25', sim: { card: 'iijmio-docomo' }, latencyMs: 0, timings: FAST_TIMINGS })
    sims.push(sim)
    const { hostPath } = sim.attachToMockPort('/dev/ttyMOCK-EC25')
    const client = await AtTestClient.open(hostPath, { mock: true })
    clients.push(client)

    const mark = client.raw.length
    client.write('AT\r')
    await client.waitForRaw((raw) => raw.includes('OK\r\n'), 3000, mark)
    expect(client.raw.slice(mark)).toBe('AT\r\r\nOK\r\n')
    await client.send('ATE0')
    expect(await client.send('ATI')).toEqual(['Quectel', 'EC25', 'Revision: EC25AFFAR07A14M4G', 'OK'])
    const [qccid] = await client.send('AT+QCCID')
    expect(qccid).toMatch(/^\+QCCID: 8981100\d{12}F$/)

    await client.send('AT+CEREG=1')
    for (let i = 0; i < 50 && !(await client.send('AT+CEREG?')).includes('+CEREG: 1,1'); i++) await sleep(20)
    const from = client.lines.length
    sim.setRegistration('searching')
    expect(await client.waitForLine(/^\+CEREG:/, 2000, from)).toBe('+CEREG: 2')
  })

  it('unplugs: the open mock port closes as a disconnect and cannot be reopened until replug', async () => {
    const sim = new AtModemSimulator({ profile: 'generic-lte', latencyMs: 0, timings: FAST_TIMINGS })
    sims.push(sim)
    const { hostPath } = sim.attachToMockPort('/dev/ttyMOCK-GENERIC')
    const client = await AtTestClient.open(hostPath, { mock: true })
    clients.push(client)
    await client.send('ATE0')

    await sim.dropPort()
    expect(await client.closed).toEqual({ disconnected: true })
    await expect(AtTestClient.open(hostPath, { mock: true })).rejects.toThrow(/No such file/)

    await sim.replug()
    const fresh = await AtTestClient.open(hostPath, { mock: true })
    clients.push(fresh)
    await fresh.send('ATE0')
    expect(await fresh.send('AT+CGMI')).toEqual(['Hotspot Desk', 'OK'])
  })
})

describe('socat PTY pair helper', () => {
  it('reports a missing socat with an install hint', async () => {
    const error = await openSocatPair({ socatPath: '/nonexistent/socat' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SocatMissingError)
    expect((error as Error).message).toMatch(/install socat/)
  })

  it.skipIf(!SOCAT)(ptySuite('opens two linked PTYs, relays bytes, and removes them on close'), async () => {
    const pair = await openSocatPair()
    expect(pair.modemPath).toMatch(/^\/dev\/pts\/\d+$/)
    expect(pair.hostPath).toMatch(/^\/dev\/pts\/\d+$/)
    expect(existsSync(pair.hostPath)).toBe(true)
    await pair.close()
    expect(pair.exited).toBe(true)
    expect(existsSync(pair.hostPath)).toBe(false)
    await pair.close()
  })
})
