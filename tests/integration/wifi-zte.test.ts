// Wi-Fi settings and the admin password on ZTE goform devices, driver against the simulator over loopback HTTP:
// SSID1 read and SET_WIFI_SSID1_SETTINGS (signed with AD on MF79U-class firmware), validation before any request,
// UNSUPPORTED modes, read-back verification, clients dropping while the radio restarts, and CHANGE_PASSWORD on the
// base64 (MF61) and SHA-256+LD (MF79U) login generations.
import { afterEach, describe, expect, it } from 'vitest'
import { ContractError } from '../../src/contract/errors'
import { createZteGoformDriver, type ZteGoformDriver } from '../../src/devices/families/zte-goform'
import { ZteGoformSimulator, type ZteGoformSimulatorOptions } from '../../src/simulators/zte-goform'

const running: ZteGoformSimulator[] = []
const drivers: ZteGoformDriver[] = []

afterEach(async () => {
  await Promise.all(drivers.splice(0).map((driver) => driver.close()))
  await Promise.all(running.splice(0).map((sim) => sim.stop()))
})

async function startSim(options: ZteGoformSimulatorOptions = {}) {
  const sim = new ZteGoformSimulator({ wifiSsid: 'Shop-ZTE-3', wifiKey: 'zte-factory-1', wifiRestartMs: 400, connectDelayMs: 0, ...options })
  running.push(sim)
  const { baseUrl } = await sim.start()
  return { sim, baseUrl }
}

function driverFor(baseUrl: string, password: string, fetchImpl?: typeof fetch) {
  const driver = createZteGoformDriver({ connection: { kind: 'http', baseUrl }, credentials: { password } }, { pollIntervalMs: 20, timeoutMs: 500, ...(fetchImpl ? { fetch: fetchImpl } : {}) })
  drivers.push(driver)
  return driver
}

