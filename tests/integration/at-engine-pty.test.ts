// The app's AT stack end to end over a real pseudo-terminal: SerialLineChannel (serialport, native binding) →
// AtEngine → parsers/codecs, against the AT modem simulator (src/simulators/at-modem) on a socat PTY pair.
// Skips with a message where socat is missing (tests/support/pty.ts).
import { afterAll, describe, expect, it } from 'vitest'
import type { ContractError } from '../../src/contract/errors'
import { assembleConcatenated } from '../../src/devices/at/codecs/concat'
import { decodeSmsPdu, type DecodedSms } from '../../src/devices/at/codecs/sms-pdu'
import { encodeSmsSubmit } from '../../src/devices/at/codecs/sms-submit'
import { encodeUssdPacked } from '../../src/devices/at/codecs/ussd'
import { AtEngine, type AtUrc } from '../../src/devices/at/engine'
import { AtCommandError } from '../../src/devices/at/errors'
import { parseCnum } from '../../src/devices/at/parsers/cnum'
import { parseHcsq, parseSysinfoEx } from '../../src/devices/at/parsers/huawei'
import { parseIccid } from '../../src/devices/at/parsers/iccid'
import { parseImei, parseImsi, parseManufacturer } from '../../src/devices/at/parsers/identity'
import { parseCopsRead } from '../../src/devices/at/parsers/operator'
import { parseQengServingCell } from '../../src/devices/at/parsers/quectel'
import { parseRegistration } from '../../src/devices/at/parsers/registration'
import { parseCesq, parseCsq } from '../../src/devices/at/parsers/signal'
import { parseCpin, simStateForCmeError } from '../../src/devices/at/parsers/sim'
import { parseCusd } from '../../src/devices/at/parsers/ussd'
import { SerialLineChannel } from '../../src/devices/transports/serial-line-channel'
import { AtModemSimulator, type AtModemSimulatorOptions } from '../../src/simulators/at-modem'
import { closeAllSocatPairs, FAST_TIMINGS, ptySuite, sleep, SOCAT } from '../support/pty'

const running: { sim: AtModemSimulator; engine: AtEngine }[] = []

async function start(options: AtModemSimulatorOptions) {
  const sim = new AtModemSimulator({ latencyMs: 0, timings: FAST_TIMINGS, seed: 11, ...options })
  const { hostPath } = await sim.startOnPty()
  const engine = new AtEngine(new SerialLineChannel({ path: hostPath, reopenDelayMs: 50 }), { syncQuietMs: 50 })
  running.push({ sim, engine })
  const urcs: AtUrc[] = []
  engine.onUrc((urc) => urcs.push(urc))
  await engine.open()
  return { sim, engine, urcs, hostPath }
}

async function waitForUrc(urcs: AtUrc[], name: string, from: number, timeoutMs = 3000): Promise<AtUrc> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = urcs.slice(from).find((urc) => urc.name === name)
    if (found) return found
    if (Date.now() > deadline) throw new Error(`no ${name} URC within ${timeoutMs} ms; got ${JSON.stringify(urcs.slice(from).map((urc) => urc.line))}`)
    await sleep(10)
  }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

afterAll(async () => {
  for (const { sim, engine } of running) {
    await engine.close()
    await sim.stop()
  }
  await closeAllSocatPairs()
})

