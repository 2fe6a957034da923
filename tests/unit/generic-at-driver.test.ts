// GenericAtDriver over a scripted port (tests/unit/at-scripted-channel.ts): which commands the driver sends and
// how it maps the replies — open and read, a locked SIM, capabilities, the phone-number ladder, APN primitives
// and their errors, USSD, SMS ids, fingerprinting, port ownership and an unplug. The replies are the formats
// of the reference (device-protocols.md §4.3–§4.7) with values a Huawei E3372 on T-Mobile would give.
import { afterEach, describe, expect, it } from 'vitest'
import { ContractError } from '../../src/contract/errors'
import { decodeSmsPdu, encodeUssdPacked } from '../../src/devices/at'
import { switchApn } from '../../src/devices/apn-transaction'
import { createGenericAtDriver, fingerprintGenericAt, genericAtFamily, type GenericAtDriver, type GenericAtDriverOptions } from '../../src/devices/families/generic-at'
import { ScriptedChannel, v1, withInit } from './at-scripted-channel'

type Reply = string[] | undefined
type Handler = (command: string) => Reply

/**
 * A small modem: a table of exact replies, handlers for the commands with state (PDP contexts, PIN, +COPS
 * format), and ERROR for everything else — like firmware without the command.
 */
class FakeModem {
  readonly sent: string[] = []
  readonly table = new Map<string, string[]>()
  readonly handlers: Handler[] = []
  readonly channel: ScriptedChannel
  copsFormat = 0
  pin = { state: 'READY' as 'READY' | 'SIM PIN' | 'SIM PUK', code: '1234', attempts: 3 }
  contexts = new Map<number, { type: string; apn: string }>([[1, { type: 'IPV4V6', apn: 'fast.t-mobile.com' }]])
  auth = new Map<number, { protocol: number; user: string }>()
  active = new Map<number, boolean>()
  /** What +CGACT=1,<cid> answers for the context's APN; undefined = it comes up. */
  activation: (apn: string) => string | undefined = () => undefined
  deactivation: string | undefined
  attached = true

  constructor(vendor: 'huawei' | 'generic' = 'huawei') {
    this.channel = new ScriptedChannel(withInit((command) => this.answer(command)))
    const identity =
      vendor === 'huawei'
        ? { 'AT+CGMI': 'huawei', 'AT+CGMM': 'E3372', 'AT+CGMR': '21.180.01.00.00' }
        : { 'AT+CGMI': 'Hotspot Desk', 'AT+CGMM': 'Simulated LTE Modem', 'AT+CGMR': 'SIM-LTE-1.0' }
    for (const [command, line] of Object.entries(identity)) this.set(command, line)
    this.set('AT+CGSN', '867856037040745')
    this.set('AT+CSCS="IRA"')
    this.set('AT+CSCS?', '+CSCS: "IRA"')
    for (const command of ['AT+CEREG=3', 'AT+CGREG=2', 'AT+CREG=2']) this.set(command)
    this.set('AT+CIMI', '310260591274038')
    this.set('AT+CSQ', '+CSQ: 25,99')
    this.set('AT+CUSD=?', '+CUSD: (0-2)')
    this.set('AT+CMGF=?', '+CMGF: (0,1)')
    this.set('AT+CFUN=?', '+CFUN: (0,1,4),(0-1)')
    this.set('AT+CGDCONT=?', '+CGDCONT: (1-16),"IP",,,(0-2),(0-4)', '+CGDCONT: (1-16),"IPV4V6",,,(0-2),(0-4)')
    this.set('AT+CGACT=?', '+CGACT: (0,1)')
    this.set('AT+CGAUTH=?', '+CGAUTH: (1-16),(0-3),,')
    this.set('AT+CPBS=?', '+CPBS: ("SM","ON")')
    this.set('AT+CNUM')
    this.set('AT+CPBS?', '+CPBS: "SM",0,250')
    this.set('AT+CPBS="ON"')
    this.set('AT+CPBS="SM"')
    this.set('AT+CPBR=?', '+CPBR: (1-2),20,16')
    this.set('AT+CPBR=1,2')
    this.set('AT+CEREG?', '+CEREG: 3,1,"7A1F","01A2B3C4",7')
    this.set('AT+CGREG?', '+CGREG: 2,1,"7A1F","01A2B3C4",7')
    this.set('AT+CREG?', '+CREG: 2,1,"7A1F","01A2B3C4",7')
    this.set('AT+CUSD=2')
    if (vendor === 'huawei') {
      this.set('AT^ICCID?', '^ICCID: 8944200053671052499F') // MM test_iccid_parse: Luhn does not hold
      this.set('AT^SYSINFOEX', '^SYSINFOEX: 2,3,0,1,,6,"LTE",101,"LTE"')
      // rssi 57 → −64 dBm, rsrp 47 → −94 dBm, sinr 165 → 12.8 dB, rsrq 20 → −10 dB (§4.5 conversions)
      this.set('AT^HCSQ?', '^HCSQ: "LTE",57,47,165,20')
    } else {
      this.set('AT+CCID', '+CCID: 8901260423017549627')
      this.set('AT+CESQ', '+CESQ: 99,99,255,255,20,47')
      this.set('AT+CPINR="SIM*"', '+CPINR: SIM PIN,3,3', '+CPINR: SIM PUK,10,10')
    }
  }

