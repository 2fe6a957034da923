// IIJmio member page (www.iijmio.jp, the pack's "member" portal) as far as the pack's three flows go:
// - sign-in with the mioID (MA + digits) or the registered e-mail; a form posted without the session the login
//   page opened answers ERROR_CODE_032 (carriers.md §2.1, S29), a phone number typed as the ID is refused;
// - the voice-option page (音声オプション) with the network PIN: 4 digits, 1234 for everyone until changed (S20),
//   flagged while unchanged; the change needs the mioID and password again and is not instant — it is accepted,
//   stays pending, and is confirmed by e-mail (confirmPinChange stands in for that mail);
// - mioID/password recovery by e-mail + name, or by ICCID + phone number + date of birth, delivered on screen as
//   a link valid for one hour or by post (pack flow "recover"; the issue's description, no live page seen).
// Error texts are Japanese as on the real site but were written here: the real ones were never captured
// (carriers.md §14 item 5). The member is fictional.
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

export const IIJMIO_DEFAULT_PIN = '1234'

export const IIJMIO_MESSAGES = {
  sessionExpired: 'ERROR_CODE_032: セッションの有効期限が切れました。ログイン画面を再読み込みしてから、もう一度ログインしてください。',
  badCredentials: 'mioID(またはメールアドレス)もしくはパスワードが正しくありません。',
  idForm: 'mioID(MAで始まるID)またはメールアドレスを入力してください。電話番号ではログインできません。',
  recoverNoMatch: '入力された情報に一致する会員情報が見つかりません。',
  linkExpired: 'このリンクは有効期限(発行から1時間)が切れています。もう一度お手続きください。',
  linkIssued: 'mioIDの確認用リンクを発行しました。このリンクの有効期限は1時間です。',
  byPost: 'ご登録の住所へ郵送でお知らせします。お届けまで1週間程度かかります。',
  pinDefault: 'ネットワーク暗証番号が初期値(1234)のままです。第三者に利用されないよう変更してください。',
  pinWrong: '現在のネットワーク暗証番号が正しくありません。',
  pinFormat: 'ネットワーク暗証番号は4桁の数字で入力してください。',
  pinMismatch: '新しいネットワーク暗証番号(確認用)が一致しません。',
  pinAccepted: 'ネットワーク暗証番号の変更を受け付けました。変更が完了しましたらメールでお知らせします。完了までは現在の暗証番号が有効です。',
  pinPending: 'ネットワーク暗証番号の変更手続き中です。完了のメールをお待ちください。'
} as const

const BRAND = 'IIJmio 会員専用ページ'
const LINK_LIFETIME_MS = 60 * 60 * 1000

export class IijmioPortalSimulator extends PortalSimulatorApp {
  protected readonly cookieName = 'iijmio_sid'
  private readonly links = new Map<string, number>()
  private nextLink = 1
  /** The PIN the network uses now, and a change waiting for its confirmation e-mail. */
  private pin: string = IIJMIO_DEFAULT_PIN
  private pendingPin: string | undefined

  /** The confirmation e-mail arrives: the pending PIN becomes the network PIN. */
  confirmPinChange(): boolean {
    if (this.pendingPin === undefined) return false
    this.pin = this.pendingPin
    this.pendingPin = undefined
    return true
  }

