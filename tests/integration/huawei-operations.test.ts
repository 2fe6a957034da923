// The Huawei driver's operation groups against the simulator over loopback HTTP: capabilities per variant, APN
// profiles and the shared APN transaction (success, rollback after a wrong APN, encrypted firmware, legacy dial),
// USSD (menu, cancel, network timeout), SMS, data switch, usage reset, PIN/PUK, reboot and recovery.
import { afterEach, describe, expect, it } from 'vitest'
import { ContractError } from '../../src/contract/errors'
import { switchApn, type ApnProgress } from '../../src/devices/apn-transaction'
import type { ApnDraft } from '../../src/devices/model'
import { createHuaweiHilinkDriver, type HuaweiHilinkDriver } from '../../src/devices/families/huawei-hilink'
import { HuaweiHilinkSimulator, type HuaweiHilinkSimulatorOptions } from '../../src/simulators/huawei-hilink'

const running: HuaweiHilinkSimulator[] = []
const drivers: HuaweiHilinkDriver[] = []

afterEach(async () => {
  await Promise.all(drivers.splice(0).map((driver) => driver.close()))
  await Promise.all(running.splice(0).map((sim) => sim.stop()))
})

/** Quick device timings so transitions happen within a test, with the real clock. */
const FAST: HuaweiHilinkSimulatorOptions = { dataConnectMs: 120, dataDisconnectMs: 60, ussdReplyMs: 80, smsSendMs: 60, rebootMs: 400 }

async function setup(options: HuaweiHilinkSimulatorOptions = {}) {
  const sim = new HuaweiHilinkSimulator({ ...FAST, ...options })
  running.push(sim)
  const { baseUrl } = await sim.start()
  const driver = createHuaweiHilinkDriver(
    { connection: { kind: 'http', baseUrl }, credentials: sim.credentials },
    { timing: { pollIntervalMs: 20, ussdTimeoutMs: 3000, dataSettleTimeoutMs: 3000, smsSendTimeoutMs: 3000 } }
  )
  drivers.push(driver)
  await driver.open()
  return { sim, driver }
}

function posts(sim: HuaweiHilinkSimulator, path: string) {
  return sim.requestLog().filter((entry) => entry.method === 'POST' && entry.path === path)
}

async function rejection(promise: Promise<unknown>): Promise<ContractError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(ContractError)
  return error as ContractError
}

async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 4000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      const value = await probe()
      if (accept(value)) return value
    } catch (error) {
      if (Date.now() >= deadline) throw error
    }
    if (Date.now() >= deadline) throw new Error('condition not reached in time')
    await new Promise((resolve) => setTimeout(resolve, 40))
  }
}

const iij: ApnDraft = { name: 'IIJmio', apn: 'iijmio.jp', username: 'mio@iij', password: 'iij', auth: 'pap-or-chap', pdpType: 'ipv4v6' }
const tmobileTether: ApnDraft = { name: 'T-Mobile tethering', apn: 'pcweb.tmobile.com', auth: 'none', pdpType: 'ipv4v6' }
const switchOptions = { verifyTimeoutMs: 1500, verifyPollMs: 40 }

describe('capabilities per variant', () => {
  it.each([
    ['E5577', ['apnRead', 'apnWrite', 'dataSwitch', 'deviceSettings', 'pinUnlock', 'reboot', 'sms', 'usageReset', 'ussd', 'wifiSettings']],
    ['E3372h', ['apnRead', 'apnWrite', 'dataSwitch', 'deviceSettings', 'pinUnlock', 'reboot', 'sms', 'usageReset', 'ussd']],
    ['UMG587', ['apnRead', 'apnWrite', 'dataSwitch', 'deviceSettings', 'pinUnlock', 'reboot', 'sms', 'usageReset', 'ussd', 'wifiSettings']],
    ['E5785', ['apnRead', 'apnWrite', 'dataSwitch', 'deviceSettings', 'pinUnlock', 'reboot', 'sms', 'usageReset', 'ussd', 'wifiSettings']]
  ] as const)('%s declares its operations after open and exposes the matching groups', async (variant, expected) => {
    const { driver } = await setup({ variant })
    const operations = [...driver.capabilities].filter((capability) => !capability.startsWith('read')).sort()
    expect(operations).toEqual([...expected].sort())
    expect(driver.apn).toBeDefined()
    expect(driver.ussd).toBeDefined()
    expect(driver.sms).toBeDefined()
    expect(Object.keys(driver.control ?? {}).sort()).toEqual(['reboot', 'resetUsage', 'setDataEnabled', 'unlockPin', 'unlockPuk'])
  })

  it('offers nothing before the first open', () => {
    const driver = createHuaweiHilinkDriver({ connection: { kind: 'http', baseUrl: 'http://127.0.0.1:9' } })
    expect(driver.apn).toBeUndefined()
    expect(driver.ussd).toBeUndefined()
    expect(driver.control).toBeUndefined()
  })
})

