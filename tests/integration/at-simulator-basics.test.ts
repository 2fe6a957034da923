// The simulated modem over a real socat PTY, driven by a raw serial client: framing, echo, result codes,
// command-line syntax and each profile's identity. Expectations come from V.250 / 27.007 and the captures
// cited in the simulator's profiles, not from the simulator's own code.
import { afterAll, describe, expect, it } from 'vitest'
import { AtModemSimulator, DEVICE_PROFILES, type DeviceProfileId } from '../../src/simulators/at-modem'
import { AtTestClient, closeAllSocatPairs, FAST_TIMINGS, ptySuite, sleep, SOCAT } from '../support/pty'

const running: { sim: AtModemSimulator; client: AtTestClient }[] = []

async function start(profile: DeviceProfileId, options: ConstructorParameters<typeof AtModemSimulator>[0] = {}) {
  const sim = new AtModemSimulator({ profile, latencyMs: 0, seed: 7, timings: FAST_TIMINGS, ...options })
  const { hostPath } = await sim.startOnPty()
  const client = await AtTestClient.open(hostPath)
  running.push({ sim, client })
  return { sim, client }
}

afterAll(async () => {
  for (const { sim, client } of running) {
    await client.close()
    await sim.stop()
  }
  await closeAllSocatPairs()
})

/** Independent Luhn check (ISO/IEC 7812): double every second digit from the right. */
function luhnValid(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2
    sum += d
  }
  return sum % 10 === 0
}

describe.skipIf(!SOCAT)(ptySuite('AT simulator over a socat PTY: framing and syntax'), () => {
  it('echoes the command line until ATE0 and frames replies as \\r\\n<line>\\r\\n', async () => {
    const { client } = await start('generic-lte')
    const mark = client.raw.length
    client.write('AT\r')
    await client.waitForRaw((raw) => raw.includes('OK\r\n'), 3000, mark)
    expect(client.raw.slice(mark)).toBe('AT\r\r\nOK\r\n')

    const mark2 = client.raw.length
    client.write('ATE0\r')
    await client.waitForRaw((raw) => raw.includes('OK\r\n'), 3000, mark2)
    // The ATE0 line itself is still echoed; the setting applies to the next line.
    expect(client.raw.slice(mark2)).toBe('ATE0\r\r\nOK\r\n')

    const mark3 = client.raw.length
    client.write('AT+CGMI\r')
    await client.waitForRaw((raw) => raw.endsWith('OK\r\n'), 3000, mark3)
    expect(client.raw.slice(mark3)).toBe('\r\nHotspot Desk\r\n\r\nOK\r\n')
  })

  it('accepts CR LF, mixed case, spaces, concatenation with ";" and basic commands run together', async () => {
    const { client } = await start('generic-lte')
    await client.send('ATE0')
    client.write('at+cgmm\r\n')
    await client.waitForLine(/^OK$/)
    expect(client.lines.slice(-2)).toEqual(['Simulated LTE Modem', 'OK'])

    expect(await client.send('AT + CGMI')).toEqual(['Hotspot Desk', 'OK'])
    const both = await client.send('AT+CMEE=1;+CMEE?;+CSCS?')
    expect(both).toEqual(['+CMEE: 1', '+CSCS: "IRA"', 'OK'])
    expect(await client.send('ATE0V1Q0&C1X4')).toEqual(['OK'])
  })

  it('answers ERROR for unknown commands and bad syntax, and stops a line at the first error', async () => {
    const { client } = await start('generic-lte')
    await client.send('ATE0')
    expect(await client.send('AT+NOPE')).toEqual(['ERROR'])
    expect(await client.send('AT+CGDCONT=1,"IP')).toEqual(['ERROR'])
    // Unknown command in the middle: the earlier command's output stays, the later command never runs.
    expect(await client.send('AT+CMEE=2;+BOGUS;+CMEE=0')).toEqual(['ERROR'])
    expect(await client.send('AT+CMEE?')).toEqual(['+CMEE: 2', 'OK'])
  })

  it('switches ERROR / +CME ERROR: <n> / verbose text with +CMEE', async () => {
    const { client } = await start('generic-lte', { sim: { pinEnabled: true } })
    await client.send('ATE0')
    await client.send('AT+CMEE=0')
    expect(await client.send('AT+CIMI')).toEqual(['ERROR'])
    await client.send('AT+CMEE=1')
    expect(await client.send('AT+CIMI')).toEqual(['+CME ERROR: 11'])
    await client.send('AT+CMEE=2')
    expect(await client.send('AT+CIMI')).toEqual(['+CME ERROR: SIM PIN required'])
    // SMS commands answer +CMS ERROR, numeric unless +CMEE=2.
    expect(await client.send('AT+CPMS?')).toEqual(['+CMS ERROR: SIM PIN required'])
    await client.send('AT+CMEE=1')
    expect(await client.send('AT+CPMS?')).toEqual(['+CMS ERROR: 311'])
  })

  it('gives numeric result codes with ATV0 and repeats the last line on A/', async () => {
    const { client } = await start('generic-lte')
    await client.send('ATE0')
    const mark = client.raw.length
    client.write('ATV0\r')
    await client.waitForRaw((raw) => raw === '0\r', 3000, mark)
    const mark2 = client.raw.length
    client.write('AT+CGMI\r')
    await client.waitForRaw((raw) => raw.endsWith('0\r'), 3000, mark2)
    expect(client.raw.slice(mark2)).toBe('Hotspot Desk\r\n0\r')
    client.write('ATV1\r')
    await client.waitForRaw((raw) => raw.endsWith('\r\nOK\r\n'), 3000, mark2)

    await client.send('AT+CMEE=1')
    const before = client.lines.length
    client.write('A/')
    await client.waitForLine(/^OK$/, 3000, before)
    expect(client.lines.slice(before)).toEqual(['OK'])
  })
})

