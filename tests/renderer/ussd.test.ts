import { ContractError } from '@contract/errors'
import type { UssdReply } from '@contract/model'
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { h } from 'vue'
import UssdPanel from '@renderer/components/UssdPanel.vue'
import { USSD_TIMEOUT_MS } from '@renderer/stores/ussd'
import { deferred, type Deferred } from './support/deferred'
import { FakeHostClient } from './support/fake-client'
import { makeDevice } from './support/fixtures'
import { flush, mountOptions, settle } from './support/mount-app'

const device = makeDevice({ capabilities: ['readSignal', 'ussd'] })
const MENU = 'Prepaid\n1. Balance\n2. Data passes\n0. Exit'

describe('USSD panel', () => {
  let client: FakeHostClient
  let replies: Deferred<UssdReply>[]
  let wrapper: VueWrapper | undefined
  let missing: string[] = []

  beforeEach(() => {
    replies = []
    const next = () => {
      const reply = deferred<UssdReply>()
      replies.push(reply)
      return reply.promise
    }
    client = new FakeHostClient()
      .handle('ussd.send', next)
      .handle('ussd.respond', next)
      .handle('ussd.cancel', () => ({ done: true }))
  })

  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    expect(missing).toEqual([])
  })

  function mountPanel(options: { slots?: Record<string, () => unknown>; props?: Record<string, unknown> } = {}): VueWrapper {
    const setup = mountOptions(client)
    missing = setup.missing
    wrapper = mount(UssdPanel, { ...setup.options, props: { device, ...options.props }, ...(options.slots ? { slots: options.slots } : {}) })
    return wrapper
  }

  const bubbles = (app: VueWrapper) => app.findAll('[data-testid="ussd-bubble"]').map((bubble) => [bubble.attributes('data-kind'), bubble.find('.ussd-entry__text').exists() ? bubble.get('.ussd-entry__text').text() : bubble.text()])

  async function sendCode(app: VueWrapper, code: string): Promise<void> {
    await app.get('[data-testid="ussd-code"]').setValue(code)
    await app.get('form.ussd-send').trigger('submit')
    await flush()
  }

  it('refuses codes that are not digits, * and #, before sending anything', async () => {
    const app = mountPanel()
    await sendCode(app, '*100#abc')
    expect(app.get('[data-testid="ussd-code-error"]').text()).toBe('Use only digits, * and #, e.g. *100#.')
    expect(app.get('[data-testid="ussd-code"]').attributes('aria-invalid')).toBe('true')
    expect(client.callsTo('ussd.send')).toEqual([])
    await sendCode(app, '')
    expect(client.callsTo('ussd.send')).toEqual([])
  })

  it('runs a session: code, menu, answer, final reply — as a transcript of bubbles', async () => {
    const app = mountPanel()
    expect(app.get('[data-testid="ussd-transcript"]').attributes('role')).toBe('log')
    await sendCode(app, ' *999# ')
    expect(client.callsTo('ussd.send')).toEqual([{ deviceId: 'dev-1', code: '*999#' }])
    // Networks take up to about 30 s: longer than the client's 15 s default.
    expect(client.optionsTo('ussd.send')).toEqual([{ timeoutMs: USSD_TIMEOUT_MS }])
    expect(app.get('[data-testid="ussd-panel"]').attributes('data-status')).toBe('sending')
    expect(app.get('[data-testid="ussd-waiting"]').text()).toContain('Waiting for the network')
    expect(app.find('[data-testid="ussd-send"]').exists()).toBe(false)
    expect(app.find('[data-testid="ussd-cancel"]').exists()).toBe(true)

    replies[0]!.resolve({ text: MENU, sessionOpen: true })
    await settle()
    expect(bubbles(app)).toEqual([
      ['sent', '*999#'],
      ['reply', MENU]
    ])
    expect(app.get('[data-testid="ussd-panel"]').attributes('data-status')).toBe('menu')
    const answer = app.get('[data-testid="ussd-answer"]')
    expect(document.activeElement).toBe(answer.element)
    // The code field waits until the menu is answered or ended.
    expect(app.get('[data-testid="ussd-code"]').attributes('disabled')).toBeDefined()

    await answer.setValue('1')
    await app.get('[data-testid="ussd-menu"]').trigger('submit')
    await flush()
    expect(client.callsTo('ussd.respond')).toEqual([{ deviceId: 'dev-1', answer: '1' }])
    replies[1]!.resolve({ text: 'Your balance is $12.34.', sessionOpen: false })
    await settle()
    expect(bubbles(app)).toEqual([
      ['sent', '*999#'],
      ['reply', MENU],
      ['sent', '1'],
      ['reply', 'Your balance is $12.34.'],
      ['ended', 'Session ended.']
    ])
    expect(app.find('[data-testid="ussd-menu"]').exists()).toBe(false)
    expect(app.get('[data-testid="ussd-panel"]').attributes('data-status')).toBe('idle')
  })

  it('ends an open menu on request', async () => {
    const app = mountPanel()
    await sendCode(app, '*999#')
    replies[0]!.resolve({ text: MENU, sessionOpen: true })
    await settle()
    await app.get('[data-testid="ussd-end"]').trigger('click')
    await settle()
    expect(client.callsTo('ussd.cancel')).toEqual([{ deviceId: 'dev-1' }])
    expect(bubbles(app).at(-1)).toEqual(['cancelled', 'Session cancelled.'])
    expect(app.find('[data-testid="ussd-menu"]').exists()).toBe(false)
    expect(app.get('[data-testid="ussd-send"]').attributes('disabled')).toBeUndefined()
  })

  it('cancels a code that is still with the network, and ignores its late reply', async () => {
    const app = mountPanel()
    await sendCode(app, '#225#')
    await app.get('[data-testid="ussd-cancel"]').trigger('click')
    await settle()
    expect(client.callsTo('ussd.cancel')).toEqual([{ deviceId: 'dev-1' }])
    replies[0]!.resolve({ text: 'too late', sessionOpen: true })
    await settle()
    expect(app.text()).not.toContain('too late')
    expect(app.get('[data-testid="ussd-panel"]').attributes('data-status')).toBe('idle')
    expect(bubbles(app)).toEqual([
      ['sent', '#225#'],
      ['cancelled', 'Session cancelled.']
    ])
  })

  it('says what to do when the network does not answer', async () => {
    const app = mountPanel()
    await sendCode(app, '#225#')
    replies[0]!.reject(new ContractError('TIMEOUT', 'The network did not answer.'))
    await settle()
    const error = app.get('[data-testid="ussd-error"]')
    expect(error.attributes('data-error-code')).toBe('TIMEOUT')
    expect(error.text()).toContain('The code did not go through.')
    expect(error.text()).toContain('Try again in a moment')
    expect(app.get('[data-testid="ussd-panel"]').attributes('data-status')).toBe('idle')
  })

  it('has no built-in quick codes, and a slot (or prop) for a carrier pack’s', async () => {
    const plain = mountPanel()
    expect(plain.find('[data-testid="ussd-quick-codes"]').exists()).toBe(false)
    plain.unmount()

    const withProp = mountPanel({ props: { quickCodes: [{ label: 'Balance', code: '#225#' }] } })
    await withProp.get('[data-testid="ussd-quick-codes"] button').trigger('click')
    await flush()
    expect(client.callsTo('ussd.send')).toEqual([{ deviceId: 'dev-1', code: '#225#' }])
    withProp.unmount()

    const withSlot = mountPanel({ slots: { 'quick-codes': () => h('p', { 'data-testid': 'pack-codes' }, 'from a pack') } })
    expect(withSlot.get('[data-testid="pack-codes"]').text()).toBe('from a pack')
  })

  it('waits for a connected device', () => {
    const setup = mountOptions(client)
    missing = setup.missing
    wrapper = mount(UssdPanel, { ...setup.options, props: { device: makeDevice({ state: 'released', capabilities: ['ussd'] }) } })
    expect(wrapper.find('[data-testid="ussd-not-ready"]').exists()).toBe(true)
    expect(wrapper.get('[data-testid="ussd-send"]').attributes('disabled')).toBeDefined()
  })
})
