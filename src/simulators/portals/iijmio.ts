// IIJmio member page (www.iijmio.jp, the pack's "member" portal): sign in with the mioID (MA + digits) or the
// registered e-mail, the member menu, daily data usage, and the two ways to recover a forgotten mioID — by e-mail
// address and name, or by ICCID, phone number and date of birth, whose result is a link valid for one hour
// (pack flow "recover", carriers.md §2.1). A sign-in without a valid session cookie answers ERROR_CODE_032, the
// text the pack's session-expired error looks for. Texts are Japanese, as on the real site; the member is
// fictional.
import { digitsOf, escapeHtml, input, page, PortalSimulatorApp, type SimRequest, type SimResponse } from './portal-app'

export const IIJMIO_MEMBER = {
  mioId: 'MA123456',
  email: 'mio@example.jp',
  password: 'mio-pass-2024',
  name: '山田 花子',
  iccid: '8981030012345678900',
  msisdn: '08012345678',
  birthDate: '1990-04-01'
} as const

export const IIJMIO_MESSAGES = {
  sessionExpired: 'ERROR_CODE_032: セッションの有効期限が切れました。ログイン画面を再読み込みしてから、もう一度ログインしてください。',
  badCredentials: 'mioID(またはメールアドレス)もしくはパスワードが正しくありません。',
  recoverNoMatch: '入力された情報に一致する会員情報が見つかりません。',
  linkExpired: 'このリンクは有効期限(発行から1時間)が切れています。もう一度お手続きください。',
  mailSent: 'ご登録のメールアドレスにmioIDをお送りしました。',
  linkIssued: 'mioIDの確認用リンクを発行しました。このリンクの有効期限は1時間です。'
} as const

const BRAND = 'IIJmio 会員専用ページ'
const LINK_LIFETIME_MS = 60 * 60 * 1000

export class IijmioPortalSimulator extends PortalSimulatorApp {
  protected readonly cookieName = 'iijmio_sid'
  private readonly links = new Map<string, number>()
  private nextLink = 1

  protected route(request: SimRequest): SimResponse {
    const { method, path } = request
    if (path === '/auth/login/' || path === '/auth/login') return method === 'POST' ? this.signIn(request) : this.signInPage()
    if (path === '/auth/logout/') {
      delete request.session.member
      return { redirect: '/auth/login/' }
    }
    if (path === '/auth/recover/') return this.recoverMenu()
    if (path === '/auth/recover/email') return this.recoverByEmail(request)
    if (path === '/auth/recover/sim') return this.recoverBySim(request)
    if (path === '/auth/recover/link') return this.followLink(request)
    if (!request.session.member) return { redirect: '/auth/login/' }
    switch (path) {
      case '/':
        return this.menu()
      case '/service/setup/hdc/viewdailydata/':
        return this.usage()
      case '/service/setup/hdc/add/':
        return this.simple('データ量追加', '<p>1GB 220円(当月末まで有効)。シミュレーターでは購入できません。</p>')
      case '/service/setup/plan/':
        return this.simple('プラン変更予約', '<p>翌月1日に変更されます。月末最終日は受け付けていません。</p>')
      case '/service/setup/voice/pin/':
        return this.simple('ネットワーク暗証番号', '<p>変更はメールで確定をお知らせします。それまでは旧暗証番号が有効です。</p>')
    }
    return { status: 404, html: page({ lang: 'ja', brand: BRAND, title: 'ページが見つかりません', body: '<p><a href="/">会員トップへ</a></p>' }) }
  }

  private signInPage(error?: string, typed = ''): SimResponse {
    const body = `<form method="post" action="/auth/login/">
${input('mioID または メールアドレス', this.field('mioId', 'loginName'), { value: typed, autocomplete: 'username' })}
${input('パスワード', this.field('password', 'loginSecret'), { type: 'password', autocomplete: 'current-password' })}
<button type="submit" id="sign-in">ログイン</button>
</form>
<p><a href="/auth/recover/" id="recover">mioID・パスワードをお忘れの方</a></p>`
    return { html: page({ lang: 'ja', brand: BRAND, title: 'ログイン', body, ...(error ? { error } : {}) }) }
  }

  private signIn(request: SimRequest): SimResponse {
    // The form is tied to the session the login page opened; without it the site answers ERROR_CODE_032.
    if (request.freshSession) return this.signInPage(IIJMIO_MESSAGES.sessionExpired)
    const typed = (request.form.get(this.field('mioId', 'loginName')) ?? '').normalize('NFKC').trim()
    const password = request.form.get(this.field('password', 'loginSecret')) ?? ''
    const idMatches = typed.toUpperCase() === IIJMIO_MEMBER.mioId || typed.toLowerCase() === IIJMIO_MEMBER.email
    if (!idMatches || password !== IIJMIO_MEMBER.password) return this.signInPage(IIJMIO_MESSAGES.badCredentials, typed)
    request.session.member = IIJMIO_MEMBER.mioId
    return { redirect: '/' }
  }

