// AtEngine over a scripted channel: queueing, classification of lines, errors, timeouts and resync, the SMS
// prompt, URCs (also two-line ones), noise, unplug and reopen. Reply shapes follow device-protocols.md §4.1.
import { afterEach, describe, expect, it } from 'vitest'
import { ContractError } from '../../src/contract/errors'
import { describeCommand, redactCommand } from '../../src/devices/at/command-spec'
import { AtEngine, type AtEngineOptions, type AtUrc } from '../../src/devices/at/engine'
import { AtCommandError } from '../../src/devices/at/errors'
import { ScriptedChannel, v1, withInit, type Script } from './at-scripted-channel'

const FAST: AtEngineOptions = { defaultTimeoutMs: 150, syncQuietMs: 25, syncTimeoutMs: 150 }
const engines: AtEngine[] = []

async function openEngine(script: Script, options: AtEngineOptions = {}) {
  const channel = new ScriptedChannel(withInit(script))
  const engine = new AtEngine(channel, { ...FAST, ...options })
  engines.push(engine)
  const urcs: AtUrc[] = []
  engine.onUrc((urc) => urcs.push(urc))
  await engine.open()
  return { channel, engine, urcs }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the promise to reject')
}

afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close()
})

describe('AtEngine: open and init', () => {
  it('resynchronises, then sends ATE0 and AT+CMEE=1', async () => {
    const { channel, engine } = await openEngine(() => undefined)
    expect(engine.state).toBe('open')
    expect(channel.commands).toEqual(['AT', 'ATE0', 'AT+CMEE=1'])
  })

  it('tolerates echoed command lines until ATE0 turns echo off', async () => {
    const channel = new ScriptedChannel()
    channel.echo = true // factory default E1 (device-protocols.md §4.1)
    channel.script = (command) => {
      if (command === 'ATE0') channel.echo = false
      if (command === 'AT' || command === 'ATE0' || command === 'AT+CMEE=1') return v1('OK')
      if (command === 'AT+CGMI') return v1('huawei', 'OK')
      return undefined
    }
    const engine = new AtEngine(channel, FAST)
    engines.push(engine)
    await engine.open()
    channel.echo = true // a modem reset turns echo back on
    const reply = await engine.command('AT+CGMI')
    expect(reply.lines).toEqual(['huawei'])
    expect(engine.transcript.filter((entry) => entry.kind === 'echo').map((entry) => entry.text)).toContain('AT+CGMI')
  })

  it('says the port may not be the AT port when nothing answers', async () => {
    const channel = new ScriptedChannel(() => undefined)
    const engine = new AtEngine(channel, FAST)
    const error = await rejection(engine.open())
    expect(error).toBeInstanceOf(ContractError)
    expect((error as ContractError).code).toBe('TIMEOUT')
    expect((error as ContractError).message).toMatch(/AT port/)
    expect(engine.state).toBe('closed')
    expect(channel.closes).toBe(1)
  })

  it('keeps going when AT+CMEE=1 is refused (old firmware)', async () => {
    const channel = new ScriptedChannel((command) => (command === 'AT+CMEE=1' ? v1('ERROR') : command.startsWith('AT') ? v1('OK') : undefined))
    const engine = new AtEngine(channel, FAST)
    engines.push(engine)
    await engine.open()
    expect(engine.state).toBe('open')
  })

  it('passes the channel open error through unchanged', async () => {
    const channel = new ScriptedChannel()
    channel.openError = new ContractError('BUSY', 'another program holds this port')
    const engine = new AtEngine(channel, FAST)
    const error = await rejection(engine.open())
    expect((error as ContractError).code).toBe('BUSY')
    expect(engine.state).toBe('closed')
  })
})

