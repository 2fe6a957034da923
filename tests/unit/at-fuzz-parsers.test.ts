// Fuzz (part 1 of 2; at-fuzz-vendor.test.ts has the rest, split so vitest runs them in parallel): every AT parser gets 100,000 seeded inputs (random printable text, random bytes, mutated real
// responses, now and then a non-string) and must return a ParseResult without throwing and without the
// 'internal' error kind (which `guarded` only produces when a parser body throws). The corpus rows are the
// real responses from the table tests.
import { describe, expect, it } from 'vitest'
import type { ParseResult } from '../../src/devices/at/result'
import { parseCnum } from '../../src/devices/at/parsers/cnum'
import { parseIccid } from '../../src/devices/at/parsers/iccid'
import { parseFirmware, parseImei, parseImsi, parseManufacturer, parseModel } from '../../src/devices/at/parsers/identity'
import { parseCopsRead, parseCopsTest } from '../../src/devices/at/parsers/operator'
import { parseRegistration } from '../../src/devices/at/parsers/registration'
import { parseCesq, parseCsq } from '../../src/devices/at/parsers/signal'
import { fuzzParser } from './at-fuzz-support'

const RUNS = 100_000

interface Target {
  name: string
  parse: (input: unknown) => ParseResult<unknown>
  prefixes: string[]
  corpus: string[]
}

const targets: Target[] = [
  { name: 'parseManufacturer', parse: (input) => parseManufacturer(input as never), prefixes: ['+CGMI: ', '+GMI:'], corpus: ['huawei', '+CGMI: "Quectel"', 'SonyEricsson\r\rOK\r', 'Manufacturer: Sierra Wireless'] },
  { name: 'parseModel', parse: (input) => parseModel(input as never), prefixes: ['+CGMM: '], corpus: ['+CGMM: "GSM900","GSM1800","MODEL=V635"', 'DWM-156\r\nOK', '+CGMM: MTK2'] },
  { name: 'parseFirmware', parse: (input) => parseFirmware(input as never), prefixes: ['+CGMR: '], corpus: ['Revision: EC25EFAR06A06M4G', '21.180.01.00.00'] },
  { name: 'parseImei', parse: (input) => parseImei(input as never), prefixes: ['+CGSN: '], corpus: ['490154203237518', '+CGSN: "490154203237518"', 'IMEI: 356938035643809'] },
  { name: 'parseImsi', parse: (input) => parseImsi(input as never), prefixes: ['+CIMI: '], corpus: ['310260123456789', '+CIMI: 440101234567890'] },
  {
    name: 'parseIccid',
    parse: (input) => parseIccid(input as never),
    prefixes: ['^ICCID: ', '+CRSM: 144,0,', '+CCID: '],
    corpus: ['^ICCID: 8944200053671052499F', '+CRSM: 144,0,"984402003576012594F9"', '+QCCID: 898602F9091830030220', '"984402003576012594F9"']
  },
  {
    name: 'parseCnum',
    parse: (input) => parseCnum(input as never),
    prefixes: ['+CNUM: '],
    corpus: ['+CNUM: "something","1234567890",161', '+CNUM: something,"+34600000001",145\r\n+CNUM: ,"+34600000002",145', '+CNUM: Owner Name,15555555555,129']
  },
  { name: 'parseCsq', parse: (input) => parseCsq(input as never), prefixes: ['+CSQ: '], corpus: ['+CSQ: 21,99', '+CSQ: 99,99', '+CSQ: 100,99', '+CSQ:9,3'] },
  { name: 'parseCesq', parse: (input) => parseCesq(input as never), prefixes: ['+CESQ: '], corpus: ['+CESQ: 99,99,255,255,20,80', '+CESQ: 10,6,255,255,255,255'] },
  { name: 'parseCopsRead', parse: (input) => parseCopsRead(input as never), prefixes: ['+COPS: '], corpus: ['+COPS: 1,0,"CHINA MOBILE",7', '+COPS: 0', '+COPS: 1,2,"46000"'] },
  {
    name: 'parseCopsTest',
    parse: (input) => parseCopsTest(input as never),
    prefixes: ['+COPS: ', '+COPS: ('],
    corpus: [
      '+COPS: (2,"T-Mobile","TMO","31026",0),(1,"AT&T","AT&T","310410",0),,(0,1,2,3,4),(0,1,2)',
      '+COPS: (2,"AT&T","","310410",0),(2,"","","3104100",2),(1,"AT&T","","310260",0),,(0-4),(0-2)',
      '+COPS: (1,"vodafone.de","Vodafone","26202",7)(0,1,2,3,4),(0,1,2)',
      '+COPS: (2,"T - Mobile",,"31026",0),\r\n(1,"AT&T",,"310410",0),,(0,1,3),(0,2)'
    ]
  },
  {
    name: 'parseRegistration',
    parse: (input) => parseRegistration(input as never),
    prefixes: ['+CREG: ', '+CGREG: ', '+CEREG: ', '+C5GREG: '],
    corpus: ['+CREG: 2,1,"CE00","01CEAD8F"', '+CEREG: 1, 1F00, 79D903 ,7', '+C5GREG: 2,1,1F00,79D903,11,6,ABCDEF', '+CGREG: 1,"1422","00000142",3,"00"', '+CEREG: 3,3,"","",,0,15']
  },
  {
    name: 'parseRegistration (read)',
    parse: (input) => parseRegistration(input as never, { form: 'read' }),
    prefixes: ['+CREG: ', '+CEREG: '],
    corpus: ['+CREG:002,001,"18d8","ffff"', '+CREG: 2,,']
  }
]


describe('AT parsers never throw (identity, radio)', () => {
  targets.forEach((target, index) => {
    it(`${target.name}: ${RUNS.toLocaleString('en')} seeded inputs`, () => {
      const seed = 0x5eed0000 + index
      const failure = fuzzParser(seed, RUNS, target.corpus, target.prefixes, target.parse)
      expect(failure, failure ? `seed ${seed}: ${failure.problem} on ${JSON.stringify(failure.input)}` : '').toBeUndefined()
    })
  })
})
