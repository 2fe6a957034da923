// my 楽天モバイル (portal.mobile.rakuten.co.jp, the pack's "my-rakuten-mobile" portal) and the older Members
// Station, as far as the pack's sign-in flow and troubleshooter go (carriers.md §3, §9.1):
// - the Rakuten ID sign-in (login.account.rakuten.com on the real site; here the same app): wrong ID or password,
//   a phone number typed where the Rakuten ID goes, a locked Rakuten ID (S38b), phone-number verification
//   (発信認証) that fails the ways S39 lists, and a maintenance/outage page on every path (S38);
// - the dashboard with the shortcuts the pack lists, in the two states users hit after signing in: a line that is
//   not active yet, and a number transfer (MNP) waiting for 「転入を開始する」 (S37);
// - Members Station (MVNO-era plans): the SIM's 11-digit 070/080/090 number + password, or the number + SIM
//   number (S31).
// The texts are written here (the real ones were never captured, carriers.md §14 item 5). Members are fictional.
import { digitsOf, escapeHtml, input, page, PortalSimulatorApp, type PortalSimulatorOptions, type SimRequest, type SimResponse } from './portal-app'

export type RakutenLineState = 'active' | 'not-active' | 'mnp-waiting'

export interface RakutenMember {
  userId: string
  password: string
  line: RakutenLineState
  locked?: boolean
  /** A new device must pass phone-number verification (発信認証) after the password. */
  verify?: boolean
}

export const RAKUTEN_MEMBERS: readonly RakutenMember[] = [
  { userId: 'rakuten-user', password: 'r-pass-2024', line: 'active' },
  { userId: 'new-line-user', password: 'r-pass-2024', line: 'not-active' },
  { userId: 'mnp-user', password: 'r-pass-2024', line: 'mnp-waiting' },
  { userId: 'locked-user', password: 'r-pass-2024', line: 'active', locked: true },
  { userId: 'verify-user', password: 'r-pass-2024', line: 'active', verify: true }
]

/** The Members Station line (an older docomo-network plan): the test readings' Rakuten SIM. */
export const RAKUTEN_MEMBERS_STATION = { msisdn: '09012345678', password: 'ms-pass-2019', simNumber: '8981090012345678907' } as const

export const RAKUTEN_MESSAGES = {
  badCredentials: 'ユーザIDまたはパスワードが正しくありません。',
  phoneAsId: '電話番号ではログインできません。楽天ID(ユーザIDまたはメールアドレス)を入力してください。',
  locked: '楽天IDがロックされています。パスワードを再設定するか、楽天会員サポートにお問い合わせください。',
  verifyFailed: '発信された電話番号で認証できませんでした。番号を通知して、標準の電話アプリから、登録した電話番号のSIMで5分以内に発信してください。',
  maintenance: 'ただいまシステムメンテナンス中です。しばらくしてから再度お試しください。',
  notActive: 'この回線はまだ開通していません。SIMを端末に挿入し、開通手続きを完了してください。',
  mnpWaiting: '他社からの乗り換え(MNP転入)手続きが完了していません。「転入を開始する」を押してください。',
  mnpStarted: '転入手続きを開始しました。完了まで数分かかることがあります。',
  msBadCredentials: 'ログインIDまたはパスワードが違います。',
  msNumberForm: '電話番号は070・080・090で始まる11桁の数字で入力してください。',
  msSimMismatch: '電話番号とSIM番号の組み合わせが正しくありません。'
} as const

/** The dashboard's shortcuts: the pack's shortcut options, one anchor each. */
export const RAKUTEN_SHORTCUTS = [
  ['contract', '契約プラン', '/dashboard#plans'],
  ['sim-swap', 'SIM交換を申請する', '/dashboard#sim'],
  ['registration', '契約者情報', '/dashboard#registration'],
  ['data', 'データチャージ・データ利用量', '/dashboard#data'],
  ['bills', '利用料金', '/dashboard#bills'],
  ['options', 'オプションサービス', '/dashboard#options'],
  ['points', '楽天ポイント', '/dashboard#points'],
  ['support', 'お問い合わせ', '/dashboard#support']
] as const

const BRAND = 'my 楽天モバイル'

export class RakutenPortalSimulator extends PortalSimulatorApp {
  protected readonly cookieName = 'rmobile_sid'
  /** Every page answers with the maintenance notice while this is set. */
  maintenance = false
  private readonly members: RakutenMember[] = RAKUTEN_MEMBERS.map((member) => ({ ...member }))

