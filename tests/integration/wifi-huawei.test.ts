// Wi-Fi settings and the admin password on Huawei E5 routers, driver against the simulator over loopback HTTP:
// the multi-SSID API (E5577, E5785 with encrypted setters and keys hidden from the GET), the single-SSID API of the
// token-less UMG587, validation before any request, UNSUPPORTED modes, read-back verification, the clients that
// drop while the radio restarts, and password changes (classic type 4 / type 0, and SCRAM's password_scram).
import { afterEach, describe, expect, it } from 'vitest'
import { ContractError } from '../../src/contract/errors'
import { createHuaweiHilinkDriver, type HuaweiHilinkDriver } from '../../src/devices/families/huawei-hilink'
import { HuaweiHilinkSimulator, type HuaweiHilinkSimulatorOptions } from '../../src/simulators/huawei-hilink'

const running: HuaweiHilinkSimulator[] = []
const drivers: HuaweiHilinkDriver[] = []

afterEach(async () => {
  await Promise.all(drivers.splice(0).map((driver) => driver.close()))
  await Promise.all(running.splice(0).map((sim) => sim.stop()))
})

async function startSim(options: HuaweiHilinkSimulatorOptions = {}) {
  const sim = new HuaweiHilinkSimulator({ wifiSsid: 'Shop-Unit-7', wifiKey: 'factory-key-123', wifiRestartMs: 400, ...options })
  running.push(sim)
  const { baseUrl } = await sim.start()
  return { sim, baseUrl }
}

function driverFor(baseUrl: string, credentials: { username?: string; password: string }, fetchImpl?: typeof fetch) {
  const driver = createHuaweiHilinkDriver({ connection: { kind: 'http', baseUrl }, credentials }, fetchImpl ? { fetch: fetchImpl, timeoutMs: 500 } : {})
  drivers.push(driver)
  return driver
}

