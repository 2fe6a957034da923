import { describe, expect, it } from 'vitest'
import { CliFailure } from '../../src/cli/failure'
import {
  displayWidth,
  failureDocument,
  formatApnOutcome,
  formatApnProfiles,
  formatApnProgress,
  formatBytes,
  formatDevices,
  formatDuration,
  formatFailure,
  formatLogin,
  formatSms,
  formatStatus,
  formatUssd,
  styleFor,
  table
} from '../../src/cli/format'
import type { ApnProfile, DeviceStatus, DeviceSummary, DiscoveryState } from '../../src/contract/model'

const HOTSPOT: DeviceSummary = {
  id: 'demo-hotspot',
  name: 'Demo E5577Cs-321',
  family: 'huawei-hilink',
  familyLabel: 'Huawei HiLink / Mobile WiFi',
  demo: true,
  connection: { kind: 'http', baseUrl: 'http://127.0.0.1:41000' },
  state: 'ready',
  capabilities: ['readMsisdn', 'apnWrite', 'ussd'],
  lastUpdated: 1_700_000_000_000
}

const MODEM: DeviceSummary = {
  id: 'usb:12d1:1506:1-2',
  name: 'Huawei E3372h',
  family: 'generic-at',
  familyLabel: 'USB modem (AT commands)',
  demo: false,
  connection: { kind: 'serial', path: '/dev/ttyUSB2' },
  state: 'auth-required',
  capabilities: [],
  lastError: { code: 'AUTH_FAILED', message: 'The SIM wants its PIN.' }
}

const STATUS: DeviceStatus = {
  deviceId: 'demo-hotspot',
  updatedAt: 1_700_000_000_000,
  identity: { manufacturer: 'Huawei', model: 'E5577Cs-321', firmware: '21.333', imei: '864037210457229' },
  sim: { state: 'ready', msisdn: '+12065550143', msisdnSource: 'device', iccid: '8901260412055501434' },
  signal: { bars: 4, rat: 'lte', networkType: 'LTE', rsrpDbm: -88, sinrDb: 13, band: '4' },
  registration: { state: 'home', operatorName: 'T-Mobile', plmn: '310260' },
  data: { state: 'connected', ipv4: '10.0.0.2' },
  usage: { sessionDownloadBytes: 350_000_000, sessionUploadBytes: 1536, sessionSeconds: 2896, monthTotalBytes: 990_000_000, monthLimitBytes: 10 * 1024 ** 3, billingDay: 14 },
  battery: { percent: 46, charging: true },
  wifiClients: 2
}

const DISCOVERY: Pick<DiscoveryState, 'items' | 'usb'> = {
  usb: { available: true },
  items: [
    {
      id: 'usb:12d1:1f01:1-3',
      name: 'Huawei E3372 (installer)',
      status: 'needs-switching',
      reason: 'It shows its installer CD-ROM.',
      fix: { summary: 'Switch it to modem mode.', commands: ['usb_modeswitch -v 12d1 -p 1f01 -J'] },
      canSwitch: true,
      managed: false,
      paths: ['USB 12d1:1f01']
    },
    { id: 'usb:ok', name: 'Managed one', status: 'ready', canSwitch: false, managed: true, paths: [] }
  ]
}

describe('tables', () => {
  it('aligns columns on the widest cell and trims the line ends', () => {
    expect(table(['A', 'LONG HEADER', 'C'], [['1', 'x', 'end'], ['22', 'yy', '']])).toBe(['A   LONG HEADER  C', '1   x            end', '22  yy'].join('\n'))
  })

  it('counts wide characters twice', () => {
    expect(displayWidth('東京')).toBe(4)
    expect(displayWidth('abc')).toBe(3)
    expect(table(['N', 'X'], [['東京', '1'], ['ab', '2']])).toBe(['N     X', '東京  1', 'ab    2'].join('\n'))
  })

  it('paints only the text of a cell, so colour never shifts the columns', () => {
    const out = table(['S', 'N'], [['ready', '1']], { color: true }, (column) => (column === 0 ? 'green' : undefined))
    expect(out.split('\n')[1]).toBe('\u001b[32mready\u001b[39m  1')
  })
})

describe('colour', () => {
  it.each([
    [true, {}, true],
    [false, {}, false],
    [undefined, {}, false],
    [true, { NO_COLOR: '1' }, false],
    [true, { TERM: 'dumb' }, false],
    [false, { FORCE_COLOR: '1' }, true],
    [true, { FORCE_COLOR: '0' }, false]
  ])('isTTY %s with %j → colour %s', (isTTY, env, color) => {
    expect(styleFor(isTTY, env).color).toBe(color)
  })

  it('writes no escape codes without colour', () => {
    const text = [formatDevices([{ index: 1, device: HOTSPOT, status: STATUS }], DISCOVERY), formatStatus(HOTSPOT, STATUS), formatFailure({ message: 'm', hint: 'h' })].join('\n')
    expect(text).not.toContain('\u001b')
  })
})

