// The pieces of the per-device HTTP session that need no socket: cookie jar, concurrency limit, and the
// mapping of undici's errors (shapes as Node 20's fetch throws them) to contract errors.
import { describe, expect, it } from 'vitest'
import { ContractError } from '../../src/contract/errors'
import { ConcurrencyLimit } from '../../src/devices/transports/concurrency-limit'
import { CookieJar } from '../../src/devices/transports/cookie-jar'
import { networkErrorCode, toContractError } from '../../src/devices/transports/http-errors'

describe('CookieJar', () => {
  it('keeps one value per name and replaces SessionID on login', () => {
    const jar = new CookieJar()
    jar.absorb(['SessionID=first; path=/; HttpOnly'])
    expect(jar.header()).toBe('SessionID=first')
    jar.absorb(['SessionID=second; path=/; HttpOnly', 'lang=en-us'])
    expect(jar.header()).toBe('SessionID=second; lang=en-us')
  })

  it('drops expired cookies', () => {
    const jar = new CookieJar()
    jar.absorb(['a=1', 'b=2', 'c=3'])
    jar.absorb(['a=gone; Max-Age=0', 'b=gone; Expires=Thu, 01 Jan 1970 00:00:00 GMT'], Date.UTC(2025, 0, 1))
    expect(jar.header()).toBe('c=3')
  })

  it("takes SesTokInfo's ready-made pair and ignores junk", () => {
    const jar = new CookieJar()
    expect(jar.setPair('SessionID=abc=def')).toBe(true)
    expect(jar.get('SessionID')).toBe('abc=def')
    expect(jar.setPair('no equals sign')).toBe(false)
    jar.absorb(['=novalue', 'bad name=1', ''])
    expect(jar.size).toBe(1)
    jar.clear()
    expect(jar.header()).toBeUndefined()
  })

  it('unquotes quoted values', () => {
    const jar = new CookieJar()
    jar.absorb(['t="quoted"'])
    expect(jar.get('t')).toBe('quoted')
  })
})

describe('ConcurrencyLimit', () => {
  it('runs one task at a time by default, in order', async () => {
    const limit = new ConcurrencyLimit()
    const events: string[] = []
    let active = 0
    let maxActive = 0
    const task = (name: string) => async () => {
      active++
      maxActive = Math.max(maxActive, active)
      events.push(`start ${name}`)
      await new Promise((resolve) => setTimeout(resolve, 5))
      events.push(`end ${name}`)
      active--
      return name
    }
    const results = await Promise.all([limit.run(task('a')), limit.run(task('b')), limit.run(task('c'))])
    expect(results).toEqual(['a', 'b', 'c'])
    expect(maxActive).toBe(1)
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c'])
  })

  it('allows a larger limit', async () => {
    const limit = new ConcurrencyLimit(2)
    let active = 0
    let maxActive = 0
    const task = async () => {
      active++
      maxActive = Math.max(maxActive, active)
      await new Promise((resolve) => setTimeout(resolve, 5))
      active--
    }
    await Promise.all([limit.run(task), limit.run(task), limit.run(task), limit.run(task)])
    expect(maxActive).toBe(2)
  })

  it('frees the slot when a task fails', async () => {
    const limit = new ConcurrencyLimit()
    await expect(limit.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    await expect(limit.run(() => Promise.resolve(1))).resolves.toBe(1)
    expect(limit.inFlight).toBe(0)
  })

  it('removes a waiting task whose signal aborts, and rejects waiters on close', async () => {
    const limit = new ConcurrencyLimit()
    let release!: () => void
    const blocker = limit.run(() => new Promise<void>((resolve) => (release = resolve)))
    const controller = new AbortController()
    const aborted = limit.run(() => Promise.resolve('never'), controller.signal)
    const closed = limit.run(() => Promise.resolve('never'))
    expect(limit.queued).toBe(2)
    controller.abort(new Error('user cancelled'))
    await expect(aborted).rejects.toThrow('user cancelled')
    limit.rejectWaiting(new Error('closing'))
    await expect(closed).rejects.toThrow('closing')
    release()
    await blocker
    expect(limit.inFlight).toBe(0)
  })

  it('refuses a nonsense limit', () => {
    expect(() => new ConcurrencyLimit(0)).toThrow(RangeError)
  })
})

describe('network error mapping', () => {
  const context = { url: 'http://192.168.8.1/api/device/signal', timeoutMs: 5000, timedOut: false, closed: false }
  // The shapes Node 20's fetch (undici) rejects with.
  const fetchFailed = (cause: unknown) => Object.assign(new TypeError('fetch failed'), { cause })
  const errno = (code: string) => Object.assign(new Error(`connect ${code} 192.168.8.1:80`), { code })

  it.each([
    ['ECONNREFUSED', fetchFailed(errno('ECONNREFUSED')), 'DEVICE_GONE'],
    ['ECONNRESET', fetchFailed(errno('ECONNRESET')), 'DEVICE_GONE'],
    ['EHOSTUNREACH', fetchFailed(errno('EHOSTUNREACH')), 'DEVICE_GONE'],
    ['ENETUNREACH', fetchFailed(errno('ENETUNREACH')), 'DEVICE_GONE'],
    ['other side closed', Object.assign(new TypeError('terminated'), { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }), 'DEVICE_GONE'],
    ['AggregateError of refusals', fetchFailed(Object.assign(new AggregateError([errno('ECONNREFUSED')]), {})), 'DEVICE_GONE'],
    ['connect timeout', fetchFailed(Object.assign(new Error('Connect Timeout Error'), { code: 'UND_ERR_CONNECT_TIMEOUT' })), 'TIMEOUT'],
    ['ETIMEDOUT', fetchFailed(errno('ETIMEDOUT')), 'TIMEOUT'],
    ['bare fetch failed', new TypeError('fetch failed'), 'DEVICE_GONE'],
    ['a bug of ours', new RangeError('oops'), 'INTERNAL']
  ])('%s → %s', (_name, error, code) => {
    expect(toContractError(error, context).code).toBe(code)
  })

  it('our own timer wins, and the message names the device and the budget', () => {
    const error = toContractError(new DOMException('aborted', 'AbortError'), { ...context, timedOut: true })
    expect(error.code).toBe('TIMEOUT')
    expect(error.message).toMatch(/192\.168\.8\.1 did not answer within 5000 ms/)
  })

  it('a DEVICE_GONE message says what to check', () => {
    expect(toContractError(fetchFailed(errno('ECONNREFUSED')), context).message).toMatch(/switched on.*Wi-Fi or USB/)
  })

  it('passes ContractErrors through and finds nested codes', () => {
    const original = new ContractError('PROTOCOL', 'x')
    expect(toContractError(original, context)).toBe(original)
    expect(networkErrorCode(fetchFailed(fetchFailed(errno('EPIPE'))))).toBe('EPIPE')
    expect(networkErrorCode(new Error('none'))).toBeUndefined()
  })
})
