// Portals from the host's side: the parent-port protocol with Electron main (message shapes, replies,
// timeouts, events), the tab gateway of serve mode, and the portal service's rules — only the pack's
// addresses, one partition per carrier and line, prefill and step selectors from the pack, events turned into
// portal.changed, known errors explained, test overrides loopback-only.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  HostToMainPortalMessage,
  PORTAL_PARTITION_PATTERN,
  PortalViewSpec,
  type PortalChanged,
  type PortalViewSpec as PortalViewSpecType
} from '../../src/contract/carrier'
import { methods } from '../../src/contract/methods'
import { CarrierService } from '../../src/host/carrier-service'
import { ParentPortPortalGateway, TabPortalGateway, type PortalGateway, type PortalGatewayEvent } from '../../src/host/portal-gateway'
import { parsePortalOverrides, portalPartition, PortalService } from '../../src/host/portal-service'
import { iijmioReading, rakutenReading, tmobileReading } from './carrier-host-fixtures'

describe('ParentPortPortalGateway (host ⇄ Electron main)', () => {
  afterEach(() => vi.useRealTimers())

  function setup(timeoutMs?: number) {
    const posted: unknown[] = []
    const gateway = new ParentPortPortalGateway((message) => posted.push(message), timeoutMs === undefined ? {} : { timeoutMs })
    return { gateway, posted }
  }

  const view: PortalViewSpecType = {
    key: 'portal-mobile-internet-0123456789ab',
    title: 'T-Mobile · hotspot',
    partition: 'persist:portal-tmobile-us-prepaid-0123456789ab',
    url: 'https://mim.t-mobile.com/primary/openPage',
    allowedDomains: ['mim.t-mobile.com'],
    prefill: [{ selector: '[name="msisdnChoice"], #msisdnChoice', value: '2065550143' }],
    steps: [{ stepId: 'sign-in', selector: '[name="email"], #email' }]
  }

  it('posts open, close and clearData in the documented shapes and waits for portal.result', async () => {
    const { gateway, posted } = setup()
    const opening = gateway.open(view)
    expect(posted).toEqual([{ type: 'portal.open', id: 1, view }])
    expect(HostToMainPortalMessage.parse(posted[0])).toEqual(posted[0])
    let settled = false
    void opening.then(() => (settled = true))
    await Promise.resolve()
    expect(settled).toBe(false)
    expect(gateway.handleMessage({ type: 'portal.result', id: 1, ok: true })).toBe(true)
    await opening

    const closing = gateway.close(view.key)
    expect(posted[1]).toEqual({ type: 'portal.close', id: 2, key: view.key })
    gateway.handleMessage({ type: 'portal.result', id: 2, ok: true })
    expect(await closing).toBe(true)

    const clearing = gateway.clearData(view.partition)
    expect(posted[2]).toEqual({ type: 'portal.clearData', id: 3, partition: view.partition })
    for (const message of posted) expect(HostToMainPortalMessage.safeParse(message).success).toBe(true)
    gateway.handleMessage({ type: 'portal.result', id: 3, ok: true })
    await clearing
  })

  it('turns a refusal from main into UNSUPPORTED with main’s reason, and silence into TIMEOUT', async () => {
    const { gateway } = setup()
    const refused = gateway.open(view)
    gateway.handleMessage({ type: 'portal.result', id: 1, ok: false, error: 'no window' })
    await expect(refused).rejects.toMatchObject({ code: 'UNSUPPORTED', details: { reason: 'no window' } })

    vi.useFakeTimers()
    const slow = setup(1000)
    const waiting = slow.gateway.open(view)
    const outcome = waiting.catch((error: unknown) => error)
    await vi.advanceTimersByTimeAsync(1001)
    expect(await outcome).toMatchObject({ code: 'TIMEOUT' })
    // A late answer is recognised as a portal message and dropped.
    expect(slow.gateway.handleMessage({ type: 'portal.result', id: 1, ok: true })).toBe(true)
  })

  it('hands view events to listeners, ignores malformed ones and leaves other messages alone', () => {
    const { gateway } = setup()
    const events: PortalGatewayEvent[] = []
    const stop = gateway.onEvent((event) => events.push(event))
    expect(gateway.handleMessage({ type: 'portal.event', key: view.key, kind: 'step', stepId: 'line', url: 'https://mim.t-mobile.com/x' })).toBe(true)
    expect(gateway.handleMessage({ type: 'portal.event', key: view.key, kind: 'exploded' })).toBe(true)
    expect(gateway.handleMessage({ type: 'secret.result', id: 1, ok: true })).toBe(false)
    expect(gateway.handleMessage(null)).toBe(false)
    expect(events).toEqual([{ key: view.key, kind: 'step', stepId: 'line', url: 'https://mim.t-mobile.com/x' }])
    stop()
    gateway.handleMessage({ type: 'portal.event', key: view.key, kind: 'closed' })
    expect(events).toHaveLength(1)
  })

  it('rejects at once when the port is gone', async () => {
    const gateway = new ParentPortPortalGateway(() => {
      throw new Error('port closed')
    })
    await expect(gateway.open(view)).rejects.toMatchObject({ code: 'INTERNAL' })
  })
})

