import { ContractError } from '@contract/errors'
import type { HistorySeries } from '@contract/model'
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import HistoryPanel from '@renderer/components/tools/HistoryPanel.vue'
import { HISTORY_RANGES } from '@renderer/stores/history'
import { FakeHostClient } from './support/fake-client'
import { makeDevice } from './support/fixtures'
import { mountOptions, settle } from './support/mount-app'

const device = makeDevice()
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0)
const COLUMNS = ['t', 'n', 'rsrp.min', 'rsrp.max', 'rsrp.avg', 'rsrp.n', 'sinr.min', 'sinr.max', 'sinr.avg', 'sinr.n']

function series(from: number, to: number): HistorySeries {
  const mid = (from + to) / 2
  return {
    deviceKey: 'imei:35000000000000',
    from,
    to,
    mode: 'buckets',
    bucketMs: 60_000,
    columns: COLUMNS,
    rows: [
      [from, 3, -100, -90, -95, 3, 5, 15, 10, 3],
      [mid, 2, -110, -100, -105, 2, null, null, null, 0],
      [to, 1, -90, -90, -90, 1, 20, 20, 20, 1]
    ]
  }
}

type QueryParams = { from: number; to: number; metrics: string[] }

describe('History panel', () => {
  let client: FakeHostClient
  let wrapper: VueWrapper | undefined
  let missing: string[] = []

  beforeEach(() => {
    vi.spyOn(Date, 'now').mockReturnValue(NOW)
    client = new FakeHostClient()
      .handle('history.query', ({ from, to }) => series(from, to))
      .handle('history.export', () => ({ filename: 'pocket-wifi.csv', csv: 't,rsrp\n1,-95\n', rows: 1 }))
  })

  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    vi.restoreAllMocks()
    document.body.innerHTML = ''
    expect(missing).toEqual([])
  })

  async function mountPanel(): Promise<VueWrapper> {
    const setup = mountOptions(client)
    missing = setup.missing
    wrapper = mount(HistoryPanel, { ...setup.options, props: { device } })
    await settle()
    return wrapper
  }
  const queries = () => client.callsTo('history.query') as QueryParams[]

  it('asks for the last hour of RSRP and SINR and draws an avg line over a min–max band', async () => {
    const app = await mountPanel()
    expect(queries()[0]).toMatchObject({ deviceId: 'dev-1', metrics: ['rsrp', 'sinr'], from: NOW - HISTORY_RANGES['1h'], to: NOW })
    const rsrp = app.get('[data-testid="history-chart-rsrp"]')
    // x: from at the left pad, to at the right; y spans the band (-110 … -90 dBm) over 128 px below a 6 px pad.
    expect(rsrp.get('[data-testid="history-avg"]').attributes('d')).toBe('M6.0,38.0 L320.0,102.0 L634.0,6.0')
    expect(rsrp.get('[data-testid="history-band"]').attributes('d')).toMatch(/^M6\.0,.* Z$/)
    // The SINR bucket without a value is left out of its line.
    expect(app.get('[data-testid="history-chart-sinr"] [data-testid="history-avg"]').attributes('d')?.split(' ')).toHaveLength(2)
  })

  it('zooms in by asking again for a narrower range around the middle, and pans by half a span', async () => {
    const app = await mountPanel()
    await app.get('[data-testid="history-zoom-in"]').trigger('click')
    await settle()
    const zoomed = queries()[1]!
    expect(zoomed.to - zoomed.from).toBe(HISTORY_RANGES['1h'] / 2)
    expect((zoomed.from + zoomed.to) / 2).toBe(NOW - HISTORY_RANGES['1h'] / 2)
    await app.get('[data-testid="history-pan-left"]').trigger('click')
    await settle()
    const panned = queries()[2]!
    expect(panned.to).toBe(zoomed.to - HISTORY_RANGES['1h'] / 4)
    await app.get('[data-testid="history-range-7d"]').trigger('click')
    await settle()
    expect(queries()[3]).toMatchObject({ from: NOW - HISTORY_RANGES['7d'], to: NOW })
  })

  it('says when history is off, or nothing has been recorded yet', async () => {
    client.handle('history.query', () => {
      throw new ContractError('UNSUPPORTED', 'history is off')
    })
    const off = await mountPanel()
    expect(off.get('[data-testid="history-empty"]').text()).toContain('History is turned off')
    expect(off.find('[data-testid="history-chart-rsrp"]').exists()).toBe(false)
    expect(off.get('[data-testid="history-export"]').attributes('disabled')).toBeDefined()
    wrapper?.unmount()
    client.handle('history.query', () => {
      throw new ContractError('NOT_FOUND', 'no history')
    })
    const none = await mountPanel()
    expect(none.get('[data-testid="history-empty"]').text()).toContain('No samples recorded yet')
  })

  it('exports the range as a CSV download named by the host', async () => {
    const createObjectURL = vi.fn().mockReturnValue('blob:history')
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() })
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
    const app = await mountPanel()
    await app.get('[data-testid="history-export"]').trigger('click')
    await settle()
    expect(client.callsTo('history.export')).toEqual([{ deviceId: 'dev-1', from: NOW - HISTORY_RANGES['1h'], to: NOW }])
    const blob = createObjectURL.mock.calls[0]![0] as Blob
    expect(await blob.text()).toBe('t,rsrp\n1,-95\n')
    const anchor = click.mock.contexts[0] as HTMLAnchorElement
    expect(anchor.download).toBe('pocket-wifi.csv')
    expect(app.get('[data-testid="history-export-note"]').text()).toBe('1 rows saved as pocket-wifi.csv')
  })

  it('a range too large for one file says so and passes on what to export instead', async () => {
    client.handle('history.export', () => {
      throw new ContractError('BAD_INPUT', 'The range holds 3000000 samples, more than one export carries (16 MB of CSV). Export a shorter range, for example one day at a time.')
    })
    const app = await mountPanel()
    await app.get('[data-testid="history-export"]').trigger('click')
    await settle()
    const notice = app.get('[data-testid="history-export-error"]')
    expect(notice.attributes('data-error-code')).toBe('BAD_INPUT')
    expect(notice.text()).toContain('Could not export the history.')
    expect(notice.text()).toContain('This range holds too many samples for one file.')
    expect(notice.text()).toContain('Export a shorter range, for example one day at a time.')
    expect(app.get('[data-testid="history-export-note"]').text()).toBe('')
  })

  it('any other export failure gives the error code’s advice', async () => {
    client.handle('history.export', () => {
      throw new ContractError('DEVICE_GONE', 'gone')
    })
    const app = await mountPanel()
    await app.get('[data-testid="history-export"]').trigger('click')
    await settle()
    const notice = app.get('[data-testid="history-export-error"]')
    expect(notice.text()).toContain('Could not export the history.')
    expect(notice.text()).toContain('Check its USB cable')
  })
})
