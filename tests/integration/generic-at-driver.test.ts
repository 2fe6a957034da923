// The generic AT driver end to end over a real pseudo-terminal: GenericAtDriver → AtEngine → SerialLineChannel
// (serialport's native binding) → socat PTY → the AT modem simulator (src/simulators/at-modem), once per
// simulated vendor: a Huawei stick, a ZTE MF-series stick and a Quectel module. Skips with a message where
// socat is missing (tests/support/pty.ts); CI installs it.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { ContractError } from '../../src/contract/errors'
import { switchApn } from '../../src/devices/apn-transaction'
import type { DeviceReading } from '../../src/devices/model'
import { createGenericAtDriver, type GenericAtDriver, type GenericAtDriverOptions } from '../../src/devices/families/generic-at'
import { AtModemSimulator, type DeviceProfileId, type LatencyOptions, type SimOptions } from '../../src/simulators/at-modem'
import { closeAllSocatPairs, FAST_TIMINGS, ptySuite, sleep, SOCAT } from '../support/pty'

interface Running {
  sim: AtModemSimulator
  driver: GenericAtDriver
  /** Command lines the modem received, in order, without the "AT" prefix ("+CUSD=2"). */
  commands: string[]
}

const running: Running[] = []

async function start(profile: DeviceProfileId, sim: SimOptions | null, options: GenericAtDriverOptions = {}, latencyMs: number | LatencyOptions = 0): Promise<Running> {
  const modem = new AtModemSimulator({ profile, sim, latencyMs, timings: FAST_TIMINGS, seed: 7 })
  const commands: string[] = []
  modem.on('command', (line: unknown) => commands.push(String(line)))
  const { hostPath } = await modem.startOnPty()
  const driver = createGenericAtDriver(
    { connection: { kind: 'serial', path: hostPath } },
    {
      engineOptions: { syncQuietMs: 50 },
      timing: { ussdReplyTimeoutMs: 3_000, attachTimeoutMs: 2_000, pollIntervalMs: 50, simReadyTimeoutMs: 2_000 },
      ...options
    }
  )
  const entry = { sim: modem, driver, commands }
  running.push(entry)
  return entry
}

/** Reads until `done` holds (the simulated network registers a few tens of ms after power-on or an unlock). */
async function readUntil(driver: GenericAtDriver, done: (reading: DeviceReading) => boolean, timeoutMs = 3_000): Promise<DeviceReading> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const reading = await driver.read()
    if (done(reading)) return reading
    if (Date.now() > deadline) throw new Error(`no matching reading within ${timeoutMs} ms; last: ${JSON.stringify(reading)}`)
    await sleep(50)
  }
}

const registered = (reading: DeviceReading): boolean => reading.registration.state === 'home' || reading.registration.state === 'roaming'

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
  for (const { sim, driver } of running.splice(0)) {
    await driver.close()
    await sim.stop()
  }
})

afterAll(async () => {
  await closeAllSocatPairs()
})

const PROFILES = [
  { profile: 'huawei-e3372h', dialect: 'huawei', manufacturer: 'huawei', model: 'E3372' },
  { profile: 'zte-mf833', dialect: 'zte', manufacturer: 'ZTE INCORPORATED', model: 'MF833V' },
  { profile: 'quectel-ec25', dialect: 'quectel', manufacturer: 'Quectel', model: 'EC25' }
] as const