describe('TabPortalGateway (serve mode)', () => {
  it('opens nothing itself and cannot clear the browser’s site data', async () => {
    const gateway = new TabPortalGateway()
    expect(gateway.mode).toBe('tab')
    await expect(gateway.open()).resolves.toBeUndefined()
    expect(await gateway.close()).toBe(false)
    await expect(gateway.clearData()).rejects.toMatchObject({ code: 'UNSUPPORTED', details: { mode: 'tab' } })
  })
})

/** A view gateway that records what it was asked, like Electron main would receive it. */
class RecordingGateway implements PortalGateway {
  readonly mode = 'view' as const
  readonly opened: PortalViewSpecType[] = []
  readonly closed: string[] = []
  readonly cleared: string[] = []
  private readonly listeners = new Set<(event: PortalGatewayEvent) => void>()
  async open(view: PortalViewSpecType) {
    this.opened.push(view)
  }
  async close(key: string) {
    this.closed.push(key)
    return true
  }
  async clearData(partition: string) {
    this.cleared.push(partition)
  }
  onEvent(listener: (event: PortalGatewayEvent) => void) {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
  emit(event: PortalGatewayEvent) {
    for (const listener of this.listeners) listener(event)
  }
}

describe('PortalService', () => {
  let carriers: CarrierService
  const readings = new Map([tmobileReading(), iijmioReading(), rakutenReading()].map((reading) => [reading.deviceId, reading]))

  beforeAll(() => {
    carriers = new CarrierService()
  })

  function service(gateway: PortalGateway, overrides?: Record<string, string>) {
    const published: PortalChanged[] = []
    const logged: string[] = []
    const portals = new PortalService({
      carriers,
      gateway,
      status: async (deviceId) => {
        const reading = readings.get(deviceId)
        if (!reading) throw new Error(`no ${deviceId}`)
        return reading
      },
      publish: (change) => published.push(change),
      ...(overrides ? { overrides } : {}),
      log: (line) => logged.push(line)
    })
    return { portals, published, logged }
  }

  it('opens the T-Mobile hotspot flow in a view: pack URL and domains, line partition, prefill and step selectors', async () => {
    const gateway = new RecordingGateway()
    const { portals } = service(gateway)
    const result = await portals.open({ deviceId: 'demo-hotspot', portalId: 'mobile-internet', flowId: 'hotspot-portal' })
    expect(methods['portal.open'].result.parse(result)).toEqual(result)
    expect(result).toMatchObject({ mode: 'view', url: 'https://mim.t-mobile.com/primary/openPage', flowId: 'hotspot-portal', automation: 'selectors' })
    const view = gateway.opened[0]!
    expect(PortalViewSpec.parse(view)).toEqual(view)
    expect(view.url).toBe('https://mim.t-mobile.com/primary/openPage')
    expect(view.allowedDomains).toEqual(['mim.t-mobile.com'])
    expect(view.partition).toMatch(PORTAL_PARTITION_PATTERN)
    expect(view.partition).toBe(portalPartition('tmobile-us-prepaid', 'iccid:8901260412055501434'))
    // The number goes in as 10 digits; the password field is never prefilled.
    expect(view.prefill).toEqual([{ selector: '[name="msisdnChoice"], #msisdnChoice', value: '2065550143' }])
    expect(view.steps).toEqual([
      { stepId: 'sign-in', selector: '[name="email"], #email' },
      { stepId: 'line', selector: '[name="msisdnChoice"], #msisdnChoice' }
    ])
    expect(result.checklist.find((item) => item.stepId === 'line')?.detectable).toBe(true)
  })

  it('keeps lines apart: another SIM in the same device gets another partition', () => {
    const first = portalPartition('tmobile-us-prepaid', 'iccid:8901260412055501434')
    const second = portalPartition('tmobile-us-prepaid', 'iccid:8901260412055501442')
    expect(first).not.toBe(second)
    expect(second).toMatch(PORTAL_PARTITION_PATTERN)
    expect(portalPartition('Weird Pack!', 'device:x')).toMatch(/^persist:portal-weird-pack--[0-9a-f]{12}$/)
  })

  it('turns view events into portal.changed for the device, and forgets a closed view', async () => {
    const gateway = new RecordingGateway()
    const { portals, published, logged } = service(gateway)
    await portals.open({ deviceId: 'demo-hotspot', portalId: 'mobile-internet', flowId: 'hotspot-portal' })
    const key = gateway.opened[0]!.key
    gateway.emit({ key, kind: 'step', stepId: 'sign-in', url: 'https://mim.t-mobile.com/primary/openPage' })
    gateway.emit({ key, kind: 'selectors-missing', detail: 'no field for [name="msisdnChoice"]' })
    gateway.emit({ key: 'someone-else', kind: 'opened' })
    gateway.emit({ key, kind: 'closed' })
    gateway.emit({ key, kind: 'navigated', url: 'https://mim.t-mobile.com/late' })
    expect(published).toEqual([
      { deviceId: 'demo-hotspot', portalId: 'mobile-internet', kind: 'step', stepId: 'sign-in', url: 'https://mim.t-mobile.com/primary/openPage' },
      { deviceId: 'demo-hotspot', portalId: 'mobile-internet', kind: 'selectors-missing', detail: 'no field for [name="msisdnChoice"]' },
      { deviceId: 'demo-hotspot', portalId: 'mobile-internet', kind: 'closed' }
    ])
    expect(logged.filter((line) => line.includes('did not open'))).toHaveLength(2)
    expect(await portals.close({ deviceId: 'demo-hotspot', portalId: 'mobile-internet' })).toEqual({ closed: false })
  })

  it('closes an open view before clearing its partition', async () => {
    const gateway = new RecordingGateway()
    const { portals } = service(gateway)
    await portals.open({ deviceId: 'rakuten-router', portalId: 'my-rakuten-mobile' })
    expect(await portals.clearData({ deviceId: 'rakuten-router', portalId: 'my-rakuten-mobile' })).toEqual({ cleared: true })
    expect(gateway.closed).toEqual([gateway.opened[0]!.key])
    expect(gateway.cleared).toEqual([gateway.opened[0]!.partition])
  })

  it('opens a portal whose flow has no selectors with automation "none" (checklist only)', async () => {
    const { portals } = service(new RecordingGateway())
    const result = await portals.open({ deviceId: 'demo-hotspot', portalId: 'my-tmobile', flowId: 'add-data-pass' })
    expect(result).toMatchObject({ automation: 'none', url: 'https://my.t-mobile.com/' })
  })

  it('IIJmio recovery: the view prefills the ICCID and 11-digit number and detects each step', async () => {
    const gateway = new RecordingGateway()
    const { portals } = service(gateway)
    const result = await portals.open({ deviceId: 'iij-stick', portalId: 'member', flowId: 'recover' })
    expect(result).toMatchObject({ automation: 'selectors', url: 'https://www.iijmio.jp/auth/login/' })
    expect(result.checklist.find((item) => item.stepId === 'by-sim')?.values.map((value) => [value.fieldId, value.value])).toEqual([
      ['iccid', '8981030012345678900'],
      ['msisdn', '08012345678'],
      ['birth-date', undefined]
    ])
    const view = gateway.opened.at(-1)
    expect(view?.prefill).toEqual([
      { selector: '[name="iccid"], #iccid', value: '8981030012345678900' },
      { selector: '[name="msisdn"], #msisdn', value: '08012345678' }
    ])
    expect(view?.steps?.map((step) => step.stepId)).toEqual(['how', 'by-email', 'by-sim', 'delivery'])
  })

  it('refuses what the pack does not have', async () => {
    const { portals } = service(new RecordingGateway())
    await expect(portals.open({ deviceId: 'demo-hotspot', portalId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(portals.open({ deviceId: 'demo-hotspot', portalId: 'mobile-internet', flowId: 'add-data-pass' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      details: { path: 'params.flowId' }
    })
    // Members Station has no address in the pack: nothing to open.
    await expect(portals.open({ deviceId: 'rakuten-router', portalId: 'members-station' })).rejects.toMatchObject({ code: 'UNSUPPORTED' })
  })

  it('in tab mode answers with the address and the checklist and opens nothing', async () => {
    const { portals } = service(new TabPortalGateway())
    const result = await portals.open({ deviceId: 'demo-hotspot', portalId: 'mobile-internet', flowId: 'hotspot-portal', locale: 'ja' })
    expect(result.mode).toBe('tab')
    expect(result.checklist.find((item) => item.stepId === 'number')?.title).toBe('回線の電話番号')
    expect(await portals.close({ deviceId: 'demo-hotspot', portalId: 'mobile-internet' })).toEqual({ closed: false })
    await expect(portals.clearData({ deviceId: 'demo-hotspot', portalId: 'mobile-internet' })).rejects.toMatchObject({ code: 'UNSUPPORTED' })
  })

  it('maps a portal to a loopback simulator only in tests, after checking the pack’s address', async () => {
    const gateway = new RecordingGateway()
    const { portals, logged } = service(gateway, { 'mobile-internet': 'http://127.0.0.1:5123' })
    const result = await portals.open({ deviceId: 'demo-hotspot', portalId: 'mobile-internet', flowId: 'hotspot-portal' })
    expect(result.url).toBe('http://127.0.0.1:5123/primary/openPage')
    expect(gateway.opened[0]).toMatchObject({ url: 'http://127.0.0.1:5123/primary/openPage', allowedDomains: ['127.0.0.1'] })
    expect(logged.some((line) => line.includes('TEST override'))).toBe(true)
    expect(() => parsePortalOverrides({ member: 'https://www.iijmio.jp/' })).toThrow(/only loopback/)
    expect(() => parsePortalOverrides({ member: 'http://127.0.0.1.evil.example/' })).toThrow(/only loopback/)
    expect(() => parsePortalOverrides({ member: 'not a url' })).toThrow(/not a URL/)
  })

  it('explains what the portal said from the flow’s known errors, the current step first', async () => {
    const { portals } = service(new TabPortalGateway())
    const explain = (text: string, stepId?: string) => portals.explain({ deviceId: 'demo-hotspot', flowId: 'hotspot-portal', text, ...(stepId ? { stepId } : {}) })
    const wrong = await explain('The phone number you entered was not found.', 'line')
    expect(methods['portal.explainError'].result.parse(wrong)).toEqual(wrong)
    expect(wrong.matches.map((match) => [match.stepId, match.error.id, match.error.goTo, match.goToTitle])).toEqual([
      ['line', 'wrong-number', 'number', 'The line’s phone number']
    ])
    expect((await explain('This line has expired and is no longer active.')).matches.map((match) => match.error.id)).toEqual(['expired-sim'])
    expect((await explain('Nothing to see here')).matches).toEqual([])
    // IIJmio's session error is matched by its code ("contains"), whatever the words around it.
    const iij = await portals.explain({ deviceId: 'iij-stick', flowId: 'sign-in', text: 'エラー ERROR_CODE_032 が発生しました', locale: 'ja' })
    expect(iij.matches.map((match) => [match.error.id, match.error.goTo])).toEqual([['session-expired', 'sign-in']])
    expect(iij.matches[0]?.error.meaning).toBe('セッションのCookieがないか期限切れです。')
  })

  it('opens only the captive page the last check found: http allowed for that origin alone, in view and tab mode', async () => {
    const gateway = new RecordingGateway()
    const { portals } = service(gateway)
    const url = 'http://mim.t-mobile.com/primary/openPage?reason=no-plan'
    await expect(portals.openCaptive({ deviceId: 'demo-hotspot', url })).rejects.toMatchObject({ code: 'BAD_INPUT', details: { path: 'params.url' } })
    portals.rememberVerdict('demo-hotspot', {
      url,
      carrier: { carrierId: 'tmobile-us-prepaid', flow: { packId: 'tmobile-us-prepaid', flowId: 'hotspot-portal' } }
    })
    // Another page, even on the same host, is not what the check found.
    await expect(portals.openCaptive({ deviceId: 'demo-hotspot', url: 'http://mim.t-mobile.com/other' })).rejects.toMatchObject({ code: 'BAD_INPUT' })
    await expect(portals.openCaptive({ deviceId: 'iij-stick', url })).rejects.toMatchObject({ code: 'BAD_INPUT' })
    const opened = await portals.openCaptive({ deviceId: 'demo-hotspot', url, locale: 'ja' })
    expect(opened).toEqual({ mode: 'view', url, automation: 'none', checklist: [] })
    const view = gateway.opened.at(-1)
    expect(view).toMatchObject({ url, captiveOrigin: 'http://mim.t-mobile.com', allowedDomains: ['mim.t-mobile.com'] })
    expect(view?.title).toContain('ログイン・購入ページ')
    expect(view?.prefill).toBeUndefined()
    expect(view?.steps).toBeUndefined()
    expect(PortalViewSpec.parse(view)).toBeTruthy()

    const tab = service(new TabPortalGateway()).portals
    tab.rememberVerdict('demo-hotspot', { url: 'http://portal.hotel-wifi.test/login' })
    expect(await tab.openCaptive({ deviceId: 'demo-hotspot', url: 'http://portal.hotel-wifi.test/login' })).toMatchObject({ mode: 'tab', url: 'http://portal.hotel-wifi.test/login' })
    // A later check with no redirect forgets the page.
    tab.rememberVerdict('demo-hotspot', undefined)
    await expect(tab.openCaptive({ deviceId: 'demo-hotspot', url: 'http://portal.hotel-wifi.test/login' })).rejects.toMatchObject({ code: 'BAD_INPUT' })
  })

  it('a captive page of no carrier opens on its own host; one on a bare IP address is left to the browser', async () => {
    const gateway = new RecordingGateway()
    const { portals } = service(gateway)
    portals.rememberVerdict('demo-hotspot', { url: 'http://portal.hotel-wifi.test/login?continue=1' })
    await portals.openCaptive({ deviceId: 'demo-hotspot', url: 'http://portal.hotel-wifi.test/login?continue=1' })
    expect(gateway.opened.at(-1)).toMatchObject({ allowedDomains: ['portal.hotel-wifi.test'], captiveOrigin: 'http://portal.hotel-wifi.test' })
    portals.rememberVerdict('demo-hotspot', { url: 'http://10.64.0.1/login' })
    await expect(portals.openCaptive({ deviceId: 'demo-hotspot', url: 'http://10.64.0.1/login' })).rejects.toMatchObject({ code: 'UNSUPPORTED' })
  })
})
