// Fuzz (part 2 of 2, see at-fuzz-parsers.test.ts): every AT parser gets 100,000 seeded inputs (random printable text, random bytes, mutated real
// responses, now and then a non-string) and must return a ParseResult without throwing and without the
// 'internal' error kind (which `guarded` only produces when a parser body throws). The corpus rows are the
// real responses from the table tests.
import { describe, expect, it } from 'vitest'
import { parseFinalResult } from '../../src/devices/at/result-codes'
import { ok, type ParseResult } from '../../src/devices/at/result'
import { parseHcsq, parseSyscfgEx, parseSysinfoEx } from '../../src/devices/at/parsers/huawei'
import { parseCgdcont } from '../../src/devices/at/parsers/pdp'
import { parseQcsq, parseQengServingCell } from '../../src/devices/at/parsers/quectel'
import { parseCpin } from '../../src/devices/at/parsers/sim'
import { parseCpms } from '../../src/devices/at/parsers/sms-storage'
import { parseCusd } from '../../src/devices/at/parsers/ussd'
import { parseZpas, parseZsnt } from '../../src/devices/at/parsers/zte'
import { fuzzParser } from './at-fuzz-support'

const RUNS = 100_000

interface Target {
  name: string
  parse: (input: unknown) => ParseResult<unknown>
  prefixes: string[]
  corpus: string[]
}

const targets: Target[] = [
  {
    name: 'parseCgdcont',
    parse: (input) => parseCgdcont(input as never),
    prefixes: ['+CGDCONT: '],
    corpus: ['+CGDCONT: 1,"IP","nate.sktelecom.com","",0,0\r\n+CGDCONT: 2,"IP","epc.tmobile.com","",0,0', '+CGDCONT: 1,"IP",,,0,0']
  },
  { name: 'parseCpin', parse: (input) => parseCpin(input as never), prefixes: ['+CPIN: '], corpus: ['+CPIN: READY', '+CPIN: "SIM PIN"', '   SIM PUK', '+CPIN: PH-NET PIN'] },
  { name: 'parseCpms', parse: (input) => parseCpms(input as never), prefixes: ['+CPMS: '], corpus: ['+CPMS: "ME",1,100,"MT",5,100,"TA",1,100', '+CPMS: 2,28,2,28,2,28'] },
  {
    name: 'parseCusd',
    parse: (input) => parseCusd(input as never),
    prefixes: ['+CUSD: ', '+CUSD: 0,"'],
    corpus: ['+CUSD: 0,"EBB79B1E0685E9ECF4BADE9E03", 0', '+CUSD: 0,"0421043F0430044104380431043E",72', '+CUSD: 4', '+CUSD: 1,"AA180C3602",15']
  },
  {
    name: 'parseCusd (packed hint)',
    parse: (input) => parseCusd(input as never, { packedGsm7: true, charset: 'GSM' }),
    prefixes: ['+CUSD: 0,"'],
    corpus: ['+CUSD: 1,"AA180C3602",15']
  },
  { name: 'parseSysinfoEx', parse: (input) => parseSysinfoEx(input as never), prefixes: ['^SYSINFOEX: '], corpus: ['^SYSINFOEX:2,4,5,1,,3,WCDMA,41,HSPA+', '^SYSINFOEX: 2,3,1,1,,6,"LTE",101,"LTE"'] },
  { name: 'parseHcsq', parse: (input) => parseHcsq(input as never), prefixes: ['^HCSQ: ', '^HCSQ:"LTE",'], corpus: ['^HCSQ:"LTE",30,19,66,0', '^HCSQ: "WCDMA",30,30,58', '^HCSQ: NOSERVICE'] },
  {
    name: 'parseSyscfgEx',
    parse: (input) => parseSyscfgEx(input as never),
    prefixes: ['^SYSCFGEX: '],
    corpus: ['^SYSCFGEX: "00",3FFFFFFF,1,2,7FFFFFFFFFFFFFFF', '^SYSCFGEX: "030201",3FFFFFFF,2,4,80800C5', '^SYSCFGEX: "0201",3fffffff,1,2,']
  },
  { name: 'parseZpas', parse: (input) => parseZpas(input as never), prefixes: ['+ZPAS: '], corpus: ['+ZPAS: "GPRS/EDGE","CS_ONLY"', '+ZPAS: "No Service"'] },
  { name: 'parseZsnt', parse: (input) => parseZsnt(input as never), prefixes: ['+ZSNT: '], corpus: ['+ZSNT: 0,0,0', '+ZSNT: 6,0,0'] },
  {
    name: 'parseQengServingCell',
    parse: (input) => parseQengServingCell(input as never),
    prefixes: ['+QENG: "servingcell",', '+QENG: "NR5G-NSA",'],
    corpus: [
      '+QENG: "servingcell","NOCONN","LTE","FDD",214,01,7676A09,188,6300,20,3,3,603,-104,-9,-78,11,23',
      '+QENG: "servingcell","NOCONN"\r\n+QENG: "LTE","FDD",216,30,30603,256,1500,3,5,5,4BB,-82,-9,-52,19,15,-190,-\r\n+QENG: "NR5G-NSA",216,30,954,-91,14,-10,638784,78,12,1',
      '+QENG: "servingcell","NOCONN","NR5G-SA","TDD",310,260,1E6A5B00D,371,29E00,520110,41,12,-86,-11,16,1,-',
      '+QENG: "servingcell","NOCONN","WCDMA",460,01,A809,88CF012,10713,23,2,-75,-5,-,-,-,-,-'
    ]
  },
  { name: 'parseQcsq', parse: (input) => parseQcsq(input as never), prefixes: ['+QCSQ: '], corpus: ['+QCSQ: "LTE",-69,-102,150,-12', '+QCSQ: "NOSERVICE"'] },
  {
    name: 'parseFinalResult',
    parse: (input) => ok(parseFinalResult(String(input), { callControl: true })),
    prefixes: ['+CME ERROR: ', '+CMS ERROR: ', 'MODEM ERROR: ', 'CONNECT '],
    corpus: ['+CME ERROR: 10', '+CME ERROR: SIM PIN required', '+CMS ERROR: 500', 'NO CARRIER', 'CONNECT 150000000', 'COMMAND NOT SUPPORT']
  }
]


describe('AT parsers never throw (PDP, SIM, SMS storage, USSD, vendors, final results)', () => {
  targets.forEach((target, index) => {
    it(`${target.name}: ${RUNS.toLocaleString('en')} seeded inputs`, () => {
      const seed = 0x5eed1000 + index
      const failure = fuzzParser(seed, RUNS, target.corpus, target.prefixes, target.parse)
      expect(failure, failure ? `seed ${seed}: ${failure.problem} on ${JSON.stringify(failure.input)}` : '').toBeUndefined()
    })
  })
})
