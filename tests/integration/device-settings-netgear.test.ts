// The deviceSettings capability on a Netgear Nighthawk M1 (MR1100), driver against the simulator over loopback HTTP:
// only the data plan exists (wwan.dataUsage.generic billingCycleLimit / billingDay through /Forms/config), so
// language and auto-update are UNSUPPORTED; round trip, validation before any request, and a post the device
// refuses (errdetail names the key) leaving the meter unchanged.
import { afterEach, describe, expect, it } from 'vitest'
import { ContractError } from '../../src/contract/errors'
import { createNetgearDriver, type NetgearDriver } from '../../src/devices/families/netgear'
import { NetgearSimulator, type NetgearSimulatorOptions } from '../../src/simulators/netgear'

const MB = 1024 * 1024
const GB = 1024 * MB

const running: NetgearSimulator[] = []
const drivers: NetgearDriver[] = []

afterEach(async () => {
  await Promise.all(drivers.splice(0).map((driver) => driver.close()))
  await Promise.all(running.splice(0).map((sim) => sim.stop()))
})

async function setup(options: NetgearSimulatorOptions = {}, fetchImpl?: typeof fetch) {
  const sim = new NetgearSimulator({ connectDelayMs: 0, ...options })
  running.push(sim)
  const { baseUrl } = await sim.start()
  const driver = createNetgearDriver({ connection: { kind: 'http', baseUrl }, credentials: sim.credentials }, fetchImpl ? { fetch: fetchImpl, timeoutMs: 2000 } : { timeoutMs: 2000 })
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

function configPosts(sim: NetgearSimulator) {
  return sim.requestLog().filter((entry) => entry.method === 'POST' && entry.path === '/Forms/config')
}

describe('capability', () => {
  it('declares deviceSettings with the data plan only', async () => {
    const { driver } = await setup()
    expect(driver.capabilities.has('deviceSettings')).toBe(true)
    expect([...(driver.settings?.supports ?? [])]).toEqual(['dataPlan'])
  })
})

describe('data plan', () => {
  it('reads what the meter holds', async () => {
    const { sim, driver } = await setup()
    expect(await driver.settings!.get()).toEqual({ dataPlan: { limitBytes: sim.sim.planLimitBytes, startDay: sim.sim.billingDay } })
  })

  it('sets limit and billing day in one post and reads them back; the reading follows', async () => {
    const { sim, driver } = await setup()
    sim.clearLog()
    await driver.settings!.set({ dataPlan: { limitBytes: 15 * GB, startDay: 3 } })
    expect(configPosts(sim)).toHaveLength(1)
    expect(sim.sim).toMatchObject({ planLimitBytes: 15 * GB, billingDay: 3 })
    expect(await driver.settings!.get()).toEqual({ dataPlan: { limitBytes: 15 * GB, startDay: 3 } })
    expect((await driver.read()).usage).toMatchObject({ monthLimitBytes: 15 * GB, billingDay: 3 })
    await driver.settings!.set({ dataPlan: { limitBytes: 750 * MB, startDay: 28 } })
    expect(await driver.settings!.get()).toEqual({ dataPlan: { limitBytes: 750 * MB, startDay: 28 } })
  })

  it.each([
    [{ limitBytes: GB, startDay: 0 }, 'dataPlan.startDay', /1 to 31/],
    [{ limitBytes: GB, startDay: 32 }, 'dataPlan.startDay', /1 to 31/],
    [{ limitBytes: 1000, startDay: 5 }, 'dataPlan.limitBytes', /from 1 MB/],
    [{ limitBytes: 1.5, startDay: 5 }, 'dataPlan.limitBytes', /whole number of bytes/]
  ])('%j → BAD_INPUT before any request, the meter unchanged', async (dataPlan, path, message) => {
    const { sim, driver } = await setup()
    const before = { ...sim.sim }
    sim.clearLog()
    const error = await rejection(driver.settings!.set({ dataPlan }))
    expect(error.code).toBe('BAD_INPUT')
    expect(error.details?.path).toBe(path)
    expect(error.message).toMatch(message)
    expect(configPosts(sim)).toHaveLength(0)
    expect(sim.sim).toEqual(before)
  })

  it('a post the device refuses (here: a billing day it will not take) → the refusal names the key; nothing changes', async () => {
    // Stand in for firmware with a stricter rule than ours: the day leaves the driver valid and arrives as 40.
    const tamper: typeof fetch = (input, init) => {
      const body = typeof init?.body === 'string' ? init.body.replace('wwan.dataUsage.generic.billingDay=9', 'wwan.dataUsage.generic.billingDay=40') : init?.body
      return fetch(input, { ...init, body })
    }
    const { sim, driver } = await setup({}, tamper)
    const before = { ...sim.sim }
    const error = await rejection(driver.settings!.set({ dataPlan: { limitBytes: 2 * GB, startDay: 9 } }))
    expect(error.code).toBe('PROTOCOL')
    expect(error.details?.errdetail).toBe('wwan.dataUsage.generic.billingDay')
    expect(sim.sim).toEqual(before)
    expect(await driver.settings!.get()).toEqual({ dataPlan: { limitBytes: before.planLimitBytes, startDay: before.billingDay } })
  })
})

describe('unsupported (no such setting on Netgear firmware)', () => {
  it.each([[{ language: 'ja' }, 'language'], [{ autoUpdate: false }, 'autoUpdate']] as const)('%j → UNSUPPORTED, nothing sent', async (preferences, path) => {
    const { sim, driver } = await setup()
    sim.clearLog()
    const error = await rejection(driver.settings!.set(preferences))
    expect(error.code).toBe('UNSUPPORTED')
    expect(error.details?.path).toBe(path)
    expect(configPosts(sim)).toHaveLength(0)
  })

  it('get() never reports them', async () => {
    const { driver } = await setup()
    expect(Object.keys(await driver.settings!.get())).toEqual(['dataPlan'])
  })
})

describe('faults', () => {
  it('latency applies to the write and the read-back', async () => {
    const { sim, driver } = await setup({ latencyMs: 25 })
    const started = Date.now()
    await driver.settings!.set({ dataPlan: { limitBytes: 5 * GB, startDay: 12 } })
    expect(await driver.settings!.get()).toEqual({ dataPlan: { limitBytes: 5 * GB, startDay: 12 } })
    expect(Date.now() - started).toBeGreaterThanOrEqual(50)
    expect(sim.sim.billingDay).toBe(12)
  })
})
