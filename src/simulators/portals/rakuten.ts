// my 楽天モバイル (portal.mobile.rakuten.co.jp, the pack's "my-rakuten-mobile" portal): the portal sends a
// signed-out visitor to the Rakuten ID sign-in (login.account.rakuten.com on the real site; here the same app),
// which knows the errors the pack and the sign-in troubleshooter describe — wrong ID or password, a locked
// Rakuten ID, maintenance — and a dashboard that shows the two states users hit after signing in: a line that
// is not active yet, and a number transfer (MNP) waiting for 「転入を開始する」. Members are fictional.
import { escapeHtml, input, page, PortalSimulatorApp, type PortalSimulatorOptions, type SimRequest, type SimResponse } from './portal-app'

export type RakutenLineState = 'active' | 'not-active' | 'mnp-waiting'

export interface RakutenMember {
  userId: string
  password: string
  line: RakutenLineState
  locked?: boolean
}

export const RAKUTEN_MEMBERS: readonly RakutenMember[] = [
  { userId: 'rakuten-user', password: 'r-pass-2024', line: 'active' },
  { userId: 'new-line-user', password: 'r-pass-2024', line: 'not-active' },
  { userId: 'mnp-user', password: 'r-pass-2024', line: 'mnp-waiting' },
  { userId: 'locked-user', password: 'r-pass-2024', line: 'active', locked: true }
]

export const RAKUTEN_MESSAGES = {
  badCredentials: 'ユーザIDまたはパスワードが正しくありません。',
  locked: '楽天IDがロックされています。パスワードを再設定するか、楽天会員サポートにお問い合わせください。',
  maintenance: 'ただいまシステムメンテナンス中です。しばらくしてから再度お試しください。',
  notActive: 'この回線はまだ開通していません。SIMを端末に挿入し、開通手続きを完了してください。',
  mnpWaiting: '他社からの乗り換え(MNP転入)手続きが完了していません。「転入を開始する」を押してください。',
  mnpStarted: '転入手続きを開始しました。完了まで数分かかることがあります。'
} as const

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
      return { status: 503, html: page({ lang: 'ja', brand: BRAND, title: 'メンテナンスのお知らせ', body: '<p>ご不便をおかけします。</p>', error: RAKUTEN_MESSAGES.maintenance }) }
    }
    const { method, path } = request
    if (path === '/sso/authorize') return method === 'POST' ? this.signIn(request) : this.signInPage()
    if (path === '/sso/logout') {
      delete request.session.member
      return { redirect: '/' }
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
<form method="post" action="/sso/authorize">
${input('ユーザIDまたはメールアドレス', this.field('username', 'rid'), { value: typed, autocomplete: 'username' })}
${input('パスワード', this.field('password', 'rsecret'), { type: 'password', autocomplete: 'current-password' })}
<button type="submit" id="sign-in">ログイン</button>
</form>
<p><a href="/sso/authorize?forgot=1">パスワードをお忘れですか?</a></p>`
    return { html: page({ lang: 'ja', brand: '楽天会員ログイン', title: 'ログイン', body, ...(error ? { error } : {}) }) }
  }

  private signIn(request: SimRequest): SimResponse {
    const typed = (request.form.get(this.field('username', 'rid')) ?? '').normalize('NFKC').trim()
    const password = request.form.get(this.field('password', 'rsecret')) ?? ''
    const member = this.members.find((item) => item.userId === typed)
    if (member?.locked) return this.signInPage(RAKUTEN_MESSAGES.locked, typed)
    if (!member || member.password !== password) return this.signInPage(RAKUTEN_MESSAGES.badCredentials, typed)
    request.session.member = member.userId
    return { redirect: '/dashboard' }
  }

  private dashboard(member: RakutenMember): SimResponse {
    const error = member.line === 'not-active' ? RAKUTEN_MESSAGES.notActive : member.line === 'mnp-waiting' ? RAKUTEN_MESSAGES.mnpWaiting : undefined
    const transfer =
      member.line === 'mnp-waiting' ? '<form method="post" action="/mnp/start"><button type="submit" id="start-transfer">転入を開始する</button></form>' : ''
    const usage = member.line === 'active' ? '<p id="usage">今月のデータ利用量: 3.2GB(最強プラン)</p>' : ''
    const body = `<p>${escapeHtml(member.userId)} 様</p>${usage}${transfer}
<nav>
<a href="/dashboard#plans">契約プラン</a>
<a href="/dashboard#bills">利用料金</a>
<a href="/dashboard#options">オプションサービス</a>
<a href="/sso/logout">ログアウト</a>
</nav>`
    return { html: page({ lang: 'ja', brand: BRAND, title: 'ホーム', body, ...(error ? { error } : {}) }) }
  }
}
