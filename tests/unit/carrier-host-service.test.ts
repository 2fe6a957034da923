// The host's carrier service and view models against the real packs: loading with a broken user override,
// identification from the demo device's facts (and the user's pick), plans with device facts normalized the
// way each portal wants them, troubleshooters fed with device facts and answers, APN suggestions.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { CarrierPack } from '../../src/carriers'
import { ContractError } from '../../src/contract/errors'
import { methods } from '../../src/contract/methods'
import { troubleFacts } from '../../src/host/carrier-handlers'
import { CarrierService } from '../../src/host/carrier-service'
import { checklistView, identityView, planView, troubleshootView } from '../../src/host/carrier-view'
import { iijmioReading, rakutenReading, tmobileReading } from './carrier-host-fixtures'

const BUILTIN = resolve(__dirname, '../../resources/carriers')

let service: CarrierService
let packs: CarrierPack[]

beforeAll(async () => {
  service = new CarrierService({ builtinDir: BUILTIN })
  packs = (await service.packs()).packs.map((item) => item.pack)
})

describe('pack loading', () => {
  it('keeps the built-in pack when a user override is broken, and says which file and why', async () => {
    const overrideDir = mkdtempSync(join(tmpdir(), 'hd-carrier-overrides-'))
    writeFileSync(join(overrideDir, 'broken.json'), '{ "format": 1, ')
    const builtin = JSON.parse(await readFile(join(BUILTIN, 'iijmio.json'), 'utf8')) as Record<string, unknown>
    // A pack with the built-in's id whose flow points at a portal that does not exist.
    const bad = { ...builtin, flows: [{ ...(builtin.flows as Record<string, unknown>[])[0], portal: 'no-such-portal' }] }
    writeFileSync(join(overrideDir, 'iijmio.json'), JSON.stringify(bad))
    const lines: string[] = []
    const withOverrides = new CarrierService({ builtinDir: BUILTIN, overrideDir, log: (line) => lines.push(line) })

    const problems = await withOverrides.problems()
    expect(problems.map((problem) => [problem.kind, problem.origin, problem.file])).toEqual([
      ['invalid-json', 'override', join(overrideDir, 'broken.json')],
      ['invalid-pack', 'override', join(overrideDir, 'iijmio.json')]
    ])
    expect(problems[1]?.issues.some((issue) => issue.path === 'flows[0].portal' && issue.message.includes('no-such-portal'))).toBe(true)
    // Logged once each, naming the file.
    expect(lines.filter((line) => line.includes('broken.json'))).toHaveLength(1)
    expect(lines.some((line) => line.includes('iijmio.json') && line.includes('built-in pack'))).toBe(true)
    // The built-in IIJmio pack is still used.
    const iijmio = await withOverrides.pack('iijmio')
    expect(iijmio?.flows[0]?.portal).toBe('member')
    // Loaded once: a second call is the same result, and nothing is logged again.
    expect(await withOverrides.packs()).toBe(await withOverrides.packs())
    expect(lines.filter((line) => line.includes('broken.json'))).toHaveLength(1)
  })

  it('uses a valid override instead of the built-in pack', async () => {
    const overrideDir = mkdtempSync(join(tmpdir(), 'hd-carrier-overrides-'))
    const builtin = JSON.parse(await readFile(join(BUILTIN, 'rakuten-mobile.json'), 'utf8')) as { names: Record<string, string> }
    writeFileSync(join(overrideDir, 'rakuten.json'), JSON.stringify({ ...builtin, names: { en: 'Rakuten (my edit)', ja: '楽天(編集)' } }))
    const lines: string[] = []
    const withOverride = new CarrierService({ builtinDir: BUILTIN, overrideDir, log: (line) => lines.push(line) })
    expect((await withOverride.pack('rakuten-mobile'))?.names.en).toBe('Rakuten (my edit)')
    expect(await withOverride.problems()).toEqual([])
    expect(lines).toEqual(["carrier packs: using the user's override for rakuten-mobile"])
  })

  it('loads the APN database only when asked, and carries on without it when it cannot', async () => {
    const lines: string[] = []
    const missing = new CarrierService({ builtinDir: BUILTIN, apnDbFile: join(tmpdir(), 'no-such-apn-db.json'), log: (line) => lines.push(line) })
    await missing.packs()
    expect(lines.some((line) => line.startsWith('APN database'))).toBe(false)
    expect(await missing.apnDb()).toBeUndefined()
    expect(lines.filter((line) => line.startsWith('APN database:'))).toHaveLength(1)
    // Identification still works from the packs alone.
    const context = await missing.resolve(tmobileReading())
    expect(context.pack?.id).toBe('tmobile-us-prepaid')
  })
})

