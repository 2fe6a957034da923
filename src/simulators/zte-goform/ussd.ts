// USSD on a simulated ZTE device (reference §2.8; anysoft/mifi-tools:webs/mf761/web/js/com.js getUSSDResponse,
// USSDReplyCancel). USSD_PROCESS ussd_send / ussd_reply start a network request: ussd_write_flag reads "15"
// until the network answers, then "16" with the reply in ussd_data_info (ussd_data UCS2 hex, ussd_action 1 while
// the network expects an answer, 0 when done, ussd_dcs 72 = UCS2). ussd_cancel ends the session: "13".
// Without service the request fails with "1"; answering a menu the network already closed gives "2".
// The network: T-Mobile US codes #225# (balance), #932# (data), #686# (own number) (reference/carriers.md §7)
// and a two-level demo menu on *123# (not a real T-Mobile code). A menu left unanswered for 60 s is closed by
// the network [U for the length].
import { toUcs2Hex } from './codec'

export interface UssdContext {
  inService: () => boolean
  balanceCents: () => number
  dataUsedBytes: () => number
  planBytes: () => number
  msisdn: () => string
}

type MenuId = 'main' | 'data' | 'addons'

interface Pending {
  readyAt: number
  flag: '16' | '1' | '2'
  text: string
  action: '0' | '1'
  menu: MenuId | undefined
}

const MENU_TIMEOUT_MS = 60_000

const MENUS: Readonly<Record<MenuId, string>> = {
  main: 'Prepaid menu — T-Mobile\n1 Balance\n2 Data\n3 Add-ons',
  data: 'Data\n1 Usage\n2 Buy 1 GB pass ($10)',
  addons: 'Add-ons\n1 International pass\n2 Back'
}

export class UssdService {
  private flag = '0'
  private data = ''
  private action: '0' | '1' = '0'
  private pending: Pending | undefined
  private openMenu: { id: MenuId; since: number } | undefined
  private readonly replies: Array<{ at: number; text: string }> = []

  constructor(
    private readonly now: () => number,
    private readonly delayMs: number,
    private readonly context: UssdContext
  ) {}

  /** Every network reply so far (tests and the demo look at it). */
  get history(): ReadonlyArray<{ at: number; text: string }> {
    return this.replies
  }

  get sessionOpen(): boolean {
    this.settle()
    return this.openMenu !== undefined
  }

  send(code: string): boolean {
    if (!/^[0-9*#+]{1,40}$/.test(code)) return false
    this.openMenu = undefined
    this.start(() => this.answerCode(code))
    return true
  }

  reply(answer: string): boolean {
    if (answer.trim() === '' || answer.length > 160) return false
    this.settle()
    const menu = this.openMenu
    this.start(() => {
      if (!menu || this.now() - menu.since > MENU_TIMEOUT_MS) return { flag: '2', text: '', action: '0', menu: undefined }
      return this.answerMenu(menu.id, answer.trim())
    })
    return true
  }

  cancel(): void {
    this.pending = undefined
    this.openMenu = undefined
    this.flag = '13'
    this.action = '0'
  }

  reset(): void {
    this.pending = undefined
    this.openMenu = undefined
    this.flag = '0'
    this.data = ''
    this.action = '0'
  }

  writeFlag(): string {
    this.settle()
    return this.flag
  }

  dataInfo(): Record<string, string> {
    this.settle()
    return { ussd_data: this.data, ussd_action: this.action, ussd_dcs: '72' }
  }

  private start(outcome: () => Omit<Pending, 'readyAt'>): void {
    this.flag = '15'
    this.data = ''
    this.action = '0'
    const result = this.context.inService() ? outcome() : { flag: '1' as const, text: '', action: '0' as const, menu: undefined }
    this.pending = { ...result, readyAt: this.now() + this.delayMs }
    this.settle()
  }

  private settle(): void {
    const pending = this.pending
    if (pending && this.now() >= pending.readyAt) {
      this.pending = undefined
      this.flag = pending.flag
      this.data = pending.flag === '16' ? toUcs2Hex(pending.text) : ''
      this.action = pending.action
      this.openMenu = pending.menu ? { id: pending.menu, since: this.now() } : undefined
      if (pending.flag === '16') this.replies.push({ at: this.now(), text: pending.text })
    }
    if (this.openMenu && this.now() - this.openMenu.since > MENU_TIMEOUT_MS) this.openMenu = undefined
  }

  private answerCode(code: string): Omit<Pending, 'readyAt'> {
    switch (code) {
      case '#225#':
        return final(this.balanceText())
      case '#932#':
        return final(this.dataText())
      case '#686#':
        return final(`Your phone number is ${this.context.msisdn().replace(/^\+/, '')}.`)
      case '*123#':
        return menu('main')
      default:
        return final('Unknown service code.')
    }
  }

  private answerMenu(id: MenuId, answer: string): Omit<Pending, 'readyAt'> {
    if (id === 'main') {
      if (answer === '1') return final(this.balanceText())
      if (answer === '2') return menu('data')
      if (answer === '3') return menu('addons')
    } else if (id === 'data') {
      if (answer === '1') return final(this.dataText())
      if (answer === '2') {
        return this.context.balanceCents() >= 1000 ? final('Your 1 GB pass starts when the current one ends. Thank you!') : final('Your balance is too low for this pass. Dial *233 to refill.')
      }
    } else if (answer === '1') {
      return final('No international passes are available for this line.')
    } else if (answer === '2') {
      return menu('main')
    }
    return { flag: '16', text: `Invalid choice.\n${MENUS[id]}`, action: '1', menu: id }
  }

  private balanceText(): string {
    const cents = this.context.balanceCents()
    return `Your balance is $${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}. Your plan renews on the 14th.`
  }

  private dataText(): string {
    const gb = (bytes: number): string => (bytes / 1024 ** 3).toFixed(2)
    return `You have used ${gb(this.context.dataUsedBytes())} GB of ${gb(this.context.planBytes())} GB this month.`
  }
}

function final(text: string): Omit<Pending, 'readyAt'> {
  return { flag: '16', text, action: '0', menu: undefined }
}

function menu(id: MenuId): Omit<Pending, 'readyAt'> {
  return { flag: '16', text: MENUS[id], action: '1', menu: id }
}
