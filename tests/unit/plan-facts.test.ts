// Plan facts from USSD replies: real reply texts for the packs' codes (T-Mobile #225# / #932# as the AT modem
// simulator's T-Mobile SIM answers them, giffgaff *100#) → balance, data left, dates; what reaches the
// planExpiring feed; and the replies that must change nothing (unparsed, a code the pack has no parser for,
// a code the user did not send from this session).
import { describe, expect, it } from 'vitest'
import { CarrierService } from '../../src/host/carrier-service'
import { lastReadingView, PlanFactsTracker } from '../../src/host/plan-facts'
import type { DeviceStatus } from '../../src/contract/model'
import { tmobileReading } from './carrier-host-fixtures'

const giffgaff = tmobileReading({
  deviceId: 'gg',
  sim: { iccid: '8944110000000000018', imsi: '234100123456789', spn: 'giffgaff', msisdn: '+447700900123' },
  registration: { plmn: '23410', state: 'home' }
})
const carriers = new CarrierService()

function tracker(reading: DeviceStatus) {
  const ends: string[] = []
  const facts = new PlanFactsTracker({
    carriers,
    status: async () => reading,
    device: (id) => ({ id, name: 'Unit' }),
    planEnd: (_device, isoDate) => ends.push(isoDate),
    now: () => Date.UTC(2026, 11, 3, 12)
  })
  return { facts, ends }
}

describe('plan facts from USSD replies', () => {
  it.each([
    {
      name: 'T-Mobile #225#',
      reading: tmobileReading(),
      code: '#225#',
      text: 'Your account balance is $12.34. Your plan renews on 12/05/26. Reply STOP to opt out of balance alerts.',
      view: { code: '#225#', balance: '$12.34', renewal: { iso: '2026-12-05', text: '12/05/26' } },
      ends: ['2026-12-05']
    },
    {
      name: 'T-Mobile #932#',
      reading: tmobileReading(),
      code: '#932#',
      text: 'Data used: 3.21GB of 10GB high-speed data. Plan: Prepaid Mobile Internet. Renews 12/05/26.',
      view: { code: '#932#', renewal: { iso: '2026-12-05', text: '12/05/26' } },
      ends: ['2026-12-05']
    },
    {
      name: 'giffgaff *100#',
      reading: giffgaff,
      code: '*100#',
      text: 'Your balance is £4.20. You have 1.5GB left. Valid until 05/12/2026.',
      view: { code: '*100#', balance: '£4.20', dataLeft: '1.5GB', expiry: { iso: '2026-12-05', text: '05/12/2026' } },
      ends: ['2026-12-05']
    }
  ])('$name → facts and the plan end', async ({ reading, code, text, view, ends }) => {
    const { facts, ends: fed } = tracker(reading)
    await facts.observe(reading.deviceId, code, { text, sessionOpen: false })
    const latest = facts.latest(reading)
    expect(latest).toBeDefined()
    if (!latest) return
    expect(lastReadingView(latest)).toEqual({ ...view, readAt: '2026-12-03T12:00:00.000Z' })
    expect(fed).toEqual(ends)
  })

  it.each([
    { name: 'a reply no pattern matches', code: '#225#', text: 'The service is temporarily unavailable. Try again later.' },
    { name: 'an empty reply', code: '#225#', text: '' },
    { name: 'a code the pack has no parser for', code: '#100#', text: 'Balance: $12.34. Renews 12/05/26.' },
    { name: 'own number (parsed, but no plan facts)', code: '#686#', text: 'Your number is 2065550142.' }
  ])('$name changes nothing', async ({ code, text }) => {
    const reading = tmobileReading()
    const { facts, ends } = tracker(reading)
    await facts.observe(reading.deviceId, code, { text, sessionOpen: false })
    expect(facts.latest(reading)).toBeUndefined()
    expect(ends).toEqual([])
  })

  it('parses a menu answer with the parser of the code that opened the session, and nothing after it ended', async () => {
    const reading = tmobileReading()
    const { facts, ends } = tracker(reading)
    await facts.observe(reading.deviceId, undefined, { text: 'Your plan renews on 12/05/26.', sessionOpen: false })
    expect(ends).toEqual([])
    await facts.observe(reading.deviceId, '#932#', { text: 'Data menu\n1 Usage\n0 Exit', sessionOpen: true })
    await facts.observe(reading.deviceId, undefined, { text: 'Used 3.21GB of 10GB. Renews 12/05/26.', sessionOpen: false })
    expect(facts.latest(reading)?.code).toBe('#932#')
    expect(ends).toEqual(['2026-12-05'])
    await facts.observe(reading.deviceId, undefined, { text: 'Renews 12/06/26.', sessionOpen: false })
    expect(ends).toEqual(['2026-12-05'])
  })

  it('keeps the facts per SIM: another SIM in the same device starts with none', async () => {
    const reading = tmobileReading()
    const { facts } = tracker(reading)
    await facts.observe(reading.deviceId, '#225#', { text: 'Your account balance is $12.34. Your plan renews on 12/05/26.', sessionOpen: false })
    expect(facts.latest(reading)).toBeDefined()
    expect(facts.latest(tmobileReading({ sim: { iccid: '8901260000000000009' } }))).toBeUndefined()
  })
})
