// The portal bridge end to end on fake Electron objects: host messages in, one reply per request
// (with its id), windows opened / focused / closed, partitions cleared, and the events the host hears.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Session } from 'electron'
import { FakeEvent, FakeSession, ManualDefer, ManualTimers, fakeElectron, settle } from './electron-portal-fakes'
import type { PortalEvent, PortalResult } from '../../electron/main/portal/portal-messages'

vi.mock('electron', async () => (await import('./electron-portal-fakes')).electronModule())

const { createPortalBridge } = await import('../../electron/main/portal/portal-bridge')
const { openPortalWindow } = await import('../../electron/main/portal/portal-window')
const { PORTAL_PROBE_WORLD_ID } = await import('../../electron/main/portal/portal-prefill')

const PARTITION = 'persist:portal-tmobile-us-0123456789ab'

function view(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    key: 'portal-prepaid-aaaa',
    title: 'T-Mobile · Refill',
    partition: PARTITION,
    url: 'https://my.t-mobile.com/refill',
    allowedDomains: ['*.t-mobile.com'],
    ...overrides
  }
}

function setup(options: { openWindow?: (title: string, session: Session) => ReturnType<typeof openPortalWindow> } = {}) {
  const sessions = new Map<string, FakeSession>()
  const timers = new ManualTimers()
  const deferred = new ManualDefer()
  const log = { info: vi.fn(), warn: vi.fn() }
  const bridge = createPortalBridge({
    sessionFromPartition: (partition) => {
      let found = sessions.get(partition)
      if (found === undefined) {
        found = new FakeSession(partition)
        sessions.set(partition, found)
      }
      return found.asPortalSession()
    },
    openWindow: (title, portalSession) => (options.openWindow ?? openPortalWindow)(title, portalSession as unknown as Session),
    probeDelaysMs: [0, 1000],
    timers,
    defer: deferred.defer,
    closeWaitMs: 1000,
    log
  })
  const events: PortalEvent[] = []
  const detach = bridge.attachHost((event) => events.push(event))
  const replies: PortalResult[] = []
  const send = (message: unknown): boolean => bridge.handleHostMessage(message, (reply) => replies.push(reply))
  const open = (id: number, overrides: Record<string, unknown> = {}): boolean => send({ type: 'portal.open', id, view: view(overrides) })
  const window = (index = 0) => {
    const found = fakeElectron.windows[index]
    if (found === undefined) throw new Error(`no window ${index}`)
    return found
  }
  const contents = (index = 0) => window(index).view.webContents
  return { bridge, sessions, timers, deferred, log, events, detach, replies, send, open, window, contents }
}

beforeEach(() => {
  fakeElectron.reset()
})

