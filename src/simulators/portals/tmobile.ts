// T-Mobile US prepaid mobile-internet portal (mim.t-mobile.com, the pack's "mobile-internet" portal and its
// "hotspot-portal" flow): sign in with e-mail and password (fields email / emailPass, as the pack's selectors
// say), pick the line by its 10-digit number (msisdnChoice), then refill with a PIN, buy a pass, see the plan.
// Error texts are written to be what the pack's known errors describe — unknown e-mail, wrong password, a
// number T-Mobile does not know, a number on another account, an expired line, a rejected refill PIN — since
// the real texts were never captured (carriers.md §14 item 5). Accounts and numbers are fictional (555-01xx).
import { digitsOf, escapeHtml, input, page, PortalSimulatorApp, type SimRequest, type SimResponse } from './portal-app'

export interface TmobileLine {
  /** 10 digits. */
  number: string
  state: 'active' | 'expired'
  balanceCents: number
}

export interface TmobileAccount {
  email: string
  password: string
  lines: TmobileLine[]
}

/** The demo hotspot's line (sim-profile.ts: +1 206 555 0143) is on the first account. */
export const TMOBILE_ACCOUNTS: readonly TmobileAccount[] = [
  {
    email: 'hotspot@example.com',
    password: 'prepaid-2013',
    lines: [
      { number: '2065550143', state: 'active', balanceCents: 1200 },
      { number: '2065550177', state: 'expired', balanceCents: 0 }
    ]
  },
  { email: 'other@example.com', password: 'other-pass', lines: [{ number: '2065550188', state: 'active', balanceCents: 500 }] }
]

/** Refill PINs: one that works, one already redeemed. Anything else is invalid. */
export const TMOBILE_REFILL_PINS = { valid: '4444333322221111', used: '1111222233334444' } as const

export const TMOBILE_MESSAGES = {
  unknownEmail: 'E-mail address not found. Check it, or sign in with the address the line was activated with.',
  wrongPassword: 'The password you entered is incorrect.',
  invalidNumber: 'The number you entered is invalid: enter the 10-digit phone number.',
  unknownNumber: 'The phone number you entered was not found.',
  otherAccount: 'This line is not associated with the account you signed in with.',
  expired: 'This line has expired and is no longer active.',
  pinUsed: 'This PIN has already been used.',
  pinInvalid: 'This PIN is invalid.'
} as const

const BRAND = 'T-Mobile Mobile Internet'

export class TmobilePortalSimulator extends PortalSimulatorApp {
  protected readonly cookieName = 'mim_session'
  private readonly accounts: TmobileAccount[] = TMOBILE_ACCOUNTS.map((account) => ({ ...account, lines: account.lines.map((line) => ({ ...line })) }))
  private readonly redeemed = new Set<string>([TMOBILE_REFILL_PINS.used])

  protected route(request: SimRequest): SimResponse {
    const { method, path } = request
    if (path === '/' || path === '/primary/' || path === '/primary') return { redirect: '/primary/openPage' }
    if (path === '/primary/openPage' && method === 'GET') return this.signInPage()
    if (path === '/primary/signIn' && method === 'POST') return this.signIn(request)
    if (path === '/primary/forgot') return this.forgot(request)
    if (path === '/primary/signOut') {
      delete request.session.email
      delete request.session.line
      return { redirect: '/primary/openPage' }
    }
    const account = this.accounts.find((item) => item.email === request.session.email)
    if (!account) return { redirect: '/primary/openPage' }
    if (path === '/primary/line') return method === 'POST' ? this.chooseLine(request, account) : this.linePage()
    const line = account.lines.find((item) => item.number === request.session.line)
    if (!line) return { redirect: '/primary/line' }
    switch (path) {
      case '/primary/home':
        return this.home(line)
      case '/primary/refill':
        return this.refill(request, line)
      case '/primary/passes':
        return this.passes(request, line)
      case '/primary/plan':
        return this.simple('Recurring plan', '<p>Your plan renews on the renewal date if the balance covers it. (Simulated: no plans are sold here.)</p>')
      case '/primary/profile':
        return this.simple('User details and payment', `<p>Signed in as ${escapeHtml(account.email)}.</p>`)
      case '/primary/cancel':
        return this.simple('Cancel the plan', '<p>Cancelling ends the plan; any balance left may be lost. (Simulated: nothing is cancelled.)</p>')
    }
    return { status: 404, html: page({ lang: 'en', brand: BRAND, title: 'Page not found', body: '<p><a href="/primary/home">Home</a></p>' }) }
  }

  private signInPage(error?: string, email = ''): SimResponse {
    const body = `<form method="post" action="/primary/signIn">
${input(this.variant === 'standard' ? 'E-mail' : 'T-Mobile ID', this.field('email', 'tmoId'), { type: 'email', value: email, autocomplete: 'username' })}
${input('Password', this.field('emailPass', 'tmoSecret'), { type: 'password', autocomplete: 'current-password' })}
<button type="submit" id="sign-in">Sign in</button>
</form>
<p><a href="/primary/forgot" id="forgot">Forgot your password?</a></p>`
    return { html: page({ lang: 'en', brand: BRAND, title: 'Sign in', body, ...(error ? { error } : {}) }) }
  }

  private signIn(request: SimRequest): SimResponse {
    const email = (request.form.get(this.field('email', 'tmoId')) ?? '').trim().toLowerCase()
    const password = request.form.get(this.field('emailPass', 'tmoSecret')) ?? ''
    const account = this.accounts.find((item) => item.email === email)
    if (!account) return this.signInPage(TMOBILE_MESSAGES.unknownEmail, email)
    if (account.password !== password) return this.signInPage(TMOBILE_MESSAGES.wrongPassword, email)
    request.session.email = account.email
    delete request.session.line
    return { redirect: '/primary/line' }
  }