describe('APN profiles', () => {
  it('lists the operator preset as read-only and default', async () => {
    const { driver } = await setup({ variant: 'E5577' })
    expect(await driver.apn!.list()).toEqual([
      { id: '1', name: 'T-Mobile', apn: 'fast.t-mobile.com', auth: 'none', pdpType: 'ipv4v6', isDefault: true, readOnly: true }
    ])
  })

  it('create() does not change the default, even on firmware that makes every added profile the default (E5576 quirk)', async () => {
    const { sim, driver } = await setup({ variant: 'E5577' })
    const id = await driver.apn!.create(iij)
    expect(sim.profiles.current).toBe(1)
    const profiles = await driver.apn!.list()
    expect(profiles.find((profile) => profile.id === id)).toMatchObject({ name: 'IIJmio', apn: 'iijmio.jp', username: 'mio@iij', auth: 'pap-or-chap', isDefault: false })
    // The quirk really fired: one add, then one set-default back to the preset.
    expect(posts(sim, '/api/dialup/profiles')).toHaveLength(2)
  })

  it('updates and removes a user profile, and refuses to touch the preset', async () => {
    const { sim, driver } = await setup({ variant: 'E3372h' })
    const id = await driver.apn!.create(iij)
    expect(posts(sim, '/api/dialup/profiles')).toHaveLength(1) // no quirk on this firmware
    await driver.apn!.update(id, { ...iij, apn: 'iijmio.jp', auth: 'chap', pdpType: 'ipv4' })
    expect((await driver.apn!.list()).find((profile) => profile.id === id)).toMatchObject({ auth: 'chap', pdpType: 'ipv4' })
    expect((await rejection(driver.apn!.update('1', iij))).code).toBe('UNSUPPORTED')
    expect((await rejection(driver.apn!.remove('1'))).code).toBe('UNSUPPORTED')
    expect((await rejection(driver.apn!.remove('77'))).code).toBe('NOT_FOUND')
    await driver.apn!.remove(id)
    expect(sim.profiles.list.map((profile) => profile.index)).toEqual([1])
  })

  it('switchApn: a profile the network accepts → data comes back on it', async () => {
    const { sim, driver } = await setup({ variant: 'E5577' })
    const steps: ApnProgress[] = []
    const result = await switchApn(driver, { draft: tmobileTether }, { ...switchOptions, onProgress: (step) => steps.push(step) })
    expect(result).toMatchObject({ ok: true, restored: false, active: { apn: 'pcweb.tmobile.com', isDefault: true } })
    expect(steps.filter((step) => step.status === 'ok').map((step) => step.step)).toEqual(['snapshot', 'apply', 'reattach', 'verify'])
    expect(sim.connectionStatus).toBe(901)
    expect(sim.profiles.list).toHaveLength(2)
    expect(posts(sim, '/api/dialup/mobile-dataswitch').length).toBe(2) // off, then on
    expect((await driver.read()).data.state).toBe('connected')
  })

  it('switchApn: a wrong APN fails to attach (cause 27) and is rolled back — old default, new profile gone, data up', async () => {
    const { sim, driver } = await setup({ variant: 'E5577' })
    const result = await switchApn(driver, { draft: iij }, switchOptions)
    expect(result).toMatchObject({ ok: false, restored: true, error: { code: 'PROTOCOL' }, active: { id: '1', apn: 'fast.t-mobile.com' } })
    expect(result.error?.message).toMatch(/APN profile is not valid/)
    expect(sim.profiles.list.map((profile) => profile.name)).toEqual(['T-Mobile'])
    expect(sim.profiles.current).toBe(1)
    expect(sim.connectionStatus).toBe(901)
    expect((await driver.read()).data.state).toBe('connected')
  })

  it.each([
    ['OAEP', 1],
    ['PKCS#1 v1.5', 0]
  ] as const)('switchApn on firmware that requires encrypted setters (%s)', async (_name, rsaPadding) => {
    const { sim, driver } = await setup({ variant: 'E5785', rsaPadding, password: 'Scram-Pass-1' })
    const ok = await switchApn(driver, { draft: tmobileTether }, switchOptions)
    expect(ok).toMatchObject({ ok: true, active: { apn: 'pcweb.tmobile.com' } })
    const wrong = await switchApn(driver, { draft: iij }, switchOptions)
    expect(wrong).toMatchObject({ ok: false, restored: true, active: { apn: 'pcweb.tmobile.com' } })
    // Every dial-up profile change went encrypted, none was refused as plaintext.
    const profilePosts = posts(sim, '/api/dialup/profiles')
    expect(profilePosts.length).toBeGreaterThanOrEqual(5)
    expect(profilePosts.every((entry) => entry.huaweiCode === undefined)).toBe(true)
    expect(sim.stats.encryptedRequests).toBe(profilePosts.length)
  })

  it('switchApn on the legacy UMG587 reattaches with dialup/dial', async () => {
    const { sim, driver } = await setup({ variant: 'UMG587' })
    const result = await switchApn(driver, { draft: tmobileTether }, switchOptions)
    expect(result.ok).toBe(true)
    expect(posts(sim, '/api/dialup/dial')).toHaveLength(2)
    expect(posts(sim, '/api/dialup/mobile-dataswitch')).toHaveLength(0)
    expect(sim.stats.encryptedRequests).toBe(0)
  })

  it('switchApn to an existing profile by id', async () => {
    const { sim, driver } = await setup({ variant: 'E3372h' })
    const id = await driver.apn!.create(tmobileTether)
    const result = await switchApn(driver, { profileId: id }, switchOptions)
    expect(result).toMatchObject({ ok: true, active: { id } })
    expect(sim.profiles.current).toBe(Number(id))
  })
})

