// SMS over a real PTY in PDU mode. Listed PDUs are decoded with the minimal SMS-DELIVER decoder below,
// written for this test from 3GPP TS 23.040 §9.2.2.1 / §9.2.3 and the 23.038 default alphabet — it shares
// no code with the simulator. Also the +CNMI → +CMTI path and the "> " prompt of +CMGS.
import { afterAll, describe, expect, it } from 'vitest'
import { AtModemSimulator, type AtModemSimulatorOptions } from '../../src/simulators/at-modem'
import { AtTestClient, closeAllSocatPairs, FAST_TIMINGS, ptySuite, sleep, SOCAT } from '../support/pty'

// ---- independent decoder -----------------------------------------------------------------------------

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'

function septets(bytes: Uint8Array, startBit: number, count: number): number[] {
  const out: number[] = []
  for (let i = 0; i < count; i++) {
    let v = 0
    for (let b = 0; b < 7; b++) {
      const bit = startBit + i * 7 + b
      if (((bytes[bit >> 3] ?? 0) >> (bit & 7)) & 1) v |= 1 << b
    }
    out.push(v)
  }
  return out
}

const gsmText = (values: number[]) => values.map((v) => GSM_BASIC[v]).join('')

interface Deliver {
  sender: string
  dcs: number
  timestamp: string
  text: string
  concat?: { ref: number; total: number; seq: number }
  tpduLength: number
}

function decodeDeliver(hex: string): Deliver {
  const b = Buffer.from(hex, 'hex')
  let p = 1 + (b[0] as number) // skip SMSC address
  const tpduStart = p
  const first = b[p++] as number
  expect(first & 0x03).toBe(0) // SMS-DELIVER
  const oaDigits = b[p++] as number
  const toa = b[p++] as number
  const oaBytes = b.subarray(p, p + Math.ceil(oaDigits / 2))
  p += oaBytes.length
  let sender: string
  if ((toa & 0x70) === 0x50) sender = gsmText(septets(oaBytes, 0, Math.floor((oaDigits * 4) / 7)))
  else {
    sender = [...oaBytes].map((x) => `${x & 0x0f}${(x >> 4) === 0x0f ? '' : x >> 4}`).join('')
    if ((toa & 0x70) === 0x10) sender = `+${sender}`
  }
  p++ // PID
  const dcs = b[p++] as number
  const ts = [...b.subarray(p, p + 7)].map((x) => `${x & 0x0f}${x >> 4}`)
  p += 7
  const tzByte = b[p - 1] as number
  const quarters = (tzByte & 0x07) * 10 + (tzByte >> 4)
  const tz = (tzByte & 0x08 ? -1 : 1) * quarters
  const timestamp = `20${ts[0]}-${ts[1]}-${ts[2]}T${ts[3]}:${ts[4]}:${ts[5]}${tz < 0 ? '-' : '+'}${String(Math.abs(tz) / 4).padStart(2, '0')}`
  const udl = b[p++] as number
  const ud = b.subarray(p)
  let headerLen = 0
  let concat: Deliver['concat']
  if (first & 0x40) {
    headerLen = (ud[0] as number) + 1
    for (let i = 1; i < headerLen; ) {
      const iei = ud[i] as number
      const len = ud[i + 1] as number
      if (iei === 0x00) concat = { ref: ud[i + 2] as number, total: ud[i + 3] as number, seq: ud[i + 4] as number }
      i += 2 + len
    }
  }
  let text: string
  if (dcs === 0x00) {
    const headerSeptets = Math.ceil((headerLen * 8) / 7)
    text = gsmText(septets(ud, headerSeptets * 7, udl - headerSeptets))
  } else {
    expect(dcs).toBe(0x08)
    text = ''
    for (let i = headerLen; i + 1 < udl; i += 2) text += String.fromCharCode(ud.readUInt16BE(i))
  }
  return { sender, dcs, timestamp, text, concat, tpduLength: b.length - tpduStart }
}

function parseCmgl(lines: string[]): { index: number; stat: number; length: number; pdu: string }[] {
  const out: { index: number; stat: number; length: number; pdu: string }[] = []
  lines.forEach((line, i) => {
    const m = /^\+CMGL: (\d+),(\d),,(\d+)$/.exec(line)
    if (m) out.push({ index: Number(m[1]), stat: Number(m[2]), length: Number(m[3]), pdu: lines[i + 1] as string })
  })
  return out
}

