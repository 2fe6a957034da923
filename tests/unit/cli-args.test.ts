import { describe, expect, it } from 'vitest'
import { DEFAULT_WAIT_SECONDS, deviceAddress, parseCli, serveSocketUrl, USAGE } from '../../src/cli/args'
import { EXIT_CODE_HELP } from '../../src/cli/exit-codes'

const HOST = { demo: false, addresses: [], waitSeconds: DEFAULT_WAIT_SECONDS, verbose: false }

describe('parseCli', () => {
  it.each([
    [[], { command: 'help' }],
    [['--help'], { command: 'help' }],
    [['help'], { command: 'help' }],
    [['status', '1', '--help'], { command: 'help' }],
    [['version'], { command: 'version' }],
    [['--version'], { command: 'version' }],
    [['serve'], { command: 'serve', port: 0, demo: false, open: false }],
    [['serve', '--port', '8123', '--demo'], { command: 'serve', port: 8123, demo: true, open: false }],
    [['serve', '--open'], { command: 'serve', port: 0, demo: false, open: true }],
    [['devices'], { command: 'devices', json: false, host: HOST }],
    [['devices', '--json', '--demo'], { command: 'devices', json: true, host: { ...HOST, demo: true } }],
    [
      ['devices', '--address', 'http://192.168.8.1/', '--address', '192.168.0.1', '--address', 'http://192.168.8.1'],
      { command: 'devices', json: false, host: { ...HOST, addresses: ['http://192.168.8.1', 'http://192.168.0.1'] } }
    ],
    [['devices', '--wait', '2.5', '--verbose'], { command: 'devices', json: false, host: { ...HOST, waitSeconds: 2.5, verbose: true } }],
    [['devices', '--wait', '0'], { command: 'devices', json: false, host: { ...HOST, waitSeconds: 0 } }],
    [
      ['devices', '--connect', 'http://127.0.0.1:43123/?token=abc_DEF-1'],
      { command: 'devices', json: false, host: { ...HOST, connect: 'ws://127.0.0.1:43123/api?token=abc_DEF-1' } }
    ],
    [['status', 'demo-hotspot'], { command: 'status', device: 'demo-hotspot', json: false, host: HOST }],
    [['status', '2', '--json', '--demo'], { command: 'status', device: '2', json: true, host: { ...HOST, demo: true } }],
    [['apn', 'list', 'usb:12d1'], { command: 'apn-list', device: 'usb:12d1', json: false, host: HOST }],
    [
      ['apn', 'set', '1', '--apn', 'iijmio.jp'],
      { command: 'apn-set', device: '1', json: false, host: HOST, target: { draft: { name: 'iijmio.jp', apn: 'iijmio.jp', auth: 'none', pdpType: 'ipv4v6' } } }
    ],
    [
      ['apn', 'set', '1', '--apn', 'iijmio.jp', '--name', 'IIJmio', '--user', 'mio@iij', '--password', 'iij'],
      {
        command: 'apn-set',
        device: '1',
        json: false,
        host: HOST,
        target: { draft: { name: 'IIJmio', apn: 'iijmio.jp', username: 'mio@iij', password: 'iij', auth: 'pap-or-chap', pdpType: 'ipv4v6' } }
      }
    ],
    [
      ['apn', 'set', '1', '--apn', 'rakuten.jp', '--auth', 'chap', '--pdp', 'ipv4', '--json'],
      { command: 'apn-set', device: '1', json: true, host: HOST, target: { draft: { name: 'rakuten.jp', apn: 'rakuten.jp', auth: 'chap', pdpType: 'ipv4' } } }
    ],
    [
      ['apn', 'set', '1', '--apn', ''],
      { command: 'apn-set', device: '1', json: false, host: HOST, target: { draft: { name: 'Blank APN', apn: '', auth: 'none', pdpType: 'ipv4v6' } } }
    ],
    [['apn', 'set', '1', '--profile', '3'], { command: 'apn-set', device: '1', json: false, host: HOST, target: { profileId: '3' } }],
    [['ussd', '1', '#225#'], { command: 'ussd', device: '1', json: false, host: HOST, code: '#225#', replies: [], cancel: false }],
    [
      ['ussd', '1', '*999#', '--reply', '2', '--reply', '1', '--cancel', '--json'],
      { command: 'ussd', device: '1', json: true, host: HOST, code: '*999#', replies: ['2', '1'], cancel: true }
    ],
    [['ussd', '1', '--reply', '9'], { command: 'ussd', device: '1', json: false, host: HOST, replies: ['9'], cancel: false }],
    [['ussd', '1', '--cancel'], { command: 'ussd', device: '1', json: false, host: HOST, replies: [], cancel: true }],
    [['sms', 'list', 'demo-zte', '--json'], { command: 'sms-list', device: 'demo-zte', json: true, host: HOST }],
    [['login', '1', '--password-stdin'], { command: 'login', device: '1', json: false, host: HOST, remember: false }],
    [
      ['login', '1', '--user', 'admin', '--password-stdin', '--remember', '--address', 'http://127.0.0.1:8080'],
      { command: 'login', device: '1', json: false, host: { ...HOST, addresses: ['http://127.0.0.1:8080'] }, username: 'admin', remember: true }
    ]
  ])('%j', (argv, expected) => {
    expect(parseCli(argv)).toEqual({ ok: true, value: expected })
  })

  it.each([
    [['launch'], /Unknown command "launch"/],
    [['serve', '--port', 'abc'], /--port/],
    [['serve', '--port', '70000'], /--port/],
    [['serve', '--port', ''], /--port/],
    [['serve', '--bogus'], /bogus/],
    [['serve', 'extra'], /extra|positional/i],
    [['devices', 'extra'], /Unexpected argument "extra"/],
    [['devices', '--wait', 'soon'], /--wait takes seconds/],
    [['devices', '--wait=-1'], /--wait takes seconds/],
    [['devices', '--wait', '-1'], /--wait/],
    [['devices', '--wait', '601'], /--wait takes seconds/],
    [['devices', '--address', 'ftp://192.168.8.1'], /http:\/\//],
    [['devices', '--address', 'http://admin:pw@192.168.8.1'], /must not carry a user or password/],
    [['devices', '--address', 'http://192.168.8.1/html/home.html'], /without a path/],
    [['devices', '--address', 'http://'], /--address/],
    [['devices', '--connect', 'http://192.168.1.10:8080/?token=abc'], /127\.0\.0\.1/],
    [['devices', '--connect', 'http://127.0.0.1:8080/'], /token/],
    [['devices', '--connect', 'http://127.0.0.1/?token=abc'], /port/],
    [['devices', '--connect', 'not a url'], /--connect takes/],
    [['devices', '--connect', 'http://127.0.0.1:1/?token=a', '--demo'], /built-in host/],
    [['devices', '--json=yes'], /json/],
    [['status'], /Missing the device/],
    [['status', '1', '2'], /Unexpected argument "2"/],
    [['status', ' '], /A device is its id/],
    [['apn'], /apn needs an action/],
    [['apn', 'delete', '1'], /Unknown apn action "delete"/],
    [['apn', 'list'], /Missing the device/],
    [['apn', 'set', '1'], /needs --apn APN .* or --profile ID/],
    [['apn', 'set', '1', '--profile', '1', '--apn', 'x'], /does not go with --apn/],
    [['apn', 'set', '1', '--apn', 'has space'], /without spaces/],
    [['apn', 'set', '1', '--apn', 'a'.repeat(101)], /at most 100/],
    [['apn', 'set', '1', '--apn', 'x', '--name', ''], /--name takes 1 to 64/],
    [['apn', 'set', '1', '--apn', 'x', '--auth', 'mschap'], /--auth takes one of none, pap, chap, pap-or-chap/],
    [['apn', 'set', '1', '--apn', 'x', '--pdp', 'ip'], /--pdp takes one of ipv4, ipv6, ipv4v6/],
    [['apn', 'set', '1', '--apn', 'x', '--user', 'u'.repeat(65)], /--user takes at most 64/],
    [['ussd', '1'], /quote codes with #/],
    [['ussd', '1', 'balance'], /not a USSD code/],
    [['ussd', '1', '*100#', 'extra'], /Unexpected argument "extra"/],
    [['ussd', '1', '*100#', '--reply', 'yes'], /--reply takes the digits/],
    [['sms'], /sms needs an action/],
    [['sms', 'send', '1'], /Unknown sms action "send"/],
    [['login', '1'], /--password-stdin/],
    [['login', '1', '--password', 'hunter2'], /never takes the password on the command line/],
    [['login', '1', '--password=hunter2', '--password-stdin'], /never takes the password on the command line/],
    [['login', '1', '--password-stdin', '--user', ''], /--user takes 1 to 64/]
  ])('%j is refused', (argv, message) => {
    const result = parseCli(argv)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toMatch(message)
  })

  it('never repeats a password it refuses', () => {
    const result = parseCli(['login', '1', '--password', 'hunter2'])
    expect(result.ok || result.message.includes('hunter2')).toBe(false)
  })
})

describe('addresses', () => {
  it.each([
    ['http://192.168.8.1', 'http://192.168.8.1'],
    ['http://192.168.8.1/', 'http://192.168.8.1'],
    ['192.168.8.1:8080', 'http://192.168.8.1:8080'],
    ['HTTP://Router.Local', 'http://router.local'],
    ['https://192.168.1.1/', 'https://192.168.1.1']
  ])('--address %s is the device %s', (text, origin) => {
    expect(deviceAddress(text)).toBe(origin)
  })

  it.each([
    ['http://127.0.0.1:41234/?token=abc', 'ws://127.0.0.1:41234/api?token=abc'],
    ['ws://localhost:41234/api?token=a%2Bb', 'ws://localhost:41234/api?token=a%2Bb']
  ])('--connect %s speaks to %s', (text, socket) => {
    expect(serveSocketUrl(text)).toBe(socket)
  })
})

describe('help', () => {
  it('names every command and documents the exit codes', () => {
    for (const command of ['devices', 'status <device>', 'apn list', 'apn set', 'ussd <device>', 'sms list', 'login <device>', 'serve', 'help', 'version']) {
      expect(USAGE).toContain(command)
    }
    expect(USAGE).toContain(EXIT_CODE_HELP)
    for (const code of [0, 1, 2, 3, 4, 5, 6, 7, 64]) expect(EXIT_CODE_HELP).toMatch(new RegExp(`^  ${code} +\\S`, 'm'))
  })
})
