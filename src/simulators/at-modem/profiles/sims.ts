// The SIM cards the simulator ships with: the three first carrier packs (ARCHITECTURE.md "Carriers and
// portals"). Carrier facts are from reference carriers.md: PLMNs §6, ICCID issuer prefixes §8.1, APNs §5
// and §2.3/§3.3, USSD codes §7. Individual numbers are fictional: serials are made up, every ICCID carries
// a correct Luhn digit, phone numbers are in unassigned/fictional ranges (US 555-01xx; JP 080-0000-xxxx).
import { withLuhn } from '../codecs/luhn'
import { OPERATORS, type LteCell, type NetworkOperator, type VisibleNetwork } from './networks'

export type SimProfileId = 'tmobile-us-prepaid' | 'iijmio-docomo' | 'rakuten-mobile'

export type PdpType = 'IP' | 'IPV6' | 'IPV4V6'

/** A USSD service tree. `menu` nodes leave the session open (+CUSD: 1 …, "further user action required"). */
export type UssdNode =
  | { kind: 'reply'; text: (sim: SimCardSpec) => string }
  | { kind: 'menu'; text: string; options: Record<string, UssdNode | 'back'> }

export interface SeedSms {
  from: string
  text: string
  sentAt: string
  /** Stored as already read (stat 1) or still unread (stat 0). */
  read: boolean
}

export interface SimCardSpec {
  id: SimProfileId
  carrier: string
  iccid: string
  imsi: string
  /** MNC length as EF_AD reports it (carriers.md §6: 3 digits for 310, 2 for 440). */
  mncLength: 2 | 3
  /** The line's number as the network knows it (USSD "own number" replies use it). */
  msisdn: string | undefined
  /** Whether EF_MSISDN holds the number (+CNUM / own-number phonebook). Many data SIMs leave it empty. */
  msisdnOnSim: boolean
  spn: string | undefined
  gid1: string | undefined
  pin: string
  puk: string
  pinEnabled: boolean
  homePlmn: string
  /** APNs the network accepts for this subscription, with the PDP types it grants addresses for. */
  apns: readonly { apn: string; user?: string; password?: string }[]
  defaultContext: { apn: string; pdpType: PdpType }
  /** Address families the network assigns: T-Mobile is IPv6-only with 464XLAT (carriers.md §5). */
  addressFamilies: readonly ('v4' | 'v6')[]
  /** +CME code when the host asks for an IPv4-only context the network refuses, if it does. */
  ipv4OnlyReject?: number
  /**
   * What an APN the network does not know does to +CGACT: ESM cause #27 (+CME ERROR: 127, ModemManager
   * ModemManager-errors.h MISSING_OR_UNKNOWN_APN), #33 (+CME ERROR: 133, "bogus APN on some modems",
   * carriers.md §9.2) or a context that comes up without an address. Which one a given carrier produces is
   * not documented in the reference [U]; the three SIMs use one each so clients meet all three.
   */
  wrongApnOutcome: 'reject-unknown-apn' | 'reject-not-subscribed' | 'no-address'
  smsc: string
  /** Local time zone of the home network, quarter hours (SMS timestamps). */
  tzQuarterHours: number
  home: NetworkOperator
  homeCell: LteCell
  /** What +COPS=? finds (home network included). */
  visible: readonly VisibleNetwork[]
  /** USSD codes the network answers; others get +CUSD: 4 (27.007 "operation not supported"). */
  ussd: Readonly<Record<string, UssdNode>>
  smsCapacity: number
  inbox: readonly SeedSms[]
}

const tmobileCell: LteCell = {
  band: 66,
  earfcn: 66786,
  bandwidthMHz: 20,
  duplex: 'FDD',
  tac: 0x7a1f,
  cellId: 0x1a2b3c4,
  pci: 287,
  levels: { rsrp: -94, rsrq: -10, sinr: 13 }
}

const docomoCell: LteCell = {
  band: 1,
  earfcn: 100,
  bandwidthMHz: 15,
  duplex: 'FDD',
  tac: 0x4e21,
  cellId: 0x2c0d51e,
  pci: 141,
  levels: { rsrp: -89, rsrq: -9, sinr: 16 }
}

const rakutenCell: LteCell = {
  band: 3,
  earfcn: 1500,
  bandwidthMHz: 20,
  duplex: 'FDD',
  tac: 0x1b5c,
  cellId: 0x0e3f802,
  pci: 12,
  levels: { rsrp: -101, rsrq: -12, sinr: 7 }
}

/** KDDI partner roaming for Rakuten outside its own coverage (carriers.md §3.3: data seen on 440-53). */
const kddiCell: LteCell = {
  band: 18,
  earfcn: 5900,
  bandwidthMHz: 15,
  duplex: 'FDD',
  tac: 0x21a4,
  cellId: 0x4b1c20f,
  pci: 402,
  levels: { rsrp: -97, rsrq: -11, sinr: 9 }
}