describe('numbers', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KB'],
    [350_000_000, '334 MB'],
    [10 * 1024 ** 3, '10 GB'],
    [-5, '0 B']
  ])('formatBytes(%i) = %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text)
  })

  it.each([
    [5, '5 s'],
    [65, '1 min 05 s'],
    [2896, '48 min 16 s'],
    [3725, '1 h 02 min']
  ])('formatDuration(%i) = %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text)
  })
})

describe('devices', () => {
  it('shows id, name, family, state, number, carrier and bars, with notes and unusable units', () => {
    const text = formatDevices(
      [
        { index: 1, device: HOTSPOT, status: STATUS },
        { index: 2, device: MODEM }
      ],
      DISCOVERY
    )
    expect(text).toBe(
      [
        '#  ID                 NAME              FAMILY         STATE          NUMBER        CARRIER   BARS',
        '1  demo-hotspot       Demo E5577Cs-321  huawei-hilink  ready          +12065550143  T-Mobile  4/5',
        '2  usb:12d1:1506:1-2  Huawei E3372h     generic-at     auth-required  -             -         -',
        '',
        'Notes:',
        '  2  The SIM wants its PIN.',
        '',
        'Found, but not usable yet:',
        '  Huawei E3372 (installer) (needs-switching): It shows its installer CD-ROM.',
        '    Fix: Switch it to modem mode.',
        '      usb_modeswitch -v 12d1 -p 1f01 -J'
      ].join('\n')
    )
  })

  it('falls back to the SPN when the device names no operator', () => {
    const status = { ...STATUS, registration: { state: 'searching' as const }, sim: { ...STATUS.sim, spn: 'IIJmio' } }
    expect(formatDevices([{ index: 1, device: HOTSPOT, status }], undefined)).toContain('  IIJmio  ')
  })

  it('says what to do when there is nothing', () => {
    const text = formatDevices([], { items: [], usb: { available: false, reason: 'libusb is missing' } })
    expect(text).toMatch(/^No devices found\./)
    expect(text).toContain('USB is not readable here: libusb is missing')
    expect(text).toContain('--address http://192.168.8.1')
    expect(text).toContain('hotspot-desk devices --demo')
  })
})

describe('status', () => {
  it('puts the phone number first and shows every part of the reading', () => {
    const text = formatStatus(HOTSPOT, STATUS, undefined, STATUS.updatedAt + 5000)
    const lines = text.split('\n')
    expect(lines[0]).toBe('Phone number   +12065550143 (from the device)')
    expect(text).toContain('Device         Demo E5577Cs-321 (demo-hotspot) · Huawei HiLink / Mobile WiFi · demo')
    expect(text).toContain('Carrier        T-Mobile · PLMN 310260 · home network')
    expect(text).toContain('Signal         4/5 bars · LTE · RSRP -88 dBm · SINR 13 dB · band 4')
    expect(text).toContain('Mobile data    connected · IPv4 10.0.0.2')
    expect(text).toContain('This session   down 334 MB · up 1.5 KB · for 48 min 16 s')
    expect(text).toContain('This month     944 MB of 10 GB · the cycle starts on day 14')
    expect(text).toContain('Battery        46% · charging')
    expect(text).toContain('Wi-Fi clients  2')
    expect(text).toContain('Can do         readMsisdn, apnWrite, ussd')
    expect(text).toContain('Read           2023-11-14T22:13:20.000Z (5 s ago)')
    expect(text).not.toContain('undefined')
  })

  it('says when the device does not report its number, and leaves out what is unknown', () => {
    const bare: DeviceStatus = {
      deviceId: 'm',
      updatedAt: 0,
      identity: {},
      sim: { state: 'ready' },
      signal: { bars: 0, rat: 'none' },
      registration: { state: 'searching' },
      data: { state: 'disconnected' },
      usage: {}
    }
    const text = formatStatus({ ...MODEM, state: 'ready', lastError: undefined }, bare, undefined, 0)
    expect(text.split('\n')[0]).toBe('Phone number  not reported by the device')
    expect(text).not.toMatch(/This session|This month|Battery|Wi-Fi clients|Hardware/)
    expect(text).toContain('Connection    /dev/ttyUSB2')
    expect(text).toContain('Can do        read status only')
  })
})

