// The profile editor: the host's issues land under the field their path names (and the rest at the top),
// the SSID preview follows the pattern and the attached unit, the allowance typed in GB reaches the host
// in bytes, and the SSID/allowance helpers behind it.
import { mount, type VueWrapper } from '@vue/test-utils'
import type { ProfileIssue } from '@contract/shop'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import ProfileForm from '@renderer/components/station/ProfileForm.vue'
import { emptyForm, formFromUnknown, normalizeIssuePath, profileFromForm } from '@renderer/components/station/profile-draft'
import { allowanceToBytes, bytesToAllowance, expandSsid, longestSsidBytes, SAMPLE_UNIT, unknownSsidTokens } from '@renderer/format/station'
import { useDevicesStore } from '@renderer/stores/devices'
import { FakeHostClient } from './support/fake-client'
import { makeDevice, makeStatus } from './support/fixtures'
import { flush, mountOptions, settle } from './support/mount-app'

describe('SSID and allowance helpers', () => {
  it('expands each token from the unit, padding the position', () => {
    const unit = { imei: '867123456789012', serial: 'sn-0042ab', iccid: '8981200012345678901', position: 7 }
    expect(expandSsid('RENT-{imei4}', unit)).toBe('RENT-9012')
    expect(expandSsid('{imei6}_{serial4}_{iccid4}_{n}', unit)).toBe('789012_42AB_8901_07')
    expect(expandSsid('X-{imei}', unit)).toBe('X-{imei}')
    expect(expandSsid('{serial4}', { position: 1 })).toBe('????')
  })

  it('measures the longest SSID in UTF-8 bytes, and names unknown tokens', () => {
    expect(longestSsidBytes('{imei6}{imei6}{imei6}{imei6}{n}{n}')).toBe(32)
    // {n} is 01, 02 … but runs to 4 digits in a big job: the host counts it as 4.
    expect(longestSsidBytes('RENTAL-{imei6}-{n}')).toBe(7 + 6 + 1 + 4)
    expect(longestSsidBytes('レンタル-{imei4}')).toBe(12 + 1 + 4)
    expect(unknownSsidTokens('{imei4}-{iccid}-{n}-{ssid}')).toEqual(['iccid', 'ssid'])
  })

  it('turns GB and MB into bytes (binary, like the devices) and back', () => {
    expect(allowanceToBytes('30', 'GB')).toBe(30 * 1024 ** 3)
    expect(allowanceToBytes('7,5', 'GB')).toBe(7.5 * 1024 ** 3)
    expect(allowanceToBytes('500', 'MB')).toBe(500 * 1024 ** 2)
    expect(allowanceToBytes('', 'GB')).toBeNull()
    expect(allowanceToBytes('ten', 'GB')).toBeNull()
    expect(allowanceToBytes('0', 'MB')).toBeNull()
    expect(bytesToAllowance(30 * 1024 ** 3)).toEqual({ amount: '30', unit: 'GB' })
    expect(bytesToAllowance(500 * 1024 ** 2)).toEqual({ amount: '500', unit: 'MB' })
  })

  it('round-trips a profile through the form, and reads what it can of a stray file', () => {
    const profile = profileFromForm({ ...emptyForm(), id: 'shop-jp', name: 'Shop JP', planOn: true, limitAmount: '30', limitUnit: 'GB', startDay: 15, autoUpdateOff: true })
    expect(profile.dataPlan).toEqual({ limitBytes: 30 * 1024 ** 3, startDay: 15 })
    expect(profile.autoUpdate).toBe(false)
    expect(profile.wifi?.key).toEqual({ mode: 'generate', length: 12, alphabet: 'alnum-unambiguous' })
    expect(profileFromForm(formFromUnknown(profile))).toEqual(profile)
    const stray = formFromUnknown({ name: 42, wifi: { ssid: 'X', key: { mode: 'fixed', value: 'abcdefgh' } } })
    expect(stray.name).toBe('')
    expect(stray.key).toEqual({ mode: 'fixed', value: 'abcdefgh', length: 12, alphabet: 'alnum-unambiguous' })
    expect(normalizeIssuePath('/wifi/key/length')).toBe('wifi.key.length')
    expect(normalizeIssuePath('apn[0]')).toBe('apn.0')
  })

  it('uses a made-up unit with a real-looking IMEI for the sample', () => {
    expect(expandSsid('{imei4}', SAMPLE_UNIT)).toBe('9012')
  })
})