  constructor(options: PortalSimulatorOptions & { maintenance?: boolean } = {}) {
    super(options)
    this.maintenance = options.maintenance ?? false
  }

  protected route(request: SimRequest): SimResponse {
    if (this.maintenance) {
      return {
        status: 503,
        html: page({ lang: 'ja', brand: BRAND, title: 'メンテナンス・障害のお知らせ', body: '<p id="outage">ご不便をおかけします。</p>', error: RAKUTEN_MESSAGES.maintenance })
      }
    }
    const { method, path } = request
    if (path === '/sso/authorize') return method === 'POST' ? this.signIn(request) : this.signInPage()
    if (path === '/sso/verify') return this.verify(request)
    if (path === '/sso/logout') {
      delete request.session.member
      delete request.session.msLine
      return { redirect: '/' }
    }
    if (path === '/members-station/login') return method === 'POST' ? this.membersStationSignIn(request) : this.membersStationPage()
    if (path === '/members-station/') {
      return request.session.msLine === RAKUTEN_MEMBERS_STATION.msisdn ? this.membersStationMenu() : { redirect: '/members-station/login' }
    }
    const member = this.members.find((item) => item.userId === request.session.member)
    if (!member) return { redirect: '/sso/authorize' }
    if (path === '/' || path === '/dashboard') return this.dashboard(member)
    if (path === '/mnp/start' && method === 'POST') {
      member.line = 'active'
      return { html: page({ lang: 'ja', brand: BRAND, title: '転入手続き', body: '<p><a href="/dashboard">ホームへ</a></p>', notice: RAKUTEN_MESSAGES.mnpStarted }) }
    }
    return { status: 404, html: page({ lang: 'ja', brand: BRAND, title: 'ページが見つかりません', body: '<p><a href="/dashboard">ホームへ</a></p>' }) }
  }

  private signInPage(error?: string, typed = ''): SimResponse {
    const body = `<p>楽天IDでログインしてください。電話番号ではログインできません。</p>
<form method="post" action="/sso/authorize" id="${this.field('rakuten-login', 'sso-form')}">
${input('ユーザIDまたはメールアドレス', this.field('username', 'rid'), { value: typed, autocomplete: 'username' })}
${input('パスワード', this.field('password', 'rsecret'), { type: 'password', autocomplete: 'current-password' })}
<button type="submit" id="sign-in">ログイン</button>
</form>
<p><a href="/sso/authorize?forgot=1">パスワードをお忘れですか?</a></p>
<p><a href="/members-station/login" id="members-station-link">旧プラン(スーパーホーダイ・組み合わせプラン)の方はメンバーズステーションへ</a></p>`
    return { html: page({ lang: 'ja', brand: '楽天会員ログイン', title: 'ログイン', body, ...(error ? { error } : {}) }) }
  }

  private signIn(request: SimRequest): SimResponse {
    const typed = (request.form.get(this.field('username', 'rid')) ?? '').normalize('NFKC').trim()
    const password = request.form.get(this.field('password', 'rsecret')) ?? ''
    if (/^(\+81|0)[789]0[\d\s-]{8,}$/.test(typed)) return this.signInPage(RAKUTEN_MESSAGES.phoneAsId, typed)
    const member = this.members.find((item) => item.userId === typed)
    if (member?.locked) return this.signInPage(RAKUTEN_MESSAGES.locked, typed)
    if (!member || member.password !== password) return this.signInPage(RAKUTEN_MESSAGES.badCredentials, typed)
    if (member.verify) {
      request.session.verifying = member.userId
      return { redirect: '/sso/verify' }
    }
    request.session.member = member.userId
    return { redirect: '/dashboard' }
  }

  /**
   * 発信認証: the member calls a number from the registered phone. The simulator cannot take calls, so "I called"
   * answers as the real check does when the caller ID did not come through (withheld, other dialer, other SIM,
   * or after 5 minutes — S39).
   */
  private verify(request: SimRequest): SimResponse {
    if (typeof request.session.verifying !== 'string') return { redirect: '/sso/authorize' }
    const body = `<p id="${this.field('phone-verification', 'call-check')}">登録した電話番号から 0800-000-0000 に発信してください(5分以内)。</p>
<form method="post" action="/sso/verify"><button type="submit" id="called">発信しました</button></form>`
    const error = request.method === 'POST' ? RAKUTEN_MESSAGES.verifyFailed : undefined
    return { html: page({ lang: 'ja', brand: '楽天会員ログイン', title: '電話番号認証', body, ...(error ? { error } : {}) }) }
  }

