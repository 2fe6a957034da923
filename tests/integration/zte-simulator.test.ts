// The ZTE simulator on its own, driven the way independent clients drive real firmware (plain fetch, request
// shapes from the stock web UI and public clients: anysoft/mifi-tools webs/mf761 com.js, Kajkac mc.py,
// tpoechtrager/ZTE-CLI-Tool, pmcrwf-mid/ZTE-MF79U-api), with hashes computed here from node:crypto. None of
// this goes through the driver.
import { createHash } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { ZteGoformSimulator, type ZteGoformSimulatorOptions } from '../../src/simulators/zte-goform'

const running: ZteGoformSimulator[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.stop()))
})

function clock(start = Date.UTC(2025, 4, 20, 12, 0, 0)) {
  let t = start
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex')
const sha256Upper = (text: string) => createHash('sha256').update(text).digest('hex').toUpperCase()

/** A minimal goform client: Referer and stok handled by hand, like the Python clients. */
class RawClient {
  stok: string | undefined
  constructor(
    readonly base: string,
    readonly referer: string | null = `${base}/index.html`
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const headers: Record<string, string> = { ...extra }
    if (this.referer !== null) headers.Referer = this.referer
    if (this.stok !== undefined) headers.Cookie = `stok=${this.stok}`
    return headers
  }

  async get(query: string): Promise<{ status: number; headers: Headers; text: string; json: () => Record<string, unknown> }> {
    const response = await fetch(`${this.base}/goform/goform_get_cmd_process?isTest=false&${query}`, { headers: this.headers() })
    const text = await response.text()
    return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) as Record<string, unknown> }
  }

  async fields(cmds: string[]): Promise<Record<string, string>> {
    const answer = await this.get(`cmd=${encodeURIComponent(cmds.join(','))}&multi_data=1`)
    return answer.json() as Record<string, string>
  }

  async set(form: Record<string, string>): Promise<{ result: string; setCookie: string | null }> {
    const response = await fetch(`${this.base}/goform/goform_set_cmd_process`, {
      method: 'POST',
      headers: this.headers({ 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' }),
      body: new URLSearchParams({ isTest: 'false', ...form }).toString()
    })
    const body = (await response.json()) as { result: string }
    const setCookie = response.headers.get('set-cookie')
    const stok = /stok=([^;]+)/.exec(setCookie ?? '')?.[1]
    if (stok) this.stok = stok
    return { result: body.result, setCookie }
  }

  async loginBase64(password: string): Promise<string> {
    return (await this.set({ goformId: 'LOGIN', password: Buffer.from(password).toString('base64') })).result
  }

  async loginSha256(password: string): Promise<string> {
    const { LD } = await this.fields(['LD', 'loginfo'])
    return (await this.set({ goformId: 'LOGIN', password: sha256Upper(sha256Upper(password) + String(LD)) })).result
  }

  /** A setter signed like the stock UI: hex_md5(hex_md5(wa_inner_version + cr_version) + RD). */
  async signed(form: Record<string, string>, hash: 'md5' | 'sha256' = 'md5'): Promise<string> {
    const tokens = await this.fields(['wa_inner_version', 'cr_version', 'RD'])
    const h = hash === 'md5' ? md5 : sha256Upper
    const AD = h(h(String(tokens.wa_inner_version) + String(tokens.cr_version)) + String(tokens.RD))
    return (await this.set({ ...form, AD })).result
  }
}

async function start(options: ZteGoformSimulatorOptions = {}) {
  const sim = new ZteGoformSimulator({ connectDelayMs: 30, disconnectDelayMs: 10, ussdDelayMs: 1000, smsCommandDelayMs: 10, ...options })
  running.push(sim)
  const { baseUrl } = await sim.start()
  return { sim, baseUrl }
}

describe('transport', () => {
  it('answers as GoAhead-Webs with JSON in text/plain, every value a string, in the order asked', async () => {
    const { baseUrl } = await start({ profile: 'MF61' })
    const answer = await new RawClient(baseUrl).get('cmd=wa_inner_version%2Ccr_version%2Cloginfo%2Cmodem_main_state&multi_data=1')
    expect(answer.status).toBe(200)
    expect(answer.headers.get('server')).toBe('GoAhead-Webs')
    expect(answer.headers.get('content-type')).toBe('text/plain')
    expect(answer.text).toBe('{"wa_inner_version":"T-Mobile_MF61_V1.0.0B09","cr_version":"","loginfo":"","modem_main_state":"modem_init_complete"}')
  })

  it('answers unknown names with "", and several names without multi_data=1 as one unknown name', async () => {
    const { baseUrl } = await start()
    const client = new RawClient(baseUrl)
    expect(await client.fields(['no_such_field', 'loginfo'])).toEqual({ no_such_field: '', loginfo: '' })
    expect((await client.get('cmd=loginfo%2Cmodem_main_state')).json()).toEqual({ 'loginfo,modem_main_state': '' })
  })

  it('needs a same-origin Referer: without it reads are blank and writes fail (captured MF79U behaviour)', async () => {
    const { sim, baseUrl } = await start({ profile: 'MF61' })
    const anonymous = new RawClient(baseUrl, null)
    expect(await anonymous.fields(['modem_main_state', 'wa_inner_version'])).toEqual({ modem_main_state: '', wa_inner_version: '' })
    expect(await anonymous.loginBase64('admin')).toBe('failure')
    const foreign = new RawClient(baseUrl, 'http://evil.example/index.html')
    expect(await foreign.loginBase64('admin')).toBe('failure')
    expect(sim.stats.passwordChecks).toBe(0) // refused before any password was judged
    // Kajkac's client sends "http://<ip>/" as the Referer: same origin, accepted.
    expect(await new RawClient(baseUrl, `${baseUrl}/`).loginBase64('admin')).toBe('0')
  })

  it('serves the web UI flags in js/config/config.js', async () => {
    const { baseUrl } = await start({ profile: 'MF79U', variant: 'sha256-md5ad' })
    const text = await (await fetch(`${baseUrl}/js/config/config.js`)).text()
    expect(text).toContain('"WEB_ATTR_IF_SUPPORT_SHA256":2')
    expect((await fetch(`${baseUrl}/nothing`)).status).toBe(404)
  })
})

describe('login', () => {
  it('base64 firmware: LOGIN → "0" and a stok cookie; loginfo "ok" with it; protected fields appear', async () => {
    const { baseUrl } = await start({ profile: 'MF61', password: 'secret' })
    const client = new RawClient(baseUrl)
    expect(await client.fields(['LD', 'RD', 'imei'])).toEqual({ LD: '', RD: '', imei: '' })
    const answer = await client.set({ goformId: 'LOGIN', password: Buffer.from('secret').toString('base64') })
    expect(answer.result).toBe('0')
    expect(answer.setCookie).toMatch(/^stok=[0-9a-f]{32}; path=\/; HttpOnly$/)
    const fields = await client.fields(['loginfo', 'imei', 'msisdn'])
    expect(fields.loginfo).toBe('ok')
    expect(fields.imei).toMatch(/^\d{15}$/)
    expect(fields.msisdn).toBe('+12065550143')
  })

  it('accepts the stok cookie quoted, as one Node client sends it', async () => {
    const { baseUrl } = await start({ profile: 'MF61' })
    const client = new RawClient(baseUrl)
    await client.loginBase64('admin')
    client.stok = `"${client.stok}"`
    expect((await client.fields(['loginfo'])).loginfo).toBe('ok')
  })

  it('SHA-256 firmware: the salt LD rotates on every read; only the newest one logs in', async () => {
    const { sim, baseUrl } = await start({ profile: 'MF79U', variant: 'sha256-md5ad', password: 'S3cret' })
    const client = new RawClient(baseUrl)
    const first = (await client.fields(['LD'])).LD as string
    const second = (await client.fields(['LD'])).LD as string
    expect(first).toMatch(/^[0-9A-F]{64}$/)
    expect(second).not.toBe(first)
    // A hash over the stale salt is a wrong password.
    expect((await client.set({ goformId: 'LOGIN', password: sha256Upper(sha256Upper('S3cret') + first) })).result).toBe('3')
    expect(await client.loginSha256('S3cret')).toBe('0')
    expect(sim.stats).toMatchObject({ passwordChecks: 2, loginFailures: 1, loginSuccesses: 1 })
    // base64 is not what this firmware wants.
    expect(await new RawClient(baseUrl).loginBase64('S3cret')).toBe('3')
  })

  it('five wrong passwords: psw_fail_num_str counts down, then a 300 s lock with login_lock_time', async () => {
    const time = clock()
    const { sim, baseUrl } = await start({ profile: 'MF61', now: time.now })
    const client = new RawClient(baseUrl)
    const counters = async () => client.fields(['psw_fail_num_str', 'login_lock_time'])
    expect(await counters()).toEqual({ psw_fail_num_str: '5', login_lock_time: '0' })
    for (let i = 0; i < 5; i++) expect(await client.loginBase64('wrong')).toBe('3')
    expect(await counters()).toEqual({ psw_fail_num_str: '0', login_lock_time: '300' })
    expect(await client.loginBase64('admin')).toBe('1') // locked: not even judged
    expect(sim.stats).toMatchObject({ passwordChecks: 5, lockedRejections: 1, lockouts: 1 })
    time.advance(299_000)
    expect(await counters()).toEqual({ psw_fail_num_str: '0', login_lock_time: '1' })
    time.advance(1_000)
    expect(await counters()).toEqual({ psw_fail_num_str: '5', login_lock_time: '0' })
    expect(await client.loginBase64('admin')).toBe('0')
  })

  it('one admin session: a second client is refused with "2" until the first logs out', async () => {
    const { baseUrl } = await start({ profile: 'MF61' })
    const first = new RawClient(baseUrl)
    const second = new RawClient(baseUrl)
    expect(await first.loginBase64('admin')).toBe('0')
    expect(await second.loginBase64('admin')).toBe('2')
    expect(await first.loginBase64('admin')).toBe('0') // the holder may log in again
    expect(await first.set({ goformId: 'LOGOUT' }).then((answer) => answer.result)).toBe('success')
    expect(await second.loginBase64('admin')).toBe('0')
  })

  it("with duplicateLogin 'replace', the newer login wins and the older client is logged out", async () => {
    const { baseUrl } = await start({ profile: 'MF61', duplicateLogin: 'replace' })
    const first = new RawClient(baseUrl)
    const second = new RawClient(baseUrl)
    await first.loginBase64('admin')
    expect(await second.loginBase64('admin')).toBe('0')
    expect((await first.fields(['loginfo'])).loginfo).toBe('')
    expect((await second.fields(['loginfo'])).loginfo).toBe('ok')
  })

  it('a session idles out after sessionIdleMs without requests; requests keep it alive', async () => {
    const time = clock()
    const { baseUrl } = await start({ profile: 'MF61', now: time.now, sessionIdleMs: 60_000 })
    const client = new RawClient(baseUrl)
    await client.loginBase64('admin')
    for (let i = 0; i < 5; i++) {
      time.advance(50_000)
      expect((await client.fields(['loginfo'])).loginfo).toBe('ok')
    }
    time.advance(61_000)
    expect((await client.fields(['loginfo'])).loginfo).toBe('')
    expect(await client.get('cmd=sms_data_total&page=0&data_per_page=5&mem_store=1&tags=10').then((answer) => answer.json())).toEqual({ sms_data_total: '' })
  })
})

describe('AD on setters', () => {
  it('MD5 firmware: a write needs AD over the newest RD; a stale or replayed AD fails', async () => {
    const { sim, baseUrl } = await start({ profile: 'MF79U', variant: 'base64-md5ad' })
    const client = new RawClient(baseUrl)
    expect(await client.loginBase64('admin')).toBe('0')
    expect(await client.set({ goformId: 'RESET_DATA_COUNTER' }).then((answer) => answer.result)).toBe('failure') // no AD
    expect(await client.signed({ goformId: 'RESET_DATA_COUNTER' })).toBe('success')

    const tokens = await client.fields(['wa_inner_version', 'cr_version', 'RD'])
    const newer = await client.fields(['RD'])
    expect(newer.RD).not.toBe(tokens.RD)
    const staleAd = md5(md5(String(tokens.wa_inner_version) + String(tokens.cr_version)) + String(tokens.RD))
    expect(await client.set({ goformId: 'RESET_DATA_COUNTER', AD: staleAd }).then((answer) => answer.result)).toBe('failure')

    const fresh = await client.fields(['RD'])
    const ad = md5(md5(String(tokens.wa_inner_version) + String(tokens.cr_version)) + String(fresh.RD))
    expect(await client.set({ goformId: 'RESET_DATA_COUNTER', AD: ad }).then((answer) => answer.result)).toBe('success')
    expect(await client.set({ goformId: 'RESET_DATA_COUNTER', AD: ad }).then((answer) => answer.result)).toBe('failure') // spent
    // Uppercase MD5, as ZTE-CLI-Tool sends it, is accepted [U].
    const once = await client.fields(['RD'])
    const upper = md5(md5(String(tokens.wa_inner_version) + String(tokens.cr_version)) + String(once.RD)).toUpperCase()
    expect(await client.set({ goformId: 'RESET_DATA_COUNTER', AD: upper }).then((answer) => answer.result)).toBe('success')
    expect(sim.stats.adRejections).toBe(3)
  })

  it('SHA-256 firmware: MD5 AD fails, uppercase SHA-256 AD works', async () => {
    const { baseUrl } = await start({ profile: 'MF79U', variant: 'sha256-sha256ad' })
    const client = new RawClient(baseUrl)
    expect(await client.loginSha256('admin')).toBe('0')
    expect(await client.signed({ goformId: 'DISCONNECT_NETWORK', notCallback: 'true' }, 'md5')).toBe('failure')
    expect(await client.signed({ goformId: 'DISCONNECT_NETWORK', notCallback: 'true' }, 'sha256')).toBe('success')
  })

  it('base64 firmware: setters need no AD; without a login they fail', async () => {
    const { baseUrl } = await start({ profile: 'MF61' })
    const client = new RawClient(baseUrl)
    expect(await client.set({ goformId: 'DISCONNECT_NETWORK' }).then((answer) => answer.result)).toBe('failure')
    await client.loginBase64('admin')
    expect(await client.set({ goformId: 'DISCONNECT_NETWORK' }).then((answer) => answer.result)).toBe('success')
  })
})

describe('device behaviour through the raw API', () => {
  it('APN_PROC_EX as the stock UI sends it: save, set_default, delete (not the one in use), auto mode', async () => {
    const { sim, baseUrl } = await start({ profile: 'MF61' })
    const client = new RawClient(baseUrl)
    await client.loginBase64('admin')
    // The Python client's setAPN form, with ppp_passwd.
    const save = { goformId: 'APN_PROC_EX', apn_action: 'save', apn_mode: 'manual', profile_name: 'Legacy', wan_dial: '*99#', apn_select: 'manual', pdp_type: 'IP', pdp_select: 'auto', pdp_addr: '', index: '1', wan_apn: 'epc.tmobile.com', ppp_auth_mode: 'pap', ppp_username: 'u', ppp_passwd: 'p', dns_mode: 'auto', prefer_dns_manual: '', standby_dns_manual: '' }
    expect((await client.set(save)).result).toBe('success')
    const table = await client.fields(['APN_config0', 'APN_config1', 'APN_config10', 'Current_index', 'apn_mode', 'apn_num_preset'])
    expect(table).toEqual({
      APN_config0: 'T-Mobile($)fast.t-mobile.com($)manual($)*99#($)none($)($)($)IPv4v6($)auto($)($)auto($)($)',
      APN_config1: 'Legacy($)epc.tmobile.com($)manual($)*99#($)pap($)u($)p($)IP($)auto($)($)auto($)($)',
      APN_config10: '', // an MF61 has ten slots
      Current_index: '0',
      apn_mode: 'manual',
      apn_num_preset: '1'
    })
    expect((await client.set({ goformId: 'APN_PROC_EX', apn_action: 'save', apn_mode: 'manual', profile_name: 'Gap', pdp_type: 'IP', index: '5', wan_apn: 'x' })).result).toBe('failure') // no holes
    expect((await client.set({ goformId: 'APN_PROC_EX', apn_action: 'delete', apn_mode: 'manual', index: '0' })).result).toBe('failure') // preset
    expect((await client.set({ goformId: 'APN_PROC_EX', apn_action: 'set_default', set_default_flag: '1', apn_mode: 'manual', pdp_type: 'IP', index: '1' })).result).toBe('success')
    expect((await client.set({ goformId: 'APN_PROC_EX', apn_action: 'delete', apn_mode: 'manual', index: '1' })).result).toBe('failure') // in use
    expect((await client.set({ goformId: 'APN_PROC_EX', apn_mode: 'auto' })).result).toBe('success')
    expect(sim.apnTable.mode).toBe('auto')
    expect((await client.fields(['wan_apn'])).wan_apn).toBe('fast.t-mobile.com')
  })

  it('an APN the network refuses: ppp_connecting, then ppp_disconnected (and no address)', async () => {
    const time = clock()
    const { baseUrl } = await start({ profile: 'MF61', now: time.now, connectDelayMs: 3000 })
    const client = new RawClient(baseUrl)
    await client.loginBase64('admin')
    await client.set({ goformId: 'APN_PROC_EX', apn_action: 'save', apn_mode: 'manual', profile_name: 'Typo', pdp_type: 'IP', index: '1', wan_apn: 'fast.tmobile.com' })
    await client.set({ goformId: 'APN_PROC_EX', apn_action: 'set_default', set_default_flag: '1', apn_mode: 'manual', pdp_type: 'IP', index: '1' })
    await client.set({ goformId: 'DISCONNECT_NETWORK', notCallback: 'true' })
    time.advance(2000)
    expect((await client.fields(['ppp_status'])).ppp_status).toBe('ppp_disconnected')
    await client.set({ goformId: 'CONNECT_NETWORK', notCallback: 'true' })
    expect(await client.fields(['ppp_status', 'wan_ipaddr'])).toEqual({ ppp_status: 'ppp_connecting', wan_ipaddr: '' })
    time.advance(3000)
    expect(await client.fields(['ppp_status', 'wan_ipaddr'])).toEqual({ ppp_status: 'ppp_disconnected', wan_ipaddr: '' })
    time.advance(60_000) // and it does not come up by itself on a refused APN
    expect((await client.fields(['ppp_status'])).ppp_status).toBe('ppp_disconnected')
  })

  it('USSD: ussd_write_flag 15 while the network thinks, 16 with a UCS2 reply, 13 after a cancel', async () => {
    const time = clock()
    const { baseUrl } = await start({ profile: 'MF61', now: time.now, ussdDelayMs: 2000 })
    const client = new RawClient(baseUrl)
    await client.loginBase64('admin')
    expect((await client.set({ goformId: 'USSD_PROCESS', USSD_operator: 'ussd_send', USSD_send_number: '*123#', notCallback: 'true' })).result).toBe('success')
    expect((await client.get('cmd=ussd_write_flag')).json()).toEqual({ ussd_write_flag: '15' })
    time.advance(2000)
    expect((await client.get('cmd=ussd_write_flag')).json()).toEqual({ ussd_write_flag: '16' })
    const info = (await client.get('cmd=ussd_data_info')).json() as Record<string, string>
    expect(info.ussd_action).toBe('1')
    expect(info.ussd_dcs).toBe('72')
    expect(Buffer.from(info.ussd_data ?? '', 'hex').swap16().toString('utf16le')).toBe('Prepaid menu — T-Mobile\n1 Balance\n2 Data\n3 Add-ons')
    await client.set({ goformId: 'USSD_PROCESS', USSD_operator: 'ussd_reply', USSD_reply_number: '9', notCallback: 'true' })
    time.advance(2000)
    const invalid = (await client.get('cmd=ussd_data_info')).json() as Record<string, string>
    expect(Buffer.from(invalid.ussd_data ?? '', 'hex').swap16().toString('utf16le')).toMatch(/^Invalid choice\./)
    // The stock UI sends the cancel as a GET to the set handler (com.js USSDReplyCancel).
    await fetch(`${baseUrl}/goform/goform_set_cmd_process?goformId=USSD_PROCESS&USSD_operator=ussd_cancel`, { headers: { Referer: `${baseUrl}/index.html`, Cookie: `stok=${client.stok}` } })
    expect((await client.get('cmd=ussd_write_flag')).json()).toEqual({ ussd_write_flag: '13' })
  })

  it('SMS: sms_data_total pages and orders, content is UCS2 hex, dates carry quarter-hour zones', async () => {
    const { baseUrl } = await start({ profile: 'MF79U', variant: 'base64' })
    const client = new RawClient(baseUrl)
    await client.loginBase64('admin')
    const page = (await client.get('cmd=sms_data_total&page=0&data_per_page=2&mem_store=1&tags=10&order_by=order+by+id+desc')).json() as { messages: Array<Record<string, string>> }
    expect(page.messages.map((message) => message.id)).toEqual(['5', '4'])
    const all = (await client.get('cmd=sms_data_total&page=0&data_per_page=100&mem_store=1&tags=1&order_by=order+by+id+asc')).json() as { messages: Array<Record<string, string>> }
    expect(all.messages.map((message) => message.id)).toEqual(['2', '3', '5']) // unread only
    const japanese = all.messages[0] as Record<string, string>
    expect(Buffer.from(japanese.content ?? '', 'hex').swap16().toString('utf16le')).toMatch(/^こんにちは！/)
    expect(japanese.date).toMatch(/^\d\d,\d\d,\d\d,\d\d,\d\d,\d\d,\+36$/) // UTC+9 = 36 quarter hours
    expect(all.messages[2]).toMatchObject({ received_all_concat_sms: '0', concat_sms_total: '3', concat_sms_received: '2' })
    expect((await client.get('cmd=sms_capacity_info')).json()).toMatchObject({ sms_nv_total: '100', sms_nv_rev_total: '4', sms_nv_send_total: '1' })
    expect((await client.set({ goformId: 'DELETE_SMS', msg_id: '1;4;', notCallback: 'true' })).result).toBe('success')
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect((await client.get('cmd=sms_cmd_status_info&sms_cmd=6')).json()).toEqual({ sms_cmd: '6', sms_cmd_status_result: '3' })
    expect((await client.get('cmd=sms_capacity_info')).json()).toMatchObject({ sms_nv_rev_total: '3', sms_nv_send_total: '0' })
  })

  it('REBOOT_DEVICE answers, then the device is gone for rebootMs and comes back with no session', async () => {
    const { sim, baseUrl } = await start({ profile: 'MF61', rebootMs: 300 })
    const client = new RawClient(baseUrl)
    await client.loginBase64('admin')
    expect((await client.set({ goformId: 'REBOOT_DEVICE' })).result).toBe('success')
    await new Promise((resolve) => setTimeout(resolve, 50))
    await expect(client.fields(['loginfo'])).rejects.toThrow()
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect((await client.fields(['loginfo'])).loginfo).toBe('')
    expect(sim.stats.reboots).toBe(1)
  })
})
