// The deviceSettings capability on ZTE goform devices, driver against the simulator over loopback HTTP: which
// settings each unit has (the 2011 MF61 has only the language), every preference round-tripped through
// DATA_LIMIT_SETTING (+ traffic_clear_date), SET_WEB_LANGUAGE and SetUpgAutoSetting — signed with AD on MF79U-class
// firmware —, values refused before any request, a value the firmware refuses leaving it unchanged, UNSUPPORTED.
import { afterEach, describe, expect, it } from 'vitest'
import { ContractError } from '../../src/contract/errors'
import { createZteGoformDriver, type ZteGoformDriver } from '../../src/devices/families/zte-goform'
import { ZteGoformSimulator, type ZteGoformSimulatorOptions } from '../../src/simulators/zte-goform'

const MB = 1024 * 1024
const GB = 1024 * MB

const running: ZteGoformSimulator[] = []
const drivers: ZteGoformDriver[] = []

afterEach(async () => {
  await Promise.all(drivers.splice(0).map((driver) => driver.close()))
  await Promise.all(running.splice(0).map((sim) => sim.stop()))
})

async function setup(options: ZteGoformSimulatorOptions = {}) {
  const sim = new ZteGoformSimulator({ connectDelayMs: 0, ...options })
  running.push(sim)
  const { baseUrl } = await sim.start()
  const driver = createZteGoformDriver({ connection: { kind: 'http', baseUrl }, credentials: sim.credentials }, { pollIntervalMs: 20, timeoutMs: 2000 })
  drivers.push(driver)
  await driver.open()
  return { sim, driver }
}

async function rejection(promise: Promise<unknown>): Promise<ContractError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(ContractError)
  return error as ContractError
}

function writes(sim: ZteGoformSimulator, goformId: string) {
  return sim.requestLog().filter((entry) => entry.goformId === goformId)
}

describe('capability per unit', () => {
  it.each([
    ['MF79U', ['autoUpdate', 'dataPlan', 'language']],
    ['MF96', ['autoUpdate', 'dataPlan', 'language']],
    ['MF61', ['language']]
  ] as const)('%s supports %j', async (profile, expected) => {
    const { driver } = await setup({ profile })
    expect(driver.capabilities.has('deviceSettings')).toBe(true)
    expect([...(driver.settings?.supports ?? [])].sort()).toEqual(expected)
  })

  it('nothing is offered before the first open', () => {
    const driver = createZteGoformDriver({ connection: { kind: 'http', baseUrl: 'http://127.0.0.1:9' }, credentials: { password: 'x' } })
    expect(driver.settings).toBeUndefined()
  })
})

describe('round trip (MF79U, AD-signed setters)', () => {
  it('reads what the device holds', async () => {
    const { sim, driver } = await setup({ profile: 'MF79U' })
    const held = sim.unitSettings
    const [n, unit] = held.plan.size.split('_').map(Number)
    expect(await driver.settings!.get()).toEqual({
      dataPlan: { limitBytes: (n ?? 0) * (unit ?? 0) * MB, startDay: held.clearDay },
      language: 'en',
      autoUpdate: true
    })
  })

  it('sets the data plan in MB and in GB, with the start day, and reads it back', async () => {
    const { sim, driver } = await setup({ profile: 'MF79U' })
    await driver.settings!.set({ dataPlan: { limitBytes: 500 * MB, startDay: 21 } })
    expect(sim.unitSettings).toMatchObject({ plan: { enabled: true, unit: 'data', size: '500_1', alertPercent: 90 }, clearDay: 21, autoClear: 'on' })
    expect((await driver.settings!.get()).dataPlan).toEqual({ limitBytes: 500 * MB, startDay: 21 })
    await driver.settings!.set({ dataPlan: { limitBytes: 30 * GB, startDay: 2 } })
    expect(sim.unitSettings.plan.size).toBe('30_1024')
    expect((await driver.settings!.get()).dataPlan).toEqual({ limitBytes: 30 * GB, startDay: 2 })
    // Every setter went out signed (the MF79U refuses unsigned ones).
    expect(writes(sim, 'DATA_LIMIT_SETTING').every((entry) => entry.adValid === true)).toBe(true)
  })

  it('sets the language both ways', async () => {
    const { sim, driver } = await setup({ profile: 'MF79U' })
    await driver.settings!.set({ language: 'ja' })
    expect(sim.unitSettings.language).toBe('ja')
    expect((await driver.settings!.get()).language).toBe('ja')
    await driver.settings!.set({ language: 'en' })
    expect((await driver.settings!.get()).language).toBe('en')
  })

  it('switches auto-update off and on', async () => {
    const { sim, driver } = await setup({ profile: 'MF79U' })
    await driver.settings!.set({ autoUpdate: false })
    expect(sim.unitSettings.upgMode).toBe('0')
    expect((await driver.settings!.get()).autoUpdate).toBe(false)
    await driver.settings!.set({ autoUpdate: true })
    expect((await driver.settings!.get()).autoUpdate).toBe(true)
  })

  it('all three in one call on the unsigned MF96 generation', async () => {
    const { driver } = await setup({ profile: 'MF96' })
    await driver.settings!.set({ dataPlan: { limitBytes: 4 * GB, startDay: 31 }, language: 'ja', autoUpdate: false })
    expect(await driver.settings!.get()).toEqual({ dataPlan: { limitBytes: 4 * GB, startDay: 31 }, language: 'ja', autoUpdate: false })
  })
})

