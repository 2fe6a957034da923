// Registration, operator selection and signal reports over a real PTY. Signal consistency is checked
// against physics and the documented scales (27.007 +CSQ/+CESQ, Huawei ^HCSQ, Quectel +QCSQ/+QENG), not
// against the simulator's conversion code: RSSI = RSRP − RSRQ + 10·log10(N_RB) (3GPP TS 36.214 §5.1.3).
import { afterAll, describe, expect, it } from 'vitest'
import { AtModemSimulator, type AtModemSimulatorOptions } from '../../src/simulators/at-modem'
import { AtTestClient, closeAllSocatPairs, FAST_TIMINGS, ptySuite, sleep, SOCAT } from '../support/pty'

const running: { sim: AtModemSimulator; client: AtTestClient }[] = []

async function start(options: AtModemSimulatorOptions) {
  const sim = new AtModemSimulator({ latencyMs: 0, seed: 3, ...options, timings: { ...FAST_TIMINGS, ...options.timings } })
  const { hostPath } = await sim.startOnPty()
  const client = await AtTestClient.open(hostPath)
  running.push({ sim, client })
  await client.send('ATE0')
  await client.send('AT+CMEE=1')
  return { sim, client }
}

afterAll(async () => {
  for (const { sim, client } of running) {
    await client.close()
    await sim.stop()
  }
  await closeAllSocatPairs()
})

const only = (lines: string[], prefix: string) => lines.filter((l) => l.startsWith(prefix))
const fields = (line: string) => line.slice(line.indexOf(':') + 1).trim().split(',')

async function waitRegistered(client: AtTestClient): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const [line] = only(await client.send('AT+CEREG?'), '+CEREG:')
    if (/^\+CEREG: \d,[15]/.test(line ?? '')) return
    await sleep(20)
  }
  throw new Error('modem never registered')
}

describe.skipIf(!SOCAT)(ptySuite('AT simulator over a socat PTY: registration'), () => {
  it('reports registration changes as +CEREG URCs after +CEREG=2, with tac/ci/AcT', async () => {
    const { sim, client } = await start({ profile: 'generic-lte', sim: { card: 'tmobile-us-prepaid' } })
    await waitRegistered(client)
    expect(await client.send('AT+CEREG=2')).toEqual(['OK'])
    expect(await client.send('AT+CEREG?')).toEqual(['+CEREG: 2,1,"7A1F","01A2B3C4",7', 'OK'])

    let from = client.lines.length
    sim.setRegistration('searching')
    expect(await client.waitForLine(/^\+CEREG:/, 2000, from)).toBe('+CEREG: 2')
    from = client.lines.length
    sim.setRegistration('home')
    expect(await client.waitForLine(/^\+CEREG:/, 2000, from)).toBe('+CEREG: 1,"7A1F","01A2B3C4",7')

    // Radio off deregisters; radio on searches, then registers again.
    from = client.lines.length
    expect(only(await client.send('AT+CFUN=4'), 'OK')).toEqual(['OK'])
    expect(await client.waitForLine(/^\+CEREG:/, 2000, from)).toBe('+CEREG: 0')
    expect(only(await client.send('AT+CSQ'), '+CSQ:')).toEqual(['+CSQ: 99,99'])
    from = client.lines.length
    await client.send('AT+CFUN=1')
    await client.waitForLine(/^\+CEREG: 1,/, 2000, from)
    expect(client.lines.slice(from).filter((l) => l.startsWith('+CEREG:'))).toEqual(['+CEREG: 2', '+CEREG: 1,"7A1F","01A2B3C4",7'])
  })

  it('gives the reject cause with n=3 when registration is denied, and CREG/CGREG follow the attach', async () => {
    const { client } = await start({ profile: 'generic-lte', sim: { card: 'tmobile-us-prepaid' } })
    await waitRegistered(client)
    await client.send('AT+CREG=2;+CGREG=1;+CEREG=3')
    expect(only(await client.send('AT+CREG?;+CGREG?'), '+C')).toEqual(['+CREG: 2,1,"7A1F","01A2B3C4",7', '+CGREG: 1,1'])

    // Manual selection of a network the SIM may not use: EMM #11 → +CME ERROR: 111, stays denied.
    const from = client.lines.length
    expect(only(await client.send('AT+COPS=1,2,"310410"'), '+CME')).toEqual(['+CME ERROR: 111'])
    // The URCs may trail the final result code (as on real modems); wait for both before looking.
    await client.waitForLine(/^\+CEREG: 3,/, 2000, from)
    await client.waitForLine(/^\+CGREG: 3/, 2000, from)
    const urcs = client.lines.slice(from).filter((l) => /^\+C(E|G)?REG:/.test(l))
    expect(urcs).toContain('+CEREG: 3,"3001","03310A01",7,0,11')
    expect(urcs).toContain('+CGREG: 3')
    expect(only(await client.send('AT+CEREG?'), '+CEREG:')).toEqual(['+CEREG: 3,3,"3001","03310A01",7,0,11'])
    expect(only(await client.send('AT+COPS?'), '+COPS:')).toEqual(['+COPS: 1'])

    await client.send('AT+COPS=0')
    await client.waitForLine(/^\+CEREG: 1,/, 2000)
    expect(only(await client.send('AT+COPS?'), '+COPS:')).toEqual(['+COPS: 0,2,"310260",7'])
  })

  it('scans slowly with +COPS=? and registers roaming on a partner network (Rakuten → KDDI)', async () => {
    const { client } = await start({ profile: 'quectel-ec25', sim: { card: 'rakuten-mobile' }, timings: { copsScanMs: 400 } })
    await waitRegistered(client)
    const started = Date.now()
    const scan = only(await client.send('AT+COPS=?'), '+COPS:')
    expect(Date.now() - started).toBeGreaterThanOrEqual(380)
    expect(scan[0]).toMatch(/^\+COPS: \(2,"Rakuten Mobile","Rakuten","44011",7\),\(1,"KDDI","KDDI","44053",7\),.*,,\(0,1,2,3,4\),\(0,1,2\)$/)

    expect(only(await client.send('AT+COPS=1,2,"44053"'), 'OK')).toEqual(['OK'])
    expect(only(await client.send('AT+CEREG?'), '+CEREG:')).toEqual(['+CEREG: 0,5'])
    expect(only(await client.send('AT+COPS?'), '+COPS:')).toEqual(['+COPS: 1,2,"44053",7'])
    expect(only(await client.send('AT+QNWINFO'), '+QNWINFO:')).toEqual(['+QNWINFO: "FDD LTE","44053","LTE BAND 18",5900'])
  })
})

