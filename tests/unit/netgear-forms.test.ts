// The /Forms/* reply interpretation and the HTTP-status → contract-error mapping of the Netgear family.
// Redirect pairs: amelchio/eternalegypt (_config_call: /success.json, /error.json), jacobhere/netgear-m5
// netgear-m1.sh (login: /index.html, /index.html?loginfailed; success judged by the effective URL). Result bodies
// `{"success": true}` / `{"errno": 1, "errdetail": "<field>"}`: an MR2100 web-UI study (indexed public doc) [R].
import { describe, expect, it } from 'vitest'
import { ContractError } from '../../src/contract/errors'
import { httpStatusError, refusedError, wrongPasswordError } from '../../src/devices/families/netgear/errors'
import { encodeForm, interpretFormReply, interpretResultBody, LOGIN_REDIRECTS, SETTINGS_REDIRECTS } from '../../src/devices/families/netgear/forms'

const URL_BASE = 'http://192.168.1.1/Forms/config'

describe('interpretFormReply', () => {
  it.each([
    ['settings ok', 302, '/success.json', SETTINGS_REDIRECTS, { kind: 'ok' }],
    ['settings refused', 302, '/error.json', SETTINGS_REDIRECTS, { kind: 'refused' }],
    ['absolute Location', 302, 'http://192.168.1.1/success.json', SETTINGS_REDIRECTS, { kind: 'ok' }],
    ['login ok', 302, '/index.html', LOGIN_REDIRECTS, { kind: 'ok' }],
    ['login failed', 302, '/index.html?loginfailed', LOGIN_REDIRECTS, { kind: 'refused' }],
    ['login failed with extra parameters', 302, '/index.html?loginfailed&x=3', LOGIN_REDIRECTS, { kind: 'refused' }],
    ['session gone', 302, '/sess_cd_tmp?/index.html', SETTINGS_REDIRECTS, { kind: 'elsewhere', location: '/sess_cd_tmp?/index.html' }],
    ['303 counts as a redirect', 303, '/success.json', SETTINGS_REDIRECTS, { kind: 'ok' }]
  ])('%s', (_name, status, location, redirects, expected) => {
    expect(interpretFormReply({ status, location, body: '', url: URL_BASE }, redirects)).toEqual(expected)
  })

  it.each([
    ['204 (MR2100 answers writes with 204 [R])', 204, '', { kind: 'unknown', status: 204 }],
    ['200 with a success body', 200, '{ "success": true }', { kind: 'ok' }],
    ['200 with an error body', 200, '{"errno": 1, "errdetail": "general.shutdown"}', { kind: 'refused', errno: 1, errdetail: 'general.shutdown' }],
    ['200 with HTML', 200, '<html></html>', { kind: 'unknown', status: 200 }],
    ['403', 403, '', { kind: 'http-error', status: 403 }],
    ['500', 500, '<h1>500</h1>', { kind: 'http-error', status: 500 }],
    ['302 without Location', 302, '', { kind: 'http-error', status: 302 }]
  ])('%s', (_name, status, body, expected) => {
    expect(interpretFormReply({ status, location: null, body, url: URL_BASE }, SETTINGS_REDIRECTS)).toEqual(expected)
  })

  it.each([
    ['{"success": true}', { kind: 'ok' }],
    ['{"success": "true"}', { kind: 'ok' }],
    ['{"errno": 1, "errdetail": "sms.deleteId"}', { kind: 'refused', errno: 1, errdetail: 'sms.deleteId' }],
    ['{"errno": "2"}', { kind: 'refused', errno: 2 }],
    ['{"errno": 0}', { kind: 'unknown', status: 200 }],
    ['{"success": false}', { kind: 'refused' }],
    ['not json', { kind: 'unknown', status: 200 }]
  ])('interpretResultBody(%j)', (body, expected) => {
    expect(interpretResultBody(body)).toEqual(expected)
  })

  it('encodes form fields like a browser (dots kept, spaces as +)', () => {
    expect(encodeForm({ 'session.password': 'p&ss w=rd', token: 'abc' })).toBe('session.password=p%26ss+w%3Drd&token=abc')
    expect(new URLSearchParams(encodeForm({ 'sms.sendMsg.text': 'Grüße 😀' })).get('sms.sendMsg.text')).toBe('Grüße 😀')
  })
})

describe('errors users can act on', () => {
  it.each([
    [503, 'BUSY'],
    [429, 'BUSY'],
    [500, 'PROTOCOL'],
    [502, 'PROTOCOL'],
    [404, 'UNSUPPORTED'],
    [418, 'PROTOCOL']
  ])('HTTP %i → %s', (status, code) => {
    const error = httpStatusError(status, '/api/model.json')
    expect(error).toBeInstanceOf(ContractError)
    expect(error.code).toBe(code)
    expect(error.details).toMatchObject({ httpStatus: status })
  })

  it('a refused write names the field the device objected to', () => {
    const error = refusedError('delete the message', 1, 'sms.deleteId')
    expect(error.code).toBe('PROTOCOL')
    expect(error.message).toContain('sms.deleteId')
    expect(error.details).toEqual({ action: 'delete the message', errno: 1, errdetail: 'sms.deleteId' })
  })

  it('a wrong password says Hotspot Desk will not try again', () => {
    const error = wrongPasswordError()
    expect(error.code).toBe('AUTH_FAILED')
    expect(error.message).toMatch(/will not try again/)
  })
})
