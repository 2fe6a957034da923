// The deviceSettings capability on Huawei HiLink / E5 devices, driver against the simulator over loopback HTTP:
// which settings each firmware has, every preference round-tripped (monitoring/start_date, language/current-language,
// online-update/autoupdate-config), values refused before any request, a value the firmware refuses leaving the
// device unchanged, and UNSUPPORTED for a setting the firmware lacks.
import { afterEach, describe, expect, it } from 'vitest'
import { ContractError } from '../../src/contract/errors'
import { createHuaweiHilinkDriver, type HuaweiHilinkDriver } from '../../src/devices/families/huawei-hilink'
import { HuaweiHilinkSimulator, type HuaweiHilinkSimulatorOptions } from '../../src/simulators/huawei-hilink'

const MB = 1024 * 1024
const GB = 1024 * MB

const running: HuaweiHilinkSimulator[] = []
const drivers: HuaweiHilinkDriver[] = []

afterEach(async () => {
  await Promise.all(drivers.splice(0).map((driver) => driver.close()))
  await Promise.all(running.splice(0).map((sim) => sim.stop()))
})

async function setup(options: HuaweiHilinkSimulatorOptions = {}) {
  const sim = new HuaweiHilinkSimulator(options)
  running.push(sim)
  const { baseUrl } = await sim.start()
  const driver = createHuaweiHilinkDriver({ connection: { kind: 'http', baseUrl }, credentials: sim.credentials }, { timeoutMs: 2000 })
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

function posts(sim: HuaweiHilinkSimulator, path: string) {
  return sim.requestLog().filter((entry) => entry.method === 'POST' && entry.path === path)
}

describe('capability per firmware', () => {
  it.each([
    ['E5577', ['autoUpdate', 'dataPlan', 'language']],
    ['E5785', ['autoUpdate', 'dataPlan', 'language']],
    ['E3372h', ['autoUpdate', 'dataPlan', 'language']],
    // E587-era firmware has no online-update configuration.
    ['UMG587', ['dataPlan', 'language']]
  ] as const)('%s supports %j', async (variant, expected) => {
    const { driver } = await setup({ variant })
    expect(driver.capabilities.has('deviceSettings')).toBe(true)
    expect([...(driver.settings?.supports ?? [])].sort()).toEqual(expected)
  })
})

describe('round trip (E5577)', () => {
  it('reads what the device holds', async () => {
    const { sim, driver } = await setup({ variant: 'E5577' })
    const plan = sim.plan
    expect(await driver.settings!.get()).toEqual({
      dataPlan: { limitBytes: plan.dataLimit.endsWith('GB') ? Number(plan.dataLimit.slice(0, -2)) * GB : Number(plan.dataLimit.slice(0, -2)) * MB, startDay: plan.startDay },
      language: 'en',
      autoUpdate: true
    })
  })

  it('sets the data plan, keeps the alarm threshold, and reads it back', async () => {
    const { sim, driver } = await setup({ variant: 'E5577' })
    const threshold = sim.plan.monthThreshold
    await driver.settings!.set({ dataPlan: { limitBytes: 500 * MB, startDay: 27 } })
    expect(sim.plan).toMatchObject({ dataLimit: '500MB', startDay: 27, monthThreshold: threshold, setMonthData: 1 })
    expect((await driver.settings!.get()).dataPlan).toEqual({ limitBytes: 500 * MB, startDay: 27 })
    await driver.settings!.set({ dataPlan: { limitBytes: 20 * GB, startDay: 1 } })
    expect(sim.plan.dataLimit).toBe('20GB')
    expect((await driver.settings!.get()).dataPlan).toEqual({ limitBytes: 20 * GB, startDay: 1 })
    // The reading sees the same plan.
    expect((await driver.read()).usage).toMatchObject({ monthLimitBytes: 20 * GB, billingDay: 1 })
  })

  it('sets the language both ways', async () => {
    const { sim, driver } = await setup({ variant: 'E5577' })
    await driver.settings!.set({ language: 'ja' })
    expect(sim.unitPreferences.language).toBe('ja-jp')
    expect((await driver.settings!.get()).language).toBe('ja')
    // The login page's unauthenticated converged-status shows the same language.
    expect(await (await fetch(`${sim.baseUrl ?? ''}/api/monitoring/converged-status`)).text()).toContain('<CurrentLanguage>ja-jp</CurrentLanguage>')
    await driver.settings!.set({ language: 'de-de' })
    expect((await driver.settings!.get()).language).toBe('de-de')
    await driver.settings!.set({ language: 'en' })
    expect(sim.unitPreferences.language).toBe('en-us')
  })

  it('switches auto-update off and on', async () => {
    const { sim, driver } = await setup({ variant: 'E5577' })
    await driver.settings!.set({ autoUpdate: false })
    expect(sim.unitPreferences.autoUpdate).toBe(false)
    expect((await driver.settings!.get()).autoUpdate).toBe(false)
    await driver.settings!.set({ autoUpdate: true })
    expect((await driver.settings!.get()).autoUpdate).toBe(true)
  })

  it('all three in one call, on the encrypting E5785 too', async () => {
    const { sim, driver } = await setup({ variant: 'E5785' })
    await driver.settings!.set({ dataPlan: { limitBytes: 3 * GB, startDay: 9 }, language: 'ja', autoUpdate: false })
    expect(await driver.settings!.get()).toEqual({ dataPlan: { limitBytes: 3 * GB, startDay: 9 }, language: 'ja', autoUpdate: false })
    expect(sim.unitPreferences).toEqual({ language: 'ja-jp', autoUpdate: false })
  })

  it('an empty change sends nothing', async () => {
    const { sim, driver } = await setup({ variant: 'E5577' })
    sim.clearLog()
    await driver.settings!.set({})
    expect(sim.requestLog().filter((entry) => entry.method === 'POST')).toHaveLength(0)
  })
})

describe('refused values', () => {
  it.each([
    [{ dataPlan: { limitBytes: 500 * MB, startDay: 0 } }, 'dataPlan.startDay', /1 to 31/],
    [{ dataPlan: { limitBytes: 500 * MB, startDay: 32 } }, 'dataPlan.startDay', /1 to 31/],
    [{ dataPlan: { limitBytes: 500 * MB + 1, startDay: 5 } }, 'dataPlan.limitBytes', /whole megabytes, from 1 MB to 999999 MB/],
    [{ dataPlan: { limitBytes: 0, startDay: 5 } }, 'dataPlan.limitBytes', /from 1 MB/],
    [{ language: 'Japanese' }, 'language', /"en", "ja"/]
  ])('%j → BAD_INPUT before any request, the device unchanged', async (preferences, path, message) => {
    const { sim, driver } = await setup({ variant: 'E5577' })
    const before = { plan: sim.plan, unit: sim.unitPreferences }
    sim.clearLog()
    const error = await rejection(driver.settings!.set(preferences))
    expect(error.code).toBe('BAD_INPUT')
    expect(error.details?.path).toBe(path)
    expect(error.message).toMatch(message)
    expect(sim.requestLog().filter((entry) => entry.method === 'POST')).toHaveLength(0)
    expect({ plan: sim.plan, unit: sim.unitPreferences }).toEqual(before)
  })

  it('a language the firmware has no page for: the device answers 100006 → BAD_INPUT, nothing changes', async () => {
    const { sim, driver } = await setup({ variant: 'E5577' })
    const error = await rejection(driver.settings!.set({ language: 'ko-kr' }))
    expect(error.code).toBe('BAD_INPUT')
    expect(error.details?.huaweiCode).toBe(100006)
    expect(error.message).toMatch(/ko-kr/)
    expect(posts(sim, '/api/language/current-language')).toHaveLength(1)
    expect(sim.unitPreferences.language).toBe('en-us')
    expect((await driver.settings!.get()).language).toBe('en')
  })
})

describe('unsupported', () => {
  it('auto-update on E587-era firmware → UNSUPPORTED, nothing sent (not even the supported part)', async () => {
    const { sim, driver } = await setup({ variant: 'UMG587' })
    sim.clearLog()
    const error = await rejection(driver.settings!.set({ language: 'ja', autoUpdate: false }))
    expect(error.code).toBe('UNSUPPORTED')
    expect(error.details?.path).toBe('autoUpdate')
    expect(sim.requestLog().filter((entry) => entry.method === 'POST')).toHaveLength(0)
    expect(sim.unitPreferences.language).toBe('en-us')
    expect(await driver.settings!.get()).not.toHaveProperty('autoUpdate')
  })

  it('a name that is not a preference is BAD_INPUT', async () => {
    const { driver } = await setup({ variant: 'E5577' })
    const error = await rejection(driver.settings!.set(JSON.parse('{"timezone":"UTC"}') as Record<string, never>))
    expect(error.code).toBe('BAD_INPUT')
  })
})

describe('faults', () => {
  it('latency applies; a lost session is logged into again once and the write goes through', async () => {
    const { sim, driver } = await setup({ variant: 'E5577', latencyMs: 30 })
    const logins = sim.stats.loginSuccesses
    sim.expireSession()
    const started = Date.now()
    await driver.settings!.set({ autoUpdate: false })
    expect(Date.now() - started).toBeGreaterThanOrEqual(30)
    expect(sim.stats.loginSuccesses).toBe(logins + 1)
    expect(sim.unitPreferences.autoUpdate).toBe(false)
  })
})