  private dashboard(member: RakutenMember): SimResponse {
    const error = member.line === 'not-active' ? RAKUTEN_MESSAGES.notActive : member.line === 'mnp-waiting' ? RAKUTEN_MESSAGES.mnpWaiting : undefined
    const transfer =
      member.line === 'mnp-waiting' ? '<form method="post" action="/mnp/start"><button type="submit" id="start-transfer">転入を開始する</button></form>' : ''
    const usage = member.line === 'active' ? '<p id="usage">今月のデータ利用量: 3.2GB(最強プラン)</p>' : ''
    const links = RAKUTEN_SHORTCUTS.map(([id, label, href]) => `<a href="${href}" id="shortcut-${id}">${escapeHtml(label)}</a>`).join('\n')
    const body = `<p>${escapeHtml(member.userId)} 様</p>${usage}${transfer}
<nav id="${this.field('shortcuts', 'quick-menu')}">
${links}
<a href="/sso/logout">ログアウト</a>
</nav>`
    return { html: page({ lang: 'ja', brand: BRAND, title: 'ホーム', body, ...(error ? { error } : {}) }) }
  }

  private membersStationPage(error?: string, typed = ''): SimResponse {
    const body = `<p>楽天ID、「ra」で始まるユーザID、またはSIMの電話番号とパスワードでログインしてください。パスワードがわからない場合は電話番号とSIM番号でもログインできます。</p>
<form method="post" action="/members-station/login" id="${this.field('members-station-login', 'ms-form')}">
${input('ログインID(楽天ID・ユーザID・電話番号)', this.field('loginId', 'msUser'), { value: typed, autocomplete: 'username' })}
${input('パスワード', this.field('msPassword', 'msSecret'), { type: 'password', autocomplete: 'current-password' })}
${input('SIM番号(パスワードの代わりに)', this.field('simNumber', 'msSim'), { autocomplete: 'off' })}
<button type="submit" id="ms-sign-in">ログイン</button>
</form>`
    return { html: page({ lang: 'ja', brand: '楽天モバイル メンバーズステーション', title: 'ログイン', body, ...(error ? { error } : {}) }) }
  }

  private membersStationSignIn(request: SimRequest): SimResponse {
    const typed = (request.form.get(this.field('loginId', 'msUser')) ?? '').normalize('NFKC').trim()
    const password = request.form.get(this.field('msPassword', 'msSecret')) ?? ''
    const simNumber = digitsOf(request.form.get(this.field('simNumber', 'msSim')) ?? '')
    const looksLikeNumber = /^[\d\s+()-]+$/.test(typed)
    if (looksLikeNumber) {
      let digits = digitsOf(typed)
      if (digits.startsWith('81') && digits.length === 12) digits = `0${digits.slice(2)}`
      if (!/^0[789]0\d{8}$/.test(digits)) return this.membersStationPage(RAKUTEN_MESSAGES.msNumberForm, typed)
      if (digits === RAKUTEN_MEMBERS_STATION.msisdn) {
        if (password === '' && simNumber !== '') {
          if (simNumber !== RAKUTEN_MEMBERS_STATION.simNumber) return this.membersStationPage(RAKUTEN_MESSAGES.msSimMismatch, typed)
          request.session.msLine = digits
          return { redirect: '/members-station/' }
        }
        if (password === RAKUTEN_MEMBERS_STATION.password) {
          request.session.msLine = digits
          return { redirect: '/members-station/' }
        }
      }
    }
    return this.membersStationPage(RAKUTEN_MESSAGES.msBadCredentials, typed)
  }

  private membersStationMenu(): SimResponse {
    const body = `<p id="members-station-menu">ご契約回線: ${RAKUTEN_MEMBERS_STATION.msisdn}</p>
<nav><a href="/members-station/">契約内容の確認・変更</a><a href="/members-station/">データチャージ</a><a href="/sso/logout">ログアウト</a></nav>`
    return { html: page({ lang: 'ja', brand: '楽天モバイル メンバーズステーション', title: 'メニュー', body }) }
  }
}
