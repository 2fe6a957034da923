// The pure halves of the deviceSettings capability, table-tested on response bodies as the devices send them:
// Huawei DataLimit strings and start_date / current-language / autoupdate-config documents, ZTE
// data_volume_limit_size strings and goform answers, Netgear's wwan.dataUsage.generic group.
import { describe, expect, it } from 'vitest'
import { parseHuaweiDocument } from '../../src/devices/families/huawei-hilink/document'
import { parseDataLimit } from '../../src/devices/families/huawei-hilink/parse'
import {
  autoUpdateRequest,
  formatDataLimit,
  languageFromDevice,
  languageToDevice,
  parseAutoUpdate,
  parseStartDate,
  startDateRequest
} from '../../src/devices/families/huawei-hilink/settings'
import type { XmlRecord } from '../../src/devices/families/huawei-hilink/xml'
import { hasDataPlan, parseNetgearPlan, planConfigFields } from '../../src/devices/families/netgear/settings'
import type { JsonObject } from '../../src/devices/families/netgear/json'
import { fieldsOf } from '../../src/devices/families/zte-goform/json'
import { autoUpdateForm, dataLimitForm, formatLimitSize, parseLimitSize, parseZteSettings, zteLanguageCode } from '../../src/devices/families/zte-goform/settings'

const MB = 1024 * 1024
const GB = 1024 * MB

function huaweiRecord(xml: string): XmlRecord {
  const parsed = parseHuaweiDocument(xml)
  if (!parsed.ok || parsed.document.kind !== 'response') throw new Error('fixture is not a <response>')
  return parsed.document.record
}

describe('Huawei DataLimit', () => {
  it.each([
    ['500MB', 500 * MB],
    ['1GB', GB],
    ['10GB', 10 * GB],
    ['1000MB', 1000 * MB],
    ['0MB', 0]
  ])('parses %s', (text, bytes) => {
    expect(parseDataLimit(text)).toEqual({ ok: true, value: bytes })
  })

  it.each([
    [500 * MB, '500MB'],
    [GB, '1GB'],
    [10 * GB, '10GB'],
    [1536 * MB, '1536MB'],
    [MB, '1MB']
  ])('formats %d bytes as %s, and it parses back to the same bytes', (bytes, text) => {
    expect(formatDataLimit(bytes)).toEqual({ ok: true, value: text })
    expect(parseDataLimit(text)).toEqual({ ok: true, value: bytes })
  })

  it.each([0, 1, MB + 1, 1.5 * MB, -GB, Number.NaN, 1_000_000 * MB])('refuses %d bytes with a message that gives the range', (bytes) => {
    const result = formatDataLimit(bytes)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toMatch(/whole megabytes, from 1 MB to 999999 MB/)
  })

  it('refuses text that is not a limit', () => {
    expect(parseDataLimit('ten gigs').ok).toBe(false)
  })
})

describe('Huawei start_date', () => {
  // A factory-fresh answer (alarm off, no limit), as a public HiLink client documents it (C# ApiMonitoringStartDate
  // comment, indexed copy; the same nine fields in a Python client's setTrafficAlert docstring).
  const FACTORY = `<?xml version="1.0" encoding="UTF-8"?>
<response>
<StartDay>1</StartDay>
<DataLimit>0MB</DataLimit>
<DataLimitAwoke>0</DataLimitAwoke>
<MonthThreshold>90</MonthThreshold>
<SetMonthData>0</SetMonthData>
<trafficmaxlimit>0</trafficmaxlimit>
<turnoffdataenable>0</turnoffdataenable>
<turnoffdataswitch>0</turnoffdataswitch>
<turnoffdataflag>0</turnoffdataflag>
</response>`

  it('reads no plan while the alarm is off, but keeps the threshold', () => {
    expect(parseStartDate(huaweiRecord(FACTORY))).toEqual({ ok: true, value: { threshold: 90 } })
  })

  it('reads the plan when the alarm is on', () => {
    const xml = FACTORY.replace('<DataLimit>0MB', '<DataLimit>10GB').replace('<SetMonthData>0', '<SetMonthData>1').replace('<StartDay>1', '<StartDay>14').replace('>90<', '>80<')
    expect(parseStartDate(huaweiRecord(xml))).toEqual({ ok: true, value: { threshold: 80, plan: { limitBytes: 10 * GB, startDay: 14 } } })
  })

  it('a bad StartDay is a field error, not an exception', () => {
    const result = parseStartDate(huaweiRecord(FACTORY.replace('<StartDay>1', '<StartDay>32')))
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.field).toBe('StartDay')
  })

  it('the setter body has Salamek set_start_date fields in order and turns the alarm on', () => {
    expect(Object.entries(startDateRequest({ limitBytes: 500 * MB, startDay: 3 }, '500MB', 75))).toEqual([
      ['StartDay', 3],
      ['DataLimit', '500MB'],
      ['MonthThreshold', 75],
      ['SetMonthData', 1]
    ])
  })
})

