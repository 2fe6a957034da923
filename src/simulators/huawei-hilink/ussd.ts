// USSD behind /api/ussd/* (reference §1.12; Salamek/huawei-lte-api examples/send_ussd.py,
// siphomateke/huawei-router-api:src/ussd.js): send hands the string to the network; get answers 111019 until the
// network's reply arrives (replyMs later), then <content>; status is 1 while a request is with the network;
// release ends the session. A silent network (fault) makes get answer 111020 after networkTimeoutMs.
// The "network" plays T-Mobile US prepaid codes (reference/carriers.md §7: #225# balance, #932# data, #686# own
// number, #999# prepaid menu). The #999# menu and its texts are demo content, not recorded from the carrier.
import type { LiveState } from './live-state'
import type { SimProfile } from './sim-profile'

export interface UssdTimings {
  replyMs: number
  networkTimeoutMs: number
}

type MenuId = 'main' | 'passes'
type Outcome = { content: string; menu?: MenuId } | { error: number }

export const USSD_PENDING = 111019
export const USSD_TIMEOUT = 111020
const USSD_ERROR = 111001
const IN_SESSION = 111013
const TOO_LONG = 111014
const EMPTY = 111016
const AT_SEND_FAILED = 111018
/** GSM 03.90 limit on a USSD string. */
const MAX_LENGTH = 182
/** Networks end an unanswered menu after about a minute [U]; answers after that start nothing. */
const MENU_IDLE_MS = 90_000

const MAIN_MENU = 'T-Mobile Prepaid\n1. Balance\n2. Data passes\n3. My number\n0. Exit'
const PASSES_MENU = 'Data passes\n1. 1GB day pass $5\n2. 5GB week pass $15\n9. Back\n0. Exit'
const PASSES = { '1': { name: '1GB day pass', cents: 500 }, '2': { name: '5GB week pass', cents: 1500 } } as const

export interface UssdContext {
  sim: SimProfile
  live: LiveState
  /** Registered on a network (USSD needs one). */
  inService: boolean
  /** The plan's monthly data, bytes. */
  planBytes: number
}

export class UssdService {
  /** Fault: the network never answers; get gives 111020 after networkTimeoutMs. */
  silent = false
  private pending: { readyAt: number; outcome: Outcome } | undefined
  private reply: string | undefined
  private menu: { id: MenuId; at: number } | undefined

  constructor(
    private readonly now: () => number,
    private readonly timings: UssdTimings
  ) {}

  /** POST ussd/send. Returns an error code, or null when the request went to the network. */
  send(content: string, ctx: UssdContext): number | null {
    const text = content.trim()
    if (this.busy) return IN_SESSION
    if (text === '') return EMPTY
    if (text.length > MAX_LENGTH) return TOO_LONG
    if (!ctx.inService) return AT_SEND_FAILED
    const at = this.now()
    const menu = this.menu !== undefined && at - this.menu.at <= MENU_IDLE_MS ? this.menu.id : undefined
    this.menu = undefined
    this.reply = undefined
    const outcome: Outcome = this.silent ? { error: USSD_TIMEOUT } : answer(text, menu, ctx)
    this.pending = { readyAt: at + (this.silent ? this.timings.networkTimeoutMs : this.timings.replyMs), outcome }
    return null
  }

  /** GET ussd/get: the reply text, or an error code (111019 while waiting). */
  get(): { content: string } | { error: number } {
    const pending = this.pending
    if (pending) {
      if (this.now() < pending.readyAt) return { error: USSD_PENDING }
      this.pending = undefined
      if ('error' in pending.outcome) return { error: pending.outcome.error }
      this.reply = pending.outcome.content
      if (pending.outcome.menu) this.menu = { id: pending.outcome.menu, at: this.now() }
    }
    return this.reply === undefined ? { error: USSD_ERROR } : { content: this.reply }
  }

  /** GET ussd/status <result>: 1 while a request is with the network. */
  get busy(): boolean {
    return this.pending !== undefined && this.now() < this.pending.readyAt
  }

  /** GET ussd/release: ends the session and forgets the reply. */
  release(): void {
    this.pending = undefined
    this.reply = undefined
    this.menu = undefined
  }
}

/** The network's answer to a code (no menu open) or to a menu choice. */
function answer(input: string, menu: MenuId | undefined, ctx: UssdContext): Outcome {
  if (menu === 'main') {
    if (input === '1') return { content: balanceText(ctx.sim) }
    if (input === '2') return { content: PASSES_MENU, menu: 'passes' }
    if (input === '3') return { content: numberText(ctx.sim) }
    if (input === '0') return { content: 'Thank you for using T-Mobile.' }
    return { content: `Invalid choice.\n${MAIN_MENU}`, menu: 'main' }
  }
  if (menu === 'passes') {
    if (input === '9') return { content: MAIN_MENU, menu: 'main' }
    if (input === '0') return { content: 'Thank you for using T-Mobile.' }
    const pass = input === '1' || input === '2' ? PASSES[input] : undefined
    if (!pass) return { content: `Invalid choice.\n${PASSES_MENU}`, menu: 'passes' }
    if (ctx.sim.balanceCents < pass.cents) {
      return { content: `Your balance of ${dollars(ctx.sim.balanceCents)} is too low for the ${pass.name} (${dollars(pass.cents)}). Refill at t-mobile.com/refill.` }
    }
    ctx.sim.balanceCents -= pass.cents
    return { content: `Your ${pass.name} is active. New balance: ${dollars(ctx.sim.balanceCents)}.` }
  }
  switch (input) {
    case '#225#':
      return { content: balanceText(ctx.sim) }
    case '#932#': {
      const used = (ctx.live.monthDown + ctx.live.monthUp) / 1024 ** 3
      const plan = ctx.planBytes / 1024 ** 3
      return { content: `You have used ${used.toFixed(2)}GB of ${trimNumber(plan)}GB high-speed data this month.` }
    }
    case '#686#':
      return { content: numberText(ctx.sim) }
    case '#999#':
      return { content: MAIN_MENU, menu: 'main' }
  }
  // A string that is not a code (a menu answer after the session ended) goes nowhere.
  if (!/^[*#]/.test(input)) return { error: USSD_ERROR }
  return { content: 'The code you dialed is not valid. Dial #999# for the prepaid menu.' }
}

function balanceText(sim: SimProfile): string {
  return `Your balance is ${dollars(sim.balanceCents)}.`
}

function numberText(sim: SimProfile): string {
  const digits = sim.msisdn.replace(/^\+1/, '').replace(/\D/g, '')
  return digits === '' ? 'Your phone number is not available.' : `Your phone number is ${digits}.`
}

function dollars(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`
}

function trimNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1)
}
