// The Huawei XML reader/writer and document layer, on real answers.
// Samples: reference/device-protocols.md §1.1–§1.2 (shapes), Salamek/huawei-lte-api tests/test_session.py
// (home-page meta tag, CESU-8 emoji bytes, escaping), home-assistant/core tests/components/huawei_lte
// (field values), the stock web UI's error bodies with waittime/remaincount.
import { describe, expect, it } from 'vitest'
import { extractCsrfTokens, parseHuaweiDocument } from '../../src/devices/families/huawei-hilink/document'
import {
  asList,
  decodeEntities,
  decodeHuaweiText,
  elementToRecord,
  parseXml,
  serializeRequest,
  textOf,
  type XmlRecord
} from '../../src/devices/families/huawei-hilink/xml'

describe('parseXml', () => {
  const good: Array<[string, string, (root: ReturnType<typeof rootOf>) => void]> = [
    [
      'SesTokInfo with declaration and CRLF (reference §1.2)',
      '<?xml version="1.0" encoding="UTF-8"?>\r\n<response>\r\n<SesInfo>SessionID=abc123</SesInfo>\r\n<TokInfo>tok987</TokInfo>\r\n</response>\r\n',
      (root) => {
        expect(root.name).toBe('response')
        expect(root.children.map((c) => c.name)).toEqual(['SesInfo', 'TokInfo'])
        expect(root.children[0]?.text).toBe('SessionID=abc123')
      }
    ],
    [
      'setter answer <response>OK</response> (reference §1.1)',
      '<?xml version="1.0" encoding="UTF-8"?><response>OK</response>',
      (root) => expect(root.text).toBe('OK')
    ],
    [
      'self-closing and empty elements (Msisdn often empty, Salamek README sample)',
      '<response><Msisdn/><MacAddress2></MacAddress2><DeviceName>B310s-22</DeviceName></response>',
      (root) => expect(root.children.map((c) => [c.name, c.text])).toEqual([['Msisdn', ''], ['MacAddress2', ''], ['DeviceName', 'B310s-22']])
    ],
    [
      'entities and numeric references (Salamek test_session: "A &amp; &lt;")',
      '<response><Content>A &amp; &lt; &#72;&#x69; &quot;q&quot; &apos;</Content></response>',
      (root) => expect(root.children[0]?.text).toBe('A & < Hi "q" \'')
    ],
    [
      'CDATA and comments',
      '<!-- from a device --><response><Content><![CDATA[<b>5 GB left</b> & more]]></Content><!-- note --></response>',
      (root) => expect(root.children[0]?.text).toBe('<b>5 GB left</b> & more')
    ],
    [
      'byte-order mark and attributes',
      '\uFEFF<response version="1"><a x=\'1\' y="2">v</a></response>',
      (root) => {
        expect(root.attributes).toEqual({ version: '1' })
        expect(root.children[0]?.attributes).toEqual({ x: '1', y: '2' })
      }
    ]
  ]
  it.each(good)('reads %s', (_name, input, check) => {
    check(rootOf(input))
  })

  const bad: Array<[string, string, RegExp]> = [
    ['a truncated answer', '<?xml version="1.0" encoding="UTF-8"?>\r\n<response>\r\n<ConnectionStatus>90', /never closed/],
    ['mismatched tags', '<response><SignalIcon>4</Signal></response>', /closes/],
    ['binary noise', '\u0000\u0007\u00ff<<respon se>>', /expected an element/],
    ['an empty body', '', /empty document/],
    ['content after the root', '<response/><response/>', /after the root/],
    ['a DOCTYPE (entity expansion)', '<!DOCTYPE x [<!ENTITY a "aaaa">]><response>&a;</response>', /DOCTYPE/],
    ['an unterminated comment', '<response><!-- </response>', /unterminated comment/],
    ['an unquoted attribute', '<response a=1></response>', /quoted/]
  ]
  it.each(bad)('returns an error value for %s', (_name, input, message) => {
    const result = parseXml(input)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.kind).toBe('xml-error')
      expect(result.error.message).toMatch(message)
    }
  })

  it('caps nesting depth and size instead of recursing without limit', () => {
    const deep = '<a>'.repeat(40) + '</a>'.repeat(40)
    const depth = parseXml(deep)
    expect(depth.ok).toBe(false)
    if (!depth.ok) expect(depth.error.message).toMatch(/deeper than 32/)
    const big = parseXml(`<response>${'x'.repeat(2000)}</response>`, { maxLength: 1000, maxDepth: 32 })
    expect(big.ok).toBe(false)
  })

  it('never throws, whatever it is given', () => {
    for (const input of ['<', '</', '<a', '<a b', '<a b=', '<a b="', '<a>&#xFFFFFFF;</a>', '<?', '<!--', '<a><![CDATA[', '<a></a', '>', null as unknown as string]) {
      expect(() => parseXml(input)).not.toThrow()
    }
  })
})