describe('portal.open', () => {
  it('opens one window for the key, loads the normalized URL, answers ok and reports opened', () => {
    const t = setup()
    expect(t.open(1, { url: 'HTTPS://My.T-Mobile.com/refill?plan=30#top' })).toBe(true)
    expect(t.replies).toEqual([{ type: 'portal.result', id: 1, ok: true }])
    expect(fakeElectron.windows).toHaveLength(1)
    expect(t.window().title).toBe('T-Mobile · Refill — Hotspot Desk')
    expect(t.contents().loads).toEqual(['https://my.t-mobile.com/refill?plan=30#top'])
    expect(t.events).toEqual([{ type: 'portal.event', key: 'portal-prepaid-aaaa', kind: 'opened', url: 'https://my.t-mobile.com/refill' }])
    expect(t.bridge.openKeys()).toEqual(['portal-prepaid-aaaa'])
  })

  it('uses the session of the requested partition for the view', () => {
    const t = setup()
    t.open(1)
    expect(fakeElectron.views[0]?.options.webPreferences?.session).toBe(t.sessions.get(PARTITION))
  })

  it('re-opening the key focuses and navigates the same window, with the new title and allow-list', () => {
    const t = setup()
    t.open(1)
    t.window().minimized = true
    t.open(2, { title: 'T-Mobile · Usage', url: 'https://prepaid.t-mobile.com/usage', allowedDomains: ['prepaid.t-mobile.com'] })
    expect(fakeElectron.windows).toHaveLength(1)
    expect(t.window().restore).toHaveBeenCalled()
    expect(t.window().focus).toHaveBeenCalled()
    expect(t.window().title).toBe('T-Mobile · Usage — Hotspot Desk')
    expect(t.contents().loads).toEqual(['https://my.t-mobile.com/refill', 'https://prepaid.t-mobile.com/usage'])
    expect(t.replies.map((reply) => [reply.id, reply.ok])).toEqual([
      [1, true],
      [2, true]
    ])
    expect(t.events.map((event) => event.kind)).toEqual(['opened', 'opened'])
    // The new allow-list is in force: the old subdomain is now off limits.
    expect(t.contents().clickLink('https://my.t-mobile.com/refill')).toBe(true)
    expect(t.contents().clickLink('https://prepaid.t-mobile.com/plans')).toBe(false)
  })

  it('refuses to re-open a key with another partition, leaving the open one alone', () => {
    const t = setup()
    t.open(1)
    t.open(2, { partition: 'persist:portal-tmobile-us-ffff' })
    expect(t.replies[1]).toEqual({ type: 'portal.result', id: 2, ok: false, error: expect.stringMatching(/another partition/) })
    expect(fakeElectron.windows).toHaveLength(1)
    expect(t.contents().loads).toHaveLength(1)
  })

  it('opens one window per key', () => {
    const t = setup()
    t.open(1)
    t.open(2, { key: 'portal-iijmio-bbbb', partition: 'persist:portal-iijmio-1', url: 'https://www.iijmio.jp/', allowedDomains: ['www.iijmio.jp'] })
    expect(fakeElectron.windows).toHaveLength(2)
    expect(t.bridge.openKeys()).toEqual(['portal-prepaid-aaaa', 'portal-iijmio-bbbb'])
  })

  it('locks each partition down once, however many windows use it', () => {
    const t = setup()
    t.open(1)
    t.open(2, { key: 'portal-other' })
    const session = t.sessions.get(PARTITION)!
    expect(session.listenerCount('will-download')).toBe(1)
    expect(session.requestPermission('geolocation', 'https://my.t-mobile.com/')).toBe(false)
    expect(session.checkPermission('notifications', 'https://my.t-mobile.com')).toBe(false)
  })

  it('answers ok:false when the window cannot be created', () => {
    const t = setup({
      openWindow: () => {
        throw new Error('no display')
      }
    })
    t.open(4)
    expect(t.replies).toEqual([{ type: 'portal.result', id: 4, ok: false, error: 'the portal window could not be opened: no display' }])
    expect(t.events).toEqual([])
    expect(t.bridge.openKeys()).toEqual([])
  })

  it('swallows a rejected load (did-fail-load reports it), with no unhandled rejection', async () => {
    const t = setup()
    fakeElectron.onContentsCreated = (created) => created.loadURL.mockRejectedValueOnce(new Error('ERR_ABORTED (-3)'))
    t.open(1)
    await settle()
    expect(t.replies[0]?.ok).toBe(true)
  })
})

describe('portal.close', () => {
  it('closes the window and its page, answers ok, and reports closed', () => {
    const t = setup()
    t.open(1)
    t.send({ type: 'portal.close', id: 2, key: 'portal-prepaid-aaaa' })
    expect(t.window().destroyed).toBe(true)
    expect(t.contents().destroyed).toBe(true)
    expect(t.replies.at(-1)).toEqual({ type: 'portal.result', id: 2, ok: true })
    expect(t.events.at(-1)).toEqual({ type: 'portal.event', key: 'portal-prepaid-aaaa', kind: 'closed' })
    expect(t.bridge.openKeys()).toEqual([])
  })

  it('closing a key that is not open is fine', () => {
    const t = setup()
    t.send({ type: 'portal.close', id: 3, key: 'portal-never-opened' })
    expect(t.replies).toEqual([{ type: 'portal.result', id: 3, ok: true }])
    expect(t.events).toEqual([])
  })

  it('a window the user closes is reported and forgotten; opening again makes a new one', () => {
    const t = setup()
    t.open(1)
    t.window().close()
    expect(t.events.at(-1)?.kind).toBe('closed')
    expect(t.bridge.openKeys()).toEqual([])
    t.open(2)
    expect(fakeElectron.windows).toHaveLength(2)
  })

  it('closeAll closes every portal', () => {
    const t = setup()
    t.open(1)
    t.open(2, { key: 'portal-other' })
    t.bridge.closeAll()
    expect(fakeElectron.windows.every((window) => window.destroyed)).toBe(true)
    expect(t.events.filter((event) => event.kind === 'closed').map((event) => event.key)).toEqual(['portal-prepaid-aaaa', 'portal-other'])
  })

  it('stops prefill and step detection on close', async () => {
    const t = setup()
    t.open(1, { steps: [{ stepId: 'sign-in', selector: 'form' }] })
    t.contents().commit('https://my.t-mobile.com/refill')
    t.window().close()
    await t.timers.advance(10_000)
    expect(t.contents().isolatedRuns).toEqual([])
    expect(t.timers.pending).toBe(0)
  })
})