describe.skipIf(!SOCAT)(ptySuite('generic AT driver over a socat PTY against the AT simulator'), () => {
  describe.each(PROFILES)('$profile', ({ profile, dialect, manufacturer, model }) => {
    it('opens and reads identity, number, carrier, signal and registration', async () => {
      const { sim, driver } = await start(profile, { card: 'iijmio-docomo' })
      await driver.open()
      expect(driver.dialect).toBe(dialect)
      const reading = await readUntil(driver, registered)
      expect(reading.identity).toEqual({ manufacturer, model, firmware: sim.profile.revision, imei: sim.imei })
      expect(reading.sim).toEqual({
        state: 'ready',
        iccid: sim.simCard?.iccid,
        imsi: sim.simCard?.imsi,
        // IIJmio keeps the number in EF_MSISDN: +CNUM has it (the first rung of the ladder).
        msisdn: '+818000001234',
        msisdnSource: 'sim'
      })
      expect(driver.iccidLuhnValid).toBe(true)
      expect(reading.registration).toEqual({ state: 'home', operatorName: 'NTT DOCOMO', plmn: '44010' })
      expect(reading.signal).toMatchObject({ rat: 'lte', networkType: 'LTE', rsrpDbm: expect.any(Number) })
      expect(reading.signal.bars).toBeGreaterThan(0)
      expect(reading.data).toEqual({ state: 'disconnected' })
      expect(reading.usage).toEqual({})
      expect([...driver.capabilities].sort()).toEqual(['apnRead', 'apnWrite', 'atConsole', 'dataSwitch', 'pinUnlock', 'readIdentity', 'readMsisdn', 'readSignal', 'reboot', 'sms', 'ussd'])
      expect(driver.lastIssues).toEqual([])
    })

    it('reports a PIN-locked SIM with its counters, refuses a wrong PIN once, and unlocks', async () => {
      const { sim, driver, commands } = await start(profile, { card: 'iijmio-docomo', pinEnabled: true })
      const locked = await driver.read()
      expect(locked.sim).toEqual({ state: 'pin-required', pinAttemptsLeft: 3, pukAttemptsLeft: 10 })
      expect(locked.registration.state).toBe('not-registered')
      expect(commands.filter((line) => /CIMI|ICCID|CCID|CNUM|CPBR|CMGL|CUSD=1/.test(line))).toEqual([])

      const wrong = await rejection(driver.control?.unlockPin?.('9999') ?? Promise.resolve())
      expect(wrong.code).toBe('AUTH_FAILED')
      expect(wrong.details).toMatchObject({ attemptsLeft: 2 })
      expect(sim.state.sim.pinAttempts).toBe(2)
      expect((await driver.read()).sim).toMatchObject({ state: 'pin-required', pinAttemptsLeft: 2 })

      await driver.control?.unlockPin?.('0000')
      const unlocked = await readUntil(driver, registered)
      expect(unlocked.sim).toMatchObject({ state: 'ready', iccid: sim.simCard?.iccid, msisdn: '+818000001234' })
      expect(JSON.stringify(driver.transcript)).not.toContain('9999')
    })

    it('leaves the number empty for a SIM without one, and asks the carrier by USSD only when enabled', async () => {
      const plain = await start(profile, { card: 'tmobile-us-prepaid' })
      const reading = await readUntil(plain.driver, registered)
      expect(reading.sim.msisdn).toBeUndefined()
      expect(reading.sim.msisdnSource).toBeUndefined()
      expect(plain.commands.filter((line) => line.includes('+CUSD=1'))).toEqual([])
      await plain.driver.close()

      const asking = await start(profile, { card: 'tmobile-us-prepaid' }, { ussdOwnNumberCode: '#686#' })
      const withUssd = await readUntil(asking.driver, (next) => next.sim.msisdn !== undefined)
      // T-Mobile's #686# reply (carriers.md §7) gives the 10-digit national number.
      expect(withUssd.sim).toMatchObject({ msisdn: '2065550142', msisdnSource: 'ussd' })
      await asking.driver.read()
      expect(asking.commands.filter((line) => line.includes('+CUSD=1'))).toHaveLength(1)
    })

    it('switches the APN with switchApn() and back', async () => {
      const { sim, driver } = await start(profile, { card: 'tmobile-us-prepaid' })
      await readUntil(driver, registered)
      const result = await switchApn(driver, { draft: { name: 'Tethering', apn: 'pcweb.tmobile.com', auth: 'none', pdpType: 'ipv4v6' } }, { verifyTimeoutMs: 3_000, verifyPollMs: 100 })
      expect(result).toMatchObject({ ok: true, restored: false, active: { id: '2', name: 'Tethering', apn: 'pcweb.tmobile.com', isDefault: true } })
      expect(sim.state.pdp.get(1)).toMatchObject({ apn: 'pcweb.tmobile.com', active: true })
      // T-Mobile is IPv6-only (carriers.md §5): connected with an IPv6 address.
      expect((await driver.read()).data).toMatchObject({ state: 'connected', ipv6: expect.stringMatching(/^2001:db8:/) })

      const back = await switchApn(driver, { profileId: '1' }, { verifyTimeoutMs: 3_000, verifyPollMs: 100 })
      expect(back).toMatchObject({ ok: true, active: { id: '1', apn: 'fast.t-mobile.com' } })
      expect(sim.state.pdp.get(1)).toMatchObject({ apn: 'fast.t-mobile.com', active: true })
    })

    it('rolls a wrong APN back to the old one (+CME ERROR: 127)', async () => {
      const { sim, driver } = await start(profile, { card: 'tmobile-us-prepaid' })
      await readUntil(driver, registered)
      const result = await switchApn(driver, { draft: { name: 'Typo', apn: 'fast.tmobile.example', auth: 'none', pdpType: 'ipv4v6' } }, { verifyTimeoutMs: 3_000, verifyPollMs: 100 })
      expect(result).toMatchObject({
        ok: false,
        restored: true,
        error: { code: 'PROTOCOL', details: { reason: 'unknown-apn', atCode: 127 } },
        active: { id: '1', apn: 'fast.t-mobile.com', isDefault: true }
      })
      expect([...sim.state.pdp.keys()]).toEqual([1])
      expect(sim.state.pdp.get(1)).toMatchObject({ apn: 'fast.t-mobile.com', active: true })
      expect((await driver.read()).data.state).toBe('connected')
    })

    it('with no data plan (+CME ERROR: 133) the switch fails and ends on the old APN, data failed with the reason', async () => {
      const { sim, driver } = await start(profile, { card: 'tmobile-us-prepaid' })
      await readUntil(driver, registered)
      sim.setNoDataPlan(true)
      const result = await switchApn(driver, { draft: { name: 'Tethering', apn: 'pcweb.tmobile.com', auth: 'none', pdpType: 'ipv4v6' } }, { verifyTimeoutMs: 3_000, verifyPollMs: 100 })
      expect(result).toMatchObject({ ok: false, restored: true, error: { details: { reason: 'not-subscribed' } }, active: { id: '1', apn: 'fast.t-mobile.com' } })
      expect(sim.state.pdp.get(1)).toMatchObject({ apn: 'fast.t-mobile.com', active: false })
      expect((await driver.read()).data).toEqual({ state: 'failed', failureReason: expect.stringContaining('no data service') })
      sim.setNoDataPlan(false)
      await driver.control?.setDataEnabled?.(true)
      expect((await driver.read()).data.state).toBe('connected')
    })

    it('runs a USSD menu, answers it and cancels', async () => {
      const { driver, commands } = await start(profile, { card: 'tmobile-us-prepaid' })
      await readUntil(driver, registered)
      const ussd = driver.ussd
      if (!ussd) throw new Error('no USSD')
      expect(await ussd.send('#100#')).toEqual({ text: 'Prepaid menu\n1 Balance\n2 Data\n3 My number\n0 Exit', sessionOpen: true })
      expect(await ussd.respond('2')).toEqual({ text: 'Data\n1 Usage\n2 Passes\n9 Back', sessionOpen: true })
      await ussd.cancel()
      expect(commands.at(-1)).toBe('+CUSD=2')
      expect((await rejection(ussd.respond('1'))).code).toBe('BAD_INPUT')
      expect(await ussd.send('#225#')).toEqual({
        text: 'Your account balance is $12.34. Your plan renews on 12/05/26. Reply STOP to opt out of balance alerts.',
        sessionOpen: false
      })
    })

    it('lists SMS with a concatenated message joined, and deletes all of its parts', async () => {
      const { sim, driver } = await start(profile, { card: 'tmobile-us-prepaid' })
      await driver.open()
      const sms = driver.sms
      if (!sms) throw new Error('no SMS')
      const messages = await sms.list()
      expect(messages.map((message) => message.from)).toEqual(['+818000005678', '+12065550187', '456'])
      const long = messages[1]
      expect(long?.id).toMatch(/^\d+\+\d+$/)
      expect(long?.text).toBe(
        'Hey, landing at Narita around 3pm. The rental hotspot shop is on the arrivals floor next to the currency exchange. If the pocket wifi does not connect, restart it and check the APN settings. See you at the hotel lobby at 6!'
      )
      expect(long).toMatchObject({ read: false, receivedAt: '2026-11-20T01:15:00-08:00' })
      expect(messages[0]).toMatchObject({ text: '空港に着いたら連絡してね。' })
      expect(await sms.storage?.()).toEqual({ used: 4, total: 30 })

      await sms.remove(long?.id ?? '')
      for (const index of (long?.id ?? '').split('+').map(Number)) expect(sim.state.sms.SM[index - 1]).toBeUndefined()
      expect((await sms.list()).map((message) => message.from)).toEqual(['+818000005678', '456'])
      expect(await sms.storage?.()).toEqual({ used: 2, total: 30 })

      await sms.send?.('+12065550187', 'Landed. The hotspot works — see you at 6.')
      expect(sim.sentSms.at(-1)).toMatchObject({ to: '+12065550187', text: 'Landed. The hotspot works — see you at 6.' })
    })

    it('fails a reading that an unplug interrupts with DEVICE_GONE, and reopens after the replug', async () => {
      const { sim, driver, commands } = await start(profile, { card: 'tmobile-us-prepaid' }, {}, { baseMs: 0, perCommand: { '+COPS?': 150 } })
      await readUntil(driver, registered)
      const before = commands.length
      const failed = rejection(driver.read())
      while (!commands.slice(before).some((line) => line === '+COPS?')) await sleep(5)
      await sleep(50) // the slow +COPS? is on the wire
      await sim.dropPort()
      expect((await failed).code).toBe('DEVICE_GONE')
      expect((await rejection(driver.read())).code).toBe('DEVICE_GONE') // the port is gone for good until replug

      await sim.replug()
      await driver.open()
      const reading = await readUntil(driver, registered)
      expect(reading.sim).toMatchObject({ state: 'ready', iccid: sim.simCard?.iccid })
    })
  })

  it('the plain 3GPP dialect drives a modem without vendor commands', async () => {
    const { sim, driver } = await start('generic-lte', { card: 'rakuten-mobile' })
    await driver.open()
    expect(driver.dialect).toBe('3gpp')
    const reading = await readUntil(driver, registered)
    expect(reading.sim).toMatchObject({ iccid: sim.simCard?.iccid, msisdn: '+818000009876', msisdnSource: 'sim' })
    expect(reading.registration).toEqual({ state: 'home', operatorName: 'Rakuten Mobile', plmn: '44011' })
    expect(reading.signal).toMatchObject({ rat: 'lte', rsrpDbm: expect.any(Number), rsrqDb: expect.any(Number) })
    expect(driver.networkMode).toBeUndefined()
  })

  it('changes the network mode through the vendor command and reads it back', async () => {
    const { sim, driver } = await start('zte-mf833', { card: 'iijmio-docomo' })
    await readUntil(driver, registered)
    const mode = driver.networkMode
    if (!mode) throw new Error('no network mode')
    expect(await mode.read()).toBe('auto')
    await mode.set('umts-only')
    expect(sim.state.ratPreference).toBe('WCDMA')
    expect(await mode.read()).toBe('umts-only')
    const umts = await readUntil(driver, (reading) => reading.signal.rat === 'umts')
    expect(umts.signal).toMatchObject({ networkType: 'HSPA+', rscpDbm: expect.any(Number) })
    await mode.set('auto')
    expect(sim.state.ratPreference).toBe('auto')
  })

  it('reboots with +CFUN=1,1: the port goes away and the driver opens it again when it is back', async () => {
    const { sim, driver } = await start('huawei-e3372h', { card: 'tmobile-us-prepaid' })
    await readUntil(driver, registered)
    const dropped = new Promise((resolve) => sim.once('drop', resolve))
    const replugged = new Promise((resolve) => sim.once('replug', resolve))
    await driver.control?.reboot?.()
    await dropped
    expect((await rejection(readUntil(driver, () => false, 1_000))).code).toBe('DEVICE_GONE')
    await replugged
    await driver.open()
    expect((await readUntil(driver, registered)).sim.state).toBe('ready')
  })
})