  set(command: string, ...lines: string[]): void {
    this.table.set(command, lines)
  }

  /** A URC from the modem, framed like one. */
  urc(line: string): void {
    this.channel.receive(`\r\n${line}\r\n`)
  }

  commandsLike(pattern: RegExp): string[] {
    return this.sent.filter((command) => pattern.test(command))
  }

  private answer(command: string): string | undefined {
    this.sent.push(command)
    const lines = this.reply(command)
    if (lines === undefined) return undefined
    return v1(...lines)
  }

  private reply(command: string): Reply {
    for (const handler of this.handlers) {
      const handled = handler(command)
      if (handled) return handled
    }
    const pin = /^AT\+CPIN="(\d+)"(?:,"(\d+)")?$/.exec(command)
    if (command === 'AT+CPIN?') return [`+CPIN: ${this.pin.state}`, 'OK']
    if (pin) {
      if (this.pin.state === 'READY') return ['+CME ERROR: 3']
      if (pin[1] === this.pin.code) {
        this.pin.state = 'READY'
        this.pin.attempts = 3
        return ['OK']
      }
      this.pin.attempts--
      if (this.pin.attempts === 0) this.pin.state = 'SIM PUK'
      return ['+CME ERROR: 16']
    }
    if (command === 'AT^CPIN?') return [`^CPIN: ${this.pin.state},${this.pin.attempts},10,${this.pin.attempts},10,3`, 'OK']
    if (this.pin.state !== 'READY' && /^AT(\+CIMI|\^ICCID|\+CCID|\+CNUM|\+CPBS=|\+CPBR|\+CGACT\?|\+CGPADDR|\+CMGL|\+CPMS|\+CUSD=1)/.test(command)) return ['+CME ERROR: 11']
    const cops = /^AT\+COPS=3,(\d)$/.exec(command)
    if (cops) {
      this.copsFormat = Number(cops[1])
      return ['OK']
    }
    if (command === 'AT+COPS?') return [`+COPS: 0,${this.copsFormat},"${this.copsFormat === 2 ? '310260' : 'T-Mobile'}",7`, 'OK']
    if (command === 'AT+CGDCONT?') {
      return [...[...this.contexts].sort(([a], [b]) => a - b).map(([cid, c]) => `+CGDCONT: ${cid},"${c.type}","${c.apn}","",0,0`), 'OK']
    }
    if (command === 'AT+CGAUTH?') return [...[...this.auth].map(([cid, a]) => `+CGAUTH: ${cid},${a.protocol},"${a.user}"`), 'OK']
    const define = /^AT\+CGDCONT=(\d+)(?:,"([^"]*)","([^"]*)")?$/.exec(command)
    if (define) {
      const cid = Number(define[1])
      if (this.active.get(cid)) return ['+CME ERROR: 3']
      if (define[2] === undefined) this.contexts.delete(cid)
      else this.contexts.set(cid, { type: define[2], apn: define[3] ?? '' })
      return ['OK']
    }
    const auth = /^AT\+CGAUTH=(\d+),(\d)(?:,"([^"]*)","([^"]*)")?$/.exec(command)
    if (auth) {
      this.auth.set(Number(auth[1]), { protocol: Number(auth[2]), user: auth[3] ?? '' })
      return ['OK']
    }
    const act = /^AT\+CGACT=([01]),(\d+)$/.exec(command)
    if (act) {
      const cid = Number(act[2])
      if (act[1] === '0') {
        if (this.deactivation) return [this.deactivation]
        this.active.set(cid, false)
        return ['OK']
      }
      const refusal = this.activation(this.contexts.get(cid)?.apn ?? '')
      if (refusal) return [refusal]
      this.active.set(cid, true)
      return ['OK']
    }
    if (command === 'AT+CGACT?') return [...[...this.contexts.keys()].map((cid) => `+CGACT: ${cid},${this.active.get(cid) ? 1 : 0}`), 'OK']
    if (command === 'AT+CGPADDR=1') return [this.active.get(1) ? '+CGPADDR: 1,"100.87.12.9"' : '+CGPADDR: 1,"0.0.0.0"', 'OK']
    if (command === 'AT+CGATT?') return [`+CGATT: ${this.attached ? 1 : 0}`, 'OK']
    if (command === 'AT+CGATT=0' || command === 'AT+CGATT=1') {
      this.attached = command.endsWith('1')
      return ['OK']
    }
    const exact = this.table.get(command)
    if (exact) return [...exact, 'OK']
    return ['ERROR']
  }
}

