// The carrier packs' walled-garden hosts in the classifier, with loopback probe servers: a hotspot whose
// ordinary probes get nothing while the carrier's purchase page still answers is "no plan", and the verdict
// carries the pack's refill flow. Every name resolves to 127.0.0.1 through the test's own resolver; nothing
// leaves the machine.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { gardenHostsOf, gardenProbes } from '../../src/carriers/garden'
import type { CarrierPack } from '../../src/carriers/pack-schema'
import { checkConnectivity } from '../../src/connectivity/check'
import type { DeviceFacts } from '../../src/connectivity/facts'
import type { ProbeResolver, ProbeSpec } from '../../src/connectivity/probes'
import { CarrierService } from '../../src/host/carrier-service'

const carriers = new CarrierService()
let packs: CarrierPack[]
let server: Server
let port = 0
let closedPort = 0
/** Hosts the loopback "carrier" answers for; everything else gets its connection dropped. */
let answering = new Set<string>()
const seen: string[] = []

const resolver: ProbeResolver = async (hostname) => {
  if (hostname.endsWith('.t-mobile.com') || hostname.endsWith('.garden.test')) return [{ address: '127.0.0.1', family: 4 }]
  const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`)
  error.code = 'ENOTFOUND'
  throw error
}

beforeAll(async () => {
  packs = (await Promise.all(['tmobile-us-prepaid', 'iijmio', 'rakuten-mobile', 'att-prepaid'].map((id) => carriers.pack(id)))).filter(
    (pack): pack is CarrierPack => pack !== undefined
  )
  server = createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '')
    seen.push(host)
    if (!answering.has(host)) {
      req.socket.destroy()
      return
    }
    if (host === 'connectivitycheck.garden.test') {
      res.writeHead(204).end()
      return
    }
    // The carrier's page sends plain http on to its https site, as a real one would.
    res.writeHead(302, { Location: `https://${host}/primary/openPage` }).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
  const closed = createServer()
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
  closedPort = (closed.address() as AddressInfo).port
  await new Promise<void>((resolve) => closed.close(() => resolve()))
})
afterAll(async () => {
  server?.closeAllConnections()
  await new Promise<void>((resolve) => server?.close(() => resolve()))
})

const CONNECTED: DeviceFacts = { sim: { state: 'ready' }, registration: { state: 'home', plmn: '310260' }, data: { state: 'connected', ipv4: '10.20.30.40' }, signal: { bars: 4 } }

function probes(general: 'answer' | 'silent'): ProbeSpec[] {
  const generalPort = general === 'answer' ? port : closedPort
  // gardenProbes names the carrier's hosts on port 80; the loopback world listens elsewhere.
  const garden = gardenProbes(gardenHostsOf(packs)).map((spec) => ({ ...spec, url: spec.url.replace(/\/$/, `:${port}/`) }))
  return [
    { id: 'gstatic', url: `http://connectivitycheck.garden.test:${generalPort}/generate_204`, expect: '204' },
    { id: 'gstatic-2', url: `http://connectivitycheck.garden.test:${generalPort}/gen_204`, expect: '204' },
    ...garden
  ]
}

async function check(general: 'answer' | 'silent', device: DeviceFacts = CONNECTED) {
  return checkConnectivity({
    probes: probes(general),
    probeOptions: { loopbackOnly: true, timeoutMs: 1500, resolve: resolver, maxProbes: 4 },
    device,
    gardenHosts: gardenHostsOf(packs)
  })
}

describe('pack garden hosts', () => {
  it('come from the packs with their flow; Japanese packs say they throttle instead', () => {
    const hosts = gardenHostsOf(packs)
    expect(hosts.map((host) => `${host.carrierId}:${host.pattern}:${host.purpose}`)).toEqual([
      'tmobile-us-prepaid:mim.t-mobile.com:purchase',
      'tmobile-us-prepaid:my.t-mobile.com:account',
      'tmobile-us-prepaid:prepaid.t-mobile.com:activation'
    ])
    expect(hosts[0]).toMatchObject({ flow: { packId: 'tmobile-us-prepaid', flowId: 'hotspot-portal', stepId: 'buy-pass' }, confidence: 'unverified' })
    for (const id of ['iijmio', 'rakuten-mobile', 'att-prepaid']) expect(packs.find((pack) => pack.id === id)?.noGarden?.sources.length, id).toBeGreaterThan(0)
  })

  it('are probed on plain http, exact hosts only, purchase and activation pages first', () => {
    expect(gardenProbes(gardenHostsOf(packs))).toEqual([
      { id: 'garden-mim.t-mobile.com', url: 'http://mim.t-mobile.com/', expect: '204' },
      { id: 'garden-prepaid.t-mobile.com', url: 'http://prepaid.t-mobile.com/', expect: '204' }
    ])
    expect(gardenProbes([{ pattern: '*.example.com', carrierId: 'x', purpose: 'purchase' }])).toEqual([])
  })
})

describe('a hotspot that answers only garden hosts', () => {
  it('is no-plan with the pack’s refill flow when ordinary probes get nothing', async () => {
    answering = new Set(['mim.t-mobile.com', 'prepaid.t-mobile.com'])
    const { verdict, probes: outcomes } = await check('silent')
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['redirect', 'redirect', 'refused', 'refused'])
    expect(verdict).toMatchObject({ kind: 'no-plan', remedy: 'buy-pass', reason: 'garden-only', confidence: 'high' })
    expect(verdict.portal).toMatchObject({
      host: 'mim.t-mobile.com',
      plainHttp: true,
      carrier: { carrierId: 'tmobile-us-prepaid', purpose: 'purchase', flow: { packId: 'tmobile-us-prepaid', flowId: 'hotspot-portal', stepId: 'buy-pass' } }
    })
    expect(verdict.evidence[0]?.key).toBe('garden-only')
  })

  it('an activation page alone answering means the line is not activated', async () => {
    answering = new Set(['prepaid.t-mobile.com'])
    const { verdict } = await check('silent')
    expect(verdict).toMatchObject({ kind: 'no-plan', remedy: 'finish-activation', reason: 'garden-only' })
    expect(verdict.portal?.carrier?.flow).toEqual({ packId: 'tmobile-us-prepaid', flowId: 'hotspot-portal', stepId: 'sim-kit' })
  })

  it('garden answers do not count as the internet: ordinary probes decide online', async () => {
    answering = new Set(['mim.t-mobile.com', 'prepaid.t-mobile.com', 'connectivitycheck.garden.test'])
    const { verdict } = await check('answer')
    expect(verdict).toMatchObject({ kind: 'online', remedy: 'none', reason: 'probes-ok' })
  })

  it('when the garden is silent too, it is the weaker "nothing gets through"', async () => {
    answering = new Set()
    const { verdict } = await check('silent')
    expect(verdict).toMatchObject({ kind: 'no-plan', reason: 'nothing-gets-through', confidence: 'low' })
    expect(verdict.portal).toBeUndefined()
  })

  it('the hotspot’s own failure report still comes first', async () => {
    answering = new Set(['mim.t-mobile.com'])
    const { verdict } = await check('silent', { ...CONNECTED, registration: { state: 'denied', rejectCause: 'EMM #7 EPS services not allowed' } })
    expect(verdict.kind).toBe('not-registered')
  })
})