describe('USSD', () => {
  it('walks a two-level menu, and a final reply closes the session', async () => {
    const { sim, driver } = await setup()
    const menu = await driver.ussd!.send('#999#')
    expect(menu).toEqual({ text: expect.stringContaining('2. Data passes'), sessionOpen: true })
    const passes = await driver.ussd!.respond('2')
    expect(passes).toMatchObject({ sessionOpen: true, text: expect.stringContaining('1GB day pass $5') })
    const done = await driver.ussd!.respond('1')
    expect(done).toEqual({ text: 'Your 1GB day pass is active. New balance: $7.34.', sessionOpen: false })
    expect(sim.sim.balanceCents).toBe(734)
    // The device kept answering 111019 while the network worked on it.
    expect(sim.requestLog().some((entry) => entry.path === '/api/ussd/get' && entry.huaweiCode === 111019)).toBe(true)
  })

  it('a plain code gets its answer; cancel ends an open menu and a late answer then goes nowhere', async () => {
    const { driver } = await setup()
    expect(await driver.ussd!.send('#225#')).toEqual({ text: 'Your balance is $12.34.', sessionOpen: false })
    expect((await driver.ussd!.send('#999#')).sessionOpen).toBe(true)
    await driver.ussd!.cancel()
    await driver.ussd!.cancel() // nothing open: still fine
    expect((await rejection(driver.ussd!.respond('1'))).details).toMatchObject({ huaweiCode: 111001 })
  })

  it('a second request while one is with the network is BUSY', async () => {
    const { driver } = await setup({ ussdReplyMs: 1000 })
    const [first, second] = await Promise.allSettled([driver.ussd!.send('#225#'), driver.ussd!.send('#686#')])
    expect(first).toMatchObject({ status: 'fulfilled', value: { text: 'Your balance is $12.34.' } })
    expect(second).toMatchObject({ status: 'rejected', reason: { code: 'BUSY' } })
  })

  it('a silent network → TIMEOUT (111020), and the session is released', async () => {
    const { sim, driver } = await setup({ ussdNetworkTimeoutMs: 150 })
    sim.setUssdNetworkSilent(true)
    const error = await rejection(driver.ussd!.send('#932#'))
    expect(error.code).toBe('TIMEOUT')
    expect(error.details).toMatchObject({ huaweiCode: 111020 })
    expect(sim.requestLog().some((entry) => entry.path === '/api/ussd/release')).toBe(true)
    sim.setUssdNetworkSilent(false)
    expect((await driver.ussd!.send('#932#')).text).toMatch(/^You have used \d+\.\d\dGB of 10GB/)
  })

  it('refuses what is not a code before bothering the device, and stops polling when cancelled', async () => {
    const { sim, driver } = await setup({ ussdReplyMs: 2000 })
    expect((await rejection(driver.ussd!.send('balance please'))).code).toBe('BAD_INPUT')
    expect(posts(sim, '/api/ussd/send')).toHaveLength(0)
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 100)
    expect((await rejection(driver.ussd!.send('#225#', controller.signal))).code).toBe('CANCELLED')
    expect(sim.requestLog().some((entry) => entry.path === '/api/ussd/release')).toBe(true)
  })
})