async function setup(options: ZteGoformSimulatorOptions = {}) {
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

function writes(sim: ZteGoformSimulator, goformId: string) {
  return sim.requestLog().filter((entry) => entry.goformId === goformId)
}

describe('SSID1', () => {
  it.each(['MF61', 'MF96', 'MF79U'] as const)('%s declares wifiSettings after the login and reads its network', async (profile) => {
    const { driver } = await setup({ profile })
    expect(driver.capabilities.has('wifiSettings')).toBe(true)
    expect(await driver.wifi!.get()).toEqual({ ssid: 'Shop-ZTE-3', security: 'wpa2-psk', key: 'zte-factory-1', hidden: false, band: '2.4GHz' })
  })

  it('nothing is offered before the first open', () => {
    const driver = createZteGoformDriver({ connection: { kind: 'http', baseUrl: 'http://127.0.0.1:9' } })
    expect(driver.wifi).toBeUndefined()
  })

  it('sets SSID and key with one signed setter, reads them back, and the clients drop while the radio restarts', async () => {
    let t = Date.UTC(2025, 5, 1, 9, 0, 0)
    const { sim, driver } = await setup({ profile: 'MF79U', now: () => t, wifiRestartMs: 4000 })
    expect((await driver.read()).wifiClients).toBe(2)
    await driver.wifi!.set({ ssid: 'Tienda Nº5', key: 'una clave larga' })
    expect(sim.wifi).toMatchObject({ ssid: 'Tienda Nº5', passphrase: 'una clave larga', authMode: 'WPA2PSK', encrypType: 'AES', restarts: 1 })
    const setters = writes(sim, 'SET_WIFI_SSID1_SETTINGS')
    expect(setters.map((entry) => [entry.result, entry.adValid])).toEqual([['success', true]])
    expect(await driver.wifi!.get()).toMatchObject({ ssid: 'Tienda Nº5', key: 'una clave larga' })
    t += 3000
    expect((await driver.read()).wifiClients).toBe(0)
    t += 1500
    expect((await driver.read()).wifiClients).toBe(2)
  })

  it('hides the network and switches to WPA/WPA2 without touching the key (unsigned firmware)', async () => {
    const { sim, driver } = await setup({ profile: 'MF61' })
    await driver.wifi!.set({ hidden: true, security: 'wpa-wpa2-psk' })
    expect(sim.wifi).toMatchObject({ hidden: true, authMode: 'WPAPSKWPA2PSK', encrypType: 'TKIPCCMP', passphrase: 'zte-factory-1', ssid: 'Shop-ZTE-3' })
    expect(await driver.wifi!.get()).toEqual({ ssid: 'Shop-ZTE-3', security: 'wpa-wpa2-psk', key: 'zte-factory-1', hidden: true, band: '2.4GHz' })
  })

  it('an open network; WPA2 again needs a key', async () => {
    const { sim, driver } = await setup({ profile: 'MF96' })
    await driver.wifi!.set({ security: 'open' })
    expect(sim.wifi).toMatchObject({ authMode: 'OPEN', encrypType: 'NONE' })
    expect(await driver.wifi!.get()).toEqual({ ssid: 'Shop-ZTE-3', security: 'open', hidden: false, band: '2.4GHz' })
    // The device still keeps the old passphrase; the driver does not bring it back silently.
    expect((await rejection(driver.wifi!.set({ security: 'wpa2-psk' }))).code).toBe('BAD_INPUT')
    await driver.wifi!.set({ security: 'wpa2-psk', key: 'fresh-key-2024' })
    expect(sim.wifi).toMatchObject({ authMode: 'WPA2PSK', passphrase: 'fresh-key-2024' })
  })

  it.each([
    ['a 64-character key that is not hex', { key: 'g'.repeat(64) }],
    ['a 6-character key', { key: 'abc123' }],
    ['an SSID over 32 bytes', { ssid: 'ü'.repeat(17) }],
    ['a key on an open network', { security: 'open' as const, key: 'pointless-key' }]
  ])('refuses %s before any request', async (_label, change) => {
    const { sim, driver } = await setup({ profile: 'MF79U' })
    sim.clearLog()
    expect((await rejection(driver.wifi!.set(change))).code).toBe('BAD_INPUT')
    expect(sim.requestLog()).toEqual([])
  })

  it.each(['wpa3-sae', 'wpa2-wpa3'] as const)('%s is UNSUPPORTED, before any request', async (security) => {
    const { sim, driver } = await setup({ profile: 'MF79U' })
    sim.clearLog()
    const error = await rejection(driver.wifi!.set({ security, key: 'long-enough-key' }))
    expect(error.code).toBe('UNSUPPORTED')
    expect(sim.requestLog()).toEqual([])
  })

  it('the device is gone when the change is read back → DEVICE_GONE that says the change was sent', async () => {
    const { sim, baseUrl } = await startSim({ profile: 'MF61' })
    let written = false
    const unplugAfterWrite: typeof fetch = async (input, init) => {
      if (written && String(input).includes('cmd=SSID1')) await sim.unplug()
      const response = await fetch(input, init)
      if (typeof init?.body === 'string' && init.body.includes('goformId=SET_WIFI_SSID1_SETTINGS')) written = true
      return response
    }
    const driver = driverFor(baseUrl, sim.credentials.password, unplugAfterWrite)
    await driver.open()
    const error = await rejection(driver.wifi!.set({ ssid: 'Moved-On' }))
    expect(error.code).toBe('DEVICE_GONE')
    expect(error.details).toMatchObject({ changeSent: true, verified: false })
    expect(sim.wifi.ssid).toBe('Moved-On')
  })

  it('5 GHz on a 2.4 GHz unit is UNSUPPORTED and nothing is written', async () => {
    const { sim, driver } = await setup({ profile: 'MF79U' })
    expect((await rejection(driver.wifi!.set({ ssid: 'X', band: '5GHz' }))).code).toBe('UNSUPPORTED')
    expect(writes(sim, 'SET_WIFI_SSID1_SETTINGS')).toHaveLength(0)
  })
})

describe('admin password (CHANGE_PASSWORD)', () => {
  it.each([
    ['MF61', 'base64 login, no AD'],
    ['MF79U', 'SHA-256 + LD login, MD5 AD']
  ] as const)('%s (%s): change, keep working, a fresh driver logs in with the new one and the old one fails once', async (profile, _label) => {
    const { sim, baseUrl, driver } = await setup({ profile, password: 'old-admin' })
    await driver.wifi!.setAdminPassword!('old-admin', 'N3w-Admin!')
    expect(sim.credentials.password).toBe('N3w-Admin!')
    expect(sim.stats.passwordChanges).toBe(1)
    await expect(driver.read()).resolves.toBeDefined()
    await driver.close() // one admin session at a time on these devices

    const fresh = driverFor(baseUrl, 'N3w-Admin!')
    await expect(fresh.read()).resolves.toBeDefined()
    await fresh.close()

    const checks = sim.stats.passwordChecks
    const stale = driverFor(baseUrl, 'old-admin')
    expect((await rejection(stale.open())).code).toBe('AUTH_FAILED')
    expect((await rejection(stale.read())).code).toBe('AUTH_FAILED')
    expect(sim.stats.passwordChecks).toBe(checks + 1)
  })

  it('a wrong current password → AUTH_FAILED; the device judged it once and nothing changed', async () => {
    const { sim, driver } = await setup({ profile: 'MF79U', password: 'right-one' })
    const error = await rejection(driver.wifi!.setAdminPassword!('wrong-one', 'next-one'))
    expect(error.code).toBe('AUTH_FAILED')
    expect(error.details).toMatchObject({ reason: 'wrong-current-password', goformId: 'CHANGE_PASSWORD' })
    expect(sim.stats.passwordChangeFailures).toBe(1)
    // Before any write has succeeded the AD hash is unknown: a refused write goes once more with the other hash,
    // which the device rejects without looking at the passwords.
    expect(writes(sim, 'CHANGE_PASSWORD').filter((entry) => entry.adValid)).toHaveLength(1)
    expect(sim.credentials.password).toBe('right-one')
    await expect(driver.read()).resolves.toBeDefined()
  })

  it('an invalid new password is refused before any request', async () => {
    const { sim, driver } = await setup({ profile: 'MF61' })
    sim.clearLog()
    for (const next of ['', 'with space', 'y'.repeat(33)]) expect((await rejection(driver.wifi!.setAdminPassword!('admin', next))).code).toBe('BAD_INPUT')
    expect(sim.requestLog()).toEqual([])
  })
})