  private menu(): SimResponse {
    const body = `<p>${escapeHtml(IIJMIO_MEMBER.name)} 様(${IIJMIO_MEMBER.mioId})</p>
<nav>
<a href="/service/setup/voice/pin/">ネットワーク暗証番号</a>
<a href="/service/setup/hdc/viewdailydata/" id="menu-usage">データ利用量照会</a>
<a href="/service/setup/hdc/add/">データ量追加</a>
<a href="/service/setup/plan/">プラン変更予約</a>
<a href="/auth/logout/">ログアウト</a>
</nav>`
    return { html: page({ lang: 'ja', brand: BRAND, title: '会員専用ページ', body }) }
  }

  private usage(): SimResponse {
    const rows = [
      ['2026-01-13', '412MB'],
      ['2026-01-14', '388MB'],
      ['2026-01-15', '95MB']
    ]
    const body = `<table id="usage"><thead><tr><th>日付</th><th>高速通信</th></tr></thead><tbody>${rows
      .map(([day, amount]) => `<tr><td>${day}</td><td>${amount}</td></tr>`)
      .join('')}</tbody></table><p><a href="/">会員トップへ</a></p>`
    return { html: page({ lang: 'ja', brand: BRAND, title: 'データ利用量照会', body }) }
  }

  private recoverMenu(): SimResponse {
    const body = `<nav>
<a href="/auth/recover/email" id="recover-email">メールアドレスと氏名で確認する</a>
<a href="/auth/recover/sim" id="recover-sim">ICCID・電話番号・生年月日で確認する</a>
</nav>`
    return { html: page({ lang: 'ja', brand: BRAND, title: 'mioIDをお忘れの方', body }) }
  }

  private recoverByEmail(request: SimRequest): SimResponse {
    const email = (request.form.get('email') ?? '').trim().toLowerCase()
    const name = (request.form.get('name') ?? '').replace(/\s+/g, '')
    const posted = request.method === 'POST'
    const matches = email === IIJMIO_MEMBER.email && name === IIJMIO_MEMBER.name.replace(/\s+/g, '')
    const body = `<form method="post" action="/auth/recover/email">
${input('メールアドレス', 'email', { type: 'email', value: email })}
${input('氏名', 'name', { value: request.form.get('name') ?? '' })}
<button type="submit">送信</button>
</form>`
    return {
      html: page({
        lang: 'ja',
        brand: BRAND,
        title: 'メールアドレスと氏名で確認',
        body,
        ...(posted && !matches ? { error: IIJMIO_MESSAGES.recoverNoMatch } : {}),
        ...(posted && matches ? { notice: IIJMIO_MESSAGES.mailSent } : {})
      })
    }
  }

  private recoverBySim(request: SimRequest): SimResponse {
    const form = `<form method="post" action="/auth/recover/sim">
${input('ICCID(SIMカード番号)', 'iccid', { value: request.form.get('iccid') ?? '' })}
${input('電話番号(11桁)', 'msisdn', { value: request.form.get('msisdn') ?? '' })}
${input('生年月日', 'birthDate', { type: 'date', value: request.form.get('birthDate') ?? '' })}
<button type="submit">確認する</button>
</form>`
    if (request.method !== 'POST') return { html: page({ lang: 'ja', brand: BRAND, title: 'SIM情報で確認', body: form }) }
    const matches =
      digitsOf(request.form.get('iccid') ?? '') === IIJMIO_MEMBER.iccid &&
      digitsOf(request.form.get('msisdn') ?? '') === IIJMIO_MEMBER.msisdn &&
      (request.form.get('birthDate') ?? '') === IIJMIO_MEMBER.birthDate
    if (!matches) return { html: page({ lang: 'ja', brand: BRAND, title: 'SIM情報で確認', body: form, error: IIJMIO_MESSAGES.recoverNoMatch }) }
    const token = `link-${this.nextLink++}`
    this.links.set(token, this.now())
    const body = `<p><a href="/auth/recover/link?token=${token}" id="recover-link">mioIDを確認する</a></p>`
    return { html: page({ lang: 'ja', brand: BRAND, title: 'mioIDの確認', body, notice: IIJMIO_MESSAGES.linkIssued }) }
  }

  private followLink(request: SimRequest): SimResponse {
    const issued = this.links.get(request.query.get('token') ?? '')
    if (issued === undefined || this.now() - issued > LINK_LIFETIME_MS) {
      return { status: 410, html: page({ lang: 'ja', brand: BRAND, title: 'mioIDの確認', body: '<p><a href="/auth/recover/">最初からやり直す</a></p>', error: IIJMIO_MESSAGES.linkExpired }) }
    }
    return { html: page({ lang: 'ja', brand: BRAND, title: 'mioIDの確認', body: `<p>あなたのmioIDは <strong id="mioid">${IIJMIO_MEMBER.mioId}</strong> です。</p>` }) }
  }

  private simple(title: string, body: string): SimResponse {
    return { html: page({ lang: 'ja', brand: BRAND, title, body: `${body}<p><a href="/">会員トップへ</a></p>` }) }
  }
}