const FAST_ENGINE = { defaultTimeoutMs: 400, syncQuietMs: 5, syncTimeoutMs: 400 }
const drivers: GenericAtDriver[] = []
let portNumber = 0

function driverFor(modem: FakeModem, options: GenericAtDriverOptions = {}): GenericAtDriver {
  const driver = createGenericAtDriver(
    { connection: { kind: 'serial', path: `/dev/ttyFAKE${portNumber++}` } },
    {
      channelFactory: () => modem.channel,
      engineOptions: FAST_ENGINE,
      timing: { ussdReplyTimeoutMs: 300, attachTimeoutMs: 200, pollIntervalMs: 10, simReadyTimeoutMs: 200, ussdNumberRetryMs: 60_000 },
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 10))),
      ...options
    }
  )
  drivers.push(driver)
  return driver
}

async function rejection(promise: Promise<unknown>): Promise<ContractError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ContractError) return error
    throw error
  }
  throw new Error('expected a rejection')
}

afterEach(async () => {
  for (const driver of drivers.splice(0)) await driver.close()
})

describe('open and read', () => {
  it('maps a Huawei stick: identity, SIM, ^HCSQ signal, ^SYSINFOEX type, +COPS in both formats, data', async () => {
    const modem = new FakeModem('huawei')
    modem.active.set(1, true)
    const driver = driverFor(modem)
    await driver.open()
    expect(driver.dialect).toBe('huawei')
    const reading = await driver.read()
    expect(reading).toEqual({
      identity: { manufacturer: 'huawei', model: 'E3372', firmware: '21.180.01.00.00', imei: '867856037040745' },
      sim: { state: 'ready', iccid: '8944200053671052499', imsi: '310260591274038' },
      signal: { bars: 3, rat: 'lte', networkType: 'LTE', rssiDbm: -64, rsrpDbm: -94, rsrqDb: -10, sinrDb: 12.8, cellId: '01A2B3C4' },
      registration: { state: 'home', operatorName: 'T-Mobile', plmn: '310260' },
      data: { state: 'connected', ipv4: '100.87.12.9' },
      usage: {}
    })
    expect(driver.iccidLuhnValid).toBe(false)
    // Numeric first for the PLMN, then long alphanumeric for the name; the modem is left in format 0.
    expect(modem.commandsLike(/^AT\+COPS/)).toEqual(['AT+COPS=3,2', 'AT+COPS?', 'AT+COPS=3,0', 'AT+COPS?'])
    expect(modem.copsFormat).toBe(0)
    // ^HCSQ gave the levels, so neither the +CESQ fallback nor +CSQ was needed.
    expect(modem.commandsLike(/^AT\+(CESQ|CSQ)$/)).toEqual(['AT+CSQ']) // the open-time probe only
    expect([...driver.capabilities].sort()).toEqual(['apnRead', 'apnWrite', 'atConsole', 'dataSwitch', 'pinUnlock', 'readIdentity', 'readMsisdn', 'readSignal', 'reboot', 'sms', 'ussd'])
  })

  it('takes the solicited +CEREG line when a +CEREG URC lands in the reply', async () => {
    const modem = new FakeModem('huawei')
    modem.set('AT+CEREG?', '+CEREG: 5,"7A1F","01A2B3C4",7', '+CEREG: 3,1,"7A1F","01A2B3C4",7')
    modem.set('AT+CGREG?', '+CGREG: 2,0')
    modem.set('AT+CREG?', '+CREG: 2,0')
    expect((await driverFor(modem).read()).registration.state).toBe('home')
  })

  it('a generic modem: +CESQ levels, +CCID ICCID, +CPINR counters, CS registration only', async () => {
    const modem = new FakeModem('generic')
    modem.set('AT+CEREG?', '+CEREG: 3,0')
    modem.set('AT+CGREG?', '+CGREG: 2,5,"0502","0404736D",6')
    const driver = driverFor(modem)
    const reading = await driver.read()
    expect(driver.dialect).toBe('3gpp')
    expect(reading.sim).toEqual({ state: 'ready', iccid: '8901260423017549627', imsi: '310260591274038' })
    expect(driver.iccidLuhnValid).toBe(true)
    expect(reading.registration).toMatchObject({ state: 'roaming', plmn: '310260' })
    // +CESQ filled the LTE fields; the registration said HSPA (<AcT> 6) — the signal report wins for the radio.
    expect(reading.signal).toMatchObject({ rat: 'lte', rsrpDbm: -94, rsrqDb: -10 })
    expect(reading.data).toEqual({ state: 'disconnected' })
  })

  it('a PIN-locked SIM: the reading says so with the counters, and nothing that needs the SIM is sent', async () => {
    const modem = new FakeModem('huawei')
    modem.pin.state = 'SIM PIN'
    modem.set('AT+CEREG?', '+CEREG: 3,0')
    modem.set('AT+CGREG?', '+CGREG: 2,0')
    modem.set('AT+CREG?', '+CREG: 2,0')
    const driver = driverFor(modem)
    const reading = await driver.read()
    expect(reading.sim).toEqual({ state: 'pin-required', pinAttemptsLeft: 3, pukAttemptsLeft: 10 })
    expect(reading.registration).toEqual({ state: 'not-registered' })
    expect(reading.signal).toEqual({ bars: 0, rat: 'none' })
    expect(reading.data).toEqual({ state: 'disconnected' })
    expect(modem.commandsLike(/^AT(\+CIMI|\^ICCID|\+CCID|\+CRSM|\+CNUM|\+CPBS=(?!\?)|\+CPBR|\+CGACT\?|\+CGPADDR|\+CUSD=1|\+CMGL|\+CPMS)/)).toEqual([])
    // The locked SIM did not cost the modem its capabilities.
    expect(driver.capabilities.has('readMsisdn')).toBe(true)
  })

  it('unlocks with the PIN once; a wrong PIN is AUTH_FAILED with the attempts left, never retried or logged', async () => {
    const modem = new FakeModem('huawei')
    modem.pin.state = 'SIM PIN'
    const driver = driverFor(modem)
    await driver.open()
    const control = driver.control
    if (!control?.unlockPin) throw new Error('no unlockPin')
    const wrong = await rejection(control.unlockPin('0000'))
    expect(wrong.code).toBe('AUTH_FAILED')
    expect(wrong.details).toMatchObject({ reason: 'wrong-sim-pin', attemptsLeft: 2 })
    expect(modem.commandsLike(/^AT\+CPIN="/)).toEqual(['AT+CPIN="0000"'])
    expect(JSON.stringify(driver.transcript)).not.toContain('0000')
    await control.unlockPin('1234')
    expect((await driver.read()).sim).toMatchObject({ state: 'ready', iccid: '8944200053671052499' })
    // Already unlocked: nothing is sent.
    await control.unlockPin('1234')
    expect(modem.commandsLike(/^AT\+CPIN="/)).toHaveLength(2)
    await expect(control.unlockPin('12')).rejects.toMatchObject({ code: 'BAD_INPUT' })
  })

  it('a blocked SIM asks for the PUK (LOCKED_OUT), and a PUK for a SIM that wants its PIN is refused', async () => {
    const modem = new FakeModem('huawei')
    modem.pin.state = 'SIM PUK'
    const driver = driverFor(modem)
    await driver.open()
    await expect(driver.control?.unlockPin?.('1234')).rejects.toMatchObject({ code: 'LOCKED_OUT', details: { pukRequired: true } })
    modem.pin.state = 'SIM PIN'
    await expect(driver.control?.unlockPuk?.('12345678', '1234')).rejects.toMatchObject({ code: 'BAD_INPUT' })
    expect(modem.commandsLike(/^AT\+CPIN="/)).toEqual([])
  })

  it('drops capabilities whose commands the modem does not know (ERROR, COMMAND NOT SUPPORT, no reset in +CFUN=?)', async () => {
    const modem = new FakeModem('huawei')
    modem.table.delete('AT+CUSD=?')
    modem.handlers.push((command) => (command === 'AT+CMGF=?' ? ['COMMAND NOT SUPPORT'] : undefined))
    modem.set('AT+CFUN=?', '+CFUN: (0,1,4)')
    const driver = driverFor(modem)
    await driver.open()
    expect(driver.capabilities.has('ussd')).toBe(false)
    expect(driver.capabilities.has('sms')).toBe(false)
    expect(driver.capabilities.has('reboot')).toBe(false)
    expect(driver.ussd).toBeUndefined()
    expect(driver.sms).toBeUndefined()
    expect(driver.control?.reboot).toBeUndefined()
    expect(driver.control?.setDataEnabled).toBeDefined()
  })
})

describe('the phone-number ladder', () => {
  it('+CNUM first (source sim)', async () => {
    const modem = new FakeModem('huawei')
    modem.set('AT+CNUM', '+CNUM: "","+12065550142",145')
    const reading = await driverFor(modem).read()
    expect(reading.sim).toMatchObject({ msisdn: '+12065550142', msisdnSource: 'sim' })
    expect(modem.commandsLike(/^AT\+CPBS="/)).toEqual([])
  })

  it('then the own-number phonebook, putting the previous storage back', async () => {
    const modem = new FakeModem('huawei')
    modem.set('AT+CPBR=1,2', '+CPBR: 1,"818000001234",145,"My number"')
    const reading = await driverFor(modem).read()
    expect(reading.sim).toMatchObject({ msisdn: '+818000001234', msisdnSource: 'sim' })
    expect(modem.commandsLike(/^AT\+CPB/)).toEqual(['AT+CPBS=?', 'AT+CPBS?', 'AT+CPBS="ON"', 'AT+CPBR=?', 'AT+CPBR=1,2', 'AT+CPBS="SM"'])
  })

  it('no number on the SIM and no USSD code: undefined, and no USSD is sent', async () => {
    const modem = new FakeModem('huawei')
    const driver = driverFor(modem)
    expect((await driver.read()).sim.msisdn).toBeUndefined()
    await driver.read()
    expect(modem.commandsLike(/^AT\+CUSD=1/)).toEqual([])
    // The ladder ran once for this SIM, not on every poll.
    expect(modem.commandsLike(/^AT\+CNUM$/)).toHaveLength(1)
  })

  it('the carrier USSD code only when enabled, once per SIM (source ussd)', async () => {
    const modem = new FakeModem('huawei')
    modem.handlers.push((command) => {
      if (command !== `AT+CUSD=1,"${encodeUssdPacked('#686#')}",15`) return undefined // packed request (§4.4)
      // T-Mobile's reply arrives as a URC after the OK, packed GSM 7-bit like every Huawei reply.
      setTimeout(() => modem.urc(`+CUSD: 0,"${encodeUssdPacked('Your number is 2065550142.')}",15`), 20)
      return ['OK']
    })
    const driver = driverFor(modem, { ussdOwnNumberCode: '#686#' })
    const reading = await driver.read()
    expect(reading.sim).toMatchObject({ msisdn: '2065550142', msisdnSource: 'ussd' })
    await driver.read()
    expect(modem.commandsLike(/^AT\+CUSD=1/)).toHaveLength(1)
  })

  it('a network without the code (+CUSD: 4) is a definitive "no": not asked again', async () => {
    const modem = new FakeModem('generic')
    modem.handlers.push((command) => {
      if (!command.startsWith('AT+CUSD=1')) return undefined
      setTimeout(() => modem.urc('+CUSD: 4'), 10)
      return ['OK']
    })
    const driver = driverFor(modem, { ussdOwnNumberCode: '*#100#' })
    expect((await driver.read()).sim.msisdn).toBeUndefined()
    await driver.read()
    expect(modem.commandsLike(/^AT\+CUSD=1/)).toEqual(['AT+CUSD=1,"*#100#",15'])
  })
})

describe('APN primitives', () => {
  it('lists contexts by cid: the data context is the default, IMS is read-only, non-IP is left out', async () => {
    const modem = new FakeModem('huawei')
    modem.contexts.set(2, { type: 'IPV4V6', apn: 'ims' })
    modem.contexts.set(4, { type: 'Non-IP', apn: 'iot' })
    modem.auth.set(1, { protocol: 0, user: '' })
    const driver = driverFor(modem)
    await driver.open()
    expect(await driver.apn?.list()).toEqual([
      { id: '1', name: 'fast.t-mobile.com', apn: 'fast.t-mobile.com', auth: 'none', pdpType: 'ipv4v6', isDefault: true },
      { id: '2', name: 'ims', apn: 'ims', auth: 'none', pdpType: 'ipv4v6', isDefault: false, readOnly: true }
    ])
    await expect(driver.apn?.remove('2')).rejects.toMatchObject({ code: 'UNSUPPORTED' })
    await expect(driver.apn?.remove('1')).rejects.toMatchObject({ code: 'BAD_INPUT' })
    await expect(driver.apn?.remove('9')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('creates in the next free cid with credentials (never in the data context), names it, redacts the password', async () => {
    const modem = new FakeModem('huawei')
    modem.contexts.set(2, { type: 'IPV4V6', apn: 'ims' })
    const driver = driverFor(modem)
    await driver.open()
    const id = await driver.apn?.create({ name: 'IIJmio', apn: 'iijmio.jp', username: 'mio@iij', password: 'iij', auth: 'pap-or-chap', pdpType: 'ipv4v6' })
    expect(id).toBe('3')
    expect(modem.commandsLike(/^AT\+CG(DCONT|AUTH)=3/)).toEqual(['AT+CGDCONT=3,"IPV4V6","iijmio.jp"', 'AT+CGAUTH=3,3,"mio@iij","iij"'])
    expect(JSON.stringify(driver.transcript)).not.toContain('"iij"')
    expect((await driver.apn?.list())?.find((profile) => profile.id === '3')).toMatchObject({ name: 'IIJmio', username: 'mio@iij', auth: 'pap-or-chap', isDefault: false })
    await expect(driver.apn?.create({ name: 'x', apn: 'bad apn"', auth: 'none', pdpType: 'ipv4' })).rejects.toMatchObject({ code: 'BAD_INPUT' })
  })

  it('setDefault rewrites the data context and keeps its old values aside; setDefault("1") puts them back', async () => {
    const modem = new FakeModem('huawei')
    modem.active.set(1, true)
    const driver = driverFor(modem)
    await driver.open()
    const apn = driver.apn
    if (!apn) throw new Error('no apn')
    const id = await apn.create({ name: 'Tethering', apn: 'pcweb.tmobile.com', auth: 'none', pdpType: 'ipv6' })
    await apn.setDefault(id)
    // The active context is taken down first (modems refuse to change an active context).
    expect(modem.commandsLike(/^AT\+(CGACT=\d|CGDCONT=1)/)).toEqual(['AT+CGACT=0,1', 'AT+CGDCONT=1,"IPV6","pcweb.tmobile.com"'])
    expect(modem.contexts.get(1)).toEqual({ type: 'IPV6', apn: 'pcweb.tmobile.com' })
    expect((await apn.list()).map((profile) => [profile.id, profile.apn, profile.isDefault])).toEqual([
      ['1', 'fast.t-mobile.com', false],
      ['2', 'pcweb.tmobile.com', true]
    ])
    await apn.setDefault('1')
    expect(modem.contexts.get(1)).toEqual({ type: 'IPV4V6', apn: 'fast.t-mobile.com' })
    expect((await apn.list()).map((profile) => [profile.id, profile.isDefault])).toEqual([
      ['1', true],
      ['2', false]
    ])
  })

  it('a modem without a data context gets one borrowed, and loses it again on restore', async () => {
    const modem = new FakeModem('huawei')
    modem.contexts = new Map([[3, { type: 'IP', apn: 'internet' }]])
    const driver = driverFor(modem)
    await driver.open()
    const apn = driver.apn
    if (!apn) throw new Error('no apn')
    expect((await apn.list()).map((profile) => [profile.id, profile.isDefault])).toEqual([['3', false]])
    await apn.setDefault('3')
    expect(modem.contexts.get(1)).toEqual({ type: 'IP', apn: 'internet' })
    expect((await apn.list()).map((profile) => [profile.id, profile.isDefault])).toEqual([['3', true]])
    await apn.setDefault('1')
    expect([...modem.contexts.keys()]).toEqual([3])
  })

  it('refuses to copy a profile whose password the modem does not reveal', async () => {
    const modem = new FakeModem('huawei')
    modem.contexts.set(2, { type: 'IP', apn: 'iijmio.jp' })
    modem.auth.set(2, { protocol: 1, user: 'mio@iij' })
    const driver = driverFor(modem)
    await driver.open()
    await expect(driver.apn?.setDefault('2')).rejects.toMatchObject({ code: 'UNSUPPORTED' })
    expect(modem.contexts.get(1)?.apn).toBe('fast.t-mobile.com')
  })

  it.each([
    ['+CME ERROR: 133', 'not-subscribed'],
    ['+CME ERROR: 127', 'unknown-apn'],
    ['+CME ERROR: 149', 'apn-auth-failed']
  ])('reattach with a new APN the network refuses (%s) throws %s; on the old APN it is the data state', async (refusal, reason) => {
    const modem = new FakeModem('huawei')
    modem.activation = (apn) => (apn === 'wrong.example' || refusal.endsWith('133') ? refusal : undefined)
    const driver = driverFor(modem)
    await driver.open()
    const apn = driver.apn
    if (!apn) throw new Error('no apn')
    await apn.setDefault(await apn.create({ name: 'Wrong', apn: 'wrong.example', auth: 'none', pdpType: 'ipv4v6' }))
    const error = await rejection(apn.reattach())
    expect(error.code).toBe('PROTOCOL')
    expect(error.details).toMatchObject({ reason, finalLine: refusal, apn: 'wrong.example' })
    // Back on the modem's own profile a refusal is not a failed change: recorded, shown, not thrown.
    await apn.setDefault('1')
    if (reason === 'not-subscribed') {
      await apn.reattach()
      expect((await driver.read()).data).toEqual({ state: 'failed', failureReason: expect.stringContaining('no data service') })
    } else {
      await apn.reattach()
      expect((await driver.read()).data).toEqual({ state: 'connected', ipv4: '100.87.12.9' })
    }
  })

  it('switchApn() over the primitives: a wrong APN is rolled back to the old one', async () => {
    const modem = new FakeModem('huawei')
    modem.activation = (apn) => (apn === 'fast.t-mobile.com' ? undefined : '+CME ERROR: 127')
    const driver = driverFor(modem)
    await driver.open()
    const result = await switchApn(driver, { draft: { name: 'Typo', apn: 'fast.tmobile.com', auth: 'none', pdpType: 'ipv4v6' } }, { verifyTimeoutMs: 100, verifyPollMs: 10 })
    expect(result).toMatchObject({ ok: false, restored: true, error: { code: 'PROTOCOL', details: { reason: 'unknown-apn' } }, active: { id: '1', apn: 'fast.t-mobile.com' } })
    expect(modem.contexts.get(1)).toEqual({ type: 'IPV4V6', apn: 'fast.t-mobile.com' })
    expect([...modem.contexts.keys()]).toEqual([1]) // the created profile is gone again
    expect((await driver.read()).data).toEqual({ state: 'connected', ipv4: '100.87.12.9' })
  })

  it('on LTE the default bearer may not drop (+CME ERROR: 171): detach and attach instead', async () => {
    const modem = new FakeModem('huawei')
    modem.deactivation = '+CME ERROR: 171'
    const driver = driverFor(modem)
    await driver.open()
    await driver.apn?.reattach()
    expect(modem.commandsLike(/^AT\+CG(ACT|ATT)=\d/)).toEqual(['AT+CGACT=0,1', 'AT+CGATT=0', 'AT+CGATT=1', 'AT+CGACT=1,1'])
    expect(modem.active.get(1)).toBe(true)
  })

  it('data on/off: a refusal is an error the user sees', async () => {
    const modem = new FakeModem('huawei')
    modem.activation = () => '+CME ERROR: 133'
    const driver = driverFor(modem)
    await driver.open()
    await expect(driver.control?.setDataEnabled?.(true)).rejects.toMatchObject({ code: 'PROTOCOL', details: { reason: 'not-subscribed', atCode: 133 } })
    await driver.control?.setDataEnabled?.(false)
    expect((await driver.read()).data).toEqual({ state: 'disconnected' })
  })
})

describe('USSD', () => {
  it('takes a reply that arrives before the OK, and reassembles a menu whose line breaks are inside the quotes', async () => {
    const modem = new FakeModem('generic')
    modem.handlers.push((command) => {
      if (command !== 'AT+CUSD=1,"*100#",15') return undefined
      modem.urc('+CUSD: 1,"Prepaid menu\r\n1 Balance\r\n2 Data\r\n0 Exit",15')
      return ['OK']
    })
    const driver = driverFor(modem)
    await driver.open()
    expect(await driver.ussd?.send('*100#')).toEqual({ text: 'Prepaid menu\n1 Balance\n2 Data\n0 Exit', sessionOpen: true })
  })

  it('maps +CUSD: 4 to UNSUPPORTED, a silent network to TIMEOUT (then cancels), and refuses to answer no menu', async () => {
    const modem = new FakeModem('generic')
    modem.handlers.push((command) => {
      if (command === 'AT+CUSD=1,"*123#",15') setTimeout(() => modem.urc('+CUSD: 4'), 5)
      return command.startsWith('AT+CUSD=1') ? ['OK'] : undefined
    })
    const driver = driverFor(modem)
    await driver.open()
    await expect(driver.ussd?.send('*123#')).rejects.toMatchObject({ code: 'UNSUPPORTED' })
    await expect(driver.ussd?.send('*999#')).rejects.toMatchObject({ code: 'TIMEOUT' })
    expect(modem.sent.at(-1)).toBe('AT+CUSD=2')
    await expect(driver.ussd?.respond('1')).rejects.toMatchObject({ code: 'BAD_INPUT' })
    await expect(driver.ussd?.send('hello')).rejects.toMatchObject({ code: 'BAD_INPUT' })
    await driver.ussd?.cancel() // never throws
  })
})

describe('SMS', () => {
  it('removes every part of a long message and refuses ids that are not storage indexes', async () => {
    const modem = new FakeModem('huawei')
    modem.set('AT+CMGD=6')
    modem.set('AT+CMGD=7')
    const driver = driverFor(modem)
    await driver.open()
    await driver.sms?.remove('6+7')
    expect(modem.commandsLike(/^AT\+CMGD/)).toEqual(['AT+CMGD=6', 'AT+CMGD=7'])
    await expect(driver.sms?.remove('6;AT+CFUN=0')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('SMS reading state, storage and sending', () => {
  it('marks every part read with +CMGR in PDU mode, reports +CPMS? usage, sends each part after the prompt', async () => {
    const modem = new FakeModem('huawei')
    modem.set('AT+CMGF=0')
    modem.set('AT+CMGR=6', '+CMGR: 1,,153', '07912160130320F6440B916171056429F5000021405291651569320500034C0202E9E8301D44479741F0B09C3E0785E56590BCCC0ED3CB6410FD0D7ABBCBA0B0FB4D4797E52E10')
    modem.set('AT+CMGR=7', '+CMGR: 1,,26', '07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07')
    modem.set('AT+CPMS?', '+CPMS: "SM",3,30,"SM",3,30,"SM",3,30') // 27.005 §3.2.2 read form
    let payload = ''
    modem.handlers.push((command) => {
      if (/^AT\+CMGS=\d+$/.test(command)) {
        modem.channel.receive('\r\n> ') // 27.005 §3.5.1: the prompt has no line end
        return []
      }
      if (command.endsWith('\x1a')) {
        payload = command.slice(0, -1)
        return ['+CMGS: 42', 'OK']
      }
      return undefined
    })
    const driver = driverFor(modem)
    await driver.open()
    const sms = driver.sms
    if (!sms?.markRead || !sms.storage || !sms.send) throw new Error('missing SMS operations')
    await sms.markRead('6+7')
    expect(modem.commandsLike(/^AT\+CM(GF|GR)=\d/)).toEqual(['AT+CMGF=0', 'AT+CMGR=6', 'AT+CMGR=7'])
    expect(await sms.storage()).toEqual({ used: 3, total: 30 })
    await sms.send('+1 (206) 555-0187', 'Hello from the AT driver')
    // 27.005 §3.5.1: <length> counts the TPDU octets without the SMSC field ("00" = the modem's own SMSC).
    expect(modem.commandsLike(/^AT\+CMGS=/)).toEqual([`AT+CMGS=${(payload.length - 2) / 2}`])
    expect(decodeSmsPdu(payload)).toMatchObject({ ok: true, value: { type: 'submit', destination: { number: '+12065550187' }, text: 'Hello from the AT driver' } })
    await expect(sms.send('not a number', 'x')).rejects.toMatchObject({ code: 'BAD_INPUT' })
  })
})

describe('ports and fingerprints', () => {
  it('the family: serial only, labelled for users, creating generic AT drivers', async () => {
    expect(genericAtFamily).toMatchObject({ id: 'generic-at', label: 'USB modem (AT commands)', connectionKinds: ['serial'] })
    expect(await genericAtFamily.fingerprint({ kind: 'http', baseUrl: 'http://192.168.8.1' })).toBeNull()
    const driver = genericAtFamily.create({ connection: { kind: 'http', baseUrl: 'http://192.168.8.1' } })
    expect(driver.family).toBe('generic-at')
    await expect(driver.open()).rejects.toMatchObject({ code: 'BAD_INPUT' })
    await driver.close()
  })

  it('fingerprints gently (AT, ATI, +CGMI, +CGMM) and names the dialect', async () => {
    const modem = new FakeModem('huawei')
    modem.set('ATI', 'Manufacturer: huawei', 'Model: E3372', 'Revision: 21.180.01.00.00')
    const fingerprint = await fingerprintGenericAt({ kind: 'serial', path: '/dev/ttyPROBE0' }, undefined, { channelFactory: () => modem.channel, timeoutMs: 300 })
    expect(fingerprint).toEqual({ family: 'generic-at', dialect: 'huawei', manufacturer: 'huawei', model: 'huawei E3372' })
    expect(modem.sent.filter((command) => command !== 'AT')).toEqual(['ATI', 'AT+CGMI', 'AT+CGMM'])
    expect(modem.channel.closes).toBe(1)
  })

  it('a port that never answers AT is not a modem; HTTP targets are not ours', async () => {
    const silent = new ScriptedChannel(() => undefined)
    expect(await fingerprintGenericAt({ kind: 'serial', path: '/dev/ttyPROBE1' }, undefined, { channelFactory: () => silent, timeoutMs: 100 })).toBeNull()
    expect(await fingerprintGenericAt({ kind: 'http', baseUrl: 'http://192.168.8.1' })).toBeNull()
  })

  it('one owner per port: a second driver is refused, and fingerprinting asks the owner instead of opening the tty', async () => {
    const modem = new FakeModem('huawei')
    const target = { connection: { kind: 'serial' as const, path: '/dev/ttyOWNED' } }
    const owner = createGenericAtDriver(target, { channelFactory: () => modem.channel, engineOptions: FAST_ENGINE })
    drivers.push(owner)
    await owner.open()
    const second = createGenericAtDriver(target, { channelFactory: () => new FakeModem().channel, engineOptions: FAST_ENGINE })
    await expect(second.open()).rejects.toMatchObject({ code: 'BUSY', details: { reason: 'port-owned' } })
    const opens = modem.channel.opens
    expect(await fingerprintGenericAt(target.connection, undefined, { channelFactory: () => modem.channel })).toMatchObject({ dialect: 'huawei' })
    expect(modem.channel.opens).toBe(opens)
    await owner.close()
    await second.open() // released by close()
    drivers.push(second)
  })

  it('an unplug fails the reading with DEVICE_GONE; open() tears the port down and opens it again', async () => {
    const modem = new FakeModem('huawei')
    modem.handlers.push((command) => (command === 'AT+COPS?' && modem.sent.filter((sent) => sent === 'AT+COPS?').length === 3 ? [] : undefined))
    const driver = driverFor(modem)
    await driver.read()
    const pending = driver.read()
    const failed = rejection(pending)
    while (modem.sent.filter((sent) => sent === 'AT+COPS?').length < 3) await new Promise((resolve) => setTimeout(resolve, 2))
    modem.channel.unplug()
    expect((await failed).code).toBe('DEVICE_GONE')
    await driver.open()
    expect(modem.channel.reopens).toBe(1)
    expect((await driver.read()).registration.state).toBe('home')
  })
})