const IDENTITY: Record<DeviceProfileId, { cgmi: string; cgmm: string; iccidCommand: string; iccidPrefix: string; atiFirst: string }> = {
  'generic-lte': { cgmi: 'Hotspot Desk', cgmm: 'Simulated LTE Modem', iccidCommand: 'AT+CCID', iccidPrefix: '+CCID: ', atiFirst: 'Hotspot Desk' },
  'huawei-e3372h': { cgmi: 'huawei', cgmm: 'E3372', iccidCommand: 'AT^ICCID?', iccidPrefix: '^ICCID: ', atiFirst: 'Manufacturer: huawei' },
  'huawei-e3276': { cgmi: 'huawei', cgmm: 'E3276', iccidCommand: 'AT^ICCID?', iccidPrefix: '^ICCID: ', atiFirst: 'Manufacturer: huawei' },
  'zte-mf833': { cgmi: 'ZTE INCORPORATED', cgmm: 'MF833V', iccidCommand: 'AT+ZGETICCID', iccidPrefix: '+ZGETICCID: ', atiFirst: 'Manufacturer: ZTE INCORPORATED' },
  'zte-mf823': { cgmi: 'ZTE INCORPORATED', cgmm: 'MF823', iccidCommand: 'AT+ZICCID?', iccidPrefix: '+ZICCID: ', atiFirst: 'Manufacturer: ZTE INCORPORATED' },
  'quectel-ec25': { cgmi: 'Quectel', cgmm: 'EC25', iccidCommand: 'AT+QCCID', iccidPrefix: '+QCCID: ', atiFirst: 'Quectel' },
  'quectel-em12': { cgmi: 'Quectel', cgmm: 'EM12', iccidCommand: 'AT+QCCID', iccidPrefix: '+QCCID: ', atiFirst: 'Quectel' }
}

/** Unsolicited lines the vendor profiles send on their own (Huawei ^…, ZTE +ZPASR/+ZUSIMR, Quectel +QIND). */
const VENDOR_URC = /^(\^(RSSI|HCSQ|SRVST|SIMST|MODE|BOOT)|\+ZPASR|\+ZUSIMR|\+QIND|\+QUSIM|RDY$)/

describe.skipIf(!SOCAT)(ptySuite('AT simulator over a socat PTY: identity per profile'), () => {
  it.each(Object.keys(DEVICE_PROFILES) as DeviceProfileId[])('%s identifies itself and its SIM', async (profile) => {
    const expected = IDENTITY[profile]
    const { client } = await start(profile, { sim: { card: 'iijmio-docomo' } })
    await client.send('ATE0')
    // Let boot and registration URCs pass, then ignore any vendor URC that still interleaves.
    for (let i = 0; i < 50 && !(await client.send('AT+CGATT?')).includes('+CGATT: 1'); i++) await sleep(20)
    const send = async (command: string) => (await client.send(command)).filter((l) => !VENDOR_URC.test(l))
    expect(await send('AT+CGMI')).toEqual([expected.cgmi, 'OK'])
    expect(await send('AT+CGMM')).toEqual([expected.cgmm, 'OK'])
    expect((await send('ATI'))[0]).toBe(expected.atiFirst)

    const [imei] = await send('AT+CGSN')
    expect(imei).toMatch(/^\d{15}$/)
    expect(luhnValid(imei as string)).toBe(true)
    expect(await send('AT+CIMI')).toEqual(['440103157204816', 'OK'])

    const iccidLine = (await send(expected.iccidCommand)).find((l) => l.startsWith(expected.iccidPrefix)) as string
    const iccid = iccidLine.slice(expected.iccidPrefix.length).replace(/F$/, '')
    expect(iccid).toMatch(/^8981100\d{12}$/)
    expect(luhnValid(iccid)).toBe(true)

    // Portable fallback: READ BINARY of EF_ICCID, BCD with swapped nibbles and F padding.
    const crsm = (await send('AT+CRSM=176,12258,0,0,10')).find((l) => l.startsWith('+CRSM:')) as string
    const [, sw1, sw2, data] = /^\+CRSM: (\d+),(\d+),"([0-9A-F]+)"$/.exec(crsm) ?? []
    expect([sw1, sw2]).toEqual(['144', '0'])
    let unswapped = ''
    for (let i = 0; i < (data as string).length; i += 2) unswapped += `${data?.[i + 1]}${data?.[i]}`
    expect(unswapped.replace(/F$/, '')).toBe(iccid)

    // A command from another vendor's dialect is unknown here.
    const foreign = profile.startsWith('huawei') ? 'AT+QCSQ' : 'AT^SYSINFOEX'
    expect(await send(foreign)).toEqual(['ERROR'])
  })
})
