// HuaweiSession's cookie + token rules (reference/device-protocols.md §1.2) against a scripted fetch: the
// acquisition order, single-use FIFO tokens, '#'-separated headers, the …one/…two reset after login, and exactly
// one retry after a token error. Answers are shaped like the real ones in §1.2.
import { describe, expect, it } from 'vitest'
import { HuaweiSession } from '../../src/devices/families/huawei-hilink/session'
import { HttpSession } from '../../src/devices/transports/http-session'

interface Seen {
  method: string
  path: string
  token: string | null
  cookie: string | null
  body: string
}

type Answer = { status?: number; body: string; headers?: Record<string, string>; cookies?: string[] }

function scripted(handler: (request: Seen, index: number) => Answer) {
  const seen: Seen[] = []
  const fakeFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input))
    const headers = new Headers(init?.headers)
    const request: Seen = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      token: headers.get('__RequestVerificationToken'),
      cookie: headers.get('cookie'),
      body: typeof init?.body === 'string' ? init.body : ''
    }
    seen.push(request)
    const answer = handler(request, seen.length - 1)
    const responseHeaders = new Headers(answer.headers)
    for (const cookie of answer.cookies ?? []) responseHeaders.append('Set-Cookie', cookie)
    return new Response(answer.body, { status: answer.status ?? 200, headers: responseHeaders })
  }
  const http = new HttpSession({ baseUrl: 'http://192.168.8.1', fetch: fakeFetch as typeof fetch })
  return { session: new HuaweiSession(http), seen, http }
}

const HOME = '<html><head><meta name="csrf_token" content="meta1"><meta name="csrf_token" content="meta2"></head></html>'
const OK = '<?xml version="1.0" encoding="UTF-8"?><response>OK</response>'
const err = (code: number) => `<?xml version="1.0" encoding="UTF-8"?><error><code>${code}</code><message></message></error>`

describe('establish (reference §1.2 order)', () => {
  it('takes the two meta tokens and the cookie from the home page', async () => {
    const { session, seen, http } = scripted(() => ({ body: HOME, cookies: ['SessionID=s1; path=/; HttpOnly'] }))
    await session.establish()
    expect(session.tokenSource).toBe('meta')
    expect(session.heldTokens).toBe(2)
    expect(http.cookies.get('SessionID')).toBe('s1')
    expect(seen.map((r) => r.path)).toEqual(['/'])
  })

  it('falls back to /api/webserver/token', async () => {
    const { session, seen } = scripted((r) => (r.path === '/' ? { body: '<html></html>' } : { body: '<response><token>T0KEN</token></response>' }))
    await session.establish()
    expect(session.tokenSource).toBe('token')
    expect(seen.map((r) => r.path)).toEqual(['/', '/api/webserver/token'])
  })

  it('then to SesTokInfo, whose SesInfo is used verbatim as the cookie', async () => {
    const { session, http } = scripted((r) =>
      r.path === '/api/webserver/SesTokInfo'
        ? { body: '<response><SesInfo>SessionID=fromSes</SesInfo><TokInfo>tok987</TokInfo></response>' }
        : r.path === '/'
          ? { status: 404, body: 'nope' }
          : { body: err(100002) }
    )
    await session.establish()
    expect(session.tokenSource).toBe('sestokinfo')
    expect(http.cookies.get('SessionID')).toBe('fromSes')
  })

  it('works token-less on firmware without any of them', async () => {
    const { session, seen } = scripted((r) => (r.path === '/' ? { body: '<html></html>' } : r.method === 'POST' ? { body: OK } : { body: err(100002) }))
    await session.establish()
    expect(session.tokenSource).toBe('none')
    await session.post('user/logout', { Logout: 1 })
    expect(seen.at(-1)).toMatchObject({ method: 'POST', token: null })
    expect(seen.filter((r) => r.path === '/')).toHaveLength(1) // no re-establish before each POST
  })

  it('follows the home-page redirect and keeps the cookie set on the way', async () => {
    const { session, http } = scripted((r) =>
      r.path === '/' ? { status: 302, body: '', headers: { Location: '/html/home.html' }, cookies: ['SessionID=early'] } : { body: HOME }
    )
    await session.establish()
    expect(http.cookies.get('SessionID')).toBe('early')
    expect(session.heldTokens).toBe(2)
  })
})