async function setup(options: HuaweiHilinkSimulatorOptions = {}) {
  const { sim, baseUrl } = await startSim(options)
  const driver = driverFor(baseUrl, sim.credentials)
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

function posts(sim: HuaweiHilinkSimulator, path: string) {
  return sim.requestLog().filter((entry) => entry.method === 'POST' && entry.path === path)
}

describe('capability', () => {
  it.each(['E5577', 'UMG587', 'E5785'] as const)('%s declares wifiSettings and offers the group', async (variant) => {
    const { driver } = await setup({ variant })
    expect(driver.capabilities.has('wifiSettings')).toBe(true)
    expect(driver.wifi?.setAdminPassword).toBeTypeOf('function')
  })

  it('a HiLink stick without Wi-Fi (E3372h) does not', async () => {
    const { driver } = await setup({ variant: 'E3372h' })
    expect(driver.capabilities.has('wifiSettings')).toBe(false)
    expect(driver.wifi).toBeUndefined()
  })
})

describe('multi-SSID API (E5577)', () => {
  it('reads SSID, security, key, hidden flag and band', async () => {
    const { driver } = await setup({ variant: 'E5577' })
    expect(await driver.wifi!.get()).toEqual({ ssid: 'Shop-Unit-7', security: 'wpa2-psk', key: 'factory-key-123', hidden: false, band: '2.4GHz' })
  })

  it('sets SSID and key, reads them back, and the clients drop while the radio restarts', async () => {
    let t = Date.UTC(2025, 5, 1, 9, 0, 0)
    const { sim, driver } = await setup({ variant: 'E5577', now: () => t, wifiRestartMs: 4000 })
    expect((await driver.read()).wifiClients).toBe(2)
    await driver.wifi!.set({ ssid: 'Café Ünit 8', key: 'new passphrase 42' })
    expect(sim.wifi).toMatchObject({ ssid: 'Café Ünit 8', wpaKey: 'new passphrase 42', authMode: 'WPA2-PSK' })
    expect(await driver.wifi!.get()).toMatchObject({ ssid: 'Café Ünit 8', key: 'new passphrase 42', security: 'wpa2-psk' })
    expect(posts(sim, '/api/wlan/multi-basic-settings')).toHaveLength(1)
    expect(sim.wifiRestarts).toBe(1)
    t += 3000
    expect((await driver.read()).wifiClients).toBe(0)
    t += 1500
    expect((await driver.read()).wifiClients).toBe(2)
  })

  it('changes the mode and the hidden flag without touching the key', async () => {
    const { sim, driver } = await setup({ variant: 'E5577' })
    await driver.wifi!.set({ security: 'wpa-wpa2-psk', hidden: true })
    expect(sim.wifi).toMatchObject({ authMode: 'WPA/WPA2-PSK', wpaEncryption: 'MIX', hidden: true, wpaKey: 'factory-key-123' })
    expect(await driver.wifi!.get()).toEqual({ ssid: 'Shop-Unit-7', security: 'wpa-wpa2-psk', key: 'factory-key-123', hidden: true, band: '2.4GHz' })
  })

  it('an open network, and back to WPA2 only with a new key', async () => {
    const { sim, driver } = await setup({ variant: 'E5577' })
    await driver.wifi!.set({ security: 'open' })
    expect(await driver.wifi!.get()).toEqual({ ssid: 'Shop-Unit-7', security: 'open', hidden: false, band: '2.4GHz' })
    sim.clearLog()
    expect((await rejection(driver.wifi!.set({ security: 'wpa2-psk' }))).code).toBe('BAD_INPUT')
    expect(posts(sim, '/api/wlan/multi-basic-settings')).toHaveLength(0)
    expect((await rejection(driver.wifi!.set({ key: 'on-an-open-net' }))).code).toBe('BAD_INPUT')
    await driver.wifi!.set({ security: 'wpa2-psk', key: 'back-to-wpa2!' })
    expect(await driver.wifi!.get()).toMatchObject({ security: 'wpa2-psk', key: 'back-to-wpa2!' })
  })

  it.each([
    ['a 7-character key', { key: 'short12' }],
    ['a key with a non-ASCII character', { key: 'pässwort-lang' }],
    ['a 64-character key that is not hex', { key: 'z'.repeat(64) }],
    ['an SSID of 33 bytes', { ssid: '日本語'.repeat(3) + 'abcdefghijklmnop' }],
    ['an empty SSID', { ssid: '' }],
    ['an SSID with a newline', { ssid: 'two\nlines' }]
  ])('refuses %s before any request', async (_label, change) => {
    const { sim, driver } = await setup({ variant: 'E5577' })
    sim.clearLog()
    const error = await rejection(driver.wifi!.set(change))
    expect(error.code).toBe('BAD_INPUT')
    expect(sim.requestLog()).toEqual([])
    expect(sim.wifi?.wpaKey).toBe('factory-key-123')
  })

  it('accepts a 64-digit hex PSK', async () => {
    const { sim, driver } = await setup({ variant: 'E5577' })
    const psk = 'a1'.repeat(32)
    await driver.wifi!.set({ key: psk })
    expect(sim.wifi?.wpaKey).toBe(psk)
  })

  it.each(['wpa3-sae', 'wpa2-wpa3'] as const)('%s is UNSUPPORTED, before any request', async (security) => {
    const { sim, driver } = await setup({ variant: 'E5577' })
    sim.clearLog()
    const error = await rejection(driver.wifi!.set({ security, key: 'a-good-key-1' }))
    expect(error.code).toBe('UNSUPPORTED')
    expect(error.details).toMatchObject({ path: 'security' })
    expect(sim.requestLog()).toEqual([])
  })

  it('a band the unit is not on is UNSUPPORTED; its own band is no change', async () => {
    const { sim, driver } = await setup({ variant: 'E5577' })
    expect((await rejection(driver.wifi!.set({ band: '5GHz' }))).code).toBe('UNSUPPORTED')
    sim.clearLog()
    await driver.wifi!.set({ band: '2.4GHz' })
    expect(posts(sim, '/api/wlan/multi-basic-settings')).toHaveLength(0)
  })

  it('a device that answers OK but keeps the old value → PROTOCOL naming the field', async () => {
    const { sim, driver } = await setup({ variant: 'E5577' })
    sim.ignoreNextWifiChange()
    const error = await rejection(driver.wifi!.set({ ssid: 'Never-Stored' }))
    expect(error.code).toBe('PROTOCOL')
    expect(error.details).toEqual({ mismatches: [{ field: 'ssid', expected: 'Never-Stored', actual: 'Shop-Unit-7' }] })
  })
})

describe('a computer on the Wi-Fi it just changed', () => {
  it('the device is gone when the change is read back → DEVICE_GONE that says the change was sent', async () => {
    const { sim, baseUrl } = await startSim({ variant: 'E5577' })
    let written = false
    const unplugAfterWrite: typeof fetch = async (input, init) => {
      const url = String(input)
      if (written && url.endsWith('/api/wlan/multi-basic-settings') && (init?.method ?? 'GET') === 'GET') await sim.unplug()
      const response = await fetch(input, init)
      if (url.endsWith('/api/wlan/multi-basic-settings') && init?.method === 'POST') written = true
      return response
    }
    const driver = driverFor(baseUrl, sim.credentials, unplugAfterWrite)
    await driver.open()
    const error = await rejection(driver.wifi!.set({ ssid: 'Moved-On' }))
    expect(error.code).toBe('DEVICE_GONE')
    expect(error.details).toMatchObject({ changeSent: true, verified: false })
    expect(sim.wifi?.ssid).toBe('Moved-On')
  })
})

describe('E5785: encrypted setters, keys hidden from the GET, a guest SSID', () => {
  it('reads without a key, writes encrypted, and keeps the guest network', async () => {
    const { sim, driver } = await setup({ variant: 'E5785' })
    expect(await driver.wifi!.get()).toEqual({ ssid: 'Shop-Unit-7', security: 'wpa2-psk', hidden: false, band: '2.4GHz' })
    const encryptedBefore = sim.stats.encryptedRequests
    await driver.wifi!.set({ ssid: 'Pro-Unit', key: 'encrypted-key-9' })
    expect(sim.stats.encryptedRequests).toBe(encryptedBefore + 1)
    expect(sim.wifi).toMatchObject({ ssid: 'Pro-Unit', wpaKey: 'encrypted-key-9' })
    expect(sim.wifiNetworks[1]).toMatchObject({ guest: true, ssid: 'Shop-Unit-7-Guest', wpaKey: 'factory-key-123-guest' })
    expect(await driver.wifi!.get()).toEqual({ ssid: 'Pro-Unit', security: 'wpa2-psk', hidden: false, band: '2.4GHz' })
  })

  it('a main key equal to the key of the guest network that is on: the device refuses (100005) → BAD_INPUT', async () => {
    const { sim, driver } = await setup({ variant: 'E5785' })
    sim.setGuestWifi(true)
    const error = await rejection(driver.wifi!.set({ key: 'factory-key-123-guest' }))
    expect(error.code).toBe('BAD_INPUT')
    expect(error.details).toMatchObject({ huaweiCode: 100005 })
    expect(sim.wifi?.wpaKey).toBe('factory-key-123')
    sim.setGuestWifi(false)
    await driver.wifi!.set({ key: 'factory-key-123-guest' }) // no conflict while the guest network is off
    expect(sim.wifi?.wpaKey).toBe('factory-key-123-guest')
  })
})

describe('single-SSID API (UMG587, no tokens)', () => {
  it('reads basic-settings + security-settings and writes both', async () => {
    const { sim, driver } = await setup({ variant: 'UMG587' })
    expect(await driver.wifi!.get()).toEqual({ ssid: 'Shop-Unit-7', security: 'wpa2-psk', key: 'factory-key-123', hidden: false })
    await driver.wifi!.set({ ssid: 'Sonic-Shop', key: 'sonic-key-4G', hidden: true })
    expect(posts(sim, '/api/wlan/basic-settings')).toHaveLength(1)
    expect(posts(sim, '/api/wlan/security-settings')).toHaveLength(1)
    expect(sim.wifi).toMatchObject({ ssid: 'Sonic-Shop', wpaKey: 'sonic-key-4G', hidden: true })
    expect(sim.wifiRestarts).toBe(1) // basic-settings waits for the security post's restart
    expect(await driver.wifi!.get()).toEqual({ ssid: 'Sonic-Shop', security: 'wpa2-psk', key: 'sonic-key-4G', hidden: true })
  })

  it('only the SSID: one post, the key stays', async () => {
    const { sim, driver } = await setup({ variant: 'UMG587' })
    await driver.wifi!.set({ ssid: 'Only-Name' })
    expect(posts(sim, '/api/wlan/basic-settings')).toHaveLength(1)
    expect(posts(sim, '/api/wlan/security-settings')).toHaveLength(0)
    expect(sim.wifi).toMatchObject({ ssid: 'Only-Name', wpaKey: 'factory-key-123' })
  })
})

describe('admin password', () => {
  it.each([
    ['E5577', 'classic login, password_type 4', '/api/user/password'],
    ['UMG587', 'classic login without password_type (base64)', '/api/user/password'],
    ['E5785', 'SCRAM, password_scram inside the encrypted body', '/api/user/password_scram']
  ] as const)('%s (%s): change, keep working, fresh logins use the new password and the old one fails once', async (variant, _label, endpoint) => {
    const { sim, baseUrl, driver } = await setup({ variant, password: 'Old-Pass1' })
    await driver.wifi!.setAdminPassword!('Old-Pass1', 'N3w-Pass#2')
    expect(posts(sim, endpoint)).toHaveLength(1)
    expect(sim.credentials.password).toBe('N3w-Pass#2')
    // The driver's own session (or its next login, after password_scram logged everyone out) uses the new one.
    await expect(driver.read()).resolves.toMatchObject({ identity: { manufacturer: 'Huawei' } })
    await driver.close()

    const fresh = driverFor(baseUrl, { username: 'admin', password: 'N3w-Pass#2' })
    await expect(fresh.read()).resolves.toBeDefined()
    await fresh.close()

    const checksBefore = sim.stats.passwordChecks
    const stale = driverFor(baseUrl, { username: 'admin', password: 'Old-Pass1' })
    expect((await rejection(stale.open())).code).toBe('AUTH_FAILED')
    expect((await rejection(stale.read())).code).toBe('AUTH_FAILED')
    expect(sim.stats.passwordChecks).toBe(checksBefore + 1)
  })

  it('a wrong current password → AUTH_FAILED, sent once, nothing changed', async () => {
    const { sim, driver } = await setup({ variant: 'E5577', password: 'Right-One1' })
    const error = await rejection(driver.wifi!.setAdminPassword!('Wrong-One1', 'Next-One2'))
    expect(error.code).toBe('AUTH_FAILED')
    expect(error.details).toMatchObject({ huaweiCode: 108002, reason: 'wrong-current-password' })
    expect(posts(sim, '/api/user/password')).toHaveLength(1)
    expect(sim.stats.passwordChangeFailures).toBe(1)
    expect(sim.credentials.password).toBe('Right-One1')
    await expect(driver.read()).resolves.toBeDefined()
  })

  it('an invalid new password is refused before any request', async () => {
    const { sim, driver } = await setup({ variant: 'E5577' })
    sim.clearLog()
    for (const next of ['', 'has space', 'x'.repeat(33), 'pässword']) {
      expect((await rejection(driver.wifi!.setAdminPassword!('admin', next))).code).toBe('BAD_INPUT')
    }
    expect(sim.requestLog()).toEqual([])
  })
})