describe('records and lists', () => {
  it('turns repeated elements into arrays and single ones into a one-element list (reference §1.1)', () => {
    const one = elementToRecord(rootOf('<response><Count>1</Count><Messages><Message><Index>40001</Index></Message></Messages></response>'))
    const two = elementToRecord(rootOf('<response><Messages><Message><Index>1</Index></Message><Message><Index>2</Index></Message></Messages></response>'))
    const none = elementToRecord(rootOf('<response><Count>0</Count><Messages></Messages></response>'))
    const messages = (record: XmlRecord) => {
      const box = record.Messages // '' when the list is empty
      return asList(typeof box === 'object' && !Array.isArray(box) ? (box as XmlRecord).Message : undefined)
    }
    expect(messages(one).map((m) => textOf(m as XmlRecord, 'Index'))).toEqual(['40001'])
    expect(messages(two).map((m) => textOf(m as XmlRecord, 'Index'))).toEqual(['1', '2'])
    expect(messages(none)).toEqual([])
    expect(asList(undefined)).toEqual([])
    expect(asList('  ')).toEqual([])
  })

  it('keeps __proto__ and constructor as plain fields', () => {
    const record = elementToRecord(rootOf('<response><__proto__>x</__proto__><constructor>y</constructor></response>'))
    expect(textOf(record, '__proto__')).toBe('x')
    expect(textOf(record, 'constructor')).toBe('y')
    expect(({} as Record<string, unknown>).x).toBeUndefined()
  })

  it('textOf trims and treats empty as absent', () => {
    const record = elementToRecord(rootOf('<response><a> 5 </a><b></b><c><d>1</d></c></response>'))
    expect(textOf(record, 'a')).toBe('5')
    expect(textOf(record, 'b')).toBeUndefined()
    expect(textOf(record, 'c')).toBeUndefined()
    expect(textOf(record, 'missing')).toBeUndefined()
  })
})

describe('decodeEntities', () => {
  it.each([
    ['&lt;-20dB', '<-20dB'],
    ['&amp;lt;-20dB', '&lt;-20dB'], // double-escaped firmware text stays one level escaped
    ['AT&T', 'AT&T'], // a bare ampersand is kept
    ['&unknown;', '&unknown;'],
    ['&#0;', '&#0;'] // not a valid XML character
  ])('%s → %s', (input, expected) => {
    expect(decodeEntities(input)).toBe(expected)
  })
})

describe('decodeHuaweiText', () => {
  it('repairs CESU-8 surrogate pairs (Salamek test_session: b"Hello \\xed\\xa0\\xbd\\xed\\xb8\\x80")', () => {
    const bytes = Uint8Array.from([...Buffer.from('<Message>Hello '), 0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80, ...Buffer.from('</Message>')])
    expect(decodeHuaweiText(bytes)).toBe('<Message>Hello \u{1F600}</Message>')
  })

  it('leaves ordinary UTF-8 alone and never throws on invalid bytes', () => {
    expect(decodeHuaweiText(Buffer.from('Telekom.de – 5G ✓'))).toBe('Telekom.de – 5G ✓')
    expect(decodeHuaweiText(Uint8Array.from([0xed, 0xa0]))).toBe('\uFFFD\uFFFD')
    expect(decodeHuaweiText(Uint8Array.from([0x41, 0xff, 0x42]))).toBe('A\uFFFDB')
  })
})

describe('serializeRequest', () => {
  it('writes the <request> shape with escaping (Salamek test_session: "A &amp; &lt;")', () => {
    expect(serializeRequest({ Username: 'admin', Password: 'A & <', password_type: 4 })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><request><Username>admin</Username><Password>A &amp; &lt;</Password><password_type>4</password_type></request>'
    )
  })

  it('repeats list items, nests records, skips undefined and malformed names', () => {
    expect(serializeRequest({ Phones: { Phone: ['+1', '+2'] }, Skip: undefined, 'bad name': 'x' })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><request><Phones><Phone>+1</Phone><Phone>+2</Phone></Phones></request>'
    )
  })
})

describe('parseHuaweiDocument', () => {
  it('reads a getter answer', () => {
    const result = parseHuaweiDocument('<response><hilink_login>0</hilink_login></response>')
    expect(result.ok && result.document.kind === 'response' && textOf(result.document.record, 'hilink_login')).toBe('0')
  })

  it('reads an error with its code and extra fields (SCRAM firmware add waittime / remaincount)', () => {
    const result = parseHuaweiDocument('<?xml version="1.0" encoding="UTF-8"?>\r\n<error>\r\n<code>108006</code>\r\n<message></message><remaincount>2</remaincount><waittime>0</waittime>\r\n</error>')
    expect(result.ok).toBe(true)
    if (result.ok && result.document.kind === 'error') {
      expect(result.document.code).toBe(108006)
      expect(result.document.message).toBe('')
      expect(textOf(result.document.record, 'remaincount')).toBe('2')
    } else {
      throw new Error('expected an error document')
    }
  })

  it.each([
    ['', 'empty'],
    ['<html><body>502 Bad Gateway</body></html>', 'unexpected-root'],
    ['<error><code>abc</code></error>', 'bad-error-code'],
    ['<error><message>x</message></error>', 'bad-error-code'],
    ['<response><a></b></response>', 'xml-error'],
    ['{"response": {"State": 1}}', 'xml-error']
  ])('%j → %s', (input, kind) => {
    const result = parseHuaweiDocument(input)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.kind).toBe(kind)
  })
})

describe('extractCsrfTokens', () => {
  it.each([
    ['Salamek test_session home page', '<meta name="csrf_token" content="csrf-token">', ['csrf-token']],
    [
      'two tokens and a csrf_param meta (newer firmware, reference §1.2)',
      '<head><meta name="csrf_param" content="csrf_token">\r\n<meta name="csrf_token" content="QWqwPm1J">\r\n<meta name="csrf_token" content="Zz9Yy8Xx"></head>',
      ['QWqwPm1J', 'Zz9Yy8Xx']
    ],
    ['attributes in the other order, single quotes', "<meta content='abc123' name='csrf_token'/>", ['abc123']],
    ['no tokens on old firmware', '<html><head><title>Mobile WiFi</title></head></html>', []],
    ['an empty content is no token', '<meta name="csrf_token" content="">', []]
  ])('%s', (_name, html, expected) => {
    expect(extractCsrfTokens(html)).toEqual(expected)
  })
})

function rootOf(input: string) {
  const result = parseXml(input)
  if (!result.ok) throw new Error(`fixture did not parse: ${result.error.message}`)
  return result.root
}