describe('identify', () => {
  it('recognises the demo hotspot’s T-Mobile SIM, asks the user to confirm, and says why', async () => {
    const view = identityView(await service.resolve(tmobileReading()), packs, 'en')
    expect(view).toMatchObject({
      deviceId: 'demo-hotspot',
      sim: 'ready',
      chosen: false,
      carrier: { packId: 'tmobile-us-prepaid', brandId: 'tmobile', brandName: 'T-Mobile prepaid', kind: 'mno', country: 'US' },
      // 310-260 is shared with Metro, Tracfone and MVNOs; the SIM does not say which.
      confidence: 'low',
      askUser: true,
      roaming: { state: 'home', roaming: false },
      homePlmn: '310-260',
      servingPlmn: '310-260',
      iccid: { luhn: 'valid', issuer: 'T-Mobile USA' }
    })
    expect(view.candidates.map((item) => `${item.packId}/${item.brandId}`)).toEqual(
      expect.arrayContaining(['tmobile-us-prepaid/tmobile', 'tmobile-us-prepaid/metro'])
    )
    expect(view.evidence).toContain('Home network from the IMSI: 310-260')
    expect(view.evidence).toContain('SIM card issuer: T-Mobile USA (891260)')
    expect(view.evidence.some((line) => line.includes('Other brands share 310-260'))).toBe(true)
    expect(methods['carrier.identify'].result.parse(view)).toEqual(view)
  })

  it('speaks Japanese when asked', async () => {
    const view = identityView(await service.resolve(tmobileReading()), packs, 'ja')
    expect(view.carrier?.brandName).toBe('T-Mobile プリペイド')
    expect(view.roaming.description).toBe('ホームネットワークに接続しています。')
    expect(view.evidence).toContain('IMSIのホームネットワーク: 310-260')
  })

  it('applies the user’s pick, judging roaming again for that brand', async () => {
    const picked = identityView(await service.resolve(tmobileReading(), { packId: 'tmobile-us-prepaid', brandId: 'metro' }), packs, 'en')
    expect(picked).toMatchObject({ chosen: true, askUser: false, confidence: 'high', carrier: { brandId: 'metro', supported: false } })
    expect(picked.evidence[0]).toBe('You chose Metro by T-Mobile.')
    await expect(service.resolve(tmobileReading(), { packId: 'tmobile-us-prepaid', brandId: 'nope' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      details: { path: 'params.brand' }
    })
  })

  it('reports roaming abroad and a SIM that is missing or locked', async () => {
    const abroad = identityView(await service.resolve(tmobileReading({ registration: { state: 'roaming', plmn: '44010' } })), packs, 'en')
    expect(abroad.roaming).toMatchObject({ state: 'international', roaming: true })
    expect(abroad.servingPlmn).toBe('440-10')

    const absent = identityView(await service.resolve(tmobileReading({ sim: { state: 'absent', iccid: undefined, imsi: undefined, spn: undefined, msisdn: undefined }, registration: { state: 'searching', plmn: undefined } })), packs, 'en')
    expect(absent).toMatchObject({ sim: 'absent', confidence: 'none', askUser: true, roaming: { state: 'unknown' } })
    expect(absent.carrier).toBeUndefined()

    const locked = identityView(await service.resolve(tmobileReading({ sim: { state: 'pin-required', imsi: undefined } })), packs, 'en')
    expect(locked.sim).toBe('locked')
  })

  it('names IIJmio from its own card issuer and Rakuten from its network', async () => {
    const iij = identityView(await service.resolve(iijmioReading()), packs, 'en')
    expect(iij.carrier).toMatchObject({ packId: 'iijmio', brandId: 'type-d' })
    expect(iij.askUser).toBe(false)
    const rakuten = identityView(await service.resolve(rakutenReading()), packs, 'en')
    expect(rakuten).toMatchObject({ carrier: { packId: 'rakuten-mobile', brandId: 'rakuten' }, confidence: 'high', askUser: false })
  })

  it('refuses a plan when no carrier could be found, so the UI asks the user', async () => {
    const unknown = tmobileReading({ sim: { imsi: '999990000000000', iccid: undefined, spn: undefined }, registration: { plmn: '99999' } })
    const error = await service.resolveCarrier(unknown).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ContractError)
    expect(error).toMatchObject({ code: 'UNSUPPORTED', details: { askUser: true } })
  })
})