describe('SMS', () => {
  it('lists the inbox newest first, with the Japanese message and the joined multipart', async () => {
    const { driver } = await setup()
    const messages = await driver.sms!.list()
    expect(messages.map((message) => message.from)).toEqual(['+12065550123', '456', '+818012345678', '456'])
    expect(messages[2]).toMatchObject({ text: '明日の打ち合わせは10時からに変更になりました。よろしくお願いします。', read: false })
    expect(messages[1]!.text.length).toBeGreaterThan(160)
    expect(messages[0]!.receivedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/)
    expect(await driver.sms!.storage!()).toEqual({ used: 4, total: 500 })
  })

  it('pages through a long inbox until Count', async () => {
    const { sim, driver } = await setup({ smsInbox: 'empty' })
    for (let i = 0; i < 45; i++) sim.receiveSms('+12065550100', `message ${i}`)
    const messages = await driver.sms!.list()
    expect(messages).toHaveLength(45)
    expect(new Set(messages.map((message) => message.id)).size).toBe(45)
    expect(posts(sim, '/api/sms/sms-list')).toHaveLength(3)
  })

  it('marks read and deletes one message', async () => {
    const { sim, driver } = await setup({ strictSmsListOrder: true })
    const [newest] = await driver.sms!.list()
    expect(newest!.read).toBe(false)
    await driver.sms!.markRead!(newest!.id)
    expect((await driver.sms!.list())[0]!.read).toBe(true)
    await driver.sms!.remove(newest!.id)
    const after = await driver.sms!.list()
    expect(after.map((message) => message.id)).not.toContain(newest!.id)
    expect(await driver.sms!.storage!()).toEqual({ used: 3, total: 500 })
    expect(sim.messages).toHaveLength(3)
    expect((await rejection(driver.sms!.remove(newest!.id))).code).toBe('BAD_INPUT') // 113036: already gone
  })

  it('sends a message, and a full store is BUSY (113053)', async () => {
    const { sim, driver } = await setup({ smsCapacity: 5 })
    await driver.sms!.send!('+1 (206) 555-0199', 'Running late, 10 min')
    expect(sim.messages.filter((message) => message.box === 2)).toMatchObject([{ phone: '+12065550199', content: 'Running late, 10 min', smstat: 3 }])
    expect(await driver.sms!.storage!()).toEqual({ used: 5, total: 5 })
    const full = await rejection(driver.sms!.send!('+12065550199', 'one more'))
    expect(full.code).toBe('BUSY')
    expect(full.details).toMatchObject({ huaweiCode: 113053 })
  })
})