describe.skipIf(!SOCAT)(ptySuite('AT simulator over a socat PTY: signal reports'), () => {
  it('keeps +CSQ and +CESQ consistent with each other (generic, T-Mobile 20 MHz cell)', async () => {
    const { sim, client } = await start({ profile: 'generic-lte', sim: { card: 'tmobile-us-prepaid' } })
    await waitRegistered(client)
    for (let i = 0; i < 15; i++) {
      sim.stepSignal()
      const [csq, cesq] = await client.send('AT+CSQ;+CESQ')
      const n = Number(fields(csq as string)[0])
      const [rxlev, ber, rscp, ecno, rsrqIdx, rsrpIdx] = fields(cesq as string).map(Number) as number[]
      expect([rxlev, ber, rscp, ecno]).toEqual([99, 99, 255, 255])
      const rsrp = -141 + (rsrpIdx as number) // 27.007: 1 ≙ −140 ≤ RSRP < −139
      const rsrq = -20 + (rsrqIdx as number) / 2
      const rssi = rsrp - rsrq + 10 * Math.log10(100)
      // CSQ n covers [−113 + 2n, −111 + 2n); allow for RSRQ's half-dB steps.
      expect(rssi).toBeGreaterThanOrEqual(-113 + 2 * n - 1.5)
      expect(rssi).toBeLessThan(-111 + 2 * n + 1.5)
      expect(rsrp).toBeGreaterThanOrEqual(-125)
      expect(rsrp).toBeLessThanOrEqual(-70)
    }
  })

  it('agrees across ^HCSQ, +CESQ and +CSQ on Huawei', async () => {
    const { client } = await start({ profile: 'huawei-e3372h', sim: { card: 'iijmio-docomo' } })
    await waitRegistered(client)
    const lines = await client.send('AT+CSQ;^HCSQ?;+CESQ')
    const hcsq = only(lines, '^HCSQ:')[0] as string
    const cesq = fields(only(lines, '+CESQ:')[0] as string).map(Number)
    const n = Number(fields(only(lines, '+CSQ:')[0] as string)[0])
    const [mode, rssiV, rsrpV, sinrV, rsrqV] = fields(hcsq)
    expect(mode).toBe('"LTE"')
    // ^HCSQ scales (reference §4.5): rssi −121+v, rsrp −141+v, sinr −20.2+v/5, rsrq −20+v/2.
    expect(-141 + Number(rsrpV)).toBe(-141 + (cesq[5] as number))
    expect(-20 + Number(rsrqV) / 2).toBe(-20 + (cesq[4] as number) / 2)
    const rssi = -121 + Number(rssiV)
    expect(rssi).toBeGreaterThanOrEqual(-113 + 2 * n)
    expect(rssi).toBeLessThan(-111 + 2 * n)
    const sinr = -20.2 + Number(sinrV) / 5
    expect(sinr).toBeGreaterThan(-10)
    expect(sinr).toBeLessThan(30)
  })

  it('agrees across +QENG, +QCSQ and +CESQ on Quectel EC25, and readings move over time', async () => {
    const { client } = await start({ profile: 'quectel-ec25', sim: { card: 'iijmio-docomo' }, timings: { signalStepMs: 15 } })
    await waitRegistered(client)
    const seen = new Set<string>()
    for (let i = 0; i < 12; i++) {
      const lines = await client.send('AT+QENG="servingcell";+QCSQ;+CESQ')
      const qeng = fields(only(lines, '+QENG:')[0] as string)
      const qcsq = fields(only(lines, '+QCSQ:')[0] as string)
      const cesq = fields(only(lines, '+CESQ:')[0] as string).map(Number)
      // "servingcell",<state>,"LTE",<is_tdd>,<MCC>,<MNC>,<cellID>,<PCID>,<earfcn>,<band>,<ul_bw>,<dl_bw>,<TAC>,<RSRP>,<RSRQ>,<RSSI>,<SINR>,<srxlev>
      expect(qeng.slice(0, 6)).toEqual(['"servingcell"', '"NOCONN"', '"LTE"', '"FDD"', '440', '10'])
      expect(qeng).toHaveLength(18)
      const [rsrp, rsrq, rssi, sinr] = qeng.slice(13, 17).map(Number) as number[]
      expect(qcsq).toEqual(['"LTE"', String(rssi), String(rsrp), String(sinr), String(rsrq)])
      expect(-141 + (cesq[5] as number)).toBe(rsrp)
      expect(-20 + (cesq[4] as number) / 2).toBe(rsrq)
      expect(rssi).toBe(Math.round((rsrp as number) - (rsrq as number) + 10 * Math.log10(75)))
      expect(sinr).toBeGreaterThanOrEqual(0)
      expect(sinr).toBeLessThanOrEqual(250)
      seen.add(`${rsrp}/${rsrq}/${sinr}`)
      await sleep(20)
    }
    expect(seen.size).toBeGreaterThan(1)
  })

  it('sends +QIND: "csq" when the level changes after AT+QINDCFG="csq",1 (Quectel)', async () => {
    const { sim, client } = await start({ profile: 'quectel-ec25', sim: { card: 'tmobile-us-prepaid' } })
    await waitRegistered(client)
    expect(only(await client.send('AT+QINDCFG="csq",1'), 'OK')).toEqual(['OK'])
    const from = client.lines.length
    sim.setSignal({ rsrp: -118, rsrq: -15 })
    sim.stepSignal()
    const urc = await client.waitForLine(/^\+QIND: "csq",/, 2000, from)
    const [csq] = only(await client.send('AT+CSQ'), '+CSQ:')
    expect(urc).toBe(`+QIND: "csq",${fields(csq as string)[0]},99`)
  })

  it('moves to WCDMA after ^SYSCFGEX="02" and reports it everywhere', async () => {
    const { client } = await start({ profile: 'huawei-e3372h', sim: { card: 'tmobile-us-prepaid' } })
    await waitRegistered(client)
    await client.send('AT+CREG=2')
    const from = client.lines.length
    expect(only(await client.send('AT^SYSCFGEX="02",3FFFFFFF,2,4,7FFFFFFFFFFFFFFF,,'), 'OK')).toEqual(['OK'])
    await client.waitForLine(/^\^MODE:5,9$/, 2000, from)
    expect(client.lines.slice(from)).toContain('+CREG: 1,"7A1F","01A2B3C4",6')
    expect(only(await client.send('AT^SYSINFOEX'), '^SYSINFOEX:')).toEqual(['^SYSINFOEX: 2,3,0,1,,3,"WCDMA",46,"DC-HSPA+"'])
    expect(only(await client.send('AT^SYSCFGEX?'), '^SYSCFGEX:')).toEqual(['^SYSCFGEX: "02",3FFFFFFF,1,2,7FFFFFFFFFFFFFFF'])
    const cesq = fields(only(await client.send('AT+CESQ'), '+CESQ:')[0] as string).map(Number)
    expect(cesq[2]).toBeLessThan(97) // rscp present
    expect(cesq[4]).toBe(255) // rsrq not applicable
    expect(only(await client.send('AT^HCSQ?'), '^HCSQ:')[0]).toMatch(/^\^HCSQ: "WCDMA",\d+,\d+,\d+$/)
  })

  it('reports the access technology with +ZPAS and follows +ZSNT on ZTE', async () => {
    const { client } = await start({ profile: 'zte-mf833', sim: { card: 'iijmio-docomo' } })
    await waitRegistered(client)
    expect(only(await client.send('AT+ZPAS?'), '+ZPAS:')).toEqual(['+ZPAS: "LTE","PS_ONLY"'])
    await client.send('AT+ZSNT=2,0,0')
    expect(only(await client.send('AT+ZSNT?'), '+ZSNT:')).toEqual(['+ZSNT: 2,0,0'])
    expect(only(await client.send('AT+ZPAS?'), '+ZPAS:')).toEqual(['+ZPAS: "HSPA+","CS_PS"'])
  })
})