describe('plan', () => {
  it('T-Mobile: the hotspot flow with the number as 10 digits, the pack’s codes, dated prices marked', async () => {
    const plan = planView(await service.resolveCarrier(tmobileReading()), 'tab', 'en')
    expect(methods['carrier.plan'].result.parse(plan)).toEqual(plan)
    expect(plan.portalMode).toBe('tab')
    expect(plan.flows.map((flow) => flow.id)).toEqual(['hotspot-portal', 'add-data-pass'])
    const flow = plan.flows[0]!
    const number = flow.steps.find((step) => step.id === 'number')?.fields[0]
    expect(number?.prefill).toEqual({ from: 'msisdn', format: 'us-10-digit', value: '2065550143' })
    const line = flow.steps.find((step) => step.id === 'line')?.fields[0]
    expect(line).toMatchObject({ fillable: true, prefill: { value: '2065550143' } })
    // The mobile-internet portal's status is unknown: the flow says so.
    expect(flow.notices.some((notice) => notice.includes('not known'))).toBe(true)
    const prices = flow.steps.find((step) => step.id === 'buy-pass')?.warnings.find((warning) => warning.id === 'prices-2013')
    expect(prices).toMatchObject({ confidence: 'unverified', dated: { year: 2013 } })
    const errors = flow.steps.find((step) => step.id === 'line')?.knownErrors.map((error) => [error.id, error.goTo])
    expect(errors).toEqual([
      ['wrong-number', 'number'],
      ['number-email-mismatch', 'sign-in'],
      ['expired-sim', 'menu']
    ])
    expect(plan.quickCodes.find((code) => code.purpose === 'balance' && code.channel === 'ussd')?.code).toBe('#225#')
    expect(flow.steps.find((step) => step.id === 'refill-balance')?.ussd?.code).toBe('#225#')
    expect(plan.troubleshooters.map((item) => item.id)).toEqual(['no-data', 'sign-in'])
    expect(plan.portals.find((portal) => portal.id === 'mobile-internet')).toMatchObject({
      url: 'https://mim.t-mobile.com/primary/openPage',
      status: 'unknown',
      flowIds: ['hotspot-portal']
    })
    expect(plan.facts.find((fact) => fact.id === 'pass-prices-2013')).toMatchObject({ topic: 'pricing', dated: { year: 2013 }, confidence: 'unverified' })
  })

  it('IIJmio: Japanese 11-digit number and the ICCID digits prefilled for mioID recovery; no USSD', async () => {
    const plan = planView(await service.resolveCarrier(iijmioReading()), 'view', 'ja')
    const recover = plan.flows.find((flow) => flow.id === 'recover')
    const bySim = recover?.steps.find((step) => step.id === 'by-sim')
    expect(bySim?.fields.find((field) => field.id === 'msisdn')?.prefill?.value).toBe('08012345678')
    expect(bySim?.fields.find((field) => field.id === 'iccid')?.prefill?.value).toBe('8981030012345678900')
    expect(recover?.steps.find((step) => step.id === 'delivery')?.warnings[0]).toMatchObject({ id: 'link-one-hour', confidence: 'unverified' })
    expect(plan.quickCodes).toEqual([])
    expect(plan.noUssd).toBeTruthy()
    expect(plan.carrier.brandName).toMatch(/タイプD|Type D/)
  })

  it('Rakuten: a number the device reports without +81 becomes the same 11 digits', async () => {
    const plan = planView(await service.resolveCarrier(rakutenReading({ sim: { msisdn: '+81 90-1234-5678' } })), 'tab', 'en')
    const station = plan.flows[0]?.steps.find((step) => step.id === 'members-station')
    expect(station?.fields.find((field) => field.id === 'msisdn')?.prefill?.value).toBe('09012345678')
  })

  it('says why a value is missing instead of inventing one', async () => {
    const plan = planView(await service.resolveCarrier(tmobileReading({ sim: { msisdn: undefined } })), 'tab', 'en')
    const number = plan.flows[0]?.steps.find((step) => step.id === 'number')?.fields[0]
    expect(number?.prefill?.value).toBeUndefined()
    expect(number?.prefill?.problem).toBe('The device did not report the msisdn.')
  })

  it('builds the portal checklist in flow order with copyable values', async () => {
    const context = await service.resolveCarrier(tmobileReading())
    const flow = context.pack.flows.find((item) => item.id === 'hotspot-portal')!
    const checklist = checklistView(context.pack, flow, [{ stepId: 'number', fieldId: 'msisdn', value: '2065550143' }], 'en')
    expect(checklist.map((item) => item.stepId).slice(0, 5)).toEqual(['sim-kit', 'number', 'start', 'sign-in', 'line'])
    expect(checklist[1]?.values).toEqual([{ fieldId: 'msisdn', label: 'Phone number (10 digits)', value: '2065550143', secret: false }])
    const signIn = checklist.find((item) => item.stepId === 'sign-in')
    expect(signIn).toMatchObject({ detectable: true, url: 'https://mim.t-mobile.com/primary/openPage' })
    expect(signIn?.values.find((value) => value.fieldId === 'password')).toMatchObject({ secret: true, hint: 'Type it yourself; Hotspot Desk never stores it.' })
    expect(checklist.find((item) => item.stepId === 'menu')?.detectable).toBe(false)
  })
})

