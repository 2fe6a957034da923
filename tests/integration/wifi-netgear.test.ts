// Wi-Fi settings and the admin password on a Netgear Nighthawk M1 (MR1100), driver against the simulator over
// loopback HTTP: the model.json wifi group, /Forms/config wifi.* writes with read-back, validation before any
// request, UNSUPPORTED modes (no WPA3 on this Wi-Fi 5 unit), clients dropping while the radio restarts, and
// webd.adminPassword with a fresh login afterwards.
import { afterEach, describe, expect, it } from 'vitest'
import { ContractError } from '../../src/contract/errors'
import { createNetgearDriver, type NetgearDriver } from '../../src/devices/families/netgear'
import { NetgearSimulator, type NetgearSimulatorOptions } from '../../src/simulators/netgear'

const running: NetgearSimulator[] = []
const drivers: NetgearDriver[] = []

afterEach(async () => {
  await Promise.all(drivers.splice(0).map((driver) => driver.close()))
  await Promise.all(running.splice(0).map((sim) => sim.stop()))
})

async function startSim(options: NetgearSimulatorOptions = {}) {
  const sim = new NetgearSimulator({ connectDelayMs: 0, wifiSsid: 'NETGEAR-Shop', wifiPassphrase: 'm1-factory-key', wifiRestartMs: 400, ...options })
  running.push(sim)
  const { baseUrl } = await sim.start()
  return { sim, baseUrl }
}

function driverFor(baseUrl: string, password: string, fetchImpl?: typeof fetch) {
  const driver = createNetgearDriver({ connection: { kind: 'http', baseUrl }, credentials: { password } }, fetchImpl ? { fetch: fetchImpl, timeoutMs: 500 } : {})
  drivers.push(driver)
  return driver
}

