// HttpSession over real loopback sockets (127.0.0.1 only): cookies across redirects, timeouts, refused and
// reset connections, caller aborts, the per-device concurrency limit, retries only on request, close().
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { ContractError } from '../../src/contract/errors'
import { HttpSession } from '../../src/devices/transports/http-session'

type Handler = (req: IncomingMessage, res: ServerResponse) => void

const servers: Array<{ server: Server; sockets: Set<Socket> }> = []

async function serve(handler: Handler): Promise<{ baseUrl: string; port: number }> {
  const sockets = new Set<Socket>()
  const server = createServer(handler)
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  servers.push({ server, sockets })
  const port = (server.address() as AddressInfo).port
  return { baseUrl: `http://127.0.0.1:${port}`, port }
}

afterEach(async () => {
  for (const { server, sockets } of servers.splice(0)) {
    for (const socket of sockets) socket.destroy()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
})

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('HttpSession', () => {
  it('keeps cookies, replaces them, and sends them back', async () => {
    const seen: Array<string | undefined> = []
    let n = 0
    const { baseUrl } = await serve((req, res) => {
      seen.push(req.headers.cookie)
      res.setHeader('Set-Cookie', `SessionID=s${++n}; path=/; HttpOnly`)
      res.end('ok')
    })
    const http = new HttpSession({ baseUrl })
    await http.get('/a')
    await http.get('/b')
    await http.get('/c')
    expect(seen).toEqual([undefined, 'SessionID=s1', 'SessionID=s2'])
    http.close()
  })

  it('follows same-origin redirects itself so each hop can set cookies; never leaves the origin', async () => {
    const { baseUrl } = await serve((req, res) => {
      if (req.url === '/') {
        res.writeHead(302, { Location: '/html/home.html', 'Set-Cookie': 'SessionID=hop' })
        res.end()
      } else if (req.url === '/html/home.html') {
        res.end(`home ${req.headers.cookie}`)
      } else {
        res.writeHead(302, { Location: 'http://example.invalid/steal' })
        res.end()
      }
    })
    const http = new HttpSession({ baseUrl })
    const home = await http.get('/', { followRedirects: true })
    expect(home.text()).toBe('home SessionID=hop')
    expect(home.redirected).toBe(true)
    const offsite = await http.get('/elsewhere', { followRedirects: true })
    expect(offsite.status).toBe(302)
    const manual = await http.get('/')
    expect(manual.status).toBe(302)
    http.close()
  })

  it('maps no answer within the timeout to TIMEOUT', async () => {
    const { baseUrl } = await serve(() => undefined) // accepts, never answers
    const http = new HttpSession({ baseUrl, timeoutMs: 150 })
    const started = Date.now()
    await expect(http.get('/slow')).rejects.toMatchObject({ code: 'TIMEOUT', message: expect.stringMatching(/within 150 ms/) })
    expect(Date.now() - started).toBeLessThan(2000)
    http.close()
  })

  it('maps a refused connection to DEVICE_GONE', async () => {
    const port = await freePort()
    const http = new HttpSession({ baseUrl: `http://127.0.0.1:${port}` })
    const error = await http.get('/').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ContractError)
    expect(error).toMatchObject({ code: 'DEVICE_GONE', details: { cause: 'ECONNREFUSED' } })
    http.close()
  })

  it('maps a connection cut mid-answer to DEVICE_GONE', async () => {
    const { baseUrl } = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Length': '1000' })
      res.write('<response><partial>')
      setTimeout(() => res.socket?.destroy(), 20)
    })
    const http = new HttpSession({ baseUrl })
    await expect(http.get('/')).rejects.toMatchObject({ code: 'DEVICE_GONE' })
    http.close()
  })

  it("passes the caller's own abort through unchanged, and a caller timeout as TIMEOUT", async () => {
    const { baseUrl } = await serve(() => undefined)
    const http = new HttpSession({ baseUrl, timeoutMs: 5000 })
    const controller = new AbortController()
    const reason = new Error('user navigated away')
    setTimeout(() => controller.abort(reason), 30)
    await expect(http.get('/', { signal: controller.signal })).rejects.toBe(reason)
    await expect(http.get('/', { signal: AbortSignal.timeout(30) })).rejects.toMatchObject({ code: 'TIMEOUT' })
    http.close()
  })

  it('keeps one request in flight per device by default', async () => {
    let active = 0
    let maxActive = 0
    const { baseUrl } = await serve((_req, res) => {
      active++
      maxActive = Math.max(maxActive, active)
      setTimeout(() => {
        active--
        res.end('ok')
      }, 20)
    })
    const one = new HttpSession({ baseUrl })
    await Promise.all([one.get('/1'), one.get('/2'), one.get('/3')])
    expect(maxActive).toBe(1)
    maxActive = 0
    const two = new HttpSession({ baseUrl, maxInFlight: 2 })
    await Promise.all([two.get('/1'), two.get('/2'), two.get('/3'), two.get('/4')])
    expect(maxActive).toBe(2)
    one.close()
    two.close()
  })

  it('retries a dropped connection only when the caller asks', async () => {
    let calls = 0
    let dropNext = 0
    const { baseUrl } = await serve((req, res) => {
      calls++
      if (dropNext > 0) {
        dropNext--
        req.socket.destroy()
      } else res.end('second time lucky')
    })
    const http = new HttpSession({ baseUrl })
    dropNext = 1
    await expect(http.get('/')).rejects.toMatchObject({ code: 'DEVICE_GONE' })
    expect(calls).toBe(1)
    dropNext = 1
    const ok = await http.get('/', { retries: 1 })
    expect(ok.text()).toBe('second time lucky')
    expect(calls).toBe(3)
    http.close()
  })

  it('close() cuts what is in flight and refuses what comes after', async () => {
    const { baseUrl } = await serve(() => undefined)
    const http = new HttpSession({ baseUrl })
    const inFlight = http.get('/a')
    const queued = http.get('/b')
    await new Promise((resolve) => setTimeout(resolve, 30))
    http.close()
    await expect(inFlight).rejects.toMatchObject({ code: 'DEVICE_GONE' })
    await expect(queued).rejects.toMatchObject({ code: 'DEVICE_GONE' })
    await expect(http.get('/c')).rejects.toMatchObject({ code: 'DEVICE_GONE' })
  })

  it('refuses oversized answers as PROTOCOL and bad addresses as BAD_INPUT', async () => {
    const { baseUrl } = await serve((_req, res) => res.end('x'.repeat(5000)))
    const http = new HttpSession({ baseUrl, maxBodyBytes: 1000 })
    await expect(http.get('/')).rejects.toMatchObject({ code: 'PROTOCOL' })
    http.close()
    expect(() => new HttpSession({ baseUrl: 'not a url' })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }))
    expect(() => new HttpSession({ baseUrl: 'file:///etc/passwd' })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }))
  })

  it('resolves paths under a base path', () => {
    const http = new HttpSession({ baseUrl: 'http://127.0.0.1:8080/router' })
    expect(http.resolve('/api/device/signal')).toBe('http://127.0.0.1:8080/router/api/device/signal')
    http.close()
  })
})
