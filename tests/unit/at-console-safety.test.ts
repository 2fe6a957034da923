import { describe, expect, it } from 'vitest'
import { checkConsoleCommand } from '../../src/devices/at/console-safety'

describe('checkConsoleCommand', () => {
  it.each(['AT', 'AT+CSQ', 'at+cops?', 'AT^HCSQ?', 'AT+QENG="servingcell"', 'AT+CGDCONT?', 'AT+CMGL=4', 'AT+CFUN?', 'ATI', 'AT+CSQ;+CREG?'])(
    '%s is safe',
    (line) => {
      expect(checkConsoleCommand(line)).toMatchObject({ ok: true, risk: 'safe' })
    }
  )

  it.each([
    ['AT+CFUN=0', /radio off/],
    ['AT+CFUN=4', /radio off/],
    ['at+cfun=1,1', /restarts/],
    ['AT&F', /factory/],
    ['ATZ', /factory/],
    ['AT^RESET', /factory reset/],
    ['AT+QPRTPARA=3', /factory reset/],
    ['AT^SETPORT="FF;10,12"', /USB personality/],
    ['AT+QCFG="usbnet",1', /USB personality/],
    ['AT+CGDCONT=1,"IP","x"', /APN/],
    ['AT+CLCK="SC",1,"1234"', /SIM/],
    ['AT+CPIN="0000"', /attempt/],
    ['AT+CMGD=1,4', /deletes/],
    ['ATD*99#', /data mode/],
    ['AT+CSQ;+CFUN=0', /radio off/],
    ['AT+COPS=2', /deregisters/]
  ])('%s needs confirmation', (line, reason) => {
    const result = checkConsoleCommand(line)
    expect(result).toMatchObject({ ok: true, risk: 'confirm' })
    if (result.ok) expect(result.reasons.join(' ')).toMatch(reason)
  })

  it.each(['', '   ', 'CSQ', 'AT+CSQ\rAT+CFUN=0', 'AT+CMGS=20\x1a', 'AT'.padEnd(600, 'A'), 'AT\x00'])('%j is refused', (line) => {
    expect(checkConsoleCommand(line).ok).toBe(false)
  })
})