describe('Huawei language and auto-update', () => {
  it.each([
    ['en-us', 'en'],
    ['EN-US', 'en'],
    ['en_us', 'en'],
    ['ja-jp', 'ja'],
    ['de-de', 'de-de'],
    ['', undefined]
  ])('CurrentLanguage %s reads as %s', (raw, expected) => {
    const record = huaweiRecord(`<?xml version="1.0" encoding="UTF-8"?><response><CurrentLanguage>${raw}</CurrentLanguage></response>`)
    expect(languageFromDevice(record.CurrentLanguage as string | undefined)).toBe(expected)
  })

  it.each([
    ['en', 'en-us'],
    ['ja', 'ja-jp'],
    ['de-de', 'de-de'],
    ['english', undefined],
    ['', undefined]
  ])('language %s is sent as %s', (language, code) => {
    expect(languageToDevice(language)).toBe(code)
  })

  it.each([
    ['1', true],
    ['0', false]
  ])('auto_update %s', (raw, value) => {
    // Field names as Salamek's OnlineUpdate.set_autoupdate_config posts them (auto_update, ui_download).
    const record = huaweiRecord(`<?xml version="1.0" encoding="UTF-8"?><response><auto_update>${raw}</auto_update><ui_download>0</ui_download></response>`)
    expect(parseAutoUpdate(record)).toEqual({ ok: true, value })
  })

  it('an auto_update that is not 0/1 is a field error', () => {
    expect(parseAutoUpdate(huaweiRecord('<response><auto_update>yes</auto_update></response>')).ok).toBe(false)
  })

  it('the setter sends ui_download 0 like the reference client', () => {
    expect(autoUpdateRequest(false)).toEqual({ auto_update: 0, ui_download: 0 })
  })
})

describe('ZTE data_volume_limit_size', () => {
  it.each([
    ['10_1024', 10 * GB],
    ['80_1024', 80 * GB],
    ['500_1', 500 * MB],
    ['1.5_1024', 1536 * MB],
    ['2_1048576', 2 * 1024 * GB],
    ['', undefined]
  ])('parses "%s"', (text, bytes) => {
    expect(parseLimitSize(text)).toEqual({ ok: true, value: bytes })
  })

  it.each([
    [10 * GB, '10_1024'],
    [GB, '1_1024'],
    [500 * MB, '500_1'],
    [1536 * MB, '1536_1']
  ])('formats %d bytes as "%s", and it parses back to the same bytes', (bytes, text) => {
    expect(formatLimitSize(bytes)).toEqual({ ok: true, value: text })
    expect(parseLimitSize(text)).toEqual({ ok: true, value: bytes })
  })

  it.each(['10GB', '10_', '_1024', '10_0', 'ten_1024'])('refuses "%s"', (text) => {
    expect(parseLimitSize(text).ok).toBe(false)
  })

  it.each([0, MB - 1, MB + 512, 1_000_000 * MB])('refuses %d bytes with the range', (bytes) => {
    const result = formatLimitSize(bytes)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toMatch(/1 MB to 999999 MB/)
  })
})