describe('portal.clearData', () => {
  it("closes the partition's windows, then clears storage, cache and HTTP auth, then answers", async () => {
    const t = setup()
    t.open(1)
    t.open(2, { key: 'portal-other-partition', partition: 'persist:portal-other' })
    t.send({ type: 'portal.clearData', id: 3, partition: PARTITION })
    expect(t.window(0).destroyed).toBe(true)
    expect(t.window(1).destroyed).toBe(false)
    await settle()
    const session = t.sessions.get(PARTITION)!
    expect(session.clearStorageData).toHaveBeenCalledWith()
    expect(session.clearCache).toHaveBeenCalledTimes(1)
    expect(session.clearAuthCache).toHaveBeenCalledTimes(1)
    expect(t.sessions.get('persist:portal-other')!.clearStorageData).not.toHaveBeenCalled()
    expect(t.replies.at(-1)).toEqual({ type: 'portal.result', id: 3, ok: true })
    const kinds = t.events.map((event) => `${event.key}:${event.kind}`)
    expect(kinds).toContain('portal-prepaid-aaaa:closed')
    expect(kinds).not.toContain('portal-other-partition:closed')
  })

  it('clears a partition no window has used this run (a login from last time)', async () => {
    const t = setup()
    t.send({ type: 'portal.clearData', id: 8, partition: 'persist:portal-iijmio-old' })
    await settle()
    const session = t.sessions.get('persist:portal-iijmio-old')!
    expect(session.clearStorageData).toHaveBeenCalledTimes(1)
    expect(session.listenerCount('will-download')).toBe(1)
    expect(t.replies).toEqual([{ type: 'portal.result', id: 8, ok: true }])
  })

  it('answers ok:false with the reason when clearing fails', async () => {
    const t = setup()
    t.send({ type: 'portal.clearData', id: 1, partition: 'persist:portal-x' })
    t.sessions.get('persist:portal-x')!.clearCache.mockRejectedValueOnce(new Error('disk busy'))
    t.send({ type: 'portal.clearData', id: 2, partition: 'persist:portal-x' })
    await settle()
    expect(t.replies).toEqual([
      { type: 'portal.result', id: 1, ok: true },
      { type: 'portal.result', id: 2, ok: false, error: "the portal's data could not be cleared: disk busy" }
    ])
  })

  it('clears anyway if a window does not report its close in time', async () => {
    const t = setup()
    t.open(1)
    t.window().close = vi.fn() // a window that ignores close()
    t.send({ type: 'portal.clearData', id: 2, partition: PARTITION })
    await settle()
    expect(t.sessions.get(PARTITION)!.clearStorageData).not.toHaveBeenCalled()
    await t.timers.advance(1000)
    expect(t.sessions.get(PARTITION)!.clearStorageData).toHaveBeenCalledTimes(1)
    expect(t.replies.at(-1)).toEqual({ type: 'portal.result', id: 2, ok: true })
  })
})