describe('AtEngine: commands', () => {
  it('keeps exactly one command outstanding', async () => {
    const { channel, engine } = await openEngine((command) => ({
      reply: v1(`${command.slice(2).replace(/[?=].*$/, '')}: 1`, 'OK'),
      delayMs: 20
    }))
    const before = channel.commands.length
    const first = engine.command('AT+CSQ')
    const second = engine.command('AT+CREG?')
    const third = engine.command('AT+CGATT?')
    await sleep(5)
    expect(channel.commands.slice(before)).toEqual(['AT+CSQ'])
    await first
    expect(channel.commands.slice(before)).toEqual(['AT+CSQ', 'AT+CREG?'])
    const [b, c] = await Promise.all([second, third])
    expect(b.lines).toEqual(['+CREG: 1'])
    expect(c.lines).toEqual(['+CGATT: 1'])
    expect(channel.commands.slice(before)).toEqual(['AT+CSQ', 'AT+CREG?', 'AT+CGATT?'])
  })

  it('routes a URC inside a reply to subscribers and keeps the reply intact', async () => {
    const { engine, urcs } = await openEngine((command) =>
      command === 'AT+CSQ' ? v1('+CSQ: 20,99', '+CEREG: 1', '^RSSI:20', 'OK') : undefined
    )
    const reply = await engine.command('AT+CSQ')
    expect(reply.lines).toEqual(['+CSQ: 20,99'])
    expect(reply.final).toBe('OK')
    expect(urcs.map((urc) => [urc.name, urc.line, urc.known])).toEqual([
      ['+CEREG', '+CEREG: 1', true],
      ['^RSSI', '^RSSI:20', true]
    ])
  })

  it('decides solicited vs unsolicited by the expected prefix', async () => {
    const { engine, urcs } = await openEngine((command) => {
      if (command === 'AT+CREG?') return v1('+CREG: 2,1,"8BE3","00002BAF"', 'OK')
      if (command === 'AT+CSQ') return v1('+CREG: 5', '+CSQ: 14,99', 'OK')
      return undefined
    })
    expect((await engine.command('AT+CREG?')).lines).toEqual(['+CREG: 2,1,"8BE3","00002BAF"'])
    expect(urcs).toHaveLength(0)
    expect((await engine.command('AT+CSQ')).lines).toEqual(['+CSQ: 14,99'])
    expect(urcs.map((urc) => urc.line)).toEqual(['+CREG: 5'])
  })

  it('treats +CPIN as the reply to AT+CPIN? and as a URC otherwise', async () => {
    const { engine, urcs } = await openEngine((command) => {
      if (command === 'AT+CPIN?') return v1('+CPIN: READY', 'OK')
      if (command === 'AT+CPIN=***' || command.startsWith('AT+CPIN="')) return v1('OK', '+CPIN: READY')
      return undefined
    })
    expect((await engine.command('AT+CPIN?')).lines).toEqual(['+CPIN: READY'])
    expect((await engine.command('AT+CPIN="1234"')).lines).toEqual([])
    await sleep(10)
    expect(urcs.map((urc) => urc.line)).toEqual(['+CPIN: READY'])
  })

  it('keeps bare lines for identity commands and the PDU after +CMGL', async () => {
    const pdu = '07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07'
    const { engine } = await openEngine((command) => {
      if (command === 'AT+CGSN') return v1('356938035643809', 'OK')
      if (command === 'AT+CMGL=4') return v1('+CMGL: 1,1,,36', pdu, 'OK')
      return undefined
    })
    expect((await engine.command('AT+CGSN')).lines).toEqual(['356938035643809'])
    expect((await engine.command('AT+CMGL=4')).lines).toEqual(['+CMGL: 1,1,,36', pdu])
  })

  it('maps ERROR, +CME ERROR and +CMS ERROR to AtCommandError', async () => {
    const { engine } = await openEngine((command) => {
      if (command === 'AT+CPIN?') return v1('+CME ERROR: 10')
      if (command === 'AT+CIMI') return v1('+CME ERROR: SIM PIN required')
      if (command === 'AT+CMGR=9') return v1('+CMS ERROR: 321')
      if (command === 'AT+BOGUS') return v1('ERROR')
      if (command.startsWith('AT+CPIN="')) return v1('+CME ERROR: 16')
      return undefined
    })
    const absent = (await rejection(engine.command('AT+CPIN?'))) as AtCommandError
    expect(absent).toBeInstanceOf(AtCommandError)
    expect([absent.kind, absent.atCode, absent.atName, absent.code]).toEqual(['cme', 10, 'SIM not inserted', 'PROTOCOL'])
    const pin = (await rejection(engine.command('AT+CIMI'))) as AtCommandError
    expect([pin.kind, pin.atCode, pin.atName]).toEqual(['cme', 11, 'SIM PIN required'])
    const sms = (await rejection(engine.command('AT+CMGR=9'))) as AtCommandError
    expect([sms.kind, sms.atCode, sms.atName]).toEqual(['cms', 321, 'invalid memory index'])
    const plain = (await rejection(engine.command('AT+BOGUS'))) as AtCommandError
    expect([plain.kind, plain.atCode, plain.finalLine]).toEqual(['error', undefined, 'ERROR'])
    const wrongPin = (await rejection(engine.command('AT+CPIN="0000"'))) as AtCommandError
    expect(wrongPin.code).toBe('AUTH_FAILED')
    // The PIN never reaches the error (which may cross the contract) or the transcript.
    expect(wrongPin.message).not.toContain('0000')
    expect(JSON.stringify(engine.transcript)).not.toContain('0000')
    expect(wrongPin.toData().details).toMatchObject({ kind: 'cme', atCode: 16, atName: 'incorrect password' })
  })

  it('rejects bad input without touching the port', async () => {
    const { channel, engine } = await openEngine(() => undefined)
    const before = channel.written.length
    expect(((await rejection(engine.command('CSQ'))) as ContractError).code).toBe('BAD_INPUT')
    expect(((await rejection(engine.command('AT+CSQ\rAT+CFUN=0'))) as ContractError).code).toBe('BAD_INPUT')
    expect(((await rejection(engine.command('AT+CMGS=5', { prompt: 'ab\x1acd' }))) as ContractError).code).toBe('BAD_INPUT')
    expect(channel.written.length).toBe(before)
  })

  it('treats NO CARRIER as final only for call control', async () => {
    const { engine, urcs } = await openEngine((command) => {
      if (command === 'AT+CSQ') return v1('NO CARRIER', '+CSQ: 9,99', 'OK')
      if (command === 'ATD*99#') return v1('NO CARRIER')
      return undefined
    })
    expect((await engine.command('AT+CSQ')).lines).toEqual(['+CSQ: 9,99'])
    expect(urcs.map((urc) => urc.name)).toEqual(['NO CARRIER'])
    const dial = (await rejection(engine.command('ATD*99#'))) as AtCommandError
    expect([dial.kind, dial.atName]).toEqual(['error', 'no carrier'])
  })

  it('keeps every non-URC line of ATI, prefixed ones included', async () => {
    // Huawei E173 ATI from the warthog618/modem README (Usage), with a ^RSSI URC slipped in.
    const { engine, urcs } = await openEngine((command) =>
      command === 'ATI' ? v1('Manufacturer: huawei', 'Model: E173', '^RSSI:18', 'Revision: 21.017.09.00.314', 'IMEI: 1234567', '+GCAP: +CGSM,+DS,+ES', 'OK') : undefined
    )
    expect((await engine.command('ATI')).lines).toEqual(['Manufacturer: huawei', 'Model: E173', 'Revision: 21.017.09.00.314', 'IMEI: 1234567', '+GCAP: +CGSM,+DS,+ES'])
    expect(urcs.map((urc) => urc.line)).toEqual(['^RSSI:18'])
  })

  it("keeps every non-URC line with expect: 'any' (AT console)", async () => {
    const { engine } = await openEngine((command) => (command === 'AT!GSTATUS?' ? v1('!GSTATUS:', 'Current Time:  1234', 'LTE band: B2', 'OK') : undefined))
    const reply = await engine.command('AT!GSTATUS?', { expect: 'any' })
    expect(reply.lines).toEqual(['!GSTATUS:', 'Current Time:  1234', 'LTE band: B2'])
  })
})

