// The Netgear simulator seen by a plain HTTP client, the way independent clients use a real unit (no Hotspot Desk
// driver code involved): the /sess_cd_tmp session dance (MR2100 study [R], jacobhere/netgear-m5 scripts), the guest
// and admin model.json (reference §3.1–3.2), the login form and its redirects (netgear-m1.sh), form writes with
// /success.json and /error.json (eternalegypt), the one-admin rule and the password toggle ([R]/[U]).
import { afterEach, describe, expect, it } from 'vitest'
import { NetgearSimulator, type NetgearSimulatorOptions } from '../../src/simulators/netgear'

const running: NetgearSimulator[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.stop()))
})

async function startSim(options: NetgearSimulatorOptions = {}) {
  const sim = new NetgearSimulator({ connectDelayMs: 0, ...options })
  running.push(sim)
  const { baseUrl } = await sim.start()
  return { sim, baseUrl }
}

// model.json is walked freely in the assertions below; its shape is what is under test.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ModelJson = Record<string, any>

/** A browser-ish client: one cookie jar, redirects not followed. */
class Client {
  cookie: string | undefined
  constructor(readonly baseUrl: string) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    if (this.cookie) headers.set('Cookie', this.cookie)
    const response = await fetch(this.baseUrl + path, { ...init, headers, redirect: 'manual' })
    const set = response.headers.getSetCookie()[0]
    if (set) this.cookie = set.split(';')[0]
    return response
  }

  /** GET following redirects by hand, so cookies set on the way are kept. */
  async follow(path: string): Promise<Response> {
    let response = await this.request(path)
    for (let hops = 0; hops < 5 && response.status >= 300 && response.status < 400; hops++) {
      response = await this.request(response.headers.get('location') ?? '/')
    }
    return response
  }

  async model(path = '/api/model.json?internalapi=1'): Promise<ModelJson> {
    const response = await this.follow(path)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('application/json')
    return (await response.json()) as ModelJson
  }

  post(path: string, fields: Record<string, string>): Promise<Response> {
    return this.request(path, { method: 'POST', body: new URLSearchParams(fields).toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
  }
}

async function loggedIn(baseUrl: string, password: string): Promise<{ client: Client; token: string }> {
  const client = new Client(baseUrl)
  const token = (await client.model()).session.secToken as string
  const response = await client.post('/Forms/config', { 'session.password': password, token, ok_redirect: '/index.html', err_redirect: '/index.html?loginfailed' })
  expect(response.headers.get('location')).toBe('/index.html')
  return { client, token }
}

describe('sessions and the guest model', () => {
  it('sends a cookie-less request through /sess_cd_tmp, which sets the cookie and sends it back', async () => {
    const { baseUrl } = await startSim()
    const client = new Client(baseUrl)
    const first = await client.request('/api/model.json?internalapi=1')
    expect(first.status).toBe(302)
    expect(first.headers.get('location')).toBe('/sess_cd_tmp?/api/model.json?internalapi=1')
    expect(await first.text()).toMatch(/^<!DOCTYPE html>/)
    const session = await client.request(first.headers.get('location') ?? '')
    expect(session.status).toBe(302)
    expect(client.cookie).toMatch(/^sessionId=[0-9a-f]{32}$/)
    expect(session.headers.get('location')).toBe('/api/model.json?internalapi=1')
    expect((await client.request('/api/model.json?internalapi=1')).status).toBe(200)
  })

  it('HEAD /sess_cd_tmp opens a session (the netgear-m1.sh way); /model.json is served too (eternalegypt)', async () => {
    const { baseUrl } = await startSim()
    const client = new Client(baseUrl)
    expect((await client.request('/sess_cd_tmp', { method: 'HEAD' })).status).toBe(200)
    expect(client.cookie).toBeDefined()
    const response = await client.request('/model.json')
    expect(response.status).toBe(200)
    // netgear-m1.sh greps the token with '"secToken": "[^"]*",' — two-space JSON with a field after it.
    expect(await response.text()).toMatch(/"secToken": "[^"]*",/)
  })

  it('a guest sees status but no identity, usage, profiles or messages [U]', async () => {
    const { baseUrl } = await startSim()
    const model = await new Client(baseUrl).model()
    expect(model.session).toMatchObject({ userRole: 'Guest' })
    expect(model.session.secToken).toMatch(/^[A-Za-z0-9]{40}$/)
    expect(model.general).toMatchObject({ model: 'MR1100', deviceName: 'Nighthawk M1' })
    expect(model.general.IMEI).toBeUndefined()
    expect(model.sim).toBeUndefined()
    expect(model.wwan.profileList).toBeUndefined()
    expect(model.wwan.dataUsage).toBeUndefined()
    expect(model.sms.msgs).toBeUndefined()
    expect(typeof model.wwan.signalStrength.bars).toBe('number')
  })

  it('each session has its own token, kept across the login', async () => {
    const { sim, baseUrl } = await startSim()
    const a = await loggedIn(baseUrl, sim.credentials.password)
    const b = new Client(baseUrl)
    const tokenB = (await b.model()).session.secToken
    expect(tokenB).not.toBe(a.token)
    expect((await a.client.model()).session).toMatchObject({ userRole: 'Admin', secToken: a.token })
  })
})

describe('login form', () => {
  it('wrong password → /index.html?loginfailed and /error.json names the field; right one → /index.html and Admin', async () => {
    const { sim, baseUrl } = await startSim()
    const client = new Client(baseUrl)
    const token = (await client.model()).session.secToken as string
    const wrong = await client.post('/Forms/config', { 'session.password': 'nope', token, ok_redirect: '/index.html', err_redirect: '/index.html?loginfailed' })
    expect(wrong.status).toBe(302)
    expect(wrong.headers.get('location')).toBe('/index.html?loginfailed')
    expect(await (await client.request('/error.json')).json()).toEqual({ errno: 1, errdetail: 'session.password' })
    expect((await client.model()).session.userRole).toBe('Guest')
    const right = await client.post('/Forms/config', { 'session.password': sim.credentials.password, token, ok_redirect: '/index.html', err_redirect: '/index.html?loginfailed' })
    expect(right.headers.get('location')).toBe('/index.html')
    const model = await client.model()
    expect(model.session.userRole).toBe('Admin')
    expect(sim.stats).toMatchObject({ passwordChecks: 2, loginFailures: 1, loginSuccesses: 1 })
  })

  it('without redirect fields the answer is 204 either way (eternalegypt posts none) [R]', async () => {
    const { sim, baseUrl } = await startSim()
    const client = new Client(baseUrl)
    const token = (await client.model()).session.secToken as string
    expect((await client.post('/Forms/config', { 'session.password': 'nope', token })).status).toBe(204)
    expect((await client.post('/Forms/config', { 'session.password': sim.credentials.password, token })).status).toBe(204)
    expect((await client.model()).session.userRole).toBe('Admin')
  })

  it('the password post on an admin session logs it out (MR2100 web-UI study [R])', async () => {
    const { sim, baseUrl } = await startSim()
    const { client, token } = await loggedIn(baseUrl, sim.credentials.password)
    await client.post('/Forms/config', { 'session.password': sim.credentials.password, token })
    expect((await client.model()).session.userRole).toBe('Guest')
    expect(sim.stats.logoutToggles).toBe(1)
  })

  it('one admin at a time: a second login demotes the first session [U]', async () => {
    const { sim, baseUrl } = await startSim()
    const first = await loggedIn(baseUrl, sim.credentials.password)
    await loggedIn(baseUrl, sim.credentials.password)
    expect((await first.client.model()).session.userRole).toBe('Guest')
    expect(sim.adminSessions).toBe(1)
  })

  it('a post without the session token is refused and counted', async () => {
    const { sim, baseUrl } = await startSim()
    const client = new Client(baseUrl)
    await client.model()
    const response = await client.post('/Forms/config', { 'session.password': sim.credentials.password, token: 'stale', ok_redirect: '/success.json', err_redirect: '/error.json' })
    expect(response.headers.get('location')).toBe('/error.json')
    expect(sim.stats).toMatchObject({ tokenRejections: 1, passwordChecks: 0 })
  })
})

describe('the admin model.json (reference §3.2, LM1200 sample layout)', () => {
  it('has the groups and fields public clients read, in the device spelling', async () => {
    const { sim, baseUrl } = await startSim()
    const { client } = await loggedIn(baseUrl, sim.credentials.password)
    const model = await client.model()
    expect(Object.keys(model)).toEqual(
      expect.arrayContaining(['custom', 'webd', 'sim', 'sms', 'session', 'general', 'power', 'wwan', 'wwanadv', 'ethernet', 'wifi', 'router', 'fota', 'ui'])
    )
    // eternalegypt's _build_information reads exactly these.
    expect(model.general.FSN).toMatch(/^[A-Z0-9]{13}$/)
    expect(typeof model.wwan.dataUsage.generic.dataTransferred).toBe('number')
    expect(model.wwan.connection).toBe('Connected')
    for (const key of ['connectionText', 'connectionType', 'currentNWserviceType', 'currentPSserviceType', 'registerNetworkDisplay', 'roaming']) {
      expect(model.wwan).toHaveProperty(key)
    }
    for (const key of ['radioQuality', 'rxLevel', 'txLevel', 'curBand', 'cellId', 'MCC', 'MNC']) expect(model.wwanadv).toHaveProperty(key)
    // Arrays padded with an empty trailing object, groups closed with "end".
    expect(model.sms.msgs.at(-1)).toEqual({})
    expect(model.wwan.profileList.at(-1)).toEqual({})
    expect(model.wwan.signalStrength.end).toBe('')
    // MR1100 rxTime is month-first with a 12-hour clock (eternalegypt mdy_models).
    expect(model.sms.msgs[0].rxTime).toMatch(/^(0[1-9]|1[0-2])\/\d{2}\/\d{2} (0[1-9]|1[0-2]):\d{2}:\d{2} (AM|PM)$/)
    expect(typeof model.sms.msgs[0].read).toBe('boolean')
    expect(model.power).toMatchObject({ battChargeLevel: 78, battChargeSource: 'Battery' })
    expect(typeof model.wwan.dataTransferredRx).toBe('string')
    expect(model.wwanadv).toMatchObject({ MCC: '310', MNC: '260', MNCFmt: 3 })
    // Profile passwords are not shown back.
    expect(model.wwan.profileList[0]).toMatchObject({ id: 'T-Mobile', apn: 'fast.t-mobile.com', authtype: 'None', type: 'IPV4V6' })
  })
})

describe('form writes', () => {
  it('/success.json and /error.json redirects; a guest may not write', async () => {
    const { sim, baseUrl } = await startSim()
    const guest = new Client(baseUrl)
    const guestToken = (await guest.model()).session.secToken as string
    const refused = await guest.post('/Forms/config', { 'wwan.connect': 'Disconnect', token: guestToken, ok_redirect: '/success.json', err_redirect: '/error.json' })
    expect(refused.headers.get('location')).toBe('/error.json')
    expect(await (await guest.request('/error.json')).json()).toEqual({ errno: 1, errdetail: 'wwan.connect' })
    expect(sim.stats.guestRejections).toBe(1)

    const { client, token } = await loggedIn(baseUrl, sim.credentials.password)
    const ok = await client.post('/Forms/config', { 'wwan.connect': 'Disconnect', token, ok_redirect: '/success.json', err_redirect: '/error.json' })
    expect(ok.headers.get('location')).toBe('/success.json')
    expect(await (await client.request('/success.json')).json()).toEqual({ success: true })
    expect((await client.model()).wwan.connection).toBe('Disconnected')
    const unknown = await client.post('/Forms/config', { 'no.such.key': '1', token, ok_redirect: '/success.json', err_redirect: '/error.json' })
    expect(unknown.headers.get('location')).toBe('/error.json')
  })

  it('wwan.autoconnect Never / HomeNetwork turn data off and on (the M1/M5 scripts)', async () => {
    const { sim, baseUrl } = await startSim()
    const { client, token } = await loggedIn(baseUrl, sim.credentials.password)
    await client.post('/Forms/config', { 'wwan.autoconnect': 'Never', token })
    expect((await client.model()).wwan).toMatchObject({ connection: 'Disconnected', autoconnect: 'Never' })
    await client.post('/Forms/config', { 'wwan.autoconnect': 'HomeNetwork', token })
    expect((await client.model()).wwan).toMatchObject({ connection: 'Connected', autoconnect: 'HomeNetwork' })
  })

  it('profiles: create assigns an id, update changes it, the default cannot be deleted', async () => {
    const { sim, baseUrl } = await startSim()
    const { client, token } = await loggedIn(baseUrl, sim.credentials.password)
    const create = (name: string) =>
      client.post('/Forms/profile', {
        action: 'create',
        'profile.name': name,
        'profile.apn': 'iijmio.jp',
        'profile.username': 'mio@iij',
        'profile.password': 'iij',
        'profile.authtype': 'CHAP',
        'profile.type': 'IPV4V6',
        'profile.pdproamingtype': 'IPV4V6',
        'profile.ipaddr': '0.0.0.0',
        token
      })
    expect((await create('IIJ')).status).toBe(204)
    await create('IIJ')
    const list = (await client.model()).wwan.profileList as Array<Record<string, unknown>>
    expect(list.map((profile) => profile.id)).toEqual(['T-Mobile', 'T-Mobile Tethering', 'IIJ', 'IIJ 2', undefined])
    expect(list[2]).toMatchObject({ index: 3, authtype: 'CHAP', username: 'mio@iij', password: '********' })
    await client.post('/Forms/profile', { action: 'update', 'profile.id': 'IIJ 2', 'profile.index': '4', 'profile.apn': 'iijmio.jp', 'profile.authtype': 'PAP', token })
    expect(sim.profiles.find('IIJ 2', undefined)).toMatchObject({ authtype: 'PAP', password: 'iij' })
    const refused = await client.post('/Forms/profile', { action: 'delete', 'profile.id': 'T-Mobile', token, ok_redirect: '/success.json', err_redirect: '/error.json' })
    expect(refused.headers.get('location')).toBe('/error.json')
    await client.post('/Forms/config', { 'wwan.profile.default': 'IIJ', 'wwan.profile.promptForApnSelection': 'false', token })
    expect((await client.model()).wwan.profile).toMatchObject({ default: 'IIJ', defaultLTE: 'IIJ' })
  })

  it('SMS: send (eternalegypt fields), read, delete', async () => {
    const { sim, baseUrl } = await startSim()
    const { client, token } = await loggedIn(baseUrl, sim.credentials.password)
    await client.post('/Forms/smsSendMsg', { 'sms.sendMsg.receiver': '+12065550188', 'sms.sendMsg.text': 'hi', 'sms.sendMsg.clientId': 'eternalegypt.eternalegypt', action: 'send', token })
    await client.post('/Forms/config', { 'sms.readId': '3', token })
    await client.post('/Forms/config', { 'sms.deleteId': '1', token })
    const sms = (await client.model()).sms
    expect(sms.sendMsg[0]).toMatchObject({ clientId: 'eternalegypt.eternalegypt', receiver: '+12065550188', status: 'Succeeded', enc: 'Gsm7Bit' })
    expect(sms.msgs.map((message: Record<string, unknown>) => message.id)).toEqual(['2', '3', undefined])
    expect(sms).toMatchObject({ unreadMsgs: 0, msgCount: 2 })
  })

  it('general.shutdown=restart: the answer arrives, then the server is gone until the reboot is over', async () => {
    const { sim, baseUrl } = await startSim({ rebootMs: 300 })
    const { client, token } = await loggedIn(baseUrl, sim.credentials.password)
    const response = await client.post('/Forms/config', { 'general.shutdown': 'restart', token, ok_redirect: '/success.json', err_redirect: '/error.json' })
    expect(response.headers.get('location')).toBe('/success.json')
    await new Promise((resolve) => setTimeout(resolve, 50))
    await expect(fetch(`${baseUrl}/api/model.json`)).rejects.toThrow()
    await sim.waitForReboot()
    expect((await client.model()).session.userRole).toBe('Guest') // sessions did not survive
    expect(sim.stats.reboots).toBe(1)
  })
})