describe('replies', () => {
  it('every request gets exactly one reply with its own id, async ones included', async () => {
    const t = setup()
    t.send({ type: 'portal.clearData', id: 10, partition: PARTITION })
    t.open(11)
    t.send({ type: 'portal.close', id: 12, key: 'nope' })
    t.send({ type: 'portal.open', id: 13, view: view({ url: 'https://evil.io/' }) })
    await settle()
    expect(t.replies.map((reply) => [reply.id, reply.ok]).sort()).toEqual([
      [10, true],
      [11, true],
      [12, true],
      [13, false]
    ])
  })

  it('refuses a malformed message with the reason and opens nothing', () => {
    const t = setup()
    expect(t.send({ type: 'portal.open', id: 5, view: view({ partition: 'persist:main' }) })).toBe(true)
    expect(t.replies).toEqual([{ type: 'portal.result', id: 5, ok: false, error: expect.stringMatching(/partition/) }])
    expect(fakeElectron.windows).toEqual([])
    expect(t.log.warn).toHaveBeenCalled()
  })

  it('answers id -1 when the id itself is unusable', () => {
    const t = setup()
    t.send({ type: 'portal.close', key: 'k' })
    expect(t.replies).toEqual([{ type: 'portal.result', id: -1, ok: false, error: 'id must be a non-negative integer' }])
  })

  it('leaves other messages alone', () => {
    const t = setup()
    expect(t.send({ type: 'secret.encrypt', id: 1, value: 'x' })).toBe(false)
    expect(t.send({ type: 'connect' })).toBe(false)
    expect(t.send('portal.open')).toBe(false)
    expect(t.replies).toEqual([])
  })

  it('a reply that cannot be posted is logged, not thrown', () => {
    const t = setup()
    expect(() =>
      t.bridge.handleHostMessage({ type: 'portal.close', id: 1, key: 'k' }, () => {
        throw new Error('host gone')
      })
    ).not.toThrow()
    expect(t.log.warn).toHaveBeenCalledWith(expect.stringMatching(/host gone/))
  })
})