describe('APN', () => {
  const profiles: ApnProfile[] = [
    { id: '1', name: 'T-Mobile', apn: 'fast.t-mobile.com', auth: 'none', pdpType: 'ipv4v6', isDefault: true, readOnly: true },
    { id: '2', name: 'IIJmio', apn: 'iijmio.jp', username: 'mio@iij', password: 'iij', auth: 'pap-or-chap', pdpType: 'ipv4', isDefault: false }
  ]

  it('lists profiles with the one in use marked, and no password column', () => {
    const text = formatApnProfiles(profiles)
    expect(text).toBe(
      [
        '   ID  NAME               APN                AUTH         PDP     USER',
        '*  1   T-Mobile (preset)  fast.t-mobile.com  none         ipv4v6  -',
        '   2   IIJmio             iijmio.jp          pap-or-chap  ipv4    mio@iij',
        '',
        '* in use. Switch with: hotspot-desk apn set <device> --profile ID'
      ].join('\n')
    )
  })

  it('says so when there is none', () => {
    expect(formatApnProfiles([])).toBe('The device holds no APN profiles.')
  })

  it.each([
    [{ deviceId: 'd', step: 'snapshot', status: 'started' }, 'snapshot  …'],
    [{ deviceId: 'd', step: 'snapshot', status: 'ok', detail: 'current: T-Mobile' }, 'snapshot  ok  current: T-Mobile'],
    [{ deviceId: 'd', step: 'verify', status: 'failed', detail: 'refused' }, 'verify    failed  refused'],
    [{ deviceId: 'd', step: 'reattach', status: 'ok' }, 'reattach  ok']
  ] as const)('progress %j', (progress, line) => {
    expect(formatApnProgress(progress)).toBe(line)
  })

  it('words the three outcomes', () => {
    const active = profiles[0]
    expect(formatApnOutcome({ ok: true, restored: false, active: profiles[1] })).toBe('APN switched: IIJmio (iijmio.jp) is in use and mobile data is up.')
    expect(formatApnOutcome({ ok: false, restored: true, active })).toBe('The APN was not changed: T-Mobile (fast.t-mobile.com) is in use again.')
    expect(formatApnOutcome({ ok: false, restored: false })).toBe('The APN switch failed and the previous APN could not be restored.')
  })
})

describe('USSD', () => {
  it('prints a single answer as is', () => {
    expect(formatUssd([{ sent: '#225#', reply: { text: 'Your balance is $12.34.', sessionOpen: false } }], { sessionOpen: false, cancelled: false }, 'x')).toBe('Your balance is $12.34.')
  })

  it('shows each step of a menu and how to answer one left open', () => {
    const text = formatUssd(
      [
        { sent: '#999#', reply: { text: '1. Balance\n2. Passes', sessionOpen: true } },
        { sent: '2', reply: { text: '1. Day pass', sessionOpen: true } }
      ],
      { sessionOpen: true, cancelled: false },
      'hotspot-desk ussd 1 --reply DIGITS'
    )
    expect(text).toBe(
      ['> #999#', '1. Balance\n2. Passes', '', '> 2', '1. Day pass', '', 'The network is waiting for an answer: hotspot-desk ussd 1 --reply DIGITS   (or --cancel)'].join('\n')
    )
  })

  it('reports a cancelled session', () => {
    expect(formatUssd([], { sessionOpen: false, cancelled: true }, 'x')).toBe('The USSD session is ended.')
    expect(formatUssd([{ sent: '*1#', reply: { text: 'Menu', sessionOpen: true } }], { sessionOpen: false, cancelled: true }, 'x')).toBe('Menu\n\n(session ended)')
  })
})

describe('SMS', () => {
  it('prints each message under its header, indented, with the storage', () => {
    const text = formatSms(
      [
        { id: '3', from: '+12065550199', text: 'Running late\nsee you', receivedAt: '2024-05-01T10:00:00-07:00', read: false },
        { id: '1', from: '456', text: 'Renews on the 14th.', receivedAt: '2024-04-28T07:00:00-07:00', read: true, partsMissing: 1 }
      ],
      { used: 2, total: 100 }
    )
    expect(text).toBe(
      [
        '#3 · from +12065550199 · 2024-05-01T10:00:00-07:00 · unread',
        '    Running late',
        '    see you',
        '',
        '#1 · from 456 · 2024-04-28T07:00:00-07:00 · 1 part(s) still missing',
        '    Renews on the 14th.',
        '',
        '2 of 100 message slots used.'
      ].join('\n')
    )
  })

  it('says when there are none', () => {
    expect(formatSms([], undefined)).toBe('No messages.')
  })
})

describe('login and errors', () => {
  it('says whether the password was kept', () => {
    expect(formatLogin(HOTSPOT, true, true)).toContain('remembered, encrypted')
    expect(formatLogin(HOTSPOT, false, true)).toContain('Add --remember')
    expect(formatLogin(HOTSPOT, false, false)).toBe('Logged in to Demo E5577Cs-321 (demo-hotspot); it is ready.')
  })

  it('prints errors as "error:" with the hint on the next line', () => {
    expect(formatFailure({ message: 'No device matches "x".', hint: 'Run devices.' })).toBe('error: No device matches "x".\nhint: Run devices.')
    expect(formatFailure({ message: 'Cancelled.' })).toBe('error: Cancelled.')
  })

  it('gives --json one document for a failure, with the exit code', () => {
    const document = failureDocument(new CliFailure(3, 'Wrong password.', 'Try again.', 'AUTH_FAILED', { attemptsLeft: 2 }))
    expect(JSON.parse(JSON.stringify(document))).toEqual({
      error: { code: 'AUTH_FAILED', message: 'Wrong password.', hint: 'Try again.', details: { attemptsLeft: 2 } },
      exitCode: 3
    })
    expect(failureDocument(new CliFailure(1, 'x'))).toEqual({ error: { code: 'FAILED', message: 'x' }, exitCode: 1 })
  })
})