describe('tokens on requests', () => {
  it('uses each token once, oldest first, and queues the ones answers hand out', async () => {
    let n = 0
    const { session, seen } = scripted((r) => (r.path === '/' ? { body: HOME } : { body: OK, headers: { __RequestVerificationToken: `next${++n}` } }))
    await session.establish()
    await session.post('a', {})
    await session.post('b', {})
    await session.post('c', {})
    expect(seen.filter((r) => r.method === 'POST').map((r) => r.token)).toEqual(['meta1', 'meta2', 'next1'])
  })

  it("splits '#'-separated token headers (zbchristian/huawei_hilink_api)", async () => {
    const { session, seen } = scripted((r) => (r.path === '/' ? { body: HOME } : { body: OK, headers: { __RequestVerificationToken: 'x1#x2#' } }))
    await session.establish()
    await session.post('a', {})
    expect(session.heldTokens).toBe(3) // meta2, x1, x2
    await session.post('b', {})
    await session.post('c', {})
    expect(seen.filter((r) => r.method === 'POST').map((r) => r.token)).toEqual(['meta1', 'meta2', 'x1'])
  })

  it('replaces the queue with …one/…two after login, and the body sees the header token', async () => {
    const { session, seen } = scripted((r) =>
      r.path === '/' ? { body: HOME } : { body: OK, headers: { __RequestVerificationTokenone: 'one', __RequestVerificationTokentwo: 'two' } }
    )
    await session.establish()
    const bodyTokens: Array<string | undefined> = []
    await session.post('user/login', (token) => {
      bodyTokens.push(token)
      return { Password: `hash-of-${token}` }
    })
    expect(bodyTokens).toEqual(['meta1'])
    expect(seen.at(-1)?.body).toContain('<Password>hash-of-meta1</Password>')
    await session.post('x', {})
    expect(seen.at(-1)?.token).toBe('one')
    expect(session.heldTokens).toBe(2) // that answer carried a fresh one/two pair again, replacing 'two'
  })

  it('sends the last 32 characters when asked (SCRAM challenge_login)', async () => {
    const long = 'P'.repeat(32) + 'Q'.repeat(32)
    const { session, seen } = scripted((r) =>
      r.path === '/' ? { body: '<html></html>' } : r.path === '/api/webserver/token' ? { body: `<response><token>${long}</token></response>` } : { body: OK }
    )
    await session.establish()
    await session.post('user/challenge_login', {}, { tokenForHeader: (t) => t.slice(-32) })
    expect(seen.at(-1)?.token).toBe('Q'.repeat(32))
  })

  it('puts a token on a GET only while exactly one is held, without using it up', async () => {
    const { session, seen } = scripted((r) =>
      r.path === '/' ? { body: '<html></html>' } : r.path === '/api/webserver/token' ? { body: '<response><token>only</token></response>' } : { body: '<response><a>1</a></response>' }
    )
    await session.establish()
    await session.get('device/signal')
    await session.get('device/signal')
    expect(seen.filter((r) => r.path === '/api/device/signal').map((r) => r.token)).toEqual(['only', 'only'])
    expect(session.heldTokens).toBe(1)
  })
})

describe('token errors', () => {
  it('fetches fresh tokens and retries exactly once (125002)', async () => {
    let posts = 0
    const { session, seen } = scripted((r) => {
      if (r.path === '/') return { body: HOME }
      posts++
      return posts === 1 ? { body: err(125002) } : { body: OK }
    })
    await session.establish()
    const bodies: Array<string | undefined> = []
    await session.post('user/login', (token) => {
      bodies.push(token)
      return {}
    })
    expect(posts).toBe(2)
    expect(bodies).toEqual(['meta1', 'meta1']) // recomputed with the fresh first token
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /', 'POST /api/user/login', 'GET /', 'POST /api/user/login'])
  })

  it('gives up after the second token error with BUSY', async () => {
    const { session, seen } = scripted((r) => (r.path === '/' ? { body: HOME } : { body: err(125003) }))
    await session.establish()
    await expect(session.post('user/logout', { Logout: 1 })).rejects.toMatchObject({ code: 'BUSY', details: { huaweiCode: 125003 } })
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(2)
  })

  it('does not retry other errors', async () => {
    const { session, seen } = scripted((r) => (r.path === '/' ? { body: HOME } : { body: err(108006) }))
    await session.establish()
    await expect(session.post('user/login', {})).rejects.toMatchObject({ code: 'AUTH_FAILED' })
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(1)
  })
})

describe('answers', () => {
  it('treats a redirect or 404 from /api as "not supported" (reference §1.1)', async () => {
    const { session } = scripted((r) => (r.path === '/api/a' ? { status: 302, body: '', headers: { Location: '/html/home.html' } } : { status: 404, body: 'Not Found' }))
    await expect(session.getOptional('a')).resolves.toBeUndefined()
    await expect(session.getOptional('b')).resolves.toBeUndefined()
    await expect(session.get('b')).rejects.toMatchObject({ code: 'UNSUPPORTED' })
  })

  it('turns garbage into PROTOCOL with the endpoint named', async () => {
    const { session } = scripted(() => ({ body: '<response><ConnectionStatus>90' }))
    await expect(session.get('monitoring/status')).rejects.toMatchObject({ code: 'PROTOCOL', details: { endpoint: 'monitoring/status' } })
  })

  it('surfaces other Huawei errors with their code', async () => {
    const { session } = scripted(() => ({ body: err(100003) }))
    await expect(session.getOptional('device/information')).rejects.toMatchObject({ code: 'AUTH_FAILED', details: { huaweiCode: 100003 } })
  })
})