describe('AtEngine: timeouts and resynchronisation', () => {
  it('times out, then the next command still works and never sees the late reply', async () => {
    const { channel, engine } = await openEngine((command) => {
      // The modem takes 120 ms for this one and then answers it anyway.
      if (command === 'AT+COPS?') return { reply: v1('+COPS: 0,0,"Late Operator",7', 'OK'), delayMs: 120 }
      if (command === 'AT+CSQ') return v1('+CSQ: 20,99', 'OK')
      return undefined
    })
    const slow = engine.command('AT+COPS?', { timeoutMs: 50 })
    const next = engine.command('AT+CSQ')
    const error = (await rejection(slow)) as ContractError
    expect(error.code).toBe('TIMEOUT')
    expect(error.details).toMatchObject({ command: 'AT+COPS?', timeoutMs: 50 })
    const reply = await next
    expect(reply.lines).toEqual(['+CSQ: 20,99'])
    // Sync strategy: a bare AT between the timed-out command and the next one.
    const tail = channel.commands.slice(-3)
    expect(tail).toEqual(['AT+COPS?', 'AT', 'AT+CSQ'])
    // The late OK of AT+COPS? and the OK of the sync AT are both swallowed by the resync.
    const transcript = engine.transcript
    const timedOut = transcript.findIndex((entry) => entry.kind === 'timeout')
    expect(timedOut).toBeGreaterThan(0)
    const afterTimeout = transcript.slice(timedOut)
    expect(afterTimeout.filter((entry) => entry.kind === 'sync' && entry.direction === 'in').map((entry) => entry.text)).toEqual(['OK', 'OK'])
    expect(afterTimeout.some((entry) => entry.kind === 'dropped' && entry.text.includes('Late Operator'))).toBe(true)
  })

  it('resyncs when the timed-out command never answers', async () => {
    const { engine } = await openEngine((command) => (command === 'AT+CSQ' ? v1('+CSQ: 5,99', 'OK') : undefined))
    expect(((await rejection(engine.command('AT+COPS=?', { timeoutMs: 40 }))) as ContractError).code).toBe('TIMEOUT')
    expect((await engine.command('AT+CSQ')).lines).toEqual(['+CSQ: 5,99'])
  })

  it('drops a late reply that arrives while idle instead of calling it a URC', async () => {
    const { engine, urcs } = await openEngine((command) => {
      if (command === 'AT+CGDCONT?') return { reply: v1('+CGDCONT: 1,"IP","late.apn","",0,0', 'OK'), delayMs: 80 }
      if (command === 'AT+CSQ') return v1('+CSQ: 7,99', 'OK')
      return undefined
    })
    await rejection(engine.command('AT+CGDCONT?', { timeoutMs: 30 }))
    await sleep(120)
    expect(urcs).toHaveLength(0)
    expect((await engine.command('AT+CSQ')).lines).toEqual(['+CSQ: 7,99'])
    expect(engine.transcript.some((entry) => entry.kind === 'dropped' && entry.text.includes('late.apn'))).toBe(true)
  })

  it('fails the waiting command with TIMEOUT when even AT gets no answer', async () => {
    let dead = false
    const init = withInit()
    const channel = new ScriptedChannel((command) => (dead ? undefined : init(command)))
    const engine = new AtEngine(channel, FAST)
    engines.push(engine)
    await engine.open()
    dead = true
    const first = rejection(engine.command('AT+CSQ', { timeoutMs: 30 }))
    const second = rejection(engine.command('AT+CSQ'))
    expect(((await first) as ContractError).code).toBe('TIMEOUT')
    const error = (await second) as ContractError
    expect(error.code).toBe('TIMEOUT')
    expect(error.message).toMatch(/stopped answering/)
    // The port stays usable: once the modem answers again, the next command resyncs and runs.
    dead = false
    channel.script = withInit((command) => (command === 'AT+CSQ' ? v1('+CSQ: 8,99', 'OK') : undefined))
    expect((await engine.command('AT+CSQ')).lines).toEqual(['+CSQ: 8,99'])
  })

  it('abandons an outstanding command on abort and resyncs before the next', async () => {
    const { channel, engine } = await openEngine((command) => {
      if (command === 'AT+COPS=?') return { reply: v1('+COPS: (2,"T-Mobile","TMO","31026",7),,(0-4),(0-2)', 'OK'), delayMs: 60 }
      if (command === 'AT+CSQ') return v1('+CSQ: 11,99', 'OK')
      return undefined
    })
    const controller = new AbortController()
    const scan = rejection(engine.command('AT+COPS=?', { signal: controller.signal }))
    const queued = new AbortController()
    const never = rejection(engine.command('AT+CGMI', { signal: queued.signal }))
    const next = engine.command('AT+CSQ')
    queued.abort(new Error('not needed'))
    controller.abort(new Error('user cancelled'))
    expect(((await scan) as Error).message).toBe('user cancelled')
    expect(((await never) as Error).message).toBe('not needed')
    expect((await next).lines).toEqual(['+CSQ: 11,99'])
    expect(channel.commands).not.toContain('AT+CGMI')
    expect(channel.commands.slice(-2)).toEqual(['AT', 'AT+CSQ'])
  })
})

