// The isolated-world prefill / step-detection script: built from data with JSON only, so hostile
// selectors and values stay data; it fills text fields, reports status words, and nothing else.
// Then the attempt scheduler that drives it after each load.
import vm from 'node:vm'
import { describe, expect, it, vi } from 'vitest'
import {
  buildPageProbeScript,
  parsePageProbeResult,
  PortalPageProbe,
  PORTAL_PROBE_WORLD_ID,
  toScriptLiteral,
  type PageProbePlan,
  type ProbeReport
} from '../../electron/main/portal/portal-prefill'
import { FakeContents, ManualTimers } from './electron-portal-fakes'

// ---- a DOM just big enough for the script ------------------------------------------------------------

class FakeElement {
  value = ''
  disabled = false
  readOnly = false
  readonly events: { type: string; bubbles: boolean }[] = []
  /** Page data the script must never send back. */
  readonly textContent = 'PAGE-SECRET balance $42.17'
  submitted = false
  clicked = false
  dispatchEvent(event: { type: string; bubbles: boolean }): boolean {
    this.events.push({ type: event.type, bubbles: event.bubbles })
    return true
  }
  submit(): void {
    this.submitted = true
  }
  click(): void {
    this.clicked = true
  }
}
class HTMLInputElement extends FakeElement {
  constructor(public type = 'text') {
    super()
  }
}
class HTMLTextAreaElement extends FakeElement {}
class HTMLDivElement extends FakeElement {}
class FakeDomEvent {
  readonly bubbles: boolean
  constructor(
    readonly type: string,
    init?: { bubbles?: boolean }
  ) {
    this.bubbles = init?.bubbles === true
  }
}

function runInFakePage(code: string, elements: Record<string, FakeElement>, invalid: readonly string[] = []) {
  const queried: string[] = []
  const document = {
    title: 'PAGE-SECRET title',
    cookie: 'session=PAGE-SECRET',
    querySelector(selector: string): FakeElement | null {
      queried.push(selector)
      if (invalid.includes(selector)) throw new SyntaxError(`'${selector}' is not a valid selector`)
      return Object.hasOwn(elements, selector) ? (elements[selector] ?? null) : null
    }
  }
  const sandbox: Record<string, unknown> = { document, HTMLInputElement, HTMLTextAreaElement, Event: FakeDomEvent }
  const context = vm.createContext(sandbox)
  const result: unknown = vm.runInContext(code, context)
  return { result, queried, sandbox }
}

function plan(fields: { selector: string; value: string }[], detectSelectors: string[] = []): PageProbePlan {
  return { fields, detectSelectors }
}

const HOSTILE = [
  `"); globalThis.pwned = 1; ("`,
  `'); globalThis.pwned = 1; ('`,
  '`; globalThis.pwned = 1; `',
  '${globalThis.pwned = 1}',
  '</script><script>globalThis.pwned = 1</script>',
  '<!-- globalThis.pwned = 1 -->',
  '\\"); globalThis.pwned = 1; //',
  '\u2028globalThis.pwned = 1\u2029',
  '})(globalThis.pwned = 1, {',
  '"]}); globalThis.pwned = 1; ({"a":["',
  '\u0000\ud800 lone surrogate',
  'input[name="msisdn"]:not([type=\'hidden\'])'
]

