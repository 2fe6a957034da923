// Huawei error codes → contract errors (reference/device-protocols.md §1.14; Salamek/huawei-lte-api
// enums/client.py and enums/user.py; the stock EMUI login script for the waittime/remaincount fields).
import { describe, expect, it } from 'vitest'
import { ContractError } from '../../src/contract/errors'
import { contractErrorFromHuawei, huaweiCodeOf, isTokenError, waitSecondsFrom } from '../../src/devices/families/huawei-hilink/errors'
import { elementToRecord, parseXml, type XmlRecord } from '../../src/devices/families/huawei-hilink/xml'

function fields(xml: string): XmlRecord {
  const parsed = parseXml(xml)
  if (!parsed.ok) throw new Error(parsed.error.message)
  return elementToRecord(parsed.root)
}

describe('contractErrorFromHuawei', () => {
  it.each([
    [100002, 'UNSUPPORTED', /does not offer device\/information/],
    [100005, 'UNSUPPORTED', /request format/],
    [100003, 'AUTH_FAILED', /login/],
    [100004, 'BUSY', /busy/],
    [100006, 'BAD_INPUT', /parameter/],
    [108001, 'AUTH_FAILED', /user name or password/],
    [108002, 'AUTH_FAILED', /user name or password/],
    [108006, 'AUTH_FAILED', /will not try again/],
    [108007, 'LOCKED_OUT', /locked logins/],
    [108010, 'LOCKED_OUT', /too many/],
    [108003, 'BUSY', /one admin session/],
    [108005, 'BUSY', /one admin session/],
    [115002, 'AUTH_FAILED', /default admin password/],
    [125001, 'BUSY', /session token/],
    [125002, 'BUSY', /session token/],
    [125003, 'BUSY', /session token/],
    [100001, 'PROTOCOL', /100001 \(unknown error\)/],
    [112001, 'PROTOCOL', /112001/],
    [113018, 'BUSY', /busy with another message/],
    [113053, 'BUSY', /storage .* full/],
    [111013, 'BUSY', /already open/],
    [111001, 'BUSY', /could not run the USSD/],
    [111022, 'UNSUPPORTED', /does not support USSD/],
    [111020, 'TIMEOUT', /did not answer the USSD/],
    [111014, 'BAD_INPUT', /USSD text/],
    [103002, 'AUTH_FAILED', /rejected the PIN/],
    [103011, 'LOCKED_OUT', /permanently blocked/],
    [101003, 'LOCKED_OUT', /PUK/],
    [101001, 'UNSUPPORTED', /no usable SIM/],
    [107724, 'BAD_INPUT', /APN profile change/],
    [113036, 'BAD_INPUT', /could not find or change that message/]
  ] as const)('%d → %s', (code, contractCode, message) => {
    const error = contractErrorFromHuawei(code, { endpoint: 'device/information' })
    expect(error).toBeInstanceOf(ContractError)
    expect(error.code).toBe(contractCode)
    expect(error.message).toMatch(message)
    expect(error.details).toMatchObject({ huaweiCode: code, endpoint: 'device/information' })
    expect(huaweiCodeOf(error)).toBe(code)
  })

  it('108007 carries the wait from the error body, in seconds (waittime is minutes)', () => {
    const error = contractErrorFromHuawei(108007, {
      endpoint: 'user/login',
      fields: fields('<error><code>108007</code><message></message><waittime>5</waittime></error>')
    })
    expect(error.code).toBe('LOCKED_OUT')
    expect(error.details?.waitSeconds).toBe(300)
    expect(error.message).toMatch(/Wait 5 minutes/)
  })

  it('108007 without a wait says so without inventing a number', () => {
    const error = contractErrorFromHuawei(108007, { endpoint: 'user/login' })
    expect(error.details?.waitSeconds).toBeUndefined()
    expect(error.message).toMatch(/a few minutes/)
  })

  it('108006 with remaincount (SCRAM firmware) tells how many tries are left', () => {
    const error = contractErrorFromHuawei(108006, {
      endpoint: 'user/authentication_login',
      fields: fields('<error><code>108006</code><message></message><remaincount>1</remaincount><waittime>0</waittime></error>')
    })
    expect(error.details?.remainingAttempts).toBe(1)
    expect(error.message).toMatch(/1 attempt left/)
  })
})

describe('helpers', () => {
  it('knows the token errors that deserve one retry (reference §1.2)', () => {
    expect([125001, 125002, 125003].every(isTokenError)).toBe(true)
    expect([100003, 108006, 0].some(isTokenError)).toBe(false)
  })

  it('reads remainwaittime from state-login in minutes', () => {
    expect(waitSecondsFrom(fields('<response><lockstatus>1</lockstatus><remainwaittime>2</remainwaittime></response>'))).toBe(120)
    expect(waitSecondsFrom(fields('<response><remainwaittime>0</remainwaittime></response>'))).toBeUndefined()
    expect(waitSecondsFrom(fields('<response><remainwaittime>soon</remainwaittime></response>'))).toBeUndefined()
    expect(waitSecondsFrom(undefined)).toBeUndefined()
  })

  it('huaweiCodeOf ignores other errors', () => {
    expect(huaweiCodeOf(new ContractError('TIMEOUT', 'x'))).toBeUndefined()
    expect(huaweiCodeOf(new Error('x'))).toBeUndefined()
  })
})