describe('AtEngine: noise', () => {
  it('drops garbage and half lines and still returns the next reply', async () => {
    const { channel, engine, urcs } = await openEngine((command) => {
      if (command === 'AT+CSQ') {
        // Noise before the reply, a half line glued to it, binary junk inside.
        return '\x00\xff\xfe#@!\r\n+CRE\r\nxK\xc3(\r\n+CSQ: 21,99\r\n\x80\x81\r\nOK\r\n'
      }
      return undefined
    })
    channel.receive('\xff\xfe\xfd garbage while idle\r\n+CR') // half line, no terminator
    const reply = await engine.command('AT+CSQ')
    expect(reply.lines).toEqual(['+CSQ: 21,99'])
    expect(urcs).toHaveLength(0)
  })

  it('drops noise that decodes as a non-ASCII character even where bare lines are answers', async () => {
    // 0xD7 0x94 is valid UTF-8 ("ה"): what a burst of high bytes on the line can turn into.
    const { engine } = await openEngine((command) => (command === 'AT+CGMI' ? '\r\n\xd7\x94\r\nhuawei\r\n\r\nOK\r\n' : undefined))
    expect((await engine.command('AT+CGMI')).lines).toEqual(['huawei'])
  })

  it('recovers a reply and a final result that noise was glued in front of', async () => {
    const { engine } = await openEngine((command) => (command === 'AT+CSQ' ? '\r\n~~+CSQ: 17,99\r\n\r\n#$OK\r\n' : undefined))
    const reply = await engine.command('AT+CSQ')
    expect(reply.lines).toEqual(['+CSQ: 17,99'])
  })

  it('routes unknown prefixed lines as unknown URCs when idle', async () => {
    const { channel, urcs } = await openEngine(() => undefined)
    channel.receive('\r\n+ZFOO: 1,2\r\n\r\nRING\r\n')
    expect(urcs.map((urc) => [urc.name, urc.known])).toEqual([
      ['+ZFOO', false],
      ['RING', true]
    ])
  })
})

