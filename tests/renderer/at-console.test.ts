import { ContractError } from '@contract/errors'
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import AtConsolePanel from '@renderer/components/tools/AtConsolePanel.vue'
import { FakeHostClient } from './support/fake-client'
import { makeDevice } from './support/fixtures'
import { flush, mountOptions, settle } from './support/mount-app'

const device = makeDevice({ capabilities: ['readSignal', 'atConsole'] })

describe('AT console', () => {
  let client: FakeHostClient
  let wrapper: VueWrapper | undefined
  let missing: string[] = []

  beforeEach(() => {
    client = new FakeHostClient().handle('at.send', ({ command, confirmed }) => {
      if (command === 'AT+CFUN=0' && !confirmed) {
        throw new ContractError('BAD_INPUT', 'This command needs confirmation', { needsConfirmation: true, reasons: ['Turns the radio off.'] })
      }
      if (command === 'AT+CFUN=0') return { lines: [], final: 'OK', elapsedMs: 40 }
      if (command === 'AT+CSQ;ATZ') throw new ContractError('BAD_INPUT', 'One command per line, without line breaks')
      if (command === 'AT+CSQ') return { lines: ['+CSQ: 21,99'], final: 'OK', elapsedMs: 12 }
      return { lines: [], final: '+CME ERROR: 10', elapsedMs: 8 }
    })
  })

  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    expect(missing).toEqual([])
  })

  function mountPanel(): VueWrapper {
    const setup = mountOptions(client)
    missing = setup.missing
    wrapper = mount(AtConsolePanel, { ...setup.options, props: { device } })
    return wrapper
  }
  const lines = (app: VueWrapper) => app.findAll('[data-testid="at-line"]').map((line) => [line.attributes('data-direction'), line.get('.at-line__text').text(), line.attributes('data-final') ?? ''])

  async function send(app: VueWrapper, command: string): Promise<void> {
    await app.get('[data-testid="at-command"]').setValue(command)
    await app.get('form').trigger('submit')
    await settle()
  }

  it('sends a command and logs it with the replies, the final result highlighted', async () => {
    const app = mountPanel()
    await send(app, ' AT+CSQ ')
    expect(client.callsTo('at.send')).toEqual([{ deviceId: 'dev-1', command: 'AT+CSQ', confirmed: false }])
    expect(lines(app)).toEqual([
      ['out', 'AT+CSQ', ''],
      ['in', '+CSQ: 21,99', ''],
      ['in', 'OK', 'ok']
    ])
    await send(app, 'AT+XYZ')
    expect(lines(app).at(-1)).toEqual(['in', '+CME ERROR: 10', 'error'])
  })

  it('offers the standard reads as buttons and recalls earlier commands with ↑ and ↓', async () => {
    const app = mountPanel()
    const quick = app.findAll('[data-testid="at-quick-commands"] button').map((button) => button.attributes('data-command'))
    expect(quick).toEqual(['AT+CSQ', 'AT+COPS?', 'AT+CEREG?', 'AT+CGDCONT?', 'ATI'])
    await app.get('[data-command="AT+CSQ"]').trigger('click')
    await settle()
    await send(app, 'ATI')
    expect(client.callsTo('at.send').map((call) => (call as { command: string }).command)).toEqual(['AT+CSQ', 'ATI'])
    const input = app.get('[data-testid="at-command"]')
    await input.trigger('keydown', { key: 'ArrowUp' })
    expect((input.element as HTMLInputElement).value).toBe('ATI')
    await input.trigger('keydown', { key: 'ArrowUp' })
    expect((input.element as HTMLInputElement).value).toBe('AT+CSQ')
    await input.trigger('keydown', { key: 'ArrowDown' })
    expect((input.element as HTMLInputElement).value).toBe('ATI')
    await input.trigger('keydown', { key: 'ArrowDown' })
    expect((input.element as HTMLInputElement).value).toBe('')
  })

  it('asks before a risky command, with the host’s reasons, and resends it confirmed', async () => {
    const app = mountPanel()
    await send(app, 'AT+CFUN=0')
    expect(document.body.textContent).toContain('Turns the radio off.')
    expect(lines(app)).toEqual([])
    ;(document.querySelector('[data-testid="confirm-accept"]') as HTMLButtonElement).click()
    await settle()
    expect(client.callsTo('at.send')).toEqual([
      { deviceId: 'dev-1', command: 'AT+CFUN=0', confirmed: false },
      { deviceId: 'dev-1', command: 'AT+CFUN=0', confirmed: true }
    ])
    expect(lines(app).at(-1)).toEqual(['in', 'OK', 'ok'])
    expect((document.querySelector('dialog') as HTMLDialogElement).open).toBe(false)
  })

  it('cancelling the confirmation sends nothing more', async () => {
    const app = mountPanel()
    await send(app, 'AT+CFUN=0')
    expect((document.querySelector('dialog') as HTMLDialogElement).open).toBe(true)
    ;(document.querySelector('[data-testid="confirm-cancel"]') as HTMLButtonElement).click()
    await flush()
    expect(client.callsTo('at.send')).toHaveLength(1)
    expect(app.get('[data-testid="at-console"]').attributes('data-status')).toBe('idle')
  })

  it('shows the host’s message when it refuses a malformed line', async () => {
    const app = mountPanel()
    await send(app, 'AT+CSQ;ATZ')
    expect(app.get('[data-testid="at-error"]').text()).toContain('One command per line, without line breaks')
    expect((document.querySelector('dialog') as HTMLDialogElement).open).toBe(false)
  })

  it('copies the host’s transcript', async () => {
    client.handle('at.transcript', () => ({
      lines: [
        { at: Date.UTC(2026, 0, 1, 10, 0, 0), direction: 'out', kind: 'command', text: 'AT+CSQ' },
        { at: Date.UTC(2026, 0, 1, 10, 0, 0), direction: 'in', kind: 'final', text: 'OK' }
      ]
    }))
    const writeText = vi.fn().mockResolvedValue(undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const app = mountPanel()
    await app.get('[data-testid="at-copy-transcript"]').trigger('click')
    await settle()
    expect(client.callsTo('at.transcript')).toEqual([{ deviceId: 'dev-1' }])
    expect(writeText).toHaveBeenCalledWith('2026-01-01T10:00:00.000Z > AT+CSQ\n2026-01-01T10:00:00.000Z < OK')
    expect(app.get('[data-testid="at-copy-feedback"]').text()).toBe('Copied')
  })

  it('says how to copy by hand when the clipboard refuses', async () => {
    client.handle('at.transcript', () => ({ lines: [] }))
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: vi.fn().mockRejectedValue(new Error('denied')) }, configurable: true })
    const app = mountPanel()
    await app.get('[data-testid="at-copy-transcript"]').trigger('click')
    await settle()
    expect(app.get('[data-testid="at-copy-feedback"]').text()).toBe('Could not copy: select the lines in the console output and copy them by hand.')
  })
})