describe('troubleshoot', () => {
  const run = async (reading = tmobileReading(), id = 'no-data', answers = {}, loginIdentifier?: string) => {
    const context = await service.resolveCarrier(reading)
    const troubleshooter = context.pack.troubleshooters.find((item) => item.id === id)!
    return troubleshootView(reading.deviceId, context.pack, troubleshooter, troubleFacts(reading, loginIdentifier), answers, 'en')
  }

  it('decides from the registration state, and asks what the device cannot know', async () => {
    const denied = await run(tmobileReading({ registration: { state: 'denied' } }))
    expect(methods['carrier.troubleshoot'].result.parse(denied)).toEqual(denied)
    expect(denied.checks[0]).toMatchObject({
      id: 'registered',
      status: 'failed',
      decidedBy: 'fact',
      fact: { name: 'Registration', value: 'denied' },
      action: { kind: 'open-flow', flowId: 'hotspot-portal', stepId: 'sim-kit' }
    })
    expect(denied.checks.find((check) => check.id === 'walled-garden')).toMatchObject({ status: 'ask', decidedBy: 'none', question: 'Does every web page land on a T-Mobile purchase page?' })
    expect((await run()).checks[0]).toMatchObject({ id: 'registered', status: 'passed', decidedBy: 'fact' })
  })

  it('does not pass a check just because the device could not say', async () => {
    const unknown = await run(tmobileReading({ registration: { state: 'unknown' } }))
    expect(unknown.checks.find((check) => check.id === 'registered')?.status).toBe('unknown')
  })

  it('turns answers into results, and a USSD remedy into the code to send', async () => {
    const answered = await run(tmobileReading(), 'no-data', { 'walled-garden': 'yes', renewal: 'no' })
    expect(answered.checks.find((check) => check.id === 'walled-garden')).toMatchObject({ status: 'failed', decidedBy: 'answer', answer: 'yes' })
    const renewal = answered.checks.find((check) => check.id === 'renewal')
    expect(renewal).toMatchObject({ status: 'passed', answer: 'no', action: { kind: 'send-ussd', code: '#225#' } })
  })

  it('checks the kind of sign-in ID the user typed (Rakuten wants a Rakuten ID, not the phone number)', async () => {
    const phone = await run(rakutenReading(), 'sign-in', {}, '090-1234-5678')
    expect(phone.checks.find((check) => check.id === 'identifier-form')).toMatchObject({ status: 'failed', decidedBy: 'fact', input: 'login-identifier' })
    const id = await run(rakutenReading(), 'sign-in', {}, 'hanako.yamada')
    expect(id.checks.find((check) => check.id === 'identifier-form')?.status).toBe('passed')
    expect(id.checks.find((check) => check.id === 'clear-cache')?.action).toEqual({ kind: 'clear-portal-data', portalId: 'my-rakuten-mobile' })
  })

  it('exposes the device facts without "unknown"s', () => {
    expect(troubleFacts(tmobileReading({ registration: { state: 'unknown', plmn: undefined }, data: { state: 'failed' } }), ' ')).toEqual({
      'sim.state': 'ready',
      'data.state': 'failed'
    })
  })
})