describe('AtEngine: two-line URCs', () => {
  it('attaches the PDU line to +CMT, even inside a reply', async () => {
    const pdu = '07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07'
    const { engine, urcs } = await openEngine((command) =>
      command === 'AT+CSQ' ? v1('+CSQ: 20,99') + `\r\n+CMT: ,36\r\n${pdu}\r\n` + v1('OK') : undefined
    )
    const reply = await engine.command('AT+CSQ')
    expect(reply.lines).toEqual(['+CSQ: 20,99'])
    expect(urcs).toHaveLength(1)
    expect(urcs[0]).toMatchObject({ name: '+CMT', line: '+CMT: ,36', body: pdu, known: true })
  })

  it('delivers +CMTI (one line) at once', async () => {
    const { channel, urcs } = await openEngine(() => undefined)
    channel.receive('\r\n+CMTI: "SM",3\r\n')
    expect(urcs).toMatchObject([{ name: '+CMTI', line: '+CMTI: "SM",3' }])
    expect(urcs[0]?.body).toBeUndefined()
  })
})

describe('AtEngine: SMS prompt', () => {
  it('sends the PDU and Ctrl-Z after "> " and returns +CMGS', async () => {
    const pdu = '0001000B819010325476F800080A30533093306B3061308F'
    const { channel, engine } = await openEngine((command) => {
      if (command === 'AT+CMGS=23') return '\r\n> '
      if (command === `${pdu}\x1a`) return { reply: v1('+CMGS: 42', 'OK'), delayMs: 10 }
      return undefined
    })
    const reply = await engine.command('AT+CMGS=23', { prompt: pdu })
    expect(reply.lines).toEqual(['+CMGS: 42'])
    expect(reply.prompt).toBe('sent')
    expect(channel.written.slice(-2)).toEqual(['AT+CMGS=23\r', `${pdu}\x1a`])
    // Message content is not kept in the transcript.
    expect(JSON.stringify(engine.transcript)).not.toContain(pdu)
  })

  it('cancels the prompt with ESC when there is nothing to send', async () => {
    const { channel, engine } = await openEngine((command) => {
      if (command === 'AT+CMGS=10') return '\r\n> '
      if (command === '\x1b') return v1('OK')
      return undefined
    })
    const reply = await engine.command('AT+CMGS=10', { prompt: null })
    expect(reply.prompt).toBe('cancelled')
    expect(channel.written.at(-1)).toBe('\x1b')
  })

  it('cancels a prompt that arrives after its command timed out', async () => {
    const { channel, engine } = await openEngine((command) => {
      if (command === 'AT+CMGS=9') return { reply: '\r\n> ', delayMs: 60 }
      if (command === '\x1b') return v1('OK')
      if (command === 'AT+CSQ') return v1('+CSQ: 12,99', 'OK')
      return undefined
    })
    const late = rejection(engine.command('AT+CMGS=9', { prompt: '00', timeoutMs: 30 }))
    expect(((await late) as ContractError).code).toBe('TIMEOUT')
    expect((await engine.command('AT+CSQ')).lines).toEqual(['+CSQ: 12,99'])
    expect(channel.written).toContain('\x1b')
    expect(channel.written).not.toContain('00\x1a')
  })

  it('understands a prompt that arrives as a terminated line', async () => {
    const { engine } = await openEngine((command) => {
      if (command === 'AT+CMGS=5') return '\r\n>\r\n'
      if (command === 'ABCD\x1a') return v1('+CMGS: 1', 'OK')
      return undefined
    })
    expect((await engine.command('AT+CMGS=5', { prompt: 'ABCD' })).lines).toEqual(['+CMGS: 1'])
  })
})