describe('refused values', () => {
  it.each([
    [{ dataPlan: { limitBytes: GB, startDay: 0 } }, 'dataPlan.startDay', /1 to 31/],
    [{ dataPlan: { limitBytes: GB, startDay: 1.5 } }, 'dataPlan.startDay', /1 to 31/],
    [{ dataPlan: { limitBytes: GB + 1, startDay: 3 } }, 'dataPlan.limitBytes', /whole megabytes, from 1 MB to 999999 MB/],
    [{ language: 'English (US)' }, 'language', /"en", "ja"/]
  ])('%j → BAD_INPUT before any request, the device unchanged', async (preferences, path, message) => {
    const { sim, driver } = await setup({ profile: 'MF79U' })
    const before = sim.unitSettings
    sim.clearLog()
    const error = await rejection(driver.settings!.set(preferences))
    expect(error.code).toBe('BAD_INPUT')
    expect(error.details?.path).toBe(path)
    expect(error.message).toMatch(message)
    expect(sim.requestLog().filter((entry) => entry.goformId !== undefined)).toHaveLength(0)
    expect(sim.unitSettings).toEqual(before)
  })

  it('a language the unit has no page for: the device answers "failure" → BAD_INPUT, nothing changes', async () => {
    const { sim, driver } = await setup({ profile: 'MF79U' })
    await driver.settings!.set({ autoUpdate: true }) // a first signed write settles the AD scheme
    const error = await rejection(driver.settings!.set({ language: 'de' }))
    expect(error.code).toBe('BAD_INPUT')
    expect(error.message).toMatch(/"de"/)
    expect(error.details?.goformId).toBe('SET_WEB_LANGUAGE')
    expect(writes(sim, 'SET_WEB_LANGUAGE').map((entry) => entry.result)).toEqual(['failure'])
    expect(sim.unitSettings.language).toBe('en')
    expect((await driver.settings!.get()).language).toBe('en')
  })
})

describe('unsupported', () => {
  it.each([[{ dataPlan: { limitBytes: GB, startDay: 1 } }, 'dataPlan'], [{ autoUpdate: false }, 'autoUpdate']] as const)(
    'MF61: %j → UNSUPPORTED, nothing sent',
    async (preferences, path) => {
      const { sim, driver } = await setup({ profile: 'MF61' })
      const before = sim.unitSettings
      sim.clearLog()
      const error = await rejection(driver.settings!.set(preferences))
      expect(error.code).toBe('UNSUPPORTED')
      expect(error.details?.path).toBe(path)
      expect(sim.requestLog().filter((entry) => entry.goformId !== undefined)).toHaveLength(0)
      expect(sim.unitSettings).toEqual(before)
    }
  )

  it('MF61 reads only its language', async () => {
    const { driver } = await setup({ profile: 'MF61' })
    expect(await driver.settings!.get()).toEqual({ language: 'en' })
  })
})

describe('faults', () => {
  it('latency applies; a session that expired is logged into again once and the write goes through', async () => {
    const { sim, driver } = await setup({ profile: 'MF79U', latencyMs: 20 })
    const logins = sim.stats.loginSuccesses
    sim.expireSession()
    const started = Date.now()
    await driver.settings!.set({ language: 'ja' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(20)
    expect(sim.stats.loginSuccesses).toBe(logins + 1)
    expect(sim.unitSettings.language).toBe('ja')
  })
})