async function setup(options: NetgearSimulatorOptions = {}) {
  const { sim, baseUrl } = await startSim(options)
  const driver = driverFor(baseUrl, sim.credentials.password)
  await driver.open()
  return { sim, baseUrl, driver }
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

describe('Wi-Fi settings (MR1100)', () => {
  it('declares wifiSettings after the login and reads the primary network', async () => {
    const { driver } = await setup()
    expect(driver.capabilities.has('wifiSettings')).toBe(true)
    expect(await driver.wifi!.get()).toEqual({ ssid: 'NETGEAR-Shop', security: 'wpa2-psk', key: 'm1-factory-key', hidden: false, band: '2.4GHz' })
  })

  it('sets SSID and key in one post, reads them back, and the Wi-Fi clients drop while the radio restarts', async () => {
    let t = Date.UTC(2025, 5, 1, 9, 0, 0)
    const { sim, driver } = await setup({ now: () => t, wifiRestartMs: 4000 })
    expect((await driver.read()).wifiClients).toBe(2)
    sim.clearLog()
    await driver.wifi!.set({ ssid: 'Nighthawk «Shop»', key: 'new m1 key & more' })
    expect(configPosts(sim)).toHaveLength(1)
    expect(sim.wifi).toMatchObject({ ssid: 'Nighthawk «Shop»', passPhrase: 'new m1 key & more', encryption: 'WPA2', restarts: 1 })
    expect(await driver.wifi!.get()).toMatchObject({ ssid: 'Nighthawk «Shop»', key: 'new m1 key & more' })
    t += 3000
    expect((await driver.read()).wifiClients).toBe(0)
    t += 1500
    expect((await driver.read()).wifiClients).toBe(2)
  })

  it('mode and hidden flag; open and back to WPA2 with a key', async () => {
    const { sim, driver } = await setup()
    await driver.wifi!.set({ security: 'wpa-wpa2-psk', hidden: true })
    expect(sim.wifi).toMatchObject({ encryption: 'WPAWPA2', hidden: true, passPhrase: 'm1-factory-key' })
    await driver.wifi!.set({ security: 'open', hidden: false })
    expect(await driver.wifi!.get()).toEqual({ ssid: 'NETGEAR-Shop', security: 'open', hidden: false, band: '2.4GHz' })
    expect((await rejection(driver.wifi!.set({ security: 'wpa2-psk' }))).code).toBe('BAD_INPUT')
    await driver.wifi!.set({ security: 'wpa2-psk', key: 'closed-again-1' })
    expect(sim.wifi).toMatchObject({ encryption: 'WPA2', passPhrase: 'closed-again-1' })
  })

  it.each([
    ['a key of 64 characters that are not hex', { key: '#'.repeat(64) }],
    ['a key with a tab', { key: 'tab\tinside-key' }],
    ['an SSID of 33 characters', { ssid: 's'.repeat(33) }]
  ])('refuses %s before any request', async (_label, change) => {
    const { sim, driver } = await setup()
    sim.clearLog()
    expect((await rejection(driver.wifi!.set(change))).code).toBe('BAD_INPUT')
    expect(sim.requestLog()).toEqual([])
  })

  it('the device is gone when the change is read back → DEVICE_GONE that says the change was sent', async () => {
    const { sim, baseUrl } = await startSim()
    let written = false
    const unplugAfterWrite: typeof fetch = async (input, init) => {
      if (written && String(input).includes('/api/model.json')) await sim.unplug()
      const response = await fetch(input, init)
      if (typeof init?.body === 'string' && init.body.includes('wifi.SSID=')) written = true
      return response
    }
    const driver = driverFor(baseUrl, sim.credentials.password, unplugAfterWrite)
    await driver.open()
    const error = await rejection(driver.wifi!.set({ ssid: 'Moved-On' }))
    expect(error.code).toBe('DEVICE_GONE')
    expect(error.details).toMatchObject({ changeSent: true, verified: false })
    expect(sim.wifi.ssid).toBe('Moved-On')
  })

  it.each(['wpa3-sae', 'wpa2-wpa3'] as const)('%s is UNSUPPORTED on this Wi-Fi 5 model, and nothing is posted', async (security) => {
    const { sim, driver } = await setup()
    sim.clearLog()
    const error = await rejection(driver.wifi!.set({ security, key: 'wpa3-would-be-nice' }))
    expect(error.code).toBe('UNSUPPORTED')
    expect(configPosts(sim)).toHaveLength(0)
    expect(sim.wifi.encryption).toBe('WPA2')
  })
})

describe('admin password (webd.adminPassword)', () => {
  it('changes it, keeps working, a fresh driver logs in with the new one and the old one fails once', async () => {
    const { sim, baseUrl, driver } = await setup({ password: 'old-netgear' })
    await driver.wifi!.setAdminPassword!('old-netgear', 'New-Netgear1')
    expect(sim.credentials.password).toBe('New-Netgear1')
    expect(sim.stats.passwordChanges).toBe(1)
    await expect(driver.read()).resolves.toBeDefined()
    await driver.close()

    const fresh = driverFor(baseUrl, 'New-Netgear1')
    await expect(fresh.read()).resolves.toMatchObject({ identity: { model: 'MR1100' } })
    await fresh.close()

    const checks = sim.stats.passwordChecks
    const stale = driverFor(baseUrl, 'old-netgear')
    expect((await rejection(stale.open())).code).toBe('AUTH_FAILED')
    expect((await rejection(stale.read())).code).toBe('AUTH_FAILED')
    expect(sim.stats.passwordChecks).toBe(checks + 1)
  })

  it('a wrong current password → AUTH_FAILED and nothing is posted', async () => {
    const { sim, driver } = await setup({ password: 'right-netgear' })
    sim.clearLog()
    const error = await rejection(driver.wifi!.setAdminPassword!('wrong-netgear', 'Next-Netgear1'))
    expect(error.code).toBe('AUTH_FAILED')
    expect(error.details).toMatchObject({ reason: 'wrong-current-password' })
    expect(configPosts(sim)).toHaveLength(0)
    expect(sim.credentials.password).toBe('right-netgear')
  })

  it('an invalid new password is refused before any request', async () => {
    const { sim, driver } = await setup()
    sim.clearLog()
    expect((await rejection(driver.wifi!.setAdminPassword!(sim.credentials.password, 'two words'))).code).toBe('BAD_INPUT')
    expect(sim.requestLog()).toEqual([])
  })
})