describe('AtEngine: port loss and reopen', () => {
  it('gives DEVICE_GONE to the waiting and the queued, then reopens', async () => {
    const { channel, engine } = await openEngine((command) => (command === 'AT+CSQ' ? v1('+CSQ: 3,99', 'OK') : undefined))
    const closes: ContractError[] = []
    engine.onClose((error) => closes.push(error))
    const active = rejection(engine.command('AT+COPS=?'))
    const queued = rejection(engine.command('AT+CSQ'))
    await sleep(5)
    channel.unplug()
    for (const pending of [active, queued]) {
      const error = (await pending) as ContractError
      expect(error.code).toBe('DEVICE_GONE')
      expect(error.details).toMatchObject({ path: '/dev/ttyTEST0', disconnected: true })
    }
    expect(closes).toHaveLength(1)
    expect(engine.state).toBe('gone')
    expect(((await rejection(engine.command('AT+CSQ'))) as ContractError).code).toBe('DEVICE_GONE')

    await engine.reopen()
    expect(engine.state).toBe('open')
    expect(channel.reopens).toBe(1)
    expect(channel.commands.slice(-3)).toEqual(['AT', 'ATE0', 'AT+CMEE=1'])
    expect((await engine.command('AT+CSQ')).lines).toEqual(['+CSQ: 3,99'])
  })

  it('close() fails waiting commands and releases the port', async () => {
    const { channel, engine } = await openEngine(() => undefined)
    const pending = rejection(engine.command('AT+COPS=?'))
    await engine.close()
    expect(((await pending) as ContractError).code).toBe('DEVICE_GONE')
    expect(channel.isOpen).toBe(false)
    expect(engine.state).toBe('closed')
  })
})