const otherCell = (band: number, earfcn: number, cellId: number): LteCell => ({
  band,
  earfcn,
  bandwidthMHz: 10,
  duplex: 'FDD',
  tac: 0x3001,
  cellId,
  pci: 77,
  levels: { rsrp: -104, rsrq: -13, sinr: 4 }
})

// EMM cause #11 "PLMN not allowed" for a national network the SIM has no agreement with (24.301 §9.9.3.9).
const NOT_ALLOWED = { rejectCause: 11 }

const TMOBILE_MSISDN = '+12065550142'

/**
 * T-Mobile US prepaid data line. IMSI 310-260 (carriers.md §6), ICCID 8901260… (US zero-padded country
 * code, §8.1), 19 digits; APN fast.t-mobile.com, IPv6 (§5). USSD #225# balance, #932# data, #686# number
 * (§7, S15); #100# is a fictional two-level menu — T-Mobile publishes none (§7 lists single replies only).
 */
const tmobile: SimCardSpec = {
  id: 'tmobile-us-prepaid',
  carrier: 'T-Mobile US',
  iccid: withLuhn('890126042301754962'),
  imsi: '310260591274038',
  mncLength: 3,
  msisdn: TMOBILE_MSISDN,
  // Typical of data-only lines: EF_MSISDN is empty, +CNUM answers just OK (device-protocols.md §4.3).
  msisdnOnSim: false,
  spn: 'T-Mobile',
  gid1: undefined,
  pin: '1234',
  puk: '73917480',
  pinEnabled: false,
  homePlmn: '310260',
  apns: [{ apn: 'fast.t-mobile.com' }, { apn: 'pcweb.tmobile.com' }, { apn: 'epc.tmobile.com' }],
  defaultContext: { apn: 'fast.t-mobile.com', pdpType: 'IPV4V6' },
  addressFamilies: ['v6'],
  // ESM #51 "PDN type IPv6 only allowed" → +CME ERROR: 193 (ModemManager IPV6_ONLY_ALLOWED); carriers.md §9.2
  // notes IPv4-only may be rejected on IPv6-first T-Mobile [U for the exact behaviour].
  ipv4OnlyReject: 193,
  wrongApnOutcome: 'reject-unknown-apn',
  // A widely published T-Mobile US SMSC number [U: not in the reference].
  smsc: '+12063130004',
  tzQuarterHours: -32,
  home: OPERATORS.tmobileUs,
  homeCell: tmobileCell,
  visible: [
    { operator: OPERATORS.tmobileUs, cell: tmobileCell, access: 'home' },
    { operator: OPERATORS.att, cell: otherCell(2, 850, 0x3310a01), access: NOT_ALLOWED },
    { operator: OPERATORS.verizon, cell: otherCell(13, 5230, 0x5520b03), access: NOT_ALLOWED }
  ],
  ussd: {
    '#225#': {
      kind: 'reply',
      text: () => 'Your account balance is $12.34. Your plan renews on 12/05/26. Reply STOP to opt out of balance alerts.'
    },
    '#932#': {
      kind: 'reply',
      text: () => 'Data used: 3.21GB of 10GB high-speed data. Plan: Prepaid Mobile Internet. Renews 12/05/26.'
    },
    '#686#': { kind: 'reply', text: (sim) => `Your number is ${(sim.msisdn ?? '').replace(/^\+1/, '')}.` },
    '#100#': {
      kind: 'menu',
      text: 'Prepaid menu\n1 Balance\n2 Data\n3 My number\n0 Exit',
      options: {
        '1': { kind: 'reply', text: () => 'Balance: $12.34. Renews 12/05/26.' },
        '2': {
          kind: 'menu',
          text: 'Data\n1 Usage\n2 Passes\n9 Back',
          options: {
            '1': { kind: 'reply', text: () => 'Used 3.21GB of 10GB. Resets 12/05/26.' },
            '2': { kind: 'reply', text: () => 'No active data pass. Buy passes at my.t-mobile.com' },
            '9': 'back'
          }
        },
        '3': { kind: 'reply', text: (sim) => `Your number is ${(sim.msisdn ?? '').replace(/^\+1/, '')}.` },
        '0': { kind: 'reply', text: () => 'Goodbye.' }
      }
    }
  },
  smsCapacity: 30,
  inbox: [
    {
      from: '456',
      text: 'T-Mobile: Your Prepaid account was refilled with $30.00. Your new balance is $42.34.',
      sentAt: '2026-11-02T17:04:11Z',
      read: true
    },
    {
      from: '+12065550187',
      text:
        'Hey, landing at Narita around 3pm. The rental hotspot shop is on the arrivals floor next to the ' +
        'currency exchange. If the pocket wifi does not connect, restart it and check the APN settings. ' +
        'See you at the hotel lobby at 6!',
      sentAt: '2026-11-20T09:15:00Z',
      read: false
    },
    { from: '+818000005678', text: '空港に着いたら連絡してね。', sentAt: '2026-11-21T02:40:05Z', read: false }
  ]
}