  private linePage(error?: string, typed = ''): SimResponse {
    const body = `<p>Several lines can share one sign-in: enter the number of the line you want to manage.</p>
<form method="post" action="/primary/line">
${input('Line (10-digit phone number)', this.field('msisdnChoice', 'lineNumber'), { value: typed, autocomplete: 'tel-national' })}
<button type="submit" id="choose-line">Continue</button>
</form>
<p><a href="/primary/signOut">Sign out</a></p>`
    return { html: page({ lang: 'en', brand: BRAND, title: 'Choose the line', body, ...(error ? { error } : {}) }) }
  }

  private chooseLine(request: SimRequest, account: TmobileAccount): SimResponse {
    const typed = request.form.get(this.field('msisdnChoice', 'lineNumber')) ?? ''
    let digits = digitsOf(typed)
    if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1)
    if (digits.length !== 10) return this.linePage(TMOBILE_MESSAGES.invalidNumber, typed)
    const line = account.lines.find((item) => item.number === digits)
    if (!line) {
      const elsewhere = this.accounts.some((other) => other.lines.some((item) => item.number === digits))
      return this.linePage(elsewhere ? TMOBILE_MESSAGES.otherAccount : TMOBILE_MESSAGES.unknownNumber, typed)
    }
    if (line.state === 'expired') return this.linePage(TMOBILE_MESSAGES.expired, typed)
    request.session.line = line.number
    return { redirect: '/primary/home' }
  }

  private home(line: TmobileLine): SimResponse {
    const body = `<p id="line">Line ${display(line.number)} · balance <span id="balance">${dollars(line.balanceCents)}</span></p>
<nav>
<a href="/primary/profile">Edit user details and payment</a>
<a href="/primary/refill" id="menu-refill">Redeem a refill card PIN</a>
<a href="/primary/passes" id="menu-pass">Buy an on-demand pass</a>
<a href="/primary/plan">Add or change the recurring plan</a>
<a href="/primary/cancel">Cancel the plan</a>
<a href="/primary/signOut">Sign out</a>
</nav>`
    return { html: page({ lang: 'en', brand: BRAND, title: 'What do you want to do?', body }) }
  }

  private refill(request: SimRequest, line: TmobileLine): SimResponse {
    let error: string | undefined
    let notice: string | undefined
    if (request.method === 'POST') {
      const pin = digitsOf(request.form.get(this.field('pin', 'refillCode')) ?? '')
      if (this.redeemed.has(pin)) error = TMOBILE_MESSAGES.pinUsed
      else if (pin !== TMOBILE_REFILL_PINS.valid) error = TMOBILE_MESSAGES.pinInvalid
      else {
        this.redeemed.add(pin)
        line.balanceCents += 2500
        notice = `Refill applied. New balance: ${dollars(line.balanceCents)}.`
      }
    }
    const body = `<p>Balance now: ${dollars(line.balanceCents)}</p>
<form method="post" action="/primary/refill">
${input('Refill PIN (on the card or receipt)', this.field('pin', 'refillCode'), { autocomplete: 'off' })}
<button type="submit" id="apply-pin">Apply</button>
</form>
<p><a href="/primary/home">Back</a></p>`
    return { html: page({ lang: 'en', brand: BRAND, title: 'Enter the refill card PIN', body, ...(error ? { error } : {}), ...(notice ? { notice } : {}) }) }
  }

  private passes(request: SimRequest, line: TmobileLine): SimResponse {
    const chosen = request.method === 'POST' ? request.form.get('pass') : null
    const notice = chosen ? `Simulated: the ${chosen} pass would be charged to the balance (${dollars(line.balanceCents)}).` : undefined
    const body = `<p>Only one pass is active at a time. Prices are not simulated.</p>
<form method="post" action="/primary/passes">
<label><input type="radio" name="pass" value="day" checked> Day pass</label>
<label><input type="radio" name="pass" value="week"> Week pass</label>
<label><input type="radio" name="pass" value="month"> Month pass</label>
<button type="submit" id="buy-pass">Buy</button>
</form>
<p><a href="/primary/home">Back</a></p>`
    return { html: page({ lang: 'en', brand: BRAND, title: 'Choose a pass', body, ...(notice ? { notice } : {}) }) }
  }

  private forgot(request: SimRequest): SimResponse {
    const email = request.method === 'POST' ? (request.form.get(this.field('email', 'tmoId')) ?? '').trim().toLowerCase() : ''
    const known = this.accounts.some((item) => item.email === email)
    const notice = request.method === 'POST' && known ? 'We sent a code to reset the password (texts come from short code 2513).' : undefined
    const error = request.method === 'POST' && !known ? TMOBILE_MESSAGES.unknownEmail : undefined
    const body = `<form method="post" action="/primary/forgot">
${input('E-mail', this.field('email', 'tmoId'), { type: 'email', value: email })}
<button type="submit">Send a code</button>
</form>
<p><a href="/primary/openPage">Back to sign in</a></p>`
    return { html: page({ lang: 'en', brand: BRAND, title: 'Reset your password', body, ...(error ? { error } : {}), ...(notice ? { notice } : {}) }) }
  }

  private simple(title: string, body: string): SimResponse {
    return { html: page({ lang: 'en', brand: BRAND, title, body: `${body}<p><a href="/primary/home">Back</a></p>` }) }
  }
}

function display(number: string): string {
  return `(${number.slice(0, 3)}) ${number.slice(3, 6)}-${number.slice(6)}`
}

function dollars(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`
}