describe('AtEngine: transcript', () => {
  it('records every line in and out with timestamps and classification', async () => {
    let clock = 1_000
    const channel = new ScriptedChannel(withInit((command) => (command === 'AT+CSQ' ? v1('+CSQ: 20,99', '+CEREG: 1', 'OK') : undefined)))
    const engine = new AtEngine(channel, { ...FAST, now: () => clock++ })
    engines.push(engine)
    const seen: string[] = []
    engine.onTranscript((entry) => seen.push(`${entry.direction}:${entry.kind}:${entry.text}`))
    await engine.open()
    await engine.command('AT+CSQ')
    expect(seen.slice(-4)).toEqual(['out:command:AT+CSQ', 'in:info:+CSQ: 20,99', 'in:urc:+CEREG: 1', 'in:final:OK'])
    const stamps = engine.transcript.map((entry) => entry.at)
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b))
    expect(stamps[0]).toBeGreaterThanOrEqual(1_000)
  })
})

describe('command table', () => {
  it.each([
    ['AT+COPS=?', '+COPS', 'test', ['+COPS:'], 180_000],
    ['AT+COPS?', '+COPS', 'read', ['+COPS:'], 3_000],
    ['AT+COPS=1,2,"310260"', '+COPS', 'set', ['+COPS:'], 120_000],
    ['AT+CUSD=1,"AA180C3602",15', '+CUSD', 'set', [], 30_000],
    ['AT+CUSD?', '+CUSD', 'read', ['+CUSD:'], 30_000],
    ['AT+CREG=2', '+CREG', 'set', [], 3_000],
    ['AT+CSQ', '+CSQ', 'exec', ['+CSQ:'], 3_000],
    ['AT^SYSINFOEX', '^SYSINFOEX', 'exec', ['^SYSINFOEX:'], 3_000],
    ['AT+QENG="servingcell"', '+QENG', 'set', ['+QENG:'], 3_000],
    ['AT+CMGS=23', '+CMGS', 'set', ['+CMGS:'], 60_000],
    ['ATE0', 'E', 'basic', [], 3_000],
    ['ATD*99#', 'D', 'basic', [], 60_000],
    ['AT', '', 'basic', [], 3_000]
  ])('%s → %s %s %j %i ms', (text, name, form, prefixes, timeoutMs) => {
    const spec = describeCommand(text)
    expect([spec.name, spec.form, spec.prefixes, spec.timeoutMs]).toEqual([name, form, prefixes, timeoutMs])
  })

  it('lets options override the table', async () => {
    const channel = new ScriptedChannel(withInit())
    const engine = new AtEngine(channel, { ...FAST, timeouts: [{ match: '+CSQ', timeoutMs: 20, why: 'test' }] })
    engines.push(engine)
    await engine.open()
    const started = Date.now()
    expect(((await rejection(engine.command('AT+CSQ'))) as ContractError).details).toMatchObject({ timeoutMs: 20 })
    expect(Date.now() - started).toBeLessThan(140)
  })

  it.each([
    ['AT+CPIN="1234"', 'AT+CPIN=***'],
    ['AT+CPIN="12345678","1234"', 'AT+CPIN=***'],
    ['AT+CLCK="SC",1,"1234"', 'AT+CLCK=***'],
    ['AT+CGAUTH=1,1,"user","secret"', 'AT+CGAUTH=***'],
    ['AT+CPIN?', 'AT+CPIN?'],
    ['AT+CSQ', 'AT+CSQ']
  ])('redacts %s as %s', (text, expected) => {
    expect(redactCommand(text)).toBe(expected)
  })
})
