import { describe, expect, it } from 'vitest'
import { apnFailureHint, apnSwitchExitCode, EXIT, exitCodeFor, hintFor, quoteArg } from '../../src/cli/exit-codes'
import { CliFailure, toFailure } from '../../src/cli/failure'
import { ContractError, ERROR_CODES, type ErrorCode } from '../../src/contract/errors'

describe('exit codes', () => {
  const expected: Record<ErrorCode, number> = {
    BAD_INPUT: 64,
    UNKNOWN_METHOD: 1,
    VERSION_MISMATCH: 1,
    UNAUTHORIZED: 3,
    NOT_FOUND: 2,
    DEVICE_GONE: 4,
    AUTH_FAILED: 3,
    PERMISSION: 1,
    LOCKED_OUT: 3,
    TIMEOUT: 4,
    UNSUPPORTED: 5,
    BUSY: 1,
    CANCELLED: 1,
    PROTOCOL: 1,
    INTERNAL: 1
  }

  it.each(ERROR_CODES.map((code) => [code, expected[code]] as const))('%s → %i', (code, exit) => {
    expect(exitCodeFor(code)).toBe(exit)
  })

  it.each([
    [{ ok: true, restored: false }, 0],
    [{ ok: false, restored: true }, 6],
    [{ ok: false, restored: false }, 7]
  ])('APN switch %j → %i', (result, exit) => {
    expect(apnSwitchExitCode(result)).toBe(exit)
  })

  it('keeps the documented values', () => {
    expect(EXIT).toEqual({ ok: 0, failure: 1, notFound: 2, auth: 3, gone: 4, unsupported: 5, apnRestored: 6, apnNotRestored: 7, usage: 64 })
  })
})

describe('hints', () => {
  it('gives every code but CANCELLED a next step', () => {
    for (const code of ERROR_CODES) {
      const hint = hintFor({ code })
      if (code === 'CANCELLED') expect(hint).toBeUndefined()
      else expect(hint, code).toMatch(/\S{3}/)
    }
  })

  it('tells how to log in to the device the user named, quoted for the shell', () => {
    expect(hintFor({ code: 'AUTH_FAILED' }, 'demo-hotspot')).toContain('hotspot-desk login demo-hotspot --password-stdin --remember')
    expect(hintFor({ code: 'AUTH_FAILED' }, "it's mine")).toContain(`hotspot-desk login 'it'\\''s mine' --password-stdin`)
    expect(hintFor({ code: 'AUTH_FAILED' })).toContain('hotspot-desk login <device>')
  })

  it('says how long a lockout lasts when the device told us', () => {
    expect(hintFor({ code: 'LOCKED_OUT', details: { waitSeconds: 300 } })).toContain('about 5 minutes')
    expect(hintFor({ code: 'LOCKED_OUT', details: { waitSeconds: 40 } })).toContain('about 40 seconds')
    expect(hintFor({ code: 'LOCKED_OUT' })).not.toContain('about')
  })

  it('separates a restored APN failure from one that left the device without data', () => {
    expect(apnFailureHint(true)).toMatch(/previous APN is active again/)
    expect(apnFailureHint(false)).toMatch(/Mobile data may be down/)
  })

  it.each([
    ['demo-hotspot', 'demo-hotspot'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['usb:12d1:1506:1-2', 'usb:12d1:1506:1-2'],
    ['#225#', `'#225#'`],
    ['*100#', `'*100#'`],
    ['two words', `'two words'`]
  ])('quoteArg(%j) = %s', (text, quoted) => {
    expect(quoteArg(text)).toBe(quoted)
  })
})

describe('toFailure', () => {
  it('maps a contract error to its exit code, hint, code and details', () => {
    const failure = toFailure(new ContractError('LOCKED_OUT', 'Locked.', { waitSeconds: 120 }), '1')
    expect(failure).toMatchObject({ exitCode: 3, message: 'Locked.', code: 'LOCKED_OUT', details: { waitSeconds: 120 } })
    expect(failure.hint).toContain('about 2 minutes')
  })

  it('maps error data that crossed a process boundary as a plain object', () => {
    expect(toFailure({ code: 'UNSUPPORTED', message: 'No USSD.' })).toMatchObject({ exitCode: 5, code: 'UNSUPPORTED' })
  })

  it('passes CliFailures through and turns anything else into a general failure', () => {
    const own = new CliFailure(2, 'x')
    expect(toFailure(own)).toBe(own)
    expect(toFailure(new Error('boom'))).toMatchObject({ exitCode: 1, message: 'boom', code: undefined })
    expect(toFailure({ code: 'NOT_A_CODE', message: 'm' })).toMatchObject({ exitCode: 1 })
  })
})