describe('ProfileForm', () => {
  let client: FakeHostClient
  let wrapper: VueWrapper | undefined
  let missing: string[] = []
  let issues: ProfileIssue[]

  beforeEach(() => {
    issues = []
    client = new FakeHostClient()
      .handle('profile.validate', () => ({ ok: issues.length === 0, issues }))
      .handle('profile.save', ({ profile }) => ({ profile: profileFromForm(formFromUnknown(profile)), updatedAt: 1 }))
  })

  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    expect(missing).toEqual([])
  })

  function mountForm(locale: 'en' | 'ja' = 'en', mode: 'new' | 'edit' = 'new') {
    const setup = mountOptions(client, locale)
    missing = setup.missing
    wrapper = mount(ProfileForm, { ...setup.options, props: { initial: emptyForm(), mode, checkDelayMs: 0 } })
    return wrapper
  }

  it('shows each issue under the field its path names, and the unclaimed ones at the top', async () => {
    issues = [
      { path: 'wifi.ssid', message: 'The longest SSID is 36 bytes; the limit is 32.' },
      { path: 'id', message: 'Use lower-case letters, digits and dashes (e.g. "shop-jp-iij")' },
      { path: 'wifi.key.length', message: 'Too small: expected number to be >=8' },
      { path: 'mystery', message: 'Unrecognized key: "mystery"' }
    ]
    const form = mountForm()
    await form.get('[data-testid="profile-name"]').setValue('Shop JP')
    await settle()
    expect(client.callsTo('profile.validate').length).toBeGreaterThan(0)
    expect(form.get('[data-testid="issues-wifi-ssid"]').text()).toBe('The longest SSID is 36 bytes; the limit is 32.')
    expect(form.get('[data-testid="issues-id"]').text()).toContain('lower-case')
    expect(form.get('[data-testid="issues-wifi-key-length"]').text()).toContain('>=8')
    expect(form.get('[data-testid="issues-name"]').text()).toBe('')
    expect(form.get('[data-testid="profile-ssid"]').attributes('aria-invalid')).toBe('true')
    expect(form.get('[data-testid="profile-name"]').attributes('aria-invalid')).toBeUndefined()
    // The problem is read with the field.
    const described = form.get('[data-testid="profile-ssid"]').attributes('aria-describedby') ?? ''
    const issueId = form.get('[data-testid="issues-wifi-ssid"]').attributes('id') ?? ''
    expect(described.split(' ')).toContain(issueId)
    expect(form.get('[data-testid="profile-issues-other"]').text()).toContain('mystery')
    expect(form.get('[data-testid="profile-check-status"]').text()).toBe('Problems to fix: 4')
  })

  it('does not save while the host reports problems, and moves focus to the first one', async () => {
    issues = [{ path: 'name', message: 'Give the profile a name.' }]
    const form = mountForm()
    await form.get('form').trigger('submit')
    await settle()
    await settle()
    expect(client.callsTo('profile.save')).toEqual([])
    expect(form.get('[data-testid="issues-name"]').text()).toBe('Give the profile a name.')
    expect(document.activeElement).toBe(form.get('[data-testid="profile-name"]').element)
  })

  it('previews the SSID live from the attached unit, with tokens added by button', async () => {
    const form = mountForm()
    const devices = useDevicesStore()
    devices.devices = [makeDevice()]
    devices.statuses = { 'dev-1': makeStatus() }
    await flush()
    expect(form.get('[data-testid="ssid-preview"]').text()).toBe('RENTAL-9012')
    expect(form.text()).toContain('On the attached unit:')
    await form.get('[data-testid="profile-ssid"]').setValue('SHOP-')
    await form.get('[data-testid="ssid-token-iccid4"]').trigger('click')
    await form.get('[data-testid="ssid-token-n"]').trigger('click')
    expect((form.get('[data-testid="profile-ssid"]').element as HTMLInputElement).value).toBe('SHOP-{iccid4}{n}')
    expect(form.get('[data-testid="ssid-preview"]').text()).toBe('SHOP-890101')
    expect(form.get('[data-testid="ssid-bytes"]').text()).toBe('11 of 32 bytes')
    expect(form.find('[data-testid="ssid-too-long"]').exists()).toBe(false)
    await form.get('[data-testid="profile-ssid"]').setValue('A-VERY-LONG-SHOP-NAME-{imei6}{imei6}')
    expect(form.get('[data-testid="ssid-too-long"]').text()).toContain('34 bytes')
    await form.get('[data-testid="profile-ssid"]').setValue('X-{imei}')
    expect(form.get('[data-testid="ssid-unknown-token"]').text()).toContain('{imei}')
  })

  it('sends the allowance in bytes, and explains an allowance that is not a number without asking the host', async () => {
    const form = mountForm()
    await form.get('[data-testid="profile-name"]').setValue('Shop JP')
    await form.get('[data-testid="profile-id"]').setValue('shop-jp')
    await form.get('[data-testid="profile-plan-on"]').setValue(true)
    await form.get('[data-testid="profile-limit"]').setValue('lots')
    await form.get('form').trigger('submit')
    await settle()
    expect(form.get('[data-testid="issues-limit"]').text()).toBe('Type the allowance as a number, like 30 or 7.5.')
    expect(client.callsTo('profile.save')).toEqual([])

    await form.get('[data-testid="profile-limit"]').setValue('7.5')
    await form.get('[data-testid="profile-limit-unit"]').setValue('GB')
    await form.get('form').trigger('submit')
    await settle()
    const [saved] = client.callsTo('profile.save') as Array<{ profile: { dataPlan: { limitBytes: number; startDay: number }; id: string } }>
    expect(saved?.profile.id).toBe('shop-jp')
    expect(saved?.profile.dataPlan).toEqual({ limitBytes: 7.5 * 1024 ** 3, startDay: 1 })
    expect(form.emitted('saved')).toHaveLength(1)
  })

  it('is fully translated in Japanese', async () => {
    const form = mountForm('ja')
    await flush()
    expect(form.text()).toContain('Wi-Fi名のパターン')
    expect(form.get('[data-testid="profile-save"]').text()).toBe('プロファイルを保存')
  })
})