describe('events', () => {
  it('navigated: main-frame loads and in-page navigations, without query or fragment', () => {
    const t = setup()
    t.open(1)
    t.contents().commit('https://my.t-mobile.com/login?token=SECRET#x')
    t.contents().emit('did-navigate-in-page', new FakeEvent(), 'https://my.t-mobile.com/refill#step2', true, 1, 1)
    t.contents().emit('did-navigate-in-page', new FakeEvent(), 'https://ads.example/frame#x', false, 1, 2)
    expect(t.events.filter((event) => event.kind === 'navigated')).toEqual([
      { type: 'portal.event', key: 'portal-prepaid-aaaa', kind: 'navigated', url: 'https://my.t-mobile.com/login' },
      { type: 'portal.event', key: 'portal-prepaid-aaaa', kind: 'navigated', url: 'https://my.t-mobile.com/refill' }
    ])
    expect(JSON.stringify(t.events)).not.toContain('SECRET')
  })

  it('blocked: navigation, sub-frame, redirect, popup and download, each named', () => {
    const t = setup()
    t.open(1)
    const page = t.contents()
    expect(page.clickLink('https://evil.io/phish')).toBe(true)
    t.deferred.flush()
    expect(page.attempt('will-frame-navigate', 'https://ads.example/', false)).toBe(true)
    expect(page.attempt('will-redirect', 'https://sso.evil.io/')).toBe(true)
    expect(page.windowOpen('https://help.example/')).toEqual({ action: 'deny' })
    expect(t.sessions.get(PARTITION)!.download(page, 'https://my.t-mobile.com/receipt.pdf')).toBe(true)
    expect(t.events.filter((event) => event.kind === 'blocked').map((event) => [event.detail, event.url])).toEqual([
      ['navigation', 'https://evil.io/phish'],
      ['subframe', 'https://ads.example/'],
      ['redirect', 'https://sso.evil.io/'],
      ['window-open', 'https://help.example/'],
      ['download', 'https://my.t-mobile.com/receipt.pdf']
    ])
  })

  it('an in-domain popup loads in the same view once the event is done', () => {
    const t = setup()
    t.open(1)
    expect(t.contents().windowOpen('https://my.t-mobile.com/receipt')).toEqual({ action: 'deny' })
    expect(t.contents().loads).toHaveLength(1)
    t.deferred.flush()
    expect(t.contents().loads).toEqual(['https://my.t-mobile.com/refill', 'https://my.t-mobile.com/receipt'])
    expect(fakeElectron.windows).toHaveLength(1)
  })

  it('a download from a page that is not a portal is still cancelled, and reported to nobody', () => {
    const t = setup()
    t.open(1)
    expect(t.sessions.get(PARTITION)!.download({ id: 999 }, 'https://x.example/a.exe')).toBe(true)
    expect(t.events.filter((event) => event.kind === 'blocked')).toEqual([])
  })

  it('load-failed: main-frame failures and crashes, not aborts or sub-frames', () => {
    const t = setup()
    t.open(1)
    const page = t.contents()
    page.emit('did-fail-load', new FakeEvent(), -105, 'ERR_NAME_NOT_RESOLVED', 'https://my.t-mobile.com/refill?x=1', true, 1, 1)
    page.emit('did-fail-load', new FakeEvent(), -3, 'ERR_ABORTED', 'https://my.t-mobile.com/', true, 1, 1)
    page.emit('did-fail-load', new FakeEvent(), -105, 'ERR_NAME_NOT_RESOLVED', 'https://ads.example/', false, 1, 2)
    page.emit('render-process-gone', new FakeEvent(), { reason: 'crashed', exitCode: 11 })
    expect(t.events.filter((event) => event.kind === 'load-failed')).toEqual([
      { type: 'portal.event', key: 'portal-prepaid-aaaa', kind: 'load-failed', url: 'https://my.t-mobile.com/refill', detail: 'ERR_NAME_NOT_RESOLVED (-105)' },
      { type: 'portal.event', key: 'portal-prepaid-aaaa', kind: 'load-failed', detail: 'the page stopped (crashed)' }
    ])
  })

  it('step and selectors-missing, from the isolated world after each load', async () => {
    const t = setup()
    t.open(1, {
      prefill: [{ selector: '#msisdn', value: '2065550123' }],
      steps: [
        { stepId: 'sign-in', selector: 'form#login' },
        { stepId: 'pay', selector: '#pay' }
      ]
    })
    const page = t.contents()
    page.probeReply = (code) => (code.includes('#msisdn') ? { fields: ['filled'], detected: ['present', 'absent'] } : { fields: [], detected: ['absent'] })
    page.commit('https://my.t-mobile.com/login?next=%2Frefill')
    await t.timers.advance(5000)
    expect(page.isolatedRuns[0]?.worldId).toBe(PORTAL_PROBE_WORLD_ID)
    expect(page.isolatedRuns[0]?.code).toContain('2065550123')
    expect(t.events.filter((event) => event.kind === 'step')).toEqual([
      { type: 'portal.event', key: 'portal-prepaid-aaaa', kind: 'step', stepId: 'sign-in', url: 'https://my.t-mobile.com/login' }
    ])

    page.probeReply = () => ({ fields: ['absent'], detected: ['absent', 'absent'] })
    page.commit('https://my.t-mobile.com/redesigned')
    await t.timers.advance(5000)
    expect(t.events.at(-1)).toEqual({ type: 'portal.event', key: 'portal-prepaid-aaaa', kind: 'selectors-missing', url: 'https://my.t-mobile.com/redesigned' })
  })

  it('re-opening with new prefill and steps uses them from the next load on', async () => {
    const t = setup()
    t.open(1, { steps: [{ stepId: 'old', selector: '#old' }] })
    t.open(2, { steps: [{ stepId: 'new', selector: '#new' }] })
    const page = t.contents()
    page.probeReply = () => ({ fields: [], detected: ['present'] })
    page.commit('https://my.t-mobile.com/refill')
    await t.timers.advance(5000)
    expect(page.isolatedRuns[0]?.code).toContain('#new')
    expect(page.isolatedRuns[0]?.code).not.toContain('#old')
    expect(t.events.filter((event) => event.kind === 'step').map((event) => event.stepId)).toEqual(['new'])
  })
})

describe('attachHost', () => {
  it('sends events to the host attached now; none while detached', () => {
    const t = setup()
    t.open(1)
    t.detach()
    t.contents().commit('https://my.t-mobile.com/a')
    const next: PortalEvent[] = []
    t.bridge.attachHost((event) => next.push(event))
    t.contents().commit('https://my.t-mobile.com/b')
    expect(t.events.map((event) => event.kind)).toEqual(['opened'])
    expect(next).toEqual([{ type: 'portal.event', key: 'portal-prepaid-aaaa', kind: 'navigated', url: 'https://my.t-mobile.com/b' }])
  })

  it('a stale detach does not cut off the newer host', () => {
    const t = setup()
    const next: PortalEvent[] = []
    t.bridge.attachHost((event) => next.push(event))
    t.detach()
    t.open(1)
    expect(next.map((event) => event.kind)).toEqual(['opened'])
  })

  it('a host whose port throws does not break the portal', () => {
    const t = setup()
    t.bridge.attachHost(() => {
      throw new Error('process gone')
    })
    expect(() => t.open(1)).not.toThrow()
    expect(t.replies).toEqual([{ type: 'portal.result', id: 1, ok: true }])
  })
})
