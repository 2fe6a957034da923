// Japanese messages of the Plan & refill area: the same keys as plan-en.ts (checked by its type and by
// tests/renderer/i18n.test.ts). Mounted at `plan` in ja.ts.
import type planEn from './plan-en'

const planJa: typeof planEn = {
  intro: 'ご契約の事業者のポータルと、ログイン・チャージ・データ追加・回線トラブル解決の手順です。このルーターから分かる情報は入力済みです。',
  identifying: '事業者を確認しています…',
  identifyFailed: '事業者を特定できませんでした。',
  loadingPlan: '事業者の手順を読み込んでいます…',
  planFailed: '事業者の手順を読み込めませんでした。',
  retry: '再試行',
  carrier: {
    heading: '事業者',
    country: '国',
    homeNetwork: 'ホームネットワーク',
    servingNetwork: '接続中のネットワーク',
    roamingLabel: 'ローミング',
    confidence: {
      high: '確実',
      medium: 'おそらく',
      low: '推定',
      none: '不明'
    },
    roaming: {
      home: 'ホームネットワーク',
      equivalent: 'ホーム扱い(提携ネットワーク)',
      national: '国内ローミング中',
      international: '海外ローミング中',
      unknown: 'ローミング状態は不明'
    },
    why: 'このように判断した理由',
    askTitle: 'この事業者で合っていますか?',
    askBody: '同じネットワークを使うブランドが複数あり、SIMからはどれか判別できません。確認するか、ご利用のブランドを選んでください。以下の内容は選択に従います。',
    pick: '事業者とブランド',
    confirm: 'この事業者を使う',
    chosen: 'この事業者はあなたが選択しました。',
    change: '変更',
    identificationOnly: 'このブランドは認識できますが、ポータルの手順はまだありません。',
    unknownTitle: '事業者を認識できません',
    unknownBody: 'このSIMに対応するキャリアパックがないため、ポータルの手順は表示できません。APNの画面では設定の候補を確認できます。',
    networkNames: 'このネットワークの事業者: {names}',
    databaseMatches: 'APNデータベースでのこのSIMの名称: {names}',
    candidate: '{brand}({carrier})'
  },
  marks: {
    unverified: '未確認',
    unverifiedHint: '出典で確認されていない情報です。目安としてご利用ください。',
    dated: '{year}年時点',
    datedHint: '{year}年時点の情報です。現在は変わっている可能性があります。'
  },
  flows: {
    heading: '手順ガイド',
    otherPortals: 'その他のポータル',
    openPortal: 'ポータルを開く',
    openPortalTab: '新しいタブでポータルを開く',
    opening: '開いています…',
    noAddress: 'キャリアパックにこのポータルのアドレスがありません。事業者のアプリやカスタマーサービスで手順を進めてください。',
    portalStatus: {
      current: '現行のポータル',
      legacy: '旧ポータル',
      retired: '廃止されたポータル',
      unknown: 'ポータルの状況は不明'
    },
    where: '場所',
    address: 'アドレス',
    fromDevice: 'このルーターから取得',
    typeIt: 'ご自身で入力',
    secret: 'ご自身で入力してください。Hotspot Deskは保存しません。',
    copyValue: '{label}をコピー',
    options: '選択肢',
    goTo: '「{title}」へ',
    questions: '先に確認',
    ifPortalSays: 'ポータルに別のメッセージが出たら',
    meaning: '意味',
    nextStep: '対処',
    checkWith: '{code} で確認',
    danger: '元に戻せません',
    webOnly: 'Webサイトのみ',
    stepNumber: '手順 {number}'
  },
  portal: {
    tabOpened: 'ポータルを新しいブラウザータブで開きました。このチェックリストに沿って進め、Hotspot Deskが把握している値はコピーしてください。',
    openAgain: 'ポータルをもう一度開く',
    viewOpen: 'ポータルを専用ウィンドウで開きました。分かっている値を入力し、進んだ手順にチェックを付けます。',
    checklistOnly: 'このポータルの画面は自動で追跡できません。チェックリストを見ながら値をコピーしてください。',
    fallbackTitle: 'ポータルの画面が変わっています',
    fallback: '画面がHotspot Deskの把握している内容と一致しません(ポータルは変更されることがあります)。チェックリストに沿って、値をご自身でコピーしてください。',
    blocked: 'この事業者のサイト以外のページをブロックしました: {url}',
    loadFailed: 'ポータルを読み込めませんでした: {detail}',
    loadFailedNoDetail: 'ポータルを読み込めませんでした。接続を確認して、もう一度開いてください。',
    closed: 'ポータルは閉じています。',
    close: 'ポータルを閉じる',
    checklist: 'チェックリスト',
    done: '完了',
    onScreen: '表示中',
    filledIn: '自動入力済み',
    highlighted: '次はここ',
    clearData: 'このポータルのデータを消去',
    clearTitle: 'このポータルのデータを消去しますか?',
    clearBody: 'この回線をポータルからログアウトし、Cookieと保存されたページを削除します。他の回線や事業者には影響しません。',
    clearConfirm: 'データを消去',
    clearing: '消去しています…',
    cleared: 'ポータルのデータを消去しました。',
    clearFailed: 'ポータルのデータを消去できませんでした。',
    clearInBrowser: 'ポータルはブラウザーで開いています。完全にログアウトするには、ブラウザーの設定で事業者サイトのデータを消去してください。',
    openFailed: 'ポータルを開けませんでした。',
    explainLabel: 'ポータルに表示されたメッセージ',
    explainHint: 'ポータルに表示されたメッセージを貼り付けるか入力すると、その意味と対処を表示します。',
    explain: '調べる',
    explaining: '調べています…',
    explainNone: 'このメッセージは登録されていません。下のトラブル解決をお試しいただくか、事業者にお問い合わせください。',
    explainFailed: 'メッセージを調べられませんでした。',
    onStep: '「{title}」で',
    showStep: 'チェックリストで「{title}」を表示',
    countdown: {
      start: 'リンクが表示されたら{minutes}分のカウントダウンを開始',
      remaining: 'リンクの残り時間: {time}',
      expired: 'リンクの有効期限が切れました。最初からやり直して新しいリンクを発行してください。'
    }
  },
  troubleshooters: {
    heading: 'トラブル解決',
    start: '開始',
    running: '確認しています…',
    failed: 'トラブル解決を実行できませんでした。',
    status: {
      failed: '原因の可能性大',
      passed: '問題なし',
      ask: '回答してください',
      unknown: '判断できません'
    },
    fact: '{name}:{value}',
    yes: 'はい',
    no: 'いいえ',
    loginLabel: 'ログイン画面で入力したID',
    loginCheck: 'このIDを確認',
    remedy: '対処',
    action: {
      clearPortalData: 'ポータルのデータを消去',
      showSteps: '手順を表示',
      sendCode: '{code} を送信',
      openPage: '事業者のページを開く',
      contactCarrier: '事業者にお問い合わせください(事業者側での対応が必要です)。',
      retry: '再試行'
    },
    clearInBrowser: 'ブラウザーの設定で事業者サイトのデータを消去してください。'
  },
  lastReading: {
    heading: 'キャリアからの情報',
    ends: 'パスの期限: {date}（{code} で確認、{time} 取得）',
    amounts: 'データ残量: {data} ・ 残高: {balance}'
  },
  facts: {
    heading: '知っておきたいこと',
    topic: {
      pricing: '料金',
      limits: '上限',
      policy: 'ルール',
      activation: '開通',
      network: 'ネットワーク',
      support: 'サポート',
      usage: '利用状況'
    }
  },
  quickCodes: {
    label: '{carrier}のコード',
    phoneHeading: '電話機からチャージ',
    dial: '電話機から {code} に発信',
    sms: '電話機から {code} 宛てに「{text}」を送信'
  },
  suggestions: {
    heading: 'このSIMへのおすすめ',
    intro: 'キャリアパックとAPNデータベースから、このSIMの事業者向けの設定を表示しています。「フォームに入力」で下のフォームにコピーされます。切り替えるまで何も変更されません。',
    loading: 'このSIM向けの設定を検索しています…',
    failed: 'このSIM向けの設定を検索できませんでした。',
    none: 'このSIM向けの設定は見つかりません。',
    use: 'フォームに入力',
    onDevice: 'ルーターに登録済み',
    origin: {
      pack: 'キャリアパック',
      database: 'APNデータベース'
    },
    role: {
      default: '標準',
      tethering: 'テザリング用',
      alternative: '代替',
      legacy: '旧設定'
    },
    showAll: 'すべて表示({count}件)',
    showFewer: '表示を減らす'
  }
}

export default planJa
