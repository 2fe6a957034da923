import { ContractError } from '@contract/errors'
import type { SmsMessage, SmsStorage } from '@contract/model'
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import SmsInbox from '@renderer/components/SmsInbox.vue'
import { deferred } from './support/deferred'
import { FakeHostClient } from './support/fake-client'
import { makeDevice } from './support/fixtures'
import { flush, mountOptions, settle } from './support/mount-app'

const device = makeDevice({ capabilities: ['readSignal', 'sms'] })
const LONG =
  'IIJmio: 今月の高速データ通信量の残りが 1GB を下回りました。追加のクーポンは会員専用ページからお申し込みいただけます。' +
  'このメッセージは配信専用です。ご返信いただいてもお答えできませんのでご了承ください。'

function inbox(): SmsMessage[] {
  return [
    { id: '40001', from: '456', text: 'Welcome to prepaid.', receivedAt: '2026-01-10T09:00:00Z', read: true },
    { id: '40003', from: '+818012345678', text: LONG, receivedAt: '2026-01-15T08:30:00+09:00', read: false, partsMissing: 1 },
    { id: '40002', from: 'IIJmio', text: 'Code 482913', receivedAt: '2026-01-12T12:00:00Z', read: false }
  ]
}

describe('SMS inbox', () => {
  let client: FakeHostClient
  let messages: SmsMessage[]
  let storage: SmsStorage | undefined
  let wrapper: VueWrapper | undefined
  let missing: string[] = []

  beforeEach(() => {
    messages = inbox()
    storage = { used: 3, total: 50 }
    client = new FakeHostClient()
      .handle('sms.list', () => (storage ? { messages: structuredClone(messages), storage } : { messages: structuredClone(messages) }))
      .handle('sms.markRead', ({ messageId }) => {
        const message = messages.find((candidate) => candidate.id === messageId)
        if (message) message.read = true
        return { done: true }
      })
      .handle('sms.delete', ({ messageId }) => {
        messages = messages.filter((message) => message.id !== messageId)
        storage = { used: messages.length, total: 50 }
        return { done: true }
      })
  })

  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    expect(missing).toEqual([])
  })

  async function mountInbox(locale: 'en' | 'ja' = 'en'): Promise<VueWrapper> {
    const setup = mountOptions(client, locale)
    missing = setup.missing
    wrapper = mount(SmsInbox, { ...setup.options, props: { device } })
    await settle()
    return wrapper
  }

  const items = (app: VueWrapper) => app.findAll('[data-testid="sms-message"]')
  const item = (app: VueWrapper, id: string) => app.get(`[data-testid="sms-message"][data-message-id="${id}"]`)

  it('lists messages newest first, unread in bold, with sender, local time and missing parts', async () => {
    const app = await mountInbox()
    expect(items(app).map((row) => row.attributes('data-message-id'))).toEqual(['40003', '40002', '40001'])
    expect(item(app, '40003').classes()).toContain('sms--unread')
    expect(item(app, '40001').classes()).not.toContain('sms--unread')
    expect(item(app, '40003').get('[data-testid="sms-from"]').text()).toContain('Unread')
    expect(item(app, '40003').get('[data-testid="sms-from"]').text()).toContain('+818012345678')
    const time = item(app, '40001').get('[data-testid="sms-time"]')
    expect(time.attributes('datetime')).toBe('2026-01-10T09:00:00Z')
    expect(time.text()).toBe(new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(Date.parse('2026-01-10T09:00:00Z')))
    expect(item(app, '40003').get('[data-testid="sms-parts-missing"]').text()).toBe('Parts missing: 1')
    expect(item(app, '40002').find('[data-testid="sms-parts-missing"]').exists()).toBe(false)
    expect(app.get('[data-testid="sms-unread-count"]').text()).toBe('2 unread')
  })

  it('shows the storage gauge from used / total', async () => {
    const app = await mountInbox()
    expect(app.get('[data-testid="sms-storage-text"]').text()).toBe('3 of 50 messages stored')
    const meter = app.get('[data-testid="sms-storage-meter"]')
    expect(meter.attributes('role')).toBe('progressbar')
    expect(meter.attributes('aria-valuenow')).toBe('6')
  })

  it('has no gauge when the device does not report its storage', async () => {
    storage = undefined
    const app = await mountInbox()
    expect(app.find('[data-testid="sms-storage"]').exists()).toBe(false)
  })

  it('opens a message whole and marks it read on the device, once', async () => {
    const app = await mountInbox()
    const open = item(app, '40003').get('[data-testid="sms-open"]')
    expect(open.attributes('aria-expanded')).toBe('false')
    await open.trigger('click')
    await settle()
    expect(client.callsTo('sms.markRead')).toEqual([{ deviceId: 'dev-1', messageId: '40003' }])
    expect(item(app, '40003').get('[data-testid="sms-open"]').attributes('aria-expanded')).toBe('true')
    expect(item(app, '40003').get('[data-testid="sms-text"]').text()).toBe(LONG)
    expect(item(app, '40003').get('[data-testid="sms-body"]').text()).toContain('1 of its parts have not arrived yet')
    expect(item(app, '40003').attributes('data-read')).toBe('true')
    expect(item(app, '40003').classes()).not.toContain('sms--unread')
    expect(app.get('[data-testid="sms-unread-count"]').text()).toBe('1 unread')

    // Closing and opening again, or opening a read message, asks nothing more.
    await item(app, '40003').get('[data-testid="sms-open"]').trigger('click')
    await item(app, '40003').get('[data-testid="sms-open"]').trigger('click')
    await item(app, '40001').get('[data-testid="sms-open"]').trigger('click')
    await settle()
    expect(client.callsTo('sms.markRead')).toHaveLength(1)
  })

  it('stops asking a device that cannot mark messages read', async () => {
    client.handle('sms.markRead', () => {
      throw new ContractError('UNSUPPORTED', 'This device cannot mark messages as read.')
    })
    const app = await mountInbox()
    await item(app, '40003').get('[data-testid="sms-open"]').trigger('click')
    await settle()
    await item(app, '40002').get('[data-testid="sms-open"]').trigger('click')
    await settle()
    expect(client.callsTo('sms.markRead')).toHaveLength(1)
    expect(app.find('[data-error-code]').exists()).toBe(false)
  })

  it('deletes only after an explicit confirmation', async () => {
    const app = await mountInbox()
    await item(app, '40002').get('[data-testid="sms-open"]').trigger('click')
    await settle()
    await item(app, '40002').get('[data-testid="sms-delete"]').trigger('click')
    await flush()
    const confirm = app.get('[data-testid="sms-delete-confirm"]')
    expect((confirm.element as HTMLDialogElement).open).toBe(true)
    expect(confirm.text()).toContain('The message from IIJmio is removed from the hotspot.')
    expect(client.callsTo('sms.delete')).toEqual([])

    await confirm.get('[data-testid="confirm-cancel"]').trigger('click')
    await settle()
    expect(client.callsTo('sms.delete')).toEqual([])
    expect(items(app)).toHaveLength(3)

    await item(app, '40002').get('[data-testid="sms-delete"]').trigger('click')
    await flush()
    await confirm.get('[data-testid="confirm-accept"]').trigger('click')
    await settle()
    expect(client.callsTo('sms.delete')).toEqual([{ deviceId: 'dev-1', messageId: '40002' }])
    expect((confirm.element as HTMLDialogElement).open).toBe(false)
    expect(items(app).map((row) => row.attributes('data-message-id'))).toEqual(['40003', '40001'])
    // The focus lands on the message that took the deleted one's place.
    expect(document.activeElement).toBe(item(app, '40001').get('[data-testid="sms-open"]').element)
    // The device's own count after the delete.
    expect(app.get('[data-testid="sms-storage-text"]').text()).toBe('2 of 50 messages stored')
  })

  it('keeps the message and says why when deleting fails', async () => {
    client.handle('sms.delete', () => {
      throw new ContractError('DEVICE_GONE', 'The device stopped answering.')
    })
    const app = await mountInbox()
    await item(app, '40001').get('[data-testid="sms-open"]').trigger('click')
    await item(app, '40001').get('[data-testid="sms-delete"]').trigger('click')
    await flush()
    await app.get('[data-testid="sms-delete-confirm"] [data-testid="confirm-accept"]').trigger('click')
    await settle()
    const confirm = app.get('[data-testid="sms-delete-confirm"]')
    expect((confirm.element as HTMLDialogElement).open).toBe(true)
    expect(confirm.text()).toContain('The message was not deleted.')
    expect(confirm.text()).toContain('Check its USB cable')
    expect(items(app)).toHaveLength(3)
  })

  it('refreshes on request and keeps the list on screen meanwhile', async () => {
    const app = await mountInbox()
    const later = deferred<{ messages: SmsMessage[] }>()
    client.handle('sms.list', () => later.promise)
    await app.get('[data-testid="sms-refresh"]').trigger('click')
    await settle()
    expect(items(app)).toHaveLength(3)
    expect(app.get('[data-testid="sms-refresh"]').text()).toBe('Refreshing…')
    later.resolve({ messages: [...inbox(), { id: '40009', from: '789', text: 'New one', receivedAt: '2026-01-20T00:00:00Z', read: false }] })
    await settle()
    expect(items(app)[0]?.attributes('data-message-id')).toBe('40009')
    expect(client.callsTo('sms.list')).toHaveLength(2)
  })

  it('says what to do when the inbox cannot be read, and shows an empty inbox as such', async () => {
    client.handle('sms.list', () => {
      throw new ContractError('TIMEOUT', 'slow')
    })
    const failing = await mountInbox()
    expect(failing.text()).toContain('Could not read the messages.')
    failing.unmount()
    client.handle('sms.list', () => ({ messages: [] }))
    const empty = await mountInbox()
    expect(empty.get('[data-testid="sms-empty"]').text()).toBe('There are no messages on the hotspot.')
  })

  it('formats times for the Japanese UI', async () => {
    const app = await mountInbox('ja')
    const time = item(app, '40001').get('[data-testid="sms-time"]').text()
    expect(time).toBe(new Intl.DateTimeFormat('ja', { dateStyle: 'medium', timeStyle: 'short' }).format(Date.parse('2026-01-10T09:00:00Z')))
    expect(app.get('[data-testid="sms-storage-text"]').text()).toBe('50 件中 3 件を保存中')
  })
})
