// "Suggested for this SIM" in the APN panel: ranked drafts from the host (carrier pack first), what is already
// on the hotspot marked, and "Fill in the form" copying a draft into the Add-and-switch form — which still
// switches only when the user submits it. Also: the renderer imports the carrier contract for types only.
import type { ResultOf } from '@contract/methods'
import type { ApnProfile, DeviceStatus } from '@contract/model'
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import ApnPanel from '@renderer/components/ApnPanel.vue'
import { SUGGESTIONS } from './plan-fixtures'
import { deferred } from './support/deferred'
import { FakeHostClient } from './support/fake-client'
import { makeDevice, makeStatus } from './support/fixtures'
import { mountOptions, settle } from './support/mount-app'

const device = makeDevice({ capabilities: ['readSignal', 'apnRead', 'apnWrite'] })
const ON_DEVICE: ApnProfile = { id: '1', name: 'T-Mobile', apn: 'fast.t-mobile.com', auth: 'none', pdpType: 'ipv6', isDefault: true }
const reading = makeStatus({
  sim: { state: 'ready', iccid: '8901260412055501434', imsi: '310260412055501', msisdn: '+12065550143', msisdnSource: 'device', spn: 'T-Mobile' },
  registration: { state: 'home', plmn: '310260' }
})

describe('APN suggestions for the SIM', () => {
  let client: FakeHostClient
  let wrapper: VueWrapper | undefined
  let missing: string[] = []

  beforeEach(() => {
    client = new FakeHostClient()
      .handle('apn.list', () => ({ profiles: [structuredClone(ON_DEVICE)] }))
      .handle('apn.suggest', () => ({ suggestions: structuredClone(SUGGESTIONS) }))
      .handle('apn.switch', () => deferred<ResultOf<'apn.switch'>>().promise)
  })

  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    expect(missing).toEqual([])
  })

  async function mountPanel(withReading: DeviceStatus | null = reading, locale: 'en' | 'ja' = 'en'): Promise<VueWrapper> {
    const setup = mountOptions(client, locale)
    missing = setup.missing
    wrapper = mount(ApnPanel, { ...setup.options, props: { device, reading: withReading } })
    await settle()
    return wrapper
  }

  const suggestions = (app: VueWrapper) => app.findAll('[data-testid="apn-suggestion"]')

  it('lists the best three, marks the one already on the hotspot, and shows the rest on request', async () => {
    const app = await mountPanel()
    expect(client.callsTo('apn.suggest')).toEqual([{ deviceId: 'dev-1', locale: 'en' }])
    expect(suggestions(app).map((item) => item.attributes('data-apn'))).toEqual(['fast.t-mobile.com', 'pcweb.tmobile.com', 'mobilenet'])
    expect(suggestions(app)[0]!.find('[data-testid="apn-suggestion-on-device"]').exists()).toBe(true)
    expect(suggestions(app)[1]!.find('[data-testid="apn-suggestion-on-device"]').exists()).toBe(false)
    expect(suggestions(app)[2]!.text()).toContain('An older APN')
    expect(suggestions(app)[2]!.find('[data-testid="fact-unverified"]').exists()).toBe(true)
    await app.get('[data-testid="apn-suggestions-more"]').trigger('click')
    const last = suggestions(app)[3]!
    expect(last.attributes('data-origin')).toBe('database')
    expect(last.text()).toContain('APN database')
    expect(last.text()).toContain('PAP or CHAP')
  })

  it('fills the Add-and-switch form with a suggestion; switching still waits for the user', async () => {
    const app = await mountPanel()
    await suggestions(app)[1]!.get('[data-testid="apn-suggestion-use"]').trigger('click')
    await settle()
    const form = app.get('[data-testid="apn-form"]')
    expect((form.get('[data-testid="apn-form-name"]').element as HTMLInputElement).value).toBe('T-Mobile tethering')
    expect((form.get('[data-testid="apn-form-apn"]').element as HTMLInputElement).value).toBe('pcweb.tmobile.com')
    expect((form.get('[data-testid="apn-form-pdp"]').element as HTMLSelectElement).value).toBe('ipv6')
    expect(client.callsTo('apn.switch')).toEqual([])
    await form.trigger('submit')
    await settle()
    expect(client.callsTo('apn.switch')).toEqual([
      { deviceId: 'dev-1', target: { draft: { name: 'T-Mobile tethering', apn: 'pcweb.tmobile.com', auth: 'none', pdpType: 'ipv6' } } }
    ])
  })

  it('refills the form when another suggestion is chosen, and keeps the user name from the database entry', async () => {
    const app = await mountPanel()
    await suggestions(app)[2]!.get('[data-testid="apn-suggestion-use"]').trigger('click')
    await settle()
    await app.get('[data-testid="apn-suggestions-more"]').trigger('click')
    await suggestions(app)[3]!.get('[data-testid="apn-suggestion-use"]').trigger('click')
    await settle()
    expect((app.get('[data-testid="apn-form-apn"]').element as HTMLInputElement).value).toBe('PWG')
    expect((app.get('[data-testid="apn-form-username"]').element as HTMLInputElement).value).toBe('pwg')
    expect((app.get('[data-testid="apn-form-auth"]').element as HTMLSelectElement).value).toBe('pap-or-chap')
  })

  it('asks nothing without a SIM reading, and speaks Japanese', async () => {
    await mountPanel(null)
    expect(client.callsTo('apn.suggest')).toEqual([])
    expect(wrapper!.find('[data-testid="apn-suggestions"]').exists()).toBe(false)
    wrapper!.unmount()
    const ja = await mountPanel(reading, 'ja')
    expect(client.callsTo('apn.suggest')).toEqual([{ deviceId: 'dev-1', locale: 'ja' }])
    expect(ja.get('[data-testid="apn-suggestions"]').text()).toContain('このSIMへのおすすめ')
    expect(suggestions(ja)[0]!.get('[data-testid="apn-suggestion-use"]').text()).toBe('フォームに入力')
  })
})

describe('renderer import boundary for the carrier contract', () => {
  const sources = import.meta.glob<string>('../../renderer/src/**/*.{ts,vue}', { query: '?raw', import: 'default', eager: true })
  // [^'"] keeps a match inside one statement (this code base has no semicolons to stop at).
  const carrierValueImports = (source: string) =>
    (source.match(/^\s*import\s[^'"]*?from\s+['"]@contract\/carrier['"]/gm) ?? []).filter((statement) => !/^\s*import\s+type\s/.test(statement))

  it('imports @contract/carrier (which carries zod schemas) only as types', () => {
    const users = Object.entries(sources).filter(([, source]) => source.includes('@contract/carrier'))
    expect(users.length).toBeGreaterThan(5)
    expect(users.flatMap(([file, source]) => carrierValueImports(source).map((statement) => `${file}: ${statement.trim()}`))).toEqual([])
  })

  it('would catch a value import (guard self-test)', () => {
    expect(carrierValueImports(`import { computed } from 'vue'\nimport { PortalViewSpec } from '@contract/carrier'`)).toHaveLength(1)
    expect(carrierValueImports(`import { computed } from 'vue'\nimport type {\n  PlanView\n} from '@contract/carrier'`)).toHaveLength(0)
  })
})