// ---- harness -------------------------------------------------------------------------------------------

const running: { sim: AtModemSimulator; client: AtTestClient }[] = []

async function start(options: AtModemSimulatorOptions) {
  const sim = new AtModemSimulator({ latencyMs: 0, timings: FAST_TIMINGS, ...options })
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

describe.skipIf(!SOCAT)(ptySuite('AT simulator over a socat PTY: SMS in PDU mode'), () => {
  it('lists real SMS-DELIVER PDUs: GSM 7-bit, a 2-part concatenated message and UCS2 Japanese', async () => {
    const { client } = await start({ profile: 'generic-lte', sim: { card: 'tmobile-us-prepaid' } })
    expect(await client.send('AT+CMGF=0')).toEqual(['OK'])
    expect(await client.send('AT+CPMS="SM","SM","SM"')).toEqual(['+CPMS: 4,30,4,30,4,30', 'OK'])
    const entries = parseCmgl(await client.send('AT+CMGL=4'))
    expect(entries.map((e) => [e.index, e.stat])).toEqual([[1, 1], [2, 0], [3, 0], [4, 0]])
    const decoded = entries.map((e) => decodeDeliver(e.pdu))
    entries.forEach((e, i) => expect(decoded[i]?.tpduLength).toBe(e.length))

    expect(decoded[0]).toMatchObject({
      sender: '456',
      dcs: 0,
      timestamp: '2026-11-02T09:04:11-08',
      text: 'T-Mobile: Your Prepaid account was refilled with $30.00. Your new balance is $42.34.'
    })
    // Two parts with the same reference, 1/2 and 2/2; reassembled they are the whole message.
    const [part1, part2] = [decoded[1] as Deliver, decoded[2] as Deliver]
    expect(part1.concat).toMatchObject({ total: 2, seq: 1 })
    expect(part2.concat).toMatchObject({ total: 2, seq: 2, ref: part1.concat?.ref })
    expect(part1.sender).toBe('+12065550187')
    expect(part1.text.length).toBe(153)
    expect(part1.text + part2.text).toBe(
      'Hey, landing at Narita around 3pm. The rental hotspot shop is on the arrivals floor next to the ' +
        'currency exchange. If the pocket wifi does not connect, restart it and check the APN settings. ' +
        'See you at the hotel lobby at 6!'
    )
    expect(decoded[3]).toMatchObject({ sender: '+818000005678', dcs: 8, text: '空港に着いたら連絡してね。' })

    // Listing marked them read.
    expect(parseCmgl(await client.send('AT+CMGL=0'))).toEqual([])
    expect(parseCmgl(await client.send('AT+CMGL=1'))).toHaveLength(4)
  })

  it('decodes an alphanumeric sender and a concatenated UCS2 Japanese message (IIJmio)', async () => {
    const { client } = await start({ profile: 'huawei-e3372h', sim: { card: 'iijmio-docomo' } })
    await client.send('AT+CMGF=0')
    const decoded = parseCmgl(await client.send('AT+CMGL=4')).map((e) => decodeDeliver(e.pdu))
    expect(decoded[0]).toMatchObject({
      sender: 'IIJmio',
      dcs: 8,
      timestamp: '2026-11-18T10:00:00+09',
      text: '【IIJmio】今月のデータ残量が1GBを下回りました。データ量の追加は会員専用ページから。'
    })
    expect(decoded[1]?.concat).toMatchObject({ total: 2, seq: 1 })
    expect(decoded[1]?.text.length).toBe(67)
    expect((decoded[1]?.text ?? '') + (decoded[2]?.text ?? '')).toMatch(/^明日の打ち合わせは.*よろしくお願いします。$/)
  })

  it('reads, deletes, and announces a new message with +CMTI after +CNMI=2,1', async () => {
    const { sim, client } = await start({ profile: 'quectel-ec25', sim: { card: 'rakuten-mobile' } })
    await client.send('AT+CMGF=0')
    const [head, pdu] = (await client.send('AT+CMGR=1')).filter((l) => !l.startsWith('+QIND'))
    expect(head).toMatch(/^\+CMGR: 1,,\d+$/)
    expect(decodeDeliver(pdu as string).sender).toBe('Rakuten')
    expect(await client.send('AT+CMGR=31')).toEqual(['+CMS ERROR: 321'])

    expect(await client.send('AT+CMGD=1')).toEqual(['OK'])
    expect((await client.send('AT+CPMS?')).filter((l) => l.startsWith('+CPMS'))).toEqual(['+CPMS: "SM",3,20,"SM",3,20,"SM",3,20'])

    expect(await client.send('AT+CNMI=2,1,0,0,0')).toEqual(['OK'])
    const from = client.lines.length
    sim.receiveSms({ from: '+818000004321', text: 'ホテルに着きました', sentAt: new Date('2026-11-22T01:02:03Z') })
    expect(await client.waitForLine(/^\+CMTI:/, 2000, from)).toBe('+CMTI: "SM",1')
    const [, newPdu] = await client.send('AT+CMGR=1')
    expect(decodeDeliver(newPdu as string)).toMatchObject({
      sender: '+818000004321',
      text: 'ホテルに着きました',
      timestamp: '2026-11-22T10:02:03+09'
    })
  })

  it('shows the "> " prompt for +CMGS, sends on Ctrl-Z, cancels on ESC, rejects a wrong length', async () => {
    const { sim, client } = await start({ profile: 'generic-lte', sim: { card: 'tmobile-us-prepaid' } })
    await client.send('AT+CMGF=0')
    // SMS-SUBMIT to +12065550187, GSM 7-bit "Hello", relative validity: built by hand (23.040 §9.2.2.2).
    const submit = '00' + '11' + '00' + '0B91' + '2160550581F7' + '00' + '00' + 'AA' + '05' + 'C8329BFD06'
    const length = submit.length / 2 - 1

    const mark = client.raw.length
    client.write(`AT+CMGS=${length}\r`)
    await client.waitForRaw((raw) => raw.includes('> '), 2000, mark)
    await sleep(80)
    // Exactly the prompt: no line end after "> ", nothing else yet.
    expect(client.raw.slice(mark)).toBe('\r\n> ')
    const from = client.lines.length
    client.write(`${submit}\x1a`)
    await client.waitForLine(/^OK$/, 2000, from)
    expect(client.lines.slice(from).filter((l) => l !== '> ').map((l) => l.replace(/^> /, ''))).toEqual(['+CMGS: 1', 'OK'])
    expect(sim.sentSms).toEqual([{ to: '+12065550187', text: 'Hello', messageReference: 1 }])

    const mark2 = client.raw.length
    client.write(`AT+CMGS=${length}\r`)
    await client.waitForRaw((raw) => raw.endsWith('> '), 2000, mark2)
    client.write('0011\x1b')
    await client.waitForRaw((raw) => raw.endsWith('\r\nOK\r\n'), 2000, mark2)
    expect(client.raw.slice(mark2)).toBe('\r\n> \r\nOK\r\n')
    expect(sim.sentSms).toHaveLength(1)

    const mark3 = client.raw.length
    client.write(`AT+CMGS=${length - 3}\r`)
    await client.waitForRaw((raw) => raw.endsWith('> '), 2000, mark3)
    client.write(`${submit}\x1a`)
    await client.waitForRaw((raw) => raw.includes('ERROR'), 2000, mark3)
    expect(client.raw.slice(mark3)).toBe('\r\n> \r\n+CMS ERROR: 304\r\n')
  })

  it('lists in text mode with +CMGF=1', async () => {
    const { client } = await start({ profile: 'generic-lte', sim: { card: 'tmobile-us-prepaid' } })
    await client.send('AT+CMGF=1')
    const lines = await client.send('AT+CMGL="REC READ"')
    expect(lines).toEqual([
      '+CMGL: 1,"REC READ","456",,"26/11/02,09:04:11-32"',
      'T-Mobile: Your Prepaid account was refilled with $30.00. Your new balance is $42.34.',
      'OK'
    ])
    expect(await client.send('AT+CMGL=4')).toEqual(['+CMS ERROR: 305'])
  })
})
