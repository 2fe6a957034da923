// APN and data-session behaviour over a real PTY: defining a context, activating it, the failure modes a
// carrier produces (unknown APN, no data plan, IPv4 refused), and sessions dropping with the radio.
import { afterAll, describe, expect, it } from 'vitest'
import { AtModemSimulator, type AtModemSimulatorOptions } from '../../src/simulators/at-modem'
import { AtTestClient, closeAllSocatPairs, FAST_TIMINGS, ptySuite, sleep, SOCAT } from '../support/pty'

const running: { sim: AtModemSimulator; client: AtTestClient }[] = []

async function start(options: AtModemSimulatorOptions) {
  const sim = new AtModemSimulator({ latencyMs: 0, seed: 11, timings: FAST_TIMINGS, ...options })
  const { hostPath } = await sim.startOnPty()
  const client = await AtTestClient.open(hostPath)
  running.push({ sim, client })
  await client.send('ATE0')
  await client.send('AT+CMEE=1')
  for (let i = 0; i < 50 && !(await client.send('AT+CGATT?')).includes('+CGATT: 1'); i++) await sleep(20)
  return { sim, client }
}

afterAll(async () => {
  for (const { sim, client } of running) {
    await client.close()
    await sim.stop()
  }
  await closeAllSocatPairs()
})

const only = (lines: string[], prefix: string) => lines.filter((l) => l.startsWith(prefix))

/** "100.64.1.2" → true; 27.007 IPv6 as 16 dotted bytes → true. */
const dottedV4 = /^\d{1,3}(\.\d{1,3}){3}$/
const dottedV6 = /^\d{1,3}(\.\d{1,3}){15}$/

