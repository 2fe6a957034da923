// The AT console over a real PTY: raw commands go through the engine's queue (interleaved with the
// driver's own polling), modem errors come back as replies, and the transcript records both sides.
import { afterAll, describe, expect, it } from 'vitest'
import { createGenericAtDriver } from '../../src/devices/families/generic-at'
import { AtModemSimulator } from '../../src/simulators/at-modem'
import { closeAllSocatPairs, FAST_TIMINGS, ptySuite, SOCAT } from '../support/pty'

const cleanups: Array<() => Promise<unknown>> = []
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined)
  await closeAllSocatPairs()
})

describe.skipIf(!SOCAT)(ptySuite('AT console over a socat PTY'), () => {
  it('sends raw commands through the queue, returns modem errors as replies, and keeps a transcript', async () => {
    const modem = new AtModemSimulator({ profile: 'quectel-ec25', sim: { card: 'rakuten-mobile' }, latencyMs: 0, timings: FAST_TIMINGS, seed: 3 })
    const { hostPath } = await modem.startOnPty()
    const driver = createGenericAtDriver({ connection: { kind: 'serial', path: hostPath } }, { engineOptions: { syncQuietMs: 50 } })
    cleanups.push(() => modem.stop(), () => driver.close())
    await driver.open()
    expect(driver.capabilities.has('atConsole')).toBe(true)
    const console = driver.atConsole
    if (!console) throw new Error('no console')

    // Polling and console commands at once: every reply reaches its own caller.
    const [reading, csq, qeng] = await Promise.all([driver.read(), console.send('AT+CSQ'), console.send('AT+QENG="servingcell"')])
    expect(reading.sim.imsi).toMatch(/^44011/)
    expect(csq.final).toBe('OK')
    expect(csq.lines.some((line) => line.startsWith('+CSQ:'))).toBe(true)
    expect(qeng.lines.some((line) => line.startsWith('+QENG:'))).toBe(true)

    const bogus = await console.send('AT+NOSUCHTHING')
    expect(bogus.final).toMatch(/ERROR/)
    expect(bogus.lines).toEqual([])

    const lines = console.transcript()
    expect(lines.some((line) => line.direction === 'out' && line.text === 'AT+NOSUCHTHING')).toBe(true)
    expect(lines.some((line) => line.direction === 'in' && line.text.startsWith('+CSQ:'))).toBe(true)
  })
})
