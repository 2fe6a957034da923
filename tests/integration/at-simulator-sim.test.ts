// SIM security and the own-number ladder over a real PTY: PIN entry with decrementing counters (each
// vendor's counter command), PUK recovery, and +CNUM / "ON" phonebook with and without a stored number.
import { afterAll, describe, expect, it } from 'vitest'
import { AtModemSimulator, type AtModemSimulatorOptions } from '../../src/simulators/at-modem'
import { AtTestClient, closeAllSocatPairs, FAST_TIMINGS, ptySuite, SOCAT } from '../support/pty'

const running: { sim: AtModemSimulator; client: AtTestClient }[] = []

async function start(options: AtModemSimulatorOptions) {
  const sim = new AtModemSimulator({ latencyMs: 0, timings: FAST_TIMINGS, ...options })
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

describe.skipIf(!SOCAT)(ptySuite('AT simulator over a socat PTY: SIM PIN/PUK'), () => {
  it('asks for the PIN, counts wrong attempts (+CPINR), and unlocks with the right one', async () => {
    const { client } = await start({ profile: 'generic-lte', sim: { card: 'tmobile-us-prepaid', pinEnabled: true, pin: '4321' } })
    expect(await client.send('AT+CPIN?')).toEqual(['+CPIN: SIM PIN', 'OK'])
    expect(await client.send('AT+CPINR="SIM PIN"')).toEqual(['+CPINR: SIM PIN,3,3', 'OK'])
    // Registration waits for the PIN.
    expect(await client.send('AT+CEREG?')).toEqual(['+CEREG: 0,0', 'OK'])

    expect(await client.send('AT+CPIN="1111"')).toEqual(['+CME ERROR: 16'])
    expect(await client.send('AT+CPINR="SIM PIN"')).toEqual(['+CPINR: SIM PIN,2,3', 'OK'])
    expect(await client.send('AT+CPIN="4321"')).toEqual(['OK'])
    expect(await client.send('AT+CPIN?')).toEqual(['+CPIN: READY', 'OK'])
    expect(await client.send('AT+CPINR="SIM PIN"')).toEqual(['+CPINR: SIM PIN,3,3', 'OK'])
    expect(await client.send('AT+CIMI')).toEqual(['310260591274038', 'OK'])
    // Entering a PIN when none is asked for is not allowed.
    expect(await client.send('AT+CPIN="4321"')).toEqual(['+CME ERROR: 3'])
  })

  it('locks to PUK after three wrong PINs and recovers with PUK + new PIN (Huawei ^CPIN counters)', async () => {
    const { client } = await start({ profile: 'huawei-e3372h', sim: { card: 'tmobile-us-prepaid', pinEnabled: true, pin: '4321', puk: '12345678' } })
    expect(only(await client.send('AT^CPIN?'), '^CPIN:')).toEqual(['^CPIN: SIM PIN,3,10,3,10,3'])
    for (const left of [2, 1]) {
      expect(await client.send('AT+CPIN="0000"')).toEqual(['+CME ERROR: 16'])
      expect(only(await client.send('AT^CPIN?'), '^CPIN:')).toEqual([`^CPIN: SIM PIN,${left},10,${left},10,3`])
    }
    expect(await client.send('AT+CPIN="0000"')).toEqual(['+CME ERROR: 16'])
    expect(only(await client.send('AT+CPIN?'), '+CPIN:')).toEqual(['+CPIN: SIM PUK'])
    expect(only(await client.send('AT^CPIN?'), '^CPIN:')).toEqual(['^CPIN: SIM PUK,10,10,0,10,3'])
    expect(await client.send('AT+CIMI')).toEqual(['+CME ERROR: 12'])

    expect(await client.send('AT+CPIN="87654321","9999"')).toEqual(['+CME ERROR: 16'])
    expect(only(await client.send('AT^CPIN?'), '^CPIN:')).toEqual(['^CPIN: SIM PUK,9,9,0,10,3'])
    expect(only(await client.send('AT+CPIN="12345678","9999"'), 'OK')).toEqual(['OK'])
    expect(only(await client.send('AT+CPIN?'), '+CPIN:')).toEqual(['+CPIN: READY'])
    // The new PIN is the one the SIM now checks.
    expect(only(await client.send('AT+CLCK="SC",2'), '+CLCK:')).toEqual(['+CLCK: 1'])
    expect(await client.send('AT+CLCK="SC",0,"4321"')).toEqual(['+CME ERROR: 16'])
    expect(only(await client.send('AT+CLCK="SC",0,"9999"'), 'OK')).toEqual(['OK'])
    expect(only(await client.send('AT+CLCK="SC",2'), '+CLCK:')).toEqual(['+CLCK: 0'])
  })

  it('reports counters with +QPINC on Quectel and +ZPINPUK on ZTE, and the fault API locks the SIM', async () => {
    const quectel = await start({ profile: 'quectel-ec25', sim: { card: 'iijmio-docomo' } })
    expect(only(await quectel.client.send('AT+QPINC="SC"'), '+QPINC:')).toEqual(['+QPINC: "SC",3,10'])
    quectel.sim.setSimLocked('puk')
    expect(only(await quectel.client.send('AT+CPIN?'), '+CPIN:')).toEqual(['+CPIN: SIM PUK'])
    expect(only(await quectel.client.send('AT+QPINC="SC"'), '+QPINC:')).toEqual(['+QPINC: "SC",0,10'])

    const zte = await start({ profile: 'zte-mf833', sim: { card: 'rakuten-mobile', pinEnabled: true } })
    await zte.client.send('AT+CPIN="1234"')
    expect(only(await zte.client.send('AT+ZPINPUK=?'), '+ZPINPUK:')).toEqual(['+ZPINPUK: 2,10'])
  })

  it('answers +CME ERROR: 10 for SIM commands when no SIM is inserted', async () => {
    const { client } = await start({ profile: 'generic-lte', sim: null })
    expect(await client.send('AT+CPIN?')).toEqual(['+CME ERROR: 10'])
    expect(await client.send('AT+CCID')).toEqual(['+CME ERROR: 10'])
    expect(await client.send('AT+CGMI')).toEqual(['Hotspot Desk', 'OK'])
  })
})

describe.skipIf(!SOCAT)(ptySuite('AT simulator over a socat PTY: own number'), () => {
  it('returns just OK for +CNUM when EF_MSISDN is empty (T-Mobile data line)', async () => {
    const { client } = await start({ profile: 'quectel-ec25', sim: { card: 'tmobile-us-prepaid' } })
    await client.waitForLine(/^\+QIND: PB DONE$/, 3000, 0)
    expect(await client.send('AT+CNUM')).toEqual(['OK'])
    expect(await client.send('AT+CPBS="ON"')).toEqual(['OK'])
    expect(await client.send('AT+CPBS?')).toEqual(['+CPBS: "ON",0,2', 'OK'])
    expect(await client.send('AT+CPBR=1')).toEqual(['OK'])
  })

  it('returns the stored number from +CNUM and the "ON" phonebook (IIJmio voice SIM)', async () => {
    const { client } = await start({ profile: 'generic-lte', sim: { card: 'iijmio-docomo' } })
    expect(await client.send('AT+CNUM')).toEqual(['+CNUM: "","+818000001234",145', 'OK'])
    await client.send('AT+CPBS="ON"')
    expect(await client.send('AT+CPBR=1,2')).toEqual(['+CPBR: 1,"+818000001234",145,"My number"', 'OK'])
    expect(await client.send('AT+CPBR=3')).toEqual(['+CME ERROR: 21'])
  })

  it('lets a test choose: a number present on a SIM that normally has none', async () => {
    const { client } = await start({ profile: 'generic-lte', sim: { card: 'tmobile-us-prepaid', msisdnOnSim: true } })
    expect(await client.send('AT+CNUM')).toEqual(['+CNUM: "","+12065550142",145', 'OK'])
  })
})