describe.skipIf(!SOCAT)(ptySuite('AT simulator over a socat PTY: APN and data sessions'), () => {
  it('sets the IIJmio APN with credentials and brings up a dual-stack session', async () => {
    const { client } = await start({ profile: 'quectel-ec25', sim: { card: 'iijmio-docomo' } })
    expect(await client.send('AT+CGDCONT=1,"IPV4V6","iijmio.jp"')).toEqual(['OK'])
    expect(await client.send('AT+CGAUTH=1,3,"mio@iij","iij"')).toEqual(['OK'])
    expect(only(await client.send('AT+CGDCONT?'), '+CGDCONT: 1,')).toEqual([
      '+CGDCONT: 1,"IPV4V6","iijmio.jp","0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0",0,0'
    ])
    expect(await client.send('AT+CGACT=1,1')).toEqual(['OK'])
    expect(only(await client.send('AT+CGACT?'), '+CGACT:')).toEqual(['+CGACT: 1,1'])
    const [paddr] = only(await client.send('AT+CGPADDR=1'), '+CGPADDR:')
    const [, v4, v6] = /^\+CGPADDR: 1,"([^"]+)","([^"]+)"$/.exec(paddr as string) ?? []
    expect(v4).toMatch(dottedV4)
    expect(v6).toMatch(dottedV6)
    expect(only(await client.send('AT+CGCONTRDP=1'), '+CGCONTRDP:')[0]).toMatch(/^\+CGCONTRDP: 1,\d+,"iijmio\.jp","[\d.]+","[\d.]+","[\d.]+"/)
    // The session is "connected" in Quectel's engineering report.
    expect(only(await client.send('AT+QENG="servingcell"'), '+QENG:')[0]).toContain('"CONNECT"')

    expect(await client.send('AT+CGACT=0,1')).toEqual(['OK'])
    expect(only(await client.send('AT+CGPADDR=1'), '+CGPADDR:')).toEqual(['+CGPADDR: 1'])
  })

  it('refuses wrong credentials with +CME ERROR: 149', async () => {
    const { client } = await start({ profile: 'generic-lte', sim: { card: 'iijmio-docomo' } })
    await client.send('AT+CGAUTH=1,1,"mio@iij","wrong"')
    expect(await client.send('AT+CGACT=1,1')).toEqual(['+CME ERROR: 149'])
  })

  it('answers an unknown APN the way each carrier profile is set up to', async () => {
    // T-Mobile: ESM #27 missing or unknown APN.
    const tmo = await start({ profile: 'generic-lte', sim: { card: 'tmobile-us-prepaid' } })
    await tmo.client.send('AT+CGDCONT=1,"IPV4V6","iijmio.jp"')
    expect(await tmo.client.send('AT+CGACT=1,1')).toEqual(['+CME ERROR: 127'])
    expect(await tmo.client.send('AT+CGACT?')).toEqual(['+CGACT: 1,0', 'OK'])
    // Switching back to the right APN works.
    await tmo.client.send('AT+CGDCONT=1,"IPV4V6","fast.t-mobile.com"')
    expect(await tmo.client.send('AT+CGACT=1,1')).toEqual(['OK'])
    // T-Mobile is IPv6-only (464XLAT): one IPv6 address even for IPV4V6.
    const [paddr] = only(await tmo.client.send('AT+CGPADDR=1'), '+CGPADDR:')
    expect(paddr).toMatch(/^\+CGPADDR: 1,"[\d.]+"$/)
    expect((paddr as string).split('"')[1]).toMatch(dottedV6)

    // IIJmio on docomo: ESM #33 requested service option not subscribed.
    const iij = await start({ profile: 'generic-lte', sim: { card: 'iijmio-docomo' } })
    await iij.client.send('AT+CGDCONT=1,"IP","rakuten.jp"')
    expect(await iij.client.send('AT+CGACT=1,1')).toEqual(['+CME ERROR: 133'])

    // Rakuten: the context comes up but gets no address.
    const rak = await start({ profile: 'generic-lte', sim: { card: 'rakuten-mobile' } })
    await rak.client.send('AT+CGDCONT=1,"IPV4V6","internet.example"')
    expect(await rak.client.send('AT+CGACT=1,1')).toEqual(['OK'])
    expect(await rak.client.send('AT+CGACT?')).toEqual(['+CGACT: 1,1', 'OK'])
    expect(await rak.client.send('AT+CGPADDR=1')).toEqual(['+CGPADDR: 1', 'OK'])
  })

  it('validates +CGDCONT: bad PDP type or cid → ERROR; IPv4-only refused on T-Mobile', async () => {
    const { client } = await start({ profile: 'generic-lte', sim: { card: 'tmobile-us-prepaid' } })
    expect(await client.send('AT+CGDCONT=1,"IPX","fast.t-mobile.com"')).toEqual(['ERROR'])
    expect(await client.send('AT+CGDCONT=0,"IP","fast.t-mobile.com"')).toEqual(['ERROR'])
    expect(await client.send('AT+CGDCONT=17,"IP","fast.t-mobile.com"')).toEqual(['ERROR'])
    expect(await client.send('AT+CGDCONT=1,"IP","fast.t-mobile.com"')).toEqual(['OK'])
    expect(await client.send('AT+CGACT=1,1')).toEqual(['+CME ERROR: 193'])
    expect(await client.send('AT+CGDCONT=1,"IPV6","fast.t-mobile.com"')).toEqual(['OK'])
    expect(await client.send('AT+CGACT=1,1')).toEqual(['OK'])
    // An active context cannot be redefined.
    expect(await client.send('AT+CGDCONT=1,"IPV4V6","pcweb.tmobile.com"')).toEqual(['+CME ERROR: 3'])
  })

  it('fails activation with +CME ERROR: 133 when the line has no data plan', async () => {
    const { sim, client } = await start({ profile: 'generic-lte', sim: { card: 'rakuten-mobile' } })
    expect(await client.send('AT+CGACT=1,1')).toEqual(['OK'])
    sim.setNoDataPlan(true)
    expect(await client.send('AT+CGACT?')).toEqual(['+CGACT: 1,0', 'OK'])
    expect(await client.send('AT+CGACT=1,1')).toEqual(['+CME ERROR: 133'])
    sim.setNoDataPlan(false)
    expect(await client.send('AT+CGACT=1,1')).toEqual(['OK'])
  })

  it('drops the session when the radio goes off, and refuses activation without service', async () => {
    const { client } = await start({ profile: 'generic-lte', sim: { card: 'iijmio-docomo' } })
    expect(await client.send('AT+CGACT=1,1')).toEqual(['OK'])
    expect(await client.send('AT+CFUN=4')).toEqual(['OK'])
    expect(await client.send('AT+CGACT?')).toEqual(['+CGACT: 1,0', 'OK'])
    expect(await client.send('AT+CGATT?')).toEqual(['+CGATT: 0', 'OK'])
    expect(await client.send('AT+CGACT=1,1')).toEqual(['+CME ERROR: 30'])
  })

  it('runs the Huawei ^NDISDUP data call and reports it with ^NDISSTAT', async () => {
    const { client } = await start({ profile: 'huawei-e3372h', sim: { card: 'iijmio-docomo' } })
    const from = client.lines.length
    expect(only(await client.send('AT^NDISDUP=1,1,"iijmio.jp","mio@iij","iij",3'), 'OK')).toEqual(['OK'])
    expect(await client.waitForLine(/^\^NDISSTAT:/, 2000, from)).toBe('^NDISSTAT: 1,,,"IPV4"')
    expect(only(await client.send('AT^NDISSTATQRY?'), '^NDISSTATQRY:')).toEqual(['^NDISSTATQRY: 1,,,"IPV4",1,,,"IPV6"'])
    // ^DHCP? words are little-endian: "CCDB080A" is 10.8.219.204 (ModemManager's Huawei tests).
    const dhcp = only(await client.send('AT^DHCP?'), '^DHCP:')[0] as string
    const word = dhcp.slice('^DHCP: '.length).split(',')[0] as string
    const ip = [6, 4, 2, 0].map((i) => parseInt(word.slice(i, i + 2), 16)).join('.')
    expect(only(await client.send('AT+CGPADDR=1'), '+CGPADDR:')[0]).toContain(`"${ip}"`)
    expect(only(await client.send('AT^NDISDUP=1,1,"iijmio.jp"'), '+CME')).toEqual(['+CME ERROR: 3'])
    expect(only(await client.send('AT^NDISDUP=1,0'), 'OK')).toEqual(['OK'])
    expect(only(await client.send('AT^NDISDUP=1,0'), 'ERROR')).toEqual(['ERROR'])
    const from2 = client.lines.length
    await client.send('AT^NDISDUP=1,1,"wrong.apn"')
    expect(await client.waitForLine(/^\^NDISSTAT:/, 2000, from2)).toBe('^NDISSTAT: 0,33,,"IPV4"')
  })
})