  get networkPin(): { current: string; pending: boolean } {
    return { current: this.pin, pending: this.pendingPin !== undefined }
  }

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
      case '/service/setup/voice/':
        return this.voiceOptions()
      case '/service/setup/voice/pin/':
        return method === 'POST' ? this.changePin(request) : this.pinForm()
    }
    return { status: 404, html: page({ lang: 'ja', brand: BRAND, title: 'ページが見つかりません', body: '<p><a href="/">会員トップへ</a></p>' }) }
  }

  private signInPage(error?: string, typed = ''): SimResponse {
    const body = `<form method="post" action="/auth/login/" id="${this.field('login-form', 'auth-form')}">
${input('mioID または メールアドレス', this.field('mioId', 'loginName'), { value: typed, autocomplete: 'username' })}
${input('パスワード', this.field('password', 'loginSecret'), { type: 'password', autocomplete: 'current-password' })}
<button type="submit" id="sign-in">ログイン</button>
</form>
<p><a href="/auth/recover/" id="${this.field('recover', 'forgot-link')}">mioID・パスワードをお忘れの方</a></p>`
    return { html: page({ lang: 'ja', brand: BRAND, title: 'ログイン', body, ...(error ? { error } : {}) }) }
  }

  private signIn(request: SimRequest): SimResponse {
    // The form is tied to the session the login page opened; without it the site answers ERROR_CODE_032.
    if (request.freshSession) return this.signInPage(IIJMIO_MESSAGES.sessionExpired)
    const typed = (request.form.get(this.field('mioId', 'loginName')) ?? '').normalize('NFKC').trim()
    const password = request.form.get(this.field('password', 'loginSecret')) ?? ''
    if (/^[\d\s+()-]{10,}$/.test(typed)) return this.signInPage(IIJMIO_MESSAGES.idForm, typed)
    if (!this.credentialsMatch(typed, password)) return this.signInPage(IIJMIO_MESSAGES.badCredentials, typed)
    request.session.member = IIJMIO_MEMBER.mioId
    return { redirect: '/' }
  }

  private credentialsMatch(typed: string, password: string): boolean {
    const id = typed.normalize('NFKC').trim()
    return (id.toUpperCase() === IIJMIO_MEMBER.mioId || id.toLowerCase() === IIJMIO_MEMBER.email) && password === IIJMIO_MEMBER.password
  }

  private menu(): SimResponse {
    const body = `<p>${escapeHtml(IIJMIO_MEMBER.name)} 様(${IIJMIO_MEMBER.mioId})</p>
<nav id="${this.field('member-menu', 'top-menu')}">
<a href="/service/setup/voice/" id="menu-voice">音声オプション(ネットワーク暗証番号)</a>
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
    const body = `<table id="${this.field('usage', 'daily-table')}"><thead><tr><th>日付</th><th>高速通信</th></tr></thead><tbody>${rows
      .map(([day, amount]) => `<tr><td>${day}</td><td>${amount}</td></tr>`)
      .join('')}</tbody></table><p><a href="/">会員トップへ</a></p>`
    return { html: page({ lang: 'ja', brand: BRAND, title: 'データ利用量照会', body }) }
  }

  private voiceOptions(): SimResponse {
    const state =
      this.pendingPin !== undefined
        ? `<p class="notice" id="pin-pending">${escapeHtml(IIJMIO_MESSAGES.pinPending)}</p>`
        : this.pin === IIJMIO_DEFAULT_PIN
          ? `<p class="error" id="${this.field('pin-default-warning', 'pin-alert')}">${escapeHtml(IIJMIO_MESSAGES.pinDefault)}</p>`
          : '<p id="pin-set">ネットワーク暗証番号は変更済みです。</p>'
    const body = `<section id="${this.field('voice-options', 'voice-section')}">
<h2>ネットワーク暗証番号</h2>
${state}
<p><a href="/service/setup/voice/pin/" id="change-pin">ネットワーク暗証番号を変更する</a></p>
</section>
<p><a href="/">会員トップへ</a></p>`
    return { html: page({ lang: 'ja', brand: BRAND, title: '音声オプション', body }) }
  }

  private pinForm(error?: string, typedId = ''): SimResponse {
    const body = `<p>本人確認のため、mioIDとパスワードを入力してください。</p>
<form method="post" action="/service/setup/voice/pin/" id="${this.field('network-pin-form', 'pin-change')}">
${input('mioID または メールアドレス', this.field('mioId', 'loginName'), { value: typedId, autocomplete: 'username' })}
${input('パスワード', this.field('password', 'loginSecret'), { type: 'password', autocomplete: 'current-password' })}
${input('現在のネットワーク暗証番号(4桁)', this.field('currentPin', 'pinNow'), { type: 'password', autocomplete: 'off' })}
${input('新しいネットワーク暗証番号(4桁)', this.field('newPin', 'pinNew'), { type: 'password', autocomplete: 'off' })}
${input('新しいネットワーク暗証番号(確認用)', this.field('newPinConfirm', 'pinAgain'), { type: 'password', autocomplete: 'off' })}
<button type="submit" id="submit-pin">変更を申し込む</button>
</form>
<p><a href="/service/setup/voice/">音声オプションへ戻る</a></p>`
    return { html: page({ lang: 'ja', brand: BRAND, title: 'ネットワーク暗証番号の変更', body, ...(error ? { error } : {}) }) }
  }

  private changePin(request: SimRequest): SimResponse {
    const form = request.form
    const typedId = (form.get(this.field('mioId', 'loginName')) ?? '').trim()
    if (!this.credentialsMatch(typedId, form.get(this.field('password', 'loginSecret')) ?? '')) return this.pinForm(IIJMIO_MESSAGES.badCredentials, typedId)
    const current = digitsOf(form.get(this.field('currentPin', 'pinNow')) ?? '')
    const next = (form.get(this.field('newPin', 'pinNew')) ?? '').normalize('NFKC').trim()
    const again = (form.get(this.field('newPinConfirm', 'pinAgain')) ?? '').normalize('NFKC').trim()
    if (current !== this.pin) return this.pinForm(IIJMIO_MESSAGES.pinWrong, typedId)
    if (!/^\d{4}$/.test(next)) return this.pinForm(IIJMIO_MESSAGES.pinFormat, typedId)
    if (next !== again) return this.pinForm(IIJMIO_MESSAGES.pinMismatch, typedId)
    this.pendingPin = next
    const body = `<p id="pin-pending">${escapeHtml(IIJMIO_MESSAGES.pinAccepted)}</p><p><a href="/service/setup/voice/">音声オプションへ戻る</a></p>`
    return { html: page({ lang: 'ja', brand: BRAND, title: 'ネットワーク暗証番号の変更', body }) }
  }

  private recoverMenu(): SimResponse {
    const body = `<nav id="${this.field('recover-menu', 'help-menu')}">
<a href="/auth/recover/email" id="recover-email">メールアドレスと氏名で確認する</a>
<a href="/auth/recover/sim" id="recover-sim">ICCID・電話番号・生年月日で確認する</a>
</nav>`
    return { html: page({ lang: 'ja', brand: BRAND, title: 'mioID・パスワードをお忘れの方', body }) }
  }

  private deliveryChoice(): string {
    return `<fieldset><legend>受け取り方法</legend>
<label><input type="radio" name="delivery" value="screen" checked> 画面に表示(リンクの有効期限は1時間)</label>
<label><input type="radio" name="delivery" value="post"> 郵送</label>
</fieldset>`
  }

  private recoverByEmail(request: SimRequest): SimResponse {
    const form = `<form method="post" action="/auth/recover/email" id="${this.field('recover-email-form', 'mail-form')}">
${input('メールアドレス', this.field('email', 'mailAddress'), { type: 'email', value: request.form.get(this.field('email', 'mailAddress')) ?? '' })}
${input('氏名', this.field('name', 'fullName'), { value: request.form.get(this.field('name', 'fullName')) ?? '' })}
${this.deliveryChoice()}
<button type="submit" id="recover-submit">送信</button>
</form>`
    const title = 'メールアドレスと氏名で確認'
    if (request.method !== 'POST') return { html: page({ lang: 'ja', brand: BRAND, title, body: form }) }
    const email = (request.form.get(this.field('email', 'mailAddress')) ?? '').trim().toLowerCase()
    const name = (request.form.get(this.field('name', 'fullName')) ?? '').replace(/\s+/g, '')
    if (email !== IIJMIO_MEMBER.email || name !== IIJMIO_MEMBER.name.replace(/\s+/g, '')) {
      return { html: page({ lang: 'ja', brand: BRAND, title, body: form, error: IIJMIO_MESSAGES.recoverNoMatch }) }
    }
    return this.deliver(request)
  }

  private recoverBySim(request: SimRequest): SimResponse {
    const form = `<form method="post" action="/auth/recover/sim" id="${this.field('recover-sim-form', 'sim-form')}">
${input('ICCID(SIMカード番号)', this.field('iccid', 'simSerial'), { value: request.form.get(this.field('iccid', 'simSerial')) ?? '' })}
${input('電話番号(11桁)', this.field('msisdn', 'telNo'), { value: request.form.get(this.field('msisdn', 'telNo')) ?? '' })}
${input('生年月日', this.field('birthDate', 'dob'), { type: 'date', value: request.form.get(this.field('birthDate', 'dob')) ?? '' })}
${this.deliveryChoice()}
<button type="submit" id="recover-submit">確認する</button>
</form>`
    const title = 'SIM情報で確認'
    if (request.method !== 'POST') return { html: page({ lang: 'ja', brand: BRAND, title, body: form }) }
    const matches =
      digitsOf(request.form.get(this.field('iccid', 'simSerial')) ?? '') === IIJMIO_MEMBER.iccid &&
      digitsOf(request.form.get(this.field('msisdn', 'telNo')) ?? '') === IIJMIO_MEMBER.msisdn &&
      (request.form.get(this.field('birthDate', 'dob')) ?? '') === IIJMIO_MEMBER.birthDate
    if (!matches) return { html: page({ lang: 'ja', brand: BRAND, title, body: form, error: IIJMIO_MESSAGES.recoverNoMatch }) }
    return this.deliver(request)
  }

  /** On screen: a link valid for one hour (its expiry in data-expires-at); or by post. */
  private deliver(request: SimRequest): SimResponse {
    if (request.form.get('delivery') === 'post') {
      return { html: page({ lang: 'ja', brand: BRAND, title: '受け付けました', body: '<p id="recover-by-post">郵送でお届けします。</p>', notice: IIJMIO_MESSAGES.byPost }) }
    }
    const token = `link-${this.nextLink++}`
    const issued = this.now()
    this.links.set(token, issued)
    const expires = new Date(issued + LINK_LIFETIME_MS).toISOString()
    const body = `<p><a href="/auth/recover/link?token=${token}" id="recover-link" data-expires-at="${expires}">mioIDを確認する</a></p>`
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