describe('ZTE settings read', () => {
  // An MF79U-class answer to the traffic page's getter (service.js field list) plus Language and the FOTA fields;
  // "on" is how wan_auto_clear_flow_data_switch reads on most firmware.
  const MF79U = JSON.parse(
    '{"data_volume_limit_switch":"1","data_volume_limit_unit":"data","data_volume_limit_size":"10_1024","data_volume_alert_percent":"90",' +
      '"wan_auto_clear_flow_data_switch":"on","traffic_clear_date":"14","Language":"en","UpgMode":"1","UpgIntervalDay":"7","UpgRoamPermission":"0","loginfo":"ok"}'
  ) as Record<string, unknown>

  it('reads all three and what a write resends', () => {
    const result = parseZteSettings(fieldsOf(MF79U))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect([...result.value.supports].sort()).toEqual(['autoUpdate', 'dataPlan', 'language'])
    expect(result.value.preferences).toEqual({ dataPlan: { limitBytes: 10 * GB, startDay: 14 }, language: 'en', autoUpdate: true })
    expect(dataLimitForm({ startDay: 3 }, '500_1', result.value)).toEqual({
      data_volume_limit_switch: '1',
      data_volume_limit_unit: 'data',
      data_volume_limit_size: '500_1',
      data_volume_alert_percent: '90',
      wan_auto_clear_flow_data_switch: 'on',
      traffic_clear_date: '3'
    })
    expect(autoUpdateForm(false, result.value)).toEqual({ UpgMode: '0', UpgIntervalDay: '7', UpgRoamPermission: '0' })
  })

  it('firmware that spell the clear switch 1/0 get 1 back', () => {
    const result = parseZteSettings(fieldsOf({ ...MF79U, wan_auto_clear_flow_data_switch: '0' }))
    if (!result.ok) throw new Error('unexpected parse error')
    expect(dataLimitForm({ startDay: 1 }, '1_1024', result.value).wan_auto_clear_flow_data_switch).toBe('1')
  })

  it('a time-based limit or a switched-off one is no byte plan (but the plan is still settable)', () => {
    for (const change of [{ data_volume_limit_unit: 'time', data_volume_limit_size: '100' }, { data_volume_limit_switch: '0' }]) {
      const result = parseZteSettings(fieldsOf({ ...MF79U, ...change }))
      if (!result.ok) throw new Error('unexpected parse error')
      expect(result.value.preferences.dataPlan).toBeUndefined()
      expect(result.value.supports.has('dataPlan')).toBe(true)
    }
  })

  it('older firmware answer "" for names they do not know: no start day → no dataPlan, no FOTA → no autoUpdate', () => {
    const result = parseZteSettings(fieldsOf({ ...MF79U, traffic_clear_date: '', wan_auto_clear_flow_data_switch: '', UpgMode: '', UpgIntervalDay: '', UpgRoamPermission: '' }))
    if (!result.ok) throw new Error('unexpected parse error')
    expect([...result.value.supports]).toEqual(['language'])
    expect(result.value.preferences).toEqual({ language: 'en' })
  })

  it('a logged-out answer (every protected name "") supports nothing', () => {
    const blank = Object.fromEntries(Object.keys(MF79U).map((name) => [name, '']))
    const result = parseZteSettings(fieldsOf(blank))
    if (!result.ok) throw new Error('unexpected parse error')
    expect(result.value.supports.size).toBe(0)
  })

  it.each([
    ['traffic_clear_date', '40'],
    ['UpgMode', '2'],
    ['data_volume_limit_size', '10GB']
  ])('a bad %s is a field error', (field, value) => {
    const result = parseZteSettings(fieldsOf({ ...MF79U, [field]: value }))
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.field).toBe(field)
  })

  it.each([
    ['en', 'en'],
    ['ja', 'ja'],
    ['zh-CN', 'zh-cn'],
    ['日本語', undefined],
    ['en us', undefined]
  ])('language %s is sent as %s', (language, code) => {
    expect(zteLanguageCode(language)).toBe(code)
  })
})

describe('Netgear data meter', () => {
  // The wwan.dataUsage.generic group as the MR1100-era model.json has it (stv0g/vand netgear.go field set).
  const model = (generic: Record<string, unknown>): JsonObject =>
    JSON.parse(JSON.stringify({ wwan: { dataUsage: { generic: { dataLimitValid: true, usageHighWarning: 80, billingDay: 14, billingCycleLimit: 10 * GB, dataTransferred: 123, ...generic } } } })) as JsonObject

  it('reads the plan', () => {
    expect(hasDataPlan(model({}))).toBe(true)
    expect(parseNetgearPlan(model({}))).toEqual({ dataPlan: { limitBytes: 10 * GB, startDay: 14 } })
  })

  it('no plan while no limit is set', () => {
    expect(parseNetgearPlan(model({ dataLimitValid: false }))).toEqual({})
    expect(parseNetgearPlan(model({ billingCycleLimit: 0 }))).toEqual({})
  })

  it('a model without the meter (LM-series sample without dataUsage) has no data plan', () => {
    expect(hasDataPlan(JSON.parse('{"wwan":{"connection":"Connected"}}') as JsonObject)).toBe(false)
  })

  it('builds the config fields and refuses bad values with the range', () => {
    expect(planConfigFields({ limitBytes: 5 * GB, startDay: 1 })).toEqual({
      ok: true,
      fields: { 'wwan.dataUsage.generic.billingCycleLimit': String(5 * GB), 'wwan.dataUsage.generic.billingDay': '1' }
    })
    expect(planConfigFields({ limitBytes: 5 * GB, startDay: 0 })).toMatchObject({ ok: false, path: 'dataPlan.startDay', message: expect.stringMatching(/1 to 31/) })
    expect(planConfigFields({ limitBytes: 10, startDay: 5 })).toMatchObject({ ok: false, path: 'dataPlan.limitBytes', message: expect.stringMatching(/from 1 MB/) })
  })
})