/**
 * IIJmio Type D on the docomo network (IMSI 440-10, carriers.md §2/§6). The plastic is docomo-issued:
 * ICCID 8981100 + maker code 05 + version/size digits + serial + Luhn (§8.1, S49d). APN iijmio.jp with
 * mio@iij / iij, PAP or CHAP (§2.3). No USSD service in Japan (§7).
 */
const iijmio: SimCardSpec = {
  id: 'iijmio-docomo',
  carrier: 'IIJmio (docomo network)',
  iccid: withLuhn('898110051462098537'),
  imsi: '440103157204816',
  mncLength: 2,
  msisdn: '+818000001234',
  msisdnOnSim: true,
  spn: 'IIJmio', // [U] SPN spelling
  gid1: undefined,
  pin: '0000',
  puk: '28461937',
  pinEnabled: false,
  homePlmn: '44010',
  apns: [{ apn: 'iijmio.jp', user: 'mio@iij', password: 'iij' }],
  defaultContext: { apn: 'iijmio.jp', pdpType: 'IPV4V6' },
  addressFamilies: ['v4', 'v6'],
  wrongApnOutcome: 'reject-not-subscribed',
  smsc: '+819066519300', // [U] commonly quoted docomo SMSC
  tzQuarterHours: 36,
  home: OPERATORS.docomo,
  homeCell: docomoCell,
  visible: [
    { operator: OPERATORS.docomo, cell: docomoCell, access: 'home' },
    { operator: OPERATORS.kddi, cell: kddiCell, access: NOT_ALLOWED },
    { operator: OPERATORS.softbank, cell: otherCell(8, 3625, 0x6a0c101), access: NOT_ALLOWED },
    { operator: OPERATORS.rakuten, cell: rakutenCell, access: NOT_ALLOWED }
  ],
  ussd: {},
  smsCapacity: 20,
  inbox: [
    {
      from: 'IIJmio',
      text: '【IIJmio】今月のデータ残量が1GBを下回りました。データ量の追加は会員専用ページから。',
      sentAt: '2026-11-18T01:00:00Z',
      read: true
    },
    {
      from: '+818000005678',
      text:
        '明日の打ち合わせは午後三時からに変更になりました。場所は渋谷駅の近くのカフェです。' +
        'モバイルルーターを持ってきてください。充電も忘れずに。資料は共有フォルダに置いてあります。よろしくお願いします。',
      sentAt: '2026-11-20T11:30:00Z',
      read: false
    },
    { from: '+12065550187', text: 'Landed in Tokyo? Call me when your SIM works.', sentAt: '2026-11-21T08:02:44Z', read: false }
  ]
}

/**
 * Rakuten Mobile (own network, IMSI 440-11; partner roaming on KDDI 440-53, carriers.md §3.3/§6). ICCID
 * issuer prefix 898109 (ITU list, §8.1). APN rakuten.jp, no credentials, IPv4v6 (§3.3).
 */
const rakuten: SimCardSpec = {
  id: 'rakuten-mobile',
  carrier: 'Rakuten Mobile',
  iccid: withLuhn('898109340552718064'),
  imsi: '440113708254169',
  mncLength: 2,
  msisdn: '+818000009876',
  msisdnOnSim: true,
  spn: 'Rakuten', // [U]
  gid1: undefined,
  pin: '0000',
  puk: '51820463',
  pinEnabled: false,
  homePlmn: '44011',
  apns: [{ apn: 'rakuten.jp' }],
  defaultContext: { apn: 'rakuten.jp', pdpType: 'IPV4V6' },
  addressFamilies: ['v4', 'v6'],
  wrongApnOutcome: 'no-address',
  smsc: '+818090001234', // fictional
  tzQuarterHours: 36,
  home: OPERATORS.rakuten,
  homeCell: rakutenCell,
  visible: [
    { operator: OPERATORS.rakuten, cell: rakutenCell, access: 'home' },
    { operator: OPERATORS.kddi, cell: kddiCell, access: 'roaming' },
    { operator: OPERATORS.docomo, cell: docomoCell, access: NOT_ALLOWED },
    { operator: OPERATORS.softbank, cell: otherCell(8, 3625, 0x6a0c101), access: NOT_ALLOWED }
  ],
  ussd: {},
  smsCapacity: 20,
  inbox: [
    {
      from: 'Rakuten',
      text: '[楽天モバイル] 海外ローミング（データ通信）の利用を開始しました。',
      sentAt: '2026-11-10T06:12:00Z',
      read: true
    },
    {
      from: '+12065550187',
      text:
        'Reminder: the conference shuttle leaves the hotel at 8:15 tomorrow. Bring your badge and the ' +
        'pocket wifi; the venue network is unreliable. Text me if the hotspot shows no service after you ' +
        'arrive, I have a spare SIM.',
      sentAt: '2026-11-19T22:45:10Z',
      read: false
    },
    { from: '+818000005678', text: '了解です！', sentAt: '2026-11-21T03:10:00Z', read: false }
  ]
}

export const SIM_PROFILES: Readonly<Record<SimProfileId, SimCardSpec>> = {
  'tmobile-us-prepaid': tmobile,
  'iijmio-docomo': iijmio,
  'rakuten-mobile': rakuten
}