describe('control', () => {
  it('switches mobile data off and on', async () => {
    const { sim, driver } = await setup()
    await driver.control!.setDataEnabled!(false)
    expect(sim.dataEnabled).toBe(false)
    await eventually(() => driver.read(), (reading) => reading.data.state === 'disconnected')
    expect((await driver.read()).data.ipv4).toBeUndefined()
    await driver.control!.setDataEnabled!(true)
    const back = await eventually(() => driver.read(), (reading) => reading.data.state === 'connected')
    expect(back.data.ipv4).toMatch(/^10\./)
  })

  it('resets the usage counters', async () => {
    const { driver } = await setup()
    const before = await driver.read()
    expect(before.usage.monthDownloadBytes!).toBeGreaterThan(1e6)
    await driver.control!.resetUsage!()
    const after = await driver.read()
    expect(after.usage.monthDownloadBytes!).toBeLessThan(before.usage.monthDownloadBytes! / 100)
  })

  it('unlocks a PIN-locked SIM; a wrong PIN first costs one attempt', async () => {
    const { sim, driver } = await setup({ sim: { pinState: 'pin-required', pin: '2468' } })
    expect((await driver.read()).sim).toMatchObject({ state: 'pin-required', pinAttemptsLeft: 3 })
    const wrong = await rejection(driver.control!.unlockPin!('1111'))
    expect(wrong.code).toBe('AUTH_FAILED')
    expect(wrong.details).toMatchObject({ attemptsLeft: 2, reason: 'wrong-sim-pin', huaweiCode: 103002 })
    expect(wrong.message).toMatch(/2 attempts left/)
    expect((await rejection(driver.control!.unlockPin!('12'))).code).toBe('BAD_INPUT')
    expect(sim.sim.pinAttemptsLeft).toBe(2) // the malformed PIN never reached the SIM
    await driver.control!.unlockPin!('2468')
    const reading = await eventually(() => driver.read(), (r) => r.data.state === 'connected')
    expect(reading.sim).toMatchObject({ state: 'ready', pinAttemptsLeft: 3 })
  })

  it('the last wrong PIN blocks the SIM; the PUK unblocks it with a new PIN', async () => {
    const { sim, driver } = await setup({ sim: { pinState: 'pin-required', pinAttemptsLeft: 1 } })
    const last = await rejection(driver.control!.unlockPin!('0000'))
    expect(last.code).toBe('LOCKED_OUT')
    expect(last.details).toMatchObject({ pukRequired: true, attemptsLeft: 0 })
    expect((await rejection(driver.control!.unlockPin!('1234'))).code).toBe('LOCKED_OUT') // PUK needed now; nothing sent
    const wrongPuk = await rejection(driver.control!.unlockPuk!('87654321', '4321'))
    expect(wrongPuk).toMatchObject({ code: 'AUTH_FAILED', details: { attemptsLeft: 9 } })
    await driver.control!.unlockPuk!('12345678', '4321')
    expect(sim.sim).toMatchObject({ pinState: 'ready', pin: '4321', pukAttemptsLeft: 10 })
    expect((await driver.read()).sim.state).toBe('ready')
  })

  it('PIN operations go encrypted where the firmware requires it', async () => {
    const { sim, driver } = await setup({ variant: 'E5785', sim: { pinState: 'pin-required' } })
    await driver.control!.unlockPin!('1234')
    expect(sim.sim.pinState).toBe('ready')
    expect(sim.stats.encryptedRequests).toBe(1)
  })

  it('reboots: unreachable for a while, then back with a fresh login and a new data session', async () => {
    const { sim, driver } = await setup({ rebootMs: 500 })
    const before = await driver.read()
    expect(before.usage.sessionSeconds!).toBeGreaterThan(60)
    await driver.control!.reboot!()
    await eventually(async () => sim.isDown, (down) => down, 1000)
    expect((await rejection(driver.read())).code).toBe('DEVICE_GONE')
    const after = await eventually(() => driver.read(), (reading) => reading.data.state === 'connected', 5000)
    expect(sim.isDown).toBe(false)
    expect(sim.stats).toMatchObject({ reboots: 1, loginSuccesses: 2 })
    expect(after.usage.sessionSeconds!).toBeLessThan(before.usage.sessionSeconds!)
    expect(after.usage.monthDownloadBytes!).toBeGreaterThanOrEqual(before.usage.monthDownloadBytes!) // kept across the restart
  })

  it('after a reboot a PIN-locked SIM asks for its PIN again', async () => {
    const { sim, driver } = await setup({ rebootMs: 200, sim: { pinState: 'pin-required' } })
    await driver.control!.unlockPin!('1234')
    await driver.control!.reboot!()
    await eventually(async () => sim.isDown, (down) => down, 1000)
    const after = await eventually(() => driver.read(), () => true, 5000)
    expect(after.sim.state).toBe('pin-required')
    expect(sim.sim.pinState).toBe('pin-required')
  })
})
