// The read-only Inseego driver against the M2000-class simulator over loopback HTTP: reading without a login,
// values that move with the clock, transport failures and the lockout page as typed errors, and the fingerprint
// (positive, and null for a Netgear unit and for plain servers).
import { afterEach, describe, expect, it } from 'vitest'
import { ContractError } from '../../src/contract/errors'
import type { HotspotDriver } from '../../src/devices/driver'
import { createInseegoDriver, inseegoFamily, type InseegoDriver } from '../../src/devices/families/inseego'
import { netgearFamily } from '../../src/devices/families/netgear'
import { InseegoSimulator, type InseegoSimulatorOptions } from '../../src/simulators/inseego'
import { NetgearSimulator } from '../../src/simulators/netgear'

const stops: Array<() => Promise<void>> = []
const drivers: InseegoDriver[] = []
afterEach(async () => {
  await Promise.all(drivers.splice(0).map((driver) => driver.close()))
  await Promise.all(stops.splice(0).map((stop) => stop()))
})

async function startSim(options: InseegoSimulatorOptions = {}) {
  const sim = new InseegoSimulator(options)
  stops.push(() => sim.stop())
  const { baseUrl } = await sim.start()
  expect(new URL(baseUrl).hostname).toBe('127.0.0.1')
  return { sim, baseUrl }
}

function driverFor(baseUrl: string, timeoutMs?: number) {
  const driver = createInseegoDriver({ connection: { kind: 'http', baseUrl } }, { timeoutMs })
  drivers.push(driver)
  return driver
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught
  )
  expect(error).toBeInstanceOf(ContractError)
  expect((error as ContractError).code).toBe(code)
}

describe('Inseego driver', () => {
  it('reads /srv/status and /apps_home/usageinfo without a login', async () => {
    const { baseUrl } = await startSim()
    const driver = inseegoFamily.create({ connection: { kind: 'http', baseUrl } }) as InseegoDriver
    drivers.push(driver)
    await driver.open()
    const reading = await driver.read()
    expect(reading.identity).toEqual({ firmware: 'M2000_T_2.01.20' })
    expect(reading.sim).toEqual({ state: 'ready' })
    expect(reading.signal).toMatchObject({ rat: 'nr', networkType: '5G', band: 'B2, n41', pci: 318 })
    expect(reading.signal.bars).toBeGreaterThanOrEqual(0)
    expect(reading.registration).toEqual({ state: 'home', operatorName: 'T-Mobile', plmn: '310260' })
    expect(reading.data).toEqual({ state: 'connected', ipv4: '100.66.18.42', ipv6: '2607:fb90:a2c1:5e3d::1' })
    expect(reading.usage.sessionDownloadBytes).toBeGreaterThan(0)
    expect(reading.usage.monthLimitBytes).toBe(50e9)
    expect(reading.battery).toEqual({ percent: 64, charging: false })
    expect(reading.wifiClients).toBe(2)
    expect(driver.lastIssues).toEqual([])
    expect([...driver.capabilities].sort()).toEqual(['readBattery', 'readIdentity', 'readSignal', 'readUsage'])
    const generic: HotspotDriver = driver
    expect(generic.apn).toBeUndefined()
    expect(generic.sms).toBeUndefined()
    expect(generic.control).toBeUndefined()
  })

  it('values move with the clock', async () => {
    let t = Date.UTC(2025, 4, 20, 12)
    const { baseUrl } = await startSim({ now: () => t, seed: 3 })
    const driver = driverFor(baseUrl)
    const first = await driver.read()
    t += 120_000
    const second = await driver.read()
    expect(second.usage.sessionDownloadBytes!).toBeGreaterThan(first.usage.sessionDownloadBytes!)
    expect(second.usage.sessionSeconds! - first.usage.sessionSeconds!).toBe(120)
    expect(second.usage.monthDownloadBytes!).toBeGreaterThan(first.usage.monthDownloadBytes!)
    expect(second.signal.sinrDb).not.toBeUndefined()
  })

  it('lost signal: no service, disconnected', async () => {
    const { sim, baseUrl } = await startSim()
    const driver = driverFor(baseUrl)
    sim.setSignalLost(true)
    const reading = await driver.read()
    expect(reading.signal).toEqual({ bars: 0, rat: 'none' })
    expect(reading.data.state).toBe('disconnected')
    expect(reading.registration.state).toBe('searching')
  })

  it('firmware without the usage page: the session figures only, and the page is not asked again', async () => {
    const { baseUrl } = await startSim({ usagePage: false })
    const driver = driverFor(baseUrl)
    const reading = await driver.read()
    expect(reading.usage.monthLimitBytes).toBeUndefined()
    expect(reading.usage.sessionDownloadBytes).toBeGreaterThan(0)
    await driver.read()
  })

  it('garbage → PROTOCOL, unplugged → DEVICE_GONE, slow → TIMEOUT, lockout page → LOCKED_OUT', async () => {
    const { sim, baseUrl } = await startSim()
    const driver = driverFor(baseUrl, 300)
    await driver.read()
    sim.respondWithGarbage(1)
    await expectCode(driver.read(), 'PROTOCOL')
    sim.setLockedOut(true)
    await expectCode(driver.read(), 'LOCKED_OUT')
    sim.setLockedOut(false)
    sim.setLatency(1500)
    await expectCode(driver.read(), 'TIMEOUT')
    sim.setLatency(0)
    await sim.unplug()
    await expectCode(driver.read(), 'DEVICE_GONE')
    await sim.replug()
    expect((await driver.read()).data.state).toBe('connected')
  })
})

describe('fingerprints', () => {
  it('Inseego recognises the simulator; Netgear does not', async () => {
    const { baseUrl } = await startSim()
    expect(await inseegoFamily.fingerprint({ kind: 'http', baseUrl })).toEqual({ family: 'inseego', loginRequired: false })
    expect(await netgearFamily.fingerprint({ kind: 'http', baseUrl })).toBeNull()
  })

  it('Inseego says null for a Netgear unit and for serial targets', async () => {
    const netgear = new NetgearSimulator()
    stops.push(() => netgear.stop())
    const { baseUrl } = await netgear.start()
    expect(await inseegoFamily.fingerprint({ kind: 'http', baseUrl })).toBeNull()
    expect(await inseegoFamily.fingerprint({ kind: 'serial', path: '/dev/ttyACM0' })).toBeNull()
  })
})