describe.skipIf(!SOCAT)(ptySuite('AT engine over a socat PTY against the simulator'), () => {
  it('opens through the power-on echo and reads identity, SIM and radio state', async () => {
    const { sim, engine } = await start({ profile: 'huawei-e3372h', sim: { card: 'tmobile-us-prepaid' } })
    // The modem powered up with echo on; the engine saw (and dropped) the echoes before ATE0 took effect.
    expect(engine.transcript.some((entry) => entry.kind === 'echo')).toBe(true)
    expect(parseManufacturer((await engine.command('AT+CGMI')).lines)).toEqual({ ok: true, value: 'huawei' })
    expect(parseImei((await engine.command('AT+CGSN')).lines)).toEqual({ ok: true, value: { imei: sim.imei, luhnValid: true } })
    expect(parseImsi((await engine.command('AT+CIMI')).lines)).toEqual({ ok: true, value: sim.simCard?.imsi })
    expect(parseIccid((await engine.command('AT^ICCID?')).lines)).toMatchObject({ ok: true, value: { iccid: sim.simCard?.iccid, luhnValid: true } })
    expect(parseCnum((await engine.command('AT+CNUM')).lines)).toEqual({ ok: true, value: [] }) // T-Mobile data SIM: no EF_MSISDN
    expect(parseCsq((await engine.command('AT+CSQ')).lines)).toMatchObject({ ok: true })
    expect(parseSysinfoEx((await engine.command('AT^SYSINFOEX')).lines)).toMatchObject({ ok: true, value: { simState: 1 } })
    expect(parseHcsq((await engine.command('AT^HCSQ?')).lines)).toMatchObject({ ok: true })
  })

  it('keeps replies intact during a URC storm and hands every URC to subscribers', async () => {
    const { sim, engine, urcs } = await start({ profile: 'huawei-e3372h', sim: { card: 'tmobile-us-prepaid' } })
    const before = urcs.length
    const storm = sim.startUrcStorm({ ratePerSecond: 400, durationMs: 800 })
    for (let round = 0; round < 15; round++) {
      const csq = await engine.command('AT+CSQ')
      expect(csq.lines).toHaveLength(1)
      expect(parseCsq(csq.lines)).toMatchObject({ ok: true })
      const cops = await engine.command('AT+COPS?')
      expect(parseCopsRead(cops.lines)).toMatchObject({ ok: true, value: { operator: expect.any(String) } })
    }
    const sent = await storm.done
    await sleep(100)
    const received = urcs.slice(before)
    expect(received.length).toBeGreaterThanOrEqual(sent)
    expect(received.every((urc) => urc.known)).toBe(true)
  })

  it('separates the solicited +CEREG reply from the +CEREG URC', async () => {
    const { sim, engine, urcs } = await start({ profile: 'generic-lte', sim: { card: 'tmobile-us-prepaid' } })
    await engine.command('AT+CEREG=2')
    const read = parseRegistration((await engine.command('AT+CEREG?')).lines, { form: 'read' })
    expect(read).toMatchObject({ ok: true, value: { n: 2, state: 'home', rat: 'lte' } })
    const from = urcs.length
    sim.setRegistration('roaming')
    const urc = await waitForUrc(urcs, '+CEREG', from)
    expect(parseRegistration(urc.line, { form: 'urc' })).toMatchObject({ ok: true, value: { form: 'urc', state: 'roaming' } })
    expect(parseCesq((await engine.command('AT+CESQ')).lines)).toMatchObject({ ok: true })
  })

  it('sends USSD packed for Huawei and decodes the +CUSD URC', async () => {
    const { engine, urcs } = await start({ profile: 'huawei-e3372h', sim: { card: 'tmobile-us-prepaid' } })
    const from = urcs.length
    await engine.command(`AT+CUSD=1,"${encodeUssdPacked('#100#')}",15`)
    const menu = parseCusd([(await waitForUrc(urcs, '+CUSD', from)).line], { packedGsm7: true })
    expect(menu).toMatchObject({ ok: true, value: { sessionOpen: true, text: 'Prepaid menu\n1 Balance\n2 Data\n3 My number\n0 Exit' } })
    await engine.command('AT+CUSD=2')
  })

  it('lists, assembles, receives and sends SMS in PDU mode', async () => {
    const { sim, engine, urcs } = await start({ profile: 'generic-lte', sim: { card: 'tmobile-us-prepaid' } })
    await engine.command('AT+CMGF=0')
    const listed = (await engine.command('AT+CMGL=4')).lines
    const pdus = listed.filter((line) => !line.startsWith('+CMGL:'))
    const decoded = pdus.map((pdu) => decodeSmsPdu(pdu)).filter((result) => result.ok).map((result) => (result.ok ? result.value : undefined)) as DecodedSms[]
    expect(decoded).toHaveLength(pdus.length)
    const { messages, incomplete } = assembleConcatenated(decoded)
    expect(incomplete).toEqual([])
    expect(messages.map((message) => message.text)).toContain(
      'Hey, landing at Narita around 3pm. The rental hotspot shop is on the arrivals floor next to the currency exchange. If the pocket wifi does not connect, restart it and check the APN settings. See you at the hotel lobby at 6!'
    )
    expect(messages.map((message) => message.text)).toContain('空港に着いたら連絡してね。')

    await engine.command('AT+CNMI=2,1,0,0,0')
    const from = urcs.length
    sim.receiveSms({ from: '+818000004321', text: 'ホテルに着きました' })
    const cmti = await waitForUrc(urcs, '+CMTI', from)
    const index = /,(\d+)$/.exec(cmti.line)?.[1]
    const read = await engine.command(`AT+CMGR=${index}`)
    const message = decodeSmsPdu(read.lines[1] ?? '')
    expect(message).toMatchObject({ ok: true, value: { type: 'deliver', originator: { number: '+818000004321' }, text: 'ホテルに着きました' } })

    const parts = encodeSmsSubmit({ to: '+12065550187', text: 'Sent through the AT engine ✓ over a PTY' })
    expect(parts.ok).toBe(true)
    if (!parts.ok) return
    for (const part of parts.value) {
      const sent = await engine.command(`AT+CMGS=${part.tpduLength}`, { prompt: part.pdu })
      expect(sent.prompt).toBe('sent')
      expect(sent.lines[0]).toMatch(/^\+CMGS: \d+$/)
    }
    expect(sim.sentSms.at(-1)).toMatchObject({ to: '+12065550187', text: 'Sent through the AT engine ✓ over a PTY' })
  })

  it('maps +CME errors: PIN required, then unlock; no SIM at all', async () => {
    const locked = await start({ profile: 'quectel-ec25', sim: { card: 'iijmio-docomo', pinEnabled: true } })
    expect(parseCpin((await locked.engine.command('AT+CPIN?')).lines)).toMatchObject({ ok: true, value: { code: 'SIM PIN', simState: 'pin-required' } })
    const pinError = (await rejection(locked.engine.command('AT+CIMI'))) as AtCommandError
    expect(pinError).toBeInstanceOf(AtCommandError)
    expect([pinError.kind, pinError.atCode, pinError.atName]).toEqual(['cme', 11, 'SIM PIN required'])
    await locked.engine.command('AT+CPIN="0000"')
    expect(JSON.stringify(locked.engine.transcript)).not.toContain('0000')
    await sleep(100)
    expect(parseImsi((await locked.engine.command('AT+CIMI')).lines)).toMatchObject({ ok: true })
    expect(parseQengServingCell((await locked.engine.command('AT+QENG="servingcell"')).lines)).toMatchObject({ ok: true })

    const empty = await start({ profile: 'generic-lte', sim: null })
    const absent = (await rejection(empty.engine.command('AT+CPIN?'))) as AtCommandError
    expect([absent.kind, absent.atCode]).toEqual(['cme', 10])
    expect(simStateForCmeError(absent.atCode)).toBe('absent')
  })

  it('recovers from line noise and from a modem that stopped answering', async () => {
    const { sim, engine } = await start({ profile: 'generic-lte', sim: { card: 'tmobile-us-prepaid' } })
    sim.injectGarbage()
    expect((await engine.command('AT+CGMI')).lines).toEqual(['Hotspot Desk'])
    sim.setNeverAnswer(true)
    const stuck = (await rejection(engine.command('AT+CSQ', { timeoutMs: 300 }))) as ContractError
    expect(stuck.code).toBe('TIMEOUT')
    sim.setNeverAnswer(false)
    // The engine resynchronises (bare AT) before the next command, which then gets its own reply.
    expect(parseCsq((await engine.command('AT+CSQ')).lines)).toMatchObject({ ok: true })
  })

  it('reports an unplug to the waiting command as DEVICE_GONE and reopens after replug', async () => {
    const { sim, engine } = await start({ profile: 'generic-lte', sim: { card: 'tmobile-us-prepaid' }, latencyMs: { baseMs: 0, perCommand: { '+COPS': 2000 } } })
    const closes: ContractError[] = []
    engine.onClose((error) => closes.push(error))
    // Handlers attached at once: the rejections arrive while the test is still awaiting the unplug.
    const scan = rejection(engine.command('AT+COPS=?'))
    const queued = rejection(engine.command('AT+CSQ'))
    await sleep(100) // the scan is on the wire
    await sim.dropPort()
    for (const pending of [scan, queued]) expect(((await pending) as ContractError).code).toBe('DEVICE_GONE')
    expect(engine.state).toBe('gone')
    expect(closes).toHaveLength(1)

    await sim.replug()
    await engine.reopen()
    expect(engine.state).toBe('open')
    expect(parseCsq((await engine.command('AT+CSQ')).lines)).toMatchObject({ ok: true })
  })
})