describe('buildPageProbeScript', () => {
  it.each(HOSTILE)('keeps %j data, as a selector and as a value', (hostile) => {
    const field = new HTMLInputElement('tel')
    const step = new HTMLDivElement()
    const code = buildPageProbeScript(plan([{ selector: hostile, value: hostile }], [`${hostile}#step`]))
    const { result, queried, sandbox } = runInFakePage(code, { [hostile]: field, [`${hostile}#step`]: step })
    expect(sandbox.pwned).toBeUndefined()
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined()
    expect(queried).toEqual([hostile, `${hostile}#step`])
    expect(field.value).toBe(hostile)
    expect(result).toEqual({ fields: ['filled'], detected: ['present'] })
  })

  it('emits no raw "<", U+2028 or U+2029, so the text is safe wherever it is embedded', () => {
    const code = buildPageProbeScript(plan(HOSTILE.map((text) => ({ selector: text, value: text })), HOSTILE))
    expect(code).not.toMatch(/<\/script/i)
    expect(code).not.toContain('<')
    expect(code).not.toContain('\u2028')
    expect(code).not.toContain('\u2029')
    expect(() => new vm.Script(code)).not.toThrow()
  })

  it('is a pure function of the plan', () => {
    const input = plan([{ selector: '#a', value: '1' }], ['#s'])
    const frozen = JSON.stringify(input)
    expect(buildPageProbeScript(input)).toBe(buildPageProbeScript(plan([{ selector: '#a', value: '1' }], ['#s'])))
    expect(JSON.stringify(input)).toBe(frozen)
  })

  it('carries only selectors and values into the page (no step ids, no extra fields)', () => {
    const code = buildPageProbeScript({
      fields: [{ selector: '#a', value: '1', stepId: 'secret-step' } as unknown as { selector: string; value: string }],
      detectSelectors: ['#s']
    })
    expect(code).not.toContain('secret-step')
  })

  it('fills text inputs and textareas, firing bubbling input and change events', () => {
    const tel = new HTMLInputElement('tel')
    const text = new HTMLInputElement('text')
    const area = new HTMLTextAreaElement()
    const code = buildPageProbeScript(
      plan([
        { selector: '#tel', value: '2065550123' },
        { selector: '#text', value: 'abc' },
        { selector: '#area', value: 'line' }
      ])
    )
    const { result } = runInFakePage(code, { '#tel': tel, '#text': text, '#area': area })
    expect(result).toEqual({ fields: ['filled', 'filled', 'filled'], detected: [] })
    expect([tel.value, text.value, area.value]).toEqual(['2065550123', 'abc', 'line'])
    for (const element of [tel, text, area]) {
      expect(element.events).toEqual([
        { type: 'input', bubbles: true },
        { type: 'change', bubbles: true }
      ])
    }
  })

  it.each([
    ['a password field', () => new HTMLInputElement('password')],
    ['a hidden field', () => new HTMLInputElement('hidden')],
    ['a checkbox', () => new HTMLInputElement('checkbox')],
    ['a submit button', () => new HTMLInputElement('submit')],
    ['a file input', () => new HTMLInputElement('file')],
    ['a div', () => new HTMLDivElement()],
    [
      'a disabled field',
      () => {
        const field = new HTMLInputElement('text')
        field.disabled = true
        return field
      }
    ],
    [
      'a read-only field',
      () => {
        const field = new HTMLInputElement('text')
        field.readOnly = true
        return field
      }
    ]
  ])('leaves %s alone', (_name, make) => {
    const element = make()
    const { result } = runInFakePage(buildPageProbeScript(plan([{ selector: '#x', value: 'v' }])), { '#x': element })
    expect(result).toEqual({ fields: ['unfillable'], detected: [] })
    expect(element.value).toBe('')
    expect(element.events).toEqual([])
  })

  it('never submits, clicks, or sends page data back', () => {
    const field = new HTMLInputElement('tel')
    const step = new HTMLDivElement()
    const code = buildPageProbeScript(plan([{ selector: '#f', value: '1' }], ['#s']))
    const { result } = runInFakePage(code, { '#f': field, '#s': step })
    expect(field.submitted || field.clicked || step.clicked).toBe(false)
    expect(JSON.stringify(result)).not.toContain('PAGE-SECRET')
    expect(code).not.toMatch(/\.submit\(|requestSubmit|\.click\(|\.cookie|innerHTML|textContent|\.value\s*[!=]==/)
  })

  it('reports absent and invalid selectors without throwing', () => {
    const code = buildPageProbeScript(plan([{ selector: '#missing', value: '1' }, { selector: '[[bad', value: '2' }], ['#gone', '::bad(']))
    const { result } = runInFakePage(code, {}, ['[[bad', '::bad('])
    expect(result).toEqual({ fields: ['absent', 'invalid'], detected: ['absent', 'invalid'] })
  })
})

describe('toScriptLiteral', () => {
  it('round-trips through JavaScript evaluation', () => {
    const value = { list: HOSTILE, nested: { quote: '"\'`', slash: '\\/' } }
    expect(vm.runInNewContext(`(${toScriptLiteral(value)})`)).toEqual(value)
  })
})

describe('parsePageProbeResult', () => {
  const p = plan([{ selector: '#a', value: '1' }], ['#s', '#t'])

  it('accepts exactly what the script returns', () => {
    expect(parsePageProbeResult({ fields: ['filled'], detected: ['present', 'absent'] }, p)).toEqual({
      fields: ['filled'],
      detected: ['present', 'absent']
    })
  })

  it.each([
    ['null', null],
    ['a string', 'filled'],
    ['missing lists', {}],
    ['too few fields', { fields: [], detected: ['present', 'absent'] }],
    ['too many detections', { fields: ['filled'], detected: ['present', 'absent', 'absent'] }],
    ['an unknown status', { fields: ['done'], detected: ['present', 'absent'] }],
    ['page data instead of a status', { fields: ['filled'], detected: ['PAGE-SECRET', 'absent'] }]
  ])('refuses %s', (_name, raw) => {
    expect(parsePageProbeResult(raw, p)).toBeNull()
  })
})

// ---- the scheduler ----------------------------------------------------------------------------------

/** A fake page: which selectors exist right now, and which fields got filled. */
function fakePage(url = 'https://my.t-mobile.com/login') {
  const contents = new FakeContents()
  contents.currentUrl = url
  const present = new Set<string>()
  const filled: string[] = []
  contents.probeReply = (code) => {
    const data = JSON.parse(code.slice(code.lastIndexOf(')(') + 2, code.lastIndexOf(');'))) as PageProbePlan
    return {
      fields: data.fields.map((field) => {
        if (!present.has(field.selector)) return 'absent'
        filled.push(field.selector)
        return 'filled'
      }),
      detected: data.detectSelectors.map((selector) => (present.has(selector) ? 'present' : 'absent'))
    }
  }
  return { contents, present, filled }
}

function probeFor(page: ReturnType<typeof fakePage>, selectors = {
  prefill: [{ selector: '#msisdn', value: '2065550123' }],
  steps: [
    { stepId: 'sign-in', selector: 'form#login' },
    { stepId: 'refill', selector: '#refill' }
  ]
}) {
  const timers = new ManualTimers()
  const reports: ProbeReport[] = []
  const probe = new PortalPageProbe({
    target: page.contents,
    selectors: () => selectors,
    isPortalPage: (url) => url.startsWith('https://my.t-mobile.com/'),
    report: (report) => reports.push(report),
    delaysMs: [0, 1500, 4000],
    timers,
    log: { warn: vi.fn() }
  })
  return { probe, timers, reports }
}

describe('PortalPageProbe', () => {
  it('runs in its own isolated world, never the page world (0) or the preload world (999)', async () => {
    const page = fakePage()
    const { probe, timers } = probeFor(page)
    probe.documentLoaded()
    await timers.advance(0)
    expect(page.contents.isolatedRuns.map((run) => run.worldId)).toEqual([PORTAL_PROBE_WORLD_ID])
    expect(PORTAL_PROBE_WORLD_ID).not.toBe(0)
    expect(PORTAL_PROBE_WORLD_ID).not.toBe(999)
  })

  it('fills once and reports the step on screen', async () => {
    const page = fakePage()
    page.present.add('#msisdn').add('form#login')
    const { probe, timers, reports } = probeFor(page)
    probe.documentLoaded()
    await timers.advance(10_000)
    expect(page.filled).toEqual(['#msisdn'])
    expect(reports).toEqual([{ kind: 'step', stepId: 'sign-in', url: 'https://my.t-mobile.com/login' }])
  })

  it('retries while a single-page app renders, then stops', async () => {
    const page = fakePage()
    const { probe, timers, reports } = probeFor(page)
    probe.documentLoaded()
    await timers.advance(0)
    expect(page.filled).toEqual([])
    page.present.add('#msisdn').add('#refill')
    await timers.advance(1500)
    expect(page.filled).toEqual(['#msisdn'])
    expect(reports).toEqual([{ kind: 'step', stepId: 'refill', url: 'https://my.t-mobile.com/login' }])
    await timers.advance(10_000)
    expect(page.contents.isolatedRuns).toHaveLength(3)
    expect(timers.pending).toBe(0)
  })

  it("reports 'selectors-missing' once, after the last attempt, when nothing matched", async () => {
    const page = fakePage()
    const { probe, timers, reports } = probeFor(page)
    probe.documentLoaded()
    await timers.advance(1500)
    expect(reports).toEqual([])
    await timers.advance(10_000)
    expect(reports).toEqual([{ kind: 'selectors-missing', url: 'https://my.t-mobile.com/login' }])
  })

  it('an in-page navigation detects again but never refills a field the user may have edited', async () => {
    const page = fakePage()
    page.present.add('#msisdn').add('form#login')
    const { probe, timers, reports } = probeFor(page)
    probe.documentLoaded()
    await timers.advance(10_000)
    probe.inPageNavigated()
    await timers.advance(10_000)
    expect(page.filled).toEqual(['#msisdn'])
    expect(reports.filter((r) => r.kind === 'step')).toHaveLength(2)
    expect(reports.some((r) => r.kind === 'selectors-missing')).toBe(false)
    // A new document is a new form: fill again.
    probe.documentLoaded()
    await timers.advance(10_000)
    expect(page.filled).toEqual(['#msisdn', '#msisdn'])
  })

  it('a filled field that is still there counts as "the portal looks as expected" after an in-page navigation', async () => {
    const page = fakePage()
    page.present.add('#msisdn')
    const { probe, timers, reports } = probeFor(page)
    probe.documentLoaded()
    await timers.advance(10_000)
    probe.inPageNavigated()
    await timers.advance(10_000)
    expect(reports).toEqual([])
    page.present.delete('#msisdn')
    probe.inPageNavigated()
    await timers.advance(10_000)
    expect(reports).toEqual([{ kind: 'selectors-missing', url: 'https://my.t-mobile.com/login' }])
  })

  it('a new load cancels the attempts of the previous one', async () => {
    const page = fakePage()
    const { probe, timers, reports } = probeFor(page)
    probe.documentLoaded()
    await timers.advance(2000)
    probe.documentLoaded()
    await timers.advance(10_000)
    expect(page.contents.isolatedRuns).toHaveLength(5)
    expect(reports.filter((r) => r.kind === 'selectors-missing')).toHaveLength(1)
  })

  it('ignores a late answer from a page that has since been replaced', async () => {
    const page = fakePage()
    page.present.add('form#login')
    let release: () => void = () => undefined
    const original = page.contents.probeReply
    page.contents.probeReply = (code) => new Promise((resolve) => (release = () => resolve(original(code))))
    const { probe, timers, reports } = probeFor(page)
    probe.documentLoaded()
    await timers.advance(0)
    page.contents.probeReply = () => ({ fields: ['absent'], detected: ['absent', 'absent'] })
    probe.documentLoaded()
    release()
    await timers.advance(0)
    expect(reports).toEqual([])
  })

  it('does nothing off the portal, on a destroyed page, after stop, or without selectors', async () => {
    const off = fakePage('https://evil.io/')
    const a = probeFor(off)
    a.probe.documentLoaded()
    await a.timers.advance(10_000)
    expect(off.contents.isolatedRuns).toEqual([])
    expect(a.reports).toEqual([])

    const gone = fakePage()
    gone.contents.destroyed = true
    const b = probeFor(gone)
    b.probe.documentLoaded()
    await b.timers.advance(10_000)
    expect(gone.contents.isolatedRuns).toEqual([])

    const stopped = fakePage()
    const c = probeFor(stopped)
    c.probe.documentLoaded()
    c.probe.stop()
    await c.timers.advance(10_000)
    expect(stopped.contents.isolatedRuns).toEqual([])
    expect(c.timers.pending).toBe(0)

    const empty = fakePage()
    const d = probeFor(empty, { prefill: [], steps: [] })
    d.probe.documentLoaded()
    await d.timers.advance(10_000)
    expect(empty.contents.isolatedRuns).toEqual([])
    expect(d.reports).toEqual([])
  })

  it('survives a failing or nonsensical execution', async () => {
    const page = fakePage()
    page.contents.probeReply = () => {
      throw new Error('Script failed to execute')
    }
    const { probe, timers, reports } = probeFor(page)
    probe.documentLoaded()
    await timers.advance(1500)
    page.contents.probeReply = () => ({ fields: 'PAGE-SECRET' })
    await timers.advance(10_000)
    expect(reports).toEqual([{ kind: 'selectors-missing', url: 'https://my.t-mobile.com/login' }])
  })
})
