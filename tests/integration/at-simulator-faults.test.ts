// Fault injection over a real PTY: URC storms that interleave with replies without ever splitting a line,
// the port vanishing (immediately and mid-reply) and coming back, a wedged modem, line noise, and the
// re-enumeration of +CFUN=1,1.
import { existsSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { AtModemSimulator, type AtModemSimulatorOptions } from '../../src/simulators/at-modem'
import { AtTestClient, closeAllSocatPairs, FAST_TIMINGS, ptySuite, sleep, SOCAT } from '../support/pty'

const sims: AtModemSimulator[] = []
const clients: AtTestClient[] = []

async function start(options: AtModemSimulatorOptions) {
  const sim = new AtModemSimulator({ latencyMs: 0, timings: FAST_TIMINGS, ...options })
  const { hostPath } = await sim.startOnPty()
  sims.push(sim)
  const client = await open(hostPath)
  return { sim, client, hostPath }
}

async function open(path: string): Promise<AtTestClient> {
  const client = await AtTestClient.open(path)
  clients.push(client)
  return client
}

afterAll(async () => {
  for (const client of clients) await client.close().catch(() => undefined)
  for (const sim of sims) await sim.stop()
  await closeAllSocatPairs()
})

const HUAWEI_URC = [/^\^RSSI:\d+$/, /^\^HCSQ:("LTE",\d+,\d+,\d+,\d+|"NOSERVICE")$/, /^\^BOOT:\d+,0,0,0,72$/, /^\^SRVST: \d$/, /^\^SIMST: \d+$/]
const isUrc = (line: string) => HUAWEI_URC.some((re) => re.test(line))

describe.skipIf(!SOCAT)(ptySuite('AT simulator over a socat PTY: faults'), () => {
  it('interleaves a URC storm between and inside replies but never splits a line', async () => {
    const { sim, client } = await start({ profile: 'huawei-e3372h', sim: { card: 'tmobile-us-prepaid' } })
    await client.send('ATE0')
    await client.send('AT+CMGF=0')
    const storm = sim.startUrcStorm({ ratePerSecond: 500, durationMs: 1200 })
    const ati = ['Manufacturer: huawei', 'Model: E3372', 'Revision: 21.180.01.00.00', `IMEI: ${sim.imei}`, '+GCAP: +CGSM,+DS,+ES', 'OK']
    let insideReply = 0
    for (let round = 0; round < 12; round++) {
      const lines = await client.send('ATI')
      expect(lines.filter((l) => !isUrc(l))).toEqual(ati)
      // URCs between the first information line and the final result code.
      const first = lines.indexOf('Manufacturer: huawei')
      insideReply += lines.slice(first + 1, -1).filter(isUrc).length
      const list = await client.send('AT+CMGL=4')
      const replyLines = list.filter((l) => !isUrc(l))
      expect(replyLines[replyLines.length - 1]).toBe('OK')
      for (const line of replyLines.slice(0, -1)) expect(line).toMatch(/^(\+CMGL: \d+,\d,,\d+|[0-9A-F]+)$/)
      const csq = (await client.send('AT+CSQ')).filter((l) => !isUrc(l))
      expect(csq[0]).toMatch(/^\+CSQ: \d+,99$/)
    }
    const sent = await storm.done
    expect(sent).toBeGreaterThan(200)
    expect(insideReply).toBeGreaterThan(0)
    // Every line on the wire is whole: a known URC, an echo-free reply line, or a result code.
    const known = /^(OK|Manufacturer: huawei|Model: E3372|Revision: .+|IMEI: \d{15}|\+GCAP: .+|\+CMGL: .+|[0-9A-F]+|\+CSQ: \d+,99|\^SRVST: \d|\^SIMST: \d+|ATE0)$/
    for (const line of client.lines) expect(isUrc(line) || known.test(line), JSON.stringify(line)).toBe(true)
    // And framed as "\r\n<urc>\r\n" — never glued to another line.
    expect(client.raw).not.toMatch(/[^\n]\^(RSSI|HCSQ|BOOT)/)
  })

  it('drops the port: the host sees it close as a disconnect and the path vanish; replug brings it back', async () => {
    const { sim, client, hostPath } = await start({ profile: 'quectel-ec25', sim: { card: 'iijmio-docomo', pinEnabled: true } })
    await client.send('ATE0')
    await client.send('AT+CPIN="0000"')
    // Quectel also announces the unlock with a "+CPIN: READY" URC, then SMS/phonebook readiness.
    await client.waitForLine(/^\+QIND: PB DONE$/, 3000, 0)
    expect((await client.send('AT+CPIN?')).filter((l) => l.startsWith('+CPIN:'))).toEqual(['+CPIN: READY'])

    await sim.dropPort()
    expect(await client.disconnected()).toEqual({ disconnected: true })
    expect(existsSync(hostPath)).toBe(false)
    await expect(AtTestClient.open(hostPath)).rejects.toThrow()

    const { hostPath: again } = await sim.replug()
    expect(again).toBe(hostPath)
    expect(existsSync(hostPath)).toBe(true)
    const fresh = await open(hostPath)
    // A power cycle: echo is back on and the SIM asks for its PIN again.
    const mark = fresh.raw.length
    fresh.write('AT\r')
    await fresh.waitForRaw((raw) => raw.includes('OK\r\n'), 3000, mark)
    expect(fresh.raw.slice(mark)).toContain('AT\r\r\nOK\r\n')
    await fresh.send('ATE0')
    expect((await fresh.send('AT+CPIN?')).filter((l) => l.startsWith('+CPIN:'))).toEqual(['+CPIN: SIM PIN'])
  })

  it('can cut the port in the middle of a reply', async () => {
    const { sim, client } = await start({ profile: 'generic-lte', sim: { card: 'tmobile-us-prepaid' } })
    await client.send('ATE0')
    const dropped = sim.dropPort({ midReply: true })
    const mark = client.raw.length
    client.write('ATI\r')
    await dropped
    expect(await client.disconnected()).toEqual({ disconnected: true })
    const partial = client.raw.slice(mark)
    expect(partial.length).toBeGreaterThan(0)
    expect(partial).not.toContain('OK')
    expect('\r\nHotspot Desk\r\n'.startsWith(partial)).toBe(true)
  })

  it('goes silent with setNeverAnswer(true) and answers again when released', async () => {
    const { sim, client } = await start({ profile: 'generic-lte', sim: { card: 'tmobile-us-prepaid' } })
    await client.send('AT+CEREG=1')
    await client.waitForLine(/^\+CEREG: 1$/, 2000, 0)
    sim.setNeverAnswer(true)
    const mark = client.raw.length
    client.write('AT\r')
    sim.setRegistration('searching') // no URC either
    await sleep(400)
    expect(client.raw.slice(mark)).toBe('')
    sim.setNeverAnswer(false)
    sim.setRegistration('home')
    expect(await client.waitForLine(/^\+CEREG: 1$/, 2000, client.lines.length)).toBe('+CEREG: 1')
    expect(await client.result('AT')).toBe('OK')
  })

  it('survives injected garbage at a line boundary', async () => {
    const { sim, client } = await start({ profile: 'generic-lte', sim: { card: 'tmobile-us-prepaid' } })
    await client.send('ATE0')
    const mark = client.raw.length
    sim.injectGarbage(Buffer.from([0x00, 0xff, 0xfe, 0x81, 0x0d]))
    await client.waitForRaw((raw) => raw.length >= 5, 2000, mark)
    expect(Buffer.from(client.raw.slice(mark), 'latin1')).toEqual(Buffer.from([0x00, 0xff, 0xfe, 0x81, 0x0d]))
    sim.injectGarbage()
    // Host-side noise before a command is ignored by the modem, too.
    client.write(Buffer.from([0x00, 0x13, 0xff]))
    expect(await client.result('AT+CGMI')).toBe('OK')
  })

  it('re-enumerates on +CFUN=1,1: OK, the port disappears, then comes back after a pause', async () => {
    const { client, hostPath } = await start({ profile: 'huawei-e3372h', sim: { card: 'tmobile-us-prepaid' } })
    await client.send('ATE0')
    expect((await client.send('AT+CFUN=1,1')).filter((l) => /^(OK|ERROR)$/.test(l))).toEqual(['OK'])
    expect(await client.disconnected()).toEqual({ disconnected: true })
    expect(existsSync(hostPath)).toBe(false)
    for (let i = 0; i < 100 && !existsSync(hostPath); i++) await sleep(20)
    expect(existsSync(hostPath)).toBe(true)
    const fresh = await open(hostPath)
    await fresh.send('ATE0')
    expect(await fresh.result('AT+CGMI')).toBe('OK')
  })

  it('ZTE repeats +ZUSIMR:2 until the host reads +CPMS? (the MF-series quirk)', async () => {
    const { client } = await start({ profile: 'zte-mf833', sim: { card: 'tmobile-us-prepaid' } })
    await client.waitForLine(/^\+ZUSIMR:2$/, 3000, 0)
    await client.send('ATE0')
    await client.send('AT+CPMS?')
    const after = client.lines.length
    await sleep(3500)
    expect(client.lines.slice(after).filter((l) => l === '+ZUSIMR:2')).toEqual([])
  }, 10_000)
})
