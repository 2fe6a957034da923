// In-app toasts: a host 'notification' event becomes a toast in the UI language inside a polite live
// region, never takes focus, can be dismissed, shows each notification once, and keeps at most a few.
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { HostNotification } from '@contract/settings'
import ToastRegion from '@renderer/components/ToastRegion.vue'
import { MAX_TOASTS, useNotificationsStore } from '@renderer/stores/notifications'
import { FakeHostClient } from './support/fake-client'
import { flush, mountOptions } from './support/mount-app'

function note(id: string, overrides: Partial<HostNotification> = {}): HostNotification {
  return {
    id,
    kind: 'disconnected',
    deviceId: 'demo-hotspot',
    titleKey: 'notify.disconnected.title',
    bodyKey: 'notify.disconnected.body',
    params: { device: 'Demo E5577' },
    text: { title: 'Device disconnected', body: 'Demo E5577 was unplugged or stopped answering.' },
    at: 1,
    ...overrides
  }
}

describe('ToastRegion', () => {
  let wrapper: VueWrapper | undefined
  let missing: string[] = []

  afterEach(() => {
    useNotificationsStore().stop()
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    expect(missing).toEqual([])
  })

  async function mountToasts(locale: 'en' | 'ja' = 'en') {
    const client = new FakeHostClient()
    const setup = mountOptions(client, locale)
    missing = setup.missing
    wrapper = mount(ToastRegion, setup.options)
    useNotificationsStore().start()
    await flush()
    return { client, toasts: wrapper }
  }

  it('shows a host notification in the UI language inside a polite live region, without taking focus', async () => {
    const { client, toasts } = await mountToasts('ja')
    const focused = document.activeElement
    const live = toasts.get('[aria-live="polite"]')
    expect(live.findAll('[data-testid="toast"]')).toHaveLength(0)
    client.emit('notification', note('n1'))
    await flush()
    const toast = live.get('[data-testid="toast"]')
    expect(toast.text()).toContain('端末との接続が切れました')
    expect(toast.text()).toContain('Demo E5577 が取り外されたか、応答しなくなりました。')
    expect(toast.attributes('data-kind')).toBe('disconnected')
    expect(document.activeElement).toBe(focused)
  })

  it('falls back to the host text for a key this window does not know', async () => {
    const { client, toasts } = await mountToasts()
    client.emit('notification', note('n2', { titleKey: 'notify.future.title', bodyKey: 'notify.future.body' }))
    await flush()
    expect(toasts.get('[data-testid="toast"]').text()).toContain('Device disconnected')
  })

  it('dismisses a toast, ignores a repeated id and keeps only the newest few', async () => {
    const { client, toasts } = await mountToasts()
    client.emit('notification', note('a'))
    client.emit('notification', note('a'))
    await flush()
    expect(toasts.findAll('[data-testid="toast"]')).toHaveLength(1)
    const dismiss = toasts.get('[data-testid="toast-dismiss"]')
    expect(dismiss.attributes('aria-label')).toBe('Dismiss: Device disconnected')
    await dismiss.trigger('click')
    expect(toasts.findAll('[data-testid="toast"]')).toHaveLength(0)
    for (let i = 0; i < MAX_TOASTS + 2; i++) client.emit('notification', note(`n${i}`, { params: { device: `Unit ${i}` } }))
    await flush()
    const shown = toasts.findAll('[data-testid="toast"]')
    expect(shown).toHaveLength(MAX_TOASTS)
    expect(shown[0]?.text()).toContain('Unit 2')
  })
})
