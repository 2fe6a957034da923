// 日本語メッセージ。キーは en.ts と完全に同じ (MessageSchema 型とテストで確認)。
import type { MessageSchema } from './en'
import toolsJa from './tools-ja'
import planJa from './plan-ja'
import stationJa from './station-ja'
import settingsJa from './settings-ja'

const ja: MessageSchema = {
  app: {
    title: 'Hotspot Desk',
    openSettings: '設定',
    skipToMain: '端末の詳細へ移動'
  },
  host: {
    label: 'ホストとの接続',
    connecting: 'ホストに接続しています…',
    connected: '接続済み',
    reconnecting: 'ホストとの接続が切れました — 再接続中…',
    reconnectingIn: 'ホストに接続できません — {seconds} 秒後に再試行',
    offline: 'オフライン — ホストに接続していません',
    incompatible: 'この画面とホストのバージョンが一致しません。Hotspot Desk を再起動してください。',
    unresponsive: 'ホストが応答しません。続く場合は Hotspot Desk を再起動してください。',
    versions: 'Hotspot Desk {app} · コントラクト {contract}'
  },
  devices: {
    listLabel: 'ホットスポットとモデム',
    heading: '端末',
    loading: 'ホットスポットを探しています…',
    waitingForHost: 'ホストの起動を待っています…',
    none: 'まだありません',
    errorTitle: '端末の一覧を取得できませんでした',
    retry: 'もう一度試す',
    demoBadge: 'デモ',
    choose: '一覧から端末を選んでください。',
    state: {
      connecting: '接続中',
      released: '解放中',
      ready: '正常',
      'auth-required': 'パスワードが必要',
      'locked-out': 'ロック中',
      unreachable: '応答なし',
      error: 'エラー'
    }
  },
  empty: {
    title: 'ホットスポットがまだありません',
    body: 'ポケット Wi-Fi や USB モデムを USB ケーブルでこのパソコンにつなぐか、その Wi-Fi に接続してください。見つかるとここに表示されます。',
    demoHint: '手元に端末がなくても大丈夫です。デモ用ホットスポットは実機と同じように動くシミュレーターです。',
    scanHint: '表示されない場合は、端末一覧の上の「スキャン」を押して探し直してください。見つかってもまだ使えない機器 (インストーラー用の CD-ROM モードのままの USB スティックなど) は、端末一覧の下に対処方法とともに表示されます。',
    attentionFound: '見つかったものの、まだ使えない機器: {count} 台。左の「対応が必要な機器」をご覧ください。',
    startDemo: 'デモ用ホットスポットを試す',
    starting: 'デモを起動しています…',
    demoFailed: 'デモを起動できませんでした。'
  },
  dashboard: {
    label: '端末の詳細',
    refresh: '更新',
    refreshing: '更新中…',
    stopDemo: 'デモを終了',
    stoppingDemo: '終了しています…',
    updated: '{time} 更新',
    noReading: '最初の情報を読み込んでいます…',
    readingFailed: 'この端末の情報を読み取れませんでした。',
    notReported: '取得できません',
    copyValue: '{what} をコピー'
  },
  tabs: {
    label: 'このホットスポットの項目',
    overview: '概要',
    apn: 'APN 設定',
    ussd: 'USSD コード',
    messages: 'SMS',
    plan: 'プランとチャージ',
    console: 'AT コンソール',
    history: '履歴',
    tools: '現場ツール',
    unread: '未読 {count} 件'
  },
  common: {
    cancel: 'キャンセル',
    copy: 'コピー',
    copied: 'コピーしました',
    copyFailed: 'コピーできません',
    notReady: 'この操作にはホットスポットとの接続が必要です。接続してログインが済むと使えるようになります。'
  },
  phone: {
    title: '電話番号',
    copy: 'コピー',
    copied: 'コピーしました',
    copyFailed: 'コピーできません。番号を選んで Ctrl+C (Mac では ⌘C) を押してください',
    copyLabel: '電話番号をコピー',
    unknown: 'まだわかりません',
    unknownCanRead: '端末からまだ SIM の電話番号が届いていません。',
    unknownCannotRead: 'この端末は SIM の電話番号を読み取れません。番号が記録されていない SIM も多いため、キャリアのアプリや残高確認コードで確認できます。',
    source: {
      device: '端末から取得',
      sim: 'SIM から読み取り',
      ussd: 'キャリアのコード (USSD) で取得',
      user: 'ご自身で入力'
    }
  },
  network: {
    title: 'ネットワーク',
    operator: 'キャリア',
    registration: '登録状態',
    networkType: '通信方式',
    band: 'バンド',
    plmn: 'PLMN',
    cell: 'セル',
    rejectCause: '拒否の理由',
    state: {
      home: 'ホームネットワーク',
      roaming: 'ローミング中',
      searching: '検索中…',
      denied: '登録を拒否されました',
      'not-registered': '未登録',
      unknown: '不明'
    }
  },
  signal: {
    title: '電波',
    bars: '{max} 本中 {count} 本',
    noService: '圏外',
    rssi: 'RSSI',
    rsrp: 'RSRP',
    rsrq: 'RSRQ',
    sinr: 'SINR',
    rscp: 'RSCP',
    ecio: 'Ec/Io',
    quality: {
      excellent: '非常に良い',
      good: '良い',
      fair: 'ふつう',
      poor: '弱い'
    },
    rat: {
      none: '圏外',
      gsm: '2G',
      umts: '3G',
      lte: '4G LTE',
      nr: '5G',
      unknown: '不明'
    }
  },
  data: {
    title: 'モバイルデータ通信',
    ipv4: 'IPv4 アドレス',
    ipv6: 'IPv6 アドレス',
    failure: '理由',
    state: {
      connected: '接続中',
      connecting: '接続しています…',
      disconnected: '切断',
      disconnecting: '切断しています…',
      failed: '接続に失敗しました',
      unknown: '不明'
    }
  },
  usage: {
    title: '通信量',
    session: '今回の接続',
    upload: 'アップロード',
    download: 'ダウンロード',
    duration: '接続時間',
    speed: '現在の速度',
    month: '今月',
    usedOfLimit: '{used} / {limit}',
    used: '{used} 使用',
    monthLabel: '今月の通信量',
    billingDay: '毎月 {day} 日にリセット',
    overLimit: '月間の上限を超えています',
    noData: '端末からまだ通信量が届いていません。'
  },
  sim: {
    title: 'SIM',
    status: '状態',
    iccid: 'ICCID',
    imsi: 'IMSI',
    spn: 'サービス名',
    pinAttempts: 'PIN の残り回数',
    pukAttempts: 'PUK の残り回数',
    state: {
      ready: '利用可能',
      absent: 'SIM が入っていません',
      'pin-required': 'PIN の入力が必要',
      'puk-required': 'PUK の入力が必要 (SIM ロック)',
      invalid: 'SIM が認識されません',
      unknown: '不明'
    }
  },
  device: {
    title: 'ホットスポット',
    model: '機種',
    firmware: 'ファームウェア',
    imei: 'IMEI',
    battery: 'バッテリー',
    charging: '充電中',
    batteryLow: '残量わずか',
    wifiClients: 'Wi-Fi 接続台数',
    connection: '接続経路',
    connectionHttp: 'ネットワーク ({address})',
    connectionSerial: 'USB シリアル ({address})',
    paths: '接続の詳細'
  },
  discovery: {
    scan: 'スキャン',
    scanning: 'スキャン中…',
    scanHint: 'USB、シリアルポート、接続中のネットワークからホットスポットとモデムを探し直します。',
    scanHintNoLan: 'USB とシリアルポートからホットスポットとモデムを探し直します。',
    scanFailed: 'スキャンを最後まで実行できませんでした。',
    lastScan: '最終スキャン {time}',
    attentionHeading: '対応が必要な機器',
    status: {
      ready: '使用可能',
      'needs-switching': 'モデムモードへの切り替えが必要',
      'no-permission': 'アクセス権限がありません',
      busy: '他のプログラムが使用中',
      unsupported: '未対応の機種'
    },
    fix: '対処方法',
    commandsIntro: 'ターミナルで上から順に実行してください。Hotspot Desk がこれらを実行することはありません。',
    copyCommand: 'コマンド {number} をコピー',
    paths: '接続の詳細',
    switchMode: 'モードを切り替え',
    switchTitle: '{name} をモデムモードに切り替えますか?',
    switchBody: 'この機種向けに公開されている切り替えメッセージ (usb_modeswitch が送るものと同じ) をスティックに送ります。スティックはインストーラー用の CD-ROM モードを抜けていったん切断され、通常 20 秒ほどでモデムとして再び認識されます。',
    switchConfirm: '切り替える',
    switching: '切り替え中…',
    switchFailed: 'スティックを切り替えられませんでした。',
    switched: '{name} をモデムモードに切り替えました。',
    usbUnavailable: 'USB を利用できません: {reason}',
    usbUnavailableNoReason: 'このパソコンでは USB 機器を読み取れません。',
    lanProbeOff: 'ネットワークのスキャンはオフです。Wi-Fi や USB ネットワーク経由のホットスポットは探しません。',
    unavailable: '機器の検出を利用できません: {reason}'
  },
  banner: {
    connecting: {
      title: 'ホットスポットに接続しています…',
      body: 'ログインして状態を読み込んでいます。数秒かかります。'
    },
    authRequired: {
      title: 'このホットスポットの管理者パスワードが必要です',
      body: 'ログインできませんでした。管理者パスワードが未設定か、正しくありません。初期パスワードはたいてい電池カバーの裏のラベルか箱に書かれています。拒否されたパスワードを自動で再試行することはないので、ホットスポットがロックされる心配はありません。'
    },
    lockedOut: {
      title: 'ホットスポットがログインをロックしています',
      bodyWait: 'パスワードを何度も間違えたため、しばらくログインを受け付けません。約 {minutes} 分待ってください。その間は端末の管理画面からもログインしないでください。試すたびにロック時間が延びることがあります。',
      body: 'パスワードを何度も間違えたため、しばらくログインを受け付けません。数分待ってください。その間は端末の管理画面からもログインしないでください。試すたびにロック時間が延びることがあります。'
    },
    unreachable: {
      title: 'ホットスポットが応答しません',
      body: '電源が入っているか、USB ケーブルがつながっているか、このパソコンがその Wi-Fi に接続したままかを確認してください。バックグラウンドで接続を試し続けます。'
    },
    released: {
      title: 'ホットスポット本体の管理画面に切り替えています',
      body: 'Hotspot Desk はログアウトし、このホットスポットの読み取りを止めています。これで本体の管理画面からログインできます (管理者としてログインできるのは同時に 1 か所だけです)。作業が済んだら管理画面からログアウトし、「再開」を押してください。',
      openWebPage: 'ホットスポットの管理画面を開く',
      resume: '再開',
      resuming: '再開しています…',
      resumeFailed: '再開できませんでした。'
    },
    error: {
      title: 'このホットスポットで問題が起きました'
    },
    enterPassword: 'パスワードを入力'
  },
  login: {
    title: '{name} にログイン',
    intro: 'ホットスポットは、パスワードを何度か間違えるとしばらくログインを受け付けなくなります。「ログイン」を押すたびに試すのは 1 回だけで、拒否されたパスワードを自動で再試行することはありません。',
    lockedWarning: 'ホットスポットは現在ロック中です。ロックが解ける前に試すと、正しいパスワードでも失敗し、ロック時間が延びることがあります。',
    lockedWait: 'ロックはあと約 {minutes} 分で解ける見込みです。',
    username: 'ユーザー名',
    usernameHint: 'たいてい「admin」です。本体のラベルに別の名前が書かれていない限り、そのままにしてください。',
    password: '管理者パスワード',
    passwordHint: '電池カバーの裏のラベルや箱に書かれていることが多いです。',
    showPassword: 'パスワードを表示',
    remember: 'このパソコンに保存する',
    rememberHint: 'このパソコンの安全な保存領域に記録し、次回から Hotspot Desk が自動でログインします。',
    submit: 'ログイン',
    submitting: 'ログインしています…',
    failed: 'ログインできませんでした',
    passwordRequired: '管理者パスワードを入力してください。'
  },
  controls: {
    title: '操作',
    data: 'モバイルデータ通信',
    dataOn: 'オン',
    dataOff: 'オフ',
    dataTurningOn: 'オンにしています…',
    dataTurningOff: 'オフにしています…',
    dataHint: 'オフにすると SIM を使う通信がすべて止まります。Wi-Fi はそのまま使えます。',
    dataFailed: 'モバイルデータ通信を切り替えられませんでした。',
    reboot: 'ホットスポットを再起動',
    rebootTitle: 'ホットスポットを再起動しますか?',
    rebootBody: '再起動のあいだ (1 分ほど)、Wi-Fi につないでいるすべての機器の通信が切れます。Hotspot Desk は自動で再接続します。',
    rebootConfirm: '再起動',
    rebooting: '再起動しています…',
    rebootDone: 'ホットスポットを再起動しています。1 分ほどで戻ります。',
    rebootFailed: 'ホットスポットを再起動できませんでした。',
    resetUsage: '通信量のカウンターをリセット',
    resetTitle: '通信量のカウンターをリセットしますか?',
    resetBody: 'ホットスポットが数えた今月と今回の接続の通信量を消去します。キャリア側の集計には影響しません。元に戻すことはできません。',
    resetConfirm: 'リセット',
    resetting: 'リセットしています…',
    resetDone: '通信量のカウンターをリセットしました。',
    resetFailed: 'カウンターをリセットできませんでした。',
    release: 'ホットスポット本体の管理画面を使う',
    releaseHint: 'このような端末に管理者としてログインできるのは同時に 1 か所だけです。本体の管理画面でログインするには、ここで端末を解放してください。再開するまで Hotspot Desk は読み取りを止めます。',
    releaseTitle: 'ホットスポットを本体の管理画面に解放しますか?',
    releaseBody: 'Hotspot Desk はログアウトしてこのホットスポットの読み取りを止めるので、本体の管理画面からログインできるようになります。「再開」を押すまで情報は更新されません。',
    releaseConfirm: '解放する',
    releasing: '解放しています…',
    releaseFailed: 'ホットスポットを解放できませんでした。'
  },
  simLock: {
    pinTitle: 'SIM が PIN でロックされています',
    pukTitle: 'SIM がロックされています: PUK コードが必要です',
    pinBody: 'SIM の PIN コードを入力するまで、モバイルデータ通信は使えません。',
    pukBody: 'PIN コードを何度も間違えたため、SIM がロックされました。PUK コード (8 桁) は SIM が付いていたカードに書かれているか、キャリアに問い合わせるとわかります。',
    enterPin: 'PIN コードを入力',
    enterPuk: 'PUK コードを入力',
    cannotUnlock: 'このホットスポットは、ここから SIM のロックを解除できません。本体の管理画面を使うか、SIM をスマートフォンに入れて解除してください。',
    dialogPinTitle: 'PIN コードで SIM のロックを解除',
    dialogPukTitle: 'PUK コードで SIM のロックを解除',
    pin: 'PIN コード',
    pinHint: '4〜8 桁の数字です。',
    puk: 'PUK コード',
    pukHint: '8 桁の数字です。SIM のカードに記載されているか、キャリアに確認できます。',
    newPin: '新しい PIN コード',
    confirmPin: '新しい PIN コード (確認)',
    attemptsLeft: '残り {count} 回',
    attemptsUnknown: 'ホットスポットから残り回数が届いていません。数回間違えると SIM がロックされるので注意してください。',
    lastPinAttempt: '残りはあと 1 回です。もう一度間違えると SIM がロックされ、PUK コードでしか解除できなくなります。PIN コードに自信がなければ、ここで中止して確認してください。',
    lastPukAttempt: '残りはあと 1 回です。もう一度間違えると SIM は完全に使えなくなり、キャリアで再発行が必要になります。PUK コードに自信がなければ、ここで中止してキャリアに問い合わせてください。',
    pinFormat: 'PIN コードは 4〜8 桁の数字です。',
    pukFormat: 'PUK コードは 8 桁の数字です。',
    pinMismatch: '2 つの新しい PIN コードが一致しません。',
    submitPin: 'ロックを解除',
    submitPuk: 'ロックを解除',
    submitting: '確認しています…',
    failed: 'SIM のロックを解除できませんでした。',
    close: '閉じる',
    wrongPinTitle: 'PIN コードが違います',
    wrongPin: 'SIM がこの PIN コードを受け付けませんでした。数回間違えると SIM がロックされるので、確認してから入力し直してください。',
    wrongPinLeft: 'SIM がこの PIN コードを受け付けませんでした。SIM がロックされるまでの残り回数: {count} 回',
    wrongPukTitle: 'PUK コードが違います',
    wrongPuk: 'SIM がこの PUK コードを受け付けませんでした。何度も間違えると SIM は完全に使えなくなるので、キャリアに確認してから入力し直してください。',
    wrongPukLeft: 'SIM がこの PUK コードを受け付けませんでした。SIM が完全に使えなくなるまでの残り回数: {count} 回',
    blockedTitle: 'SIM がロックされています',
    pinNowBlocked: '最後の PIN コードも違っていたため、SIM がロックされました。PUK コード (8 桁、SIM が付いていたカードに記載) と新しい PIN コードを入力してください。',
    pukRequired: 'SIM はロックされていて、PIN コードを受け付けません。PUK コード (8 桁、SIM が付いていたカードに記載) と新しい PIN コードを入力してください。',
    deadTitle: 'SIM は完全にロックされました',
    pukExhausted: '最後の PUK コードも違っていたため、SIM のロックはもう解除できません。キャリアで SIM を再発行してもらう必要があります。'
  },
  apn: {
    title: 'APN プロファイル',
    intro: 'APN は、ホットスポットがキャリアのデータ通信網に接続するための設定です。間違えると電波はあってもデータ通信ができなくなるため、変更のたびに通信できるか確認し、だめなら元に戻します。',
    loading: 'プロファイルを読み込んでいます…',
    loadFailed: 'APN プロファイルを読み込めませんでした。',
    reload: '再読み込み',
    empty: 'このホットスポットには APN プロファイルがありません。',
    inUse: '使用中',
    preset: 'プリセット (変更不可)',
    apn: 'APN',
    username: 'ユーザー名',
    auth: '認証方式',
    pdpType: 'IP タイプ',
    useThis: 'これを使う',
    readOnlyNote: 'キャリアのプリセットには切り替えられますが、内容は変更できません。',
    cannotWrite: 'このホットスポットでは、APN プロファイルを読み取れますが変更はできません。',
    authType: {
      none: 'なし',
      pap: 'PAP',
      chap: 'CHAP',
      'pap-or-chap': 'PAP または CHAP'
    },
    pdp: {
      ipv4: 'IPv4 のみ',
      ipv6: 'IPv6 のみ',
      ipv4v6: 'IPv4 と IPv6'
    },
    confirmTitle: '「{name}」に切り替えますか?',
    confirmBody: 'ホットスポットが再接続するあいだ、モバイルデータ通信が少しのあいだ途切れます。新しい APN で通信できなければ、今の設定 ({current}) に戻します。',
    confirmBodyNoCurrent: 'ホットスポットが再接続するあいだ、モバイルデータ通信が少しのあいだ途切れます。新しい APN で通信できなければ、元の設定に戻します。',
    confirmSwitch: '切り替える',
    add: {
      open: '追加して切り替え…',
      title: '新しい APN プロファイル',
      intro: 'キャリアの設定案内ページに書かれている値を入力してください。ユーザー名とパスワードは、指定がなければ空欄のままにします。',
      name: 'プロファイル名',
      nameHint: '見分けがつく名前なら何でもかまいません (例: キャリア名)。',
      apnHint: '例: iijmio.jp',
      password: 'パスワード',
      authHint: 'ユーザー名が指定されている場合、たいてい PAP か CHAP です。',
      submit: '追加して切り替え'
    },
    edit: {
      open: 'コピーして編集…',
      openLabel: '{name} をコピーして編集',
      title: '「{name}」のコピーを編集',
      intro: '必要なところを変更してください。ホットスポット上の「{name}」はそのまま残ります。変更した内容は新しいプロファイルとして保存して切り替え、データ通信が戻らなければ削除して元に戻します。',
      submit: 'コピーを保存して切り替え',
      copyName: '{name} (編集)',
      copyNameNumbered: '{name} (編集 {n})'
    },
    validation: {
      nameRequired: 'プロファイル名を入力してください。',
      nameTooLong: '64 文字以内で入力してください。',
      nameTaken: '同じ名前のプロファイルがすでにあります。別の名前にしてください。',
      apnRequired: 'キャリア指定の APN を入力してください。',
      apnTooLong: '100 文字以内で入力してください。',
      apnFormat: '半角の英数字、ピリオド、ハイフン、アンダースコアだけを使い、スペースは入れないでください。',
      fieldTooLong: '64 文字以内で入力してください。'
    },
    progress: {
      title: '{target} に切り替えています',
      noCancel: 'この処理は途中で止められません。手順の途中で止めると、データ通信ができないままになるおそれがあるためです。どこかで失敗した場合は、元の APN に自動で戻します。',
      step: {
        snapshot: '今の設定を記録',
        apply: '新しい APN を設定',
        reattach: 'モバイルデータ通信を再接続',
        verify: '通信できるか確認',
        restore: '元の APN に戻す'
      },
      status: {
        pending: '待機中',
        started: '実行中…',
        ok: '完了',
        failed: '失敗',
        skipped: '必要な場合のみ'
      }
    },
    result: {
      ok: '{name} ({apn}) に切り替えました。',
      restoredTitle: '新しい APN では通信できなかったため、元の設定に戻しました',
      restoredTo: '{name} ({apn}) に戻っています。APN の設定内容をキャリアの案内と見比べて、もう一度試してください。',
      restoredUnknown: '元の設定に戻しました。',
      notRestoredTitle: '切り替えに失敗し、元の APN にも戻せませんでした',
      notRestoredBody: 'ホットスポットは今、データ通信ができない可能性があります。本体の管理画面で、APN を手動で元に戻してください:',
      previous: '元の APN',
      failedTitle: 'APN を切り替えられませんでした',
      done: '完了'
    }
  },
  ussd: {
    title: 'USSD コード',
    intro: '*100# のようなコードで、残高や残りのデータ量、自分の電話番号をキャリアに問い合わせられます。プランの変更や課金が発生するコードもあるので、内容のわかっているコードだけを送ってください。',
    code: 'コード',
    codeHint: '数字、* と # のみ (例: *100#)',
    codeInvalid: '数字、* と # だけを使ってください (例: *100#)。',
    send: '送信',
    sending: 'ネットワークの応答を待っています…',
    cancel: 'キャンセル',
    cancelling: 'キャンセルしています…',
    quickCodes: 'キャリアのコード',
    transcript: 'ネットワークとのやりとり',
    empty: 'まだ何も送信していません。',
    you: 'あなた',
    network: 'ネットワーク',
    ended: 'セッションが終了しました。',
    cancelled: 'セッションをキャンセルしました。',
    answer: '返答',
    answerHint: 'メニューの番号を入力してください。',
    answerInvalid: '160 文字以内で返答を入力してください。',
    reply: '返信',
    endSession: 'セッションを終了',
    clear: 'やりとりを消去',
    failed: 'コードを送信できませんでした。'
  },
  sms: {
    title: 'SMS',
    refresh: '更新',
    refreshing: '更新中…',
    loading: 'メッセージを読み込んでいます…',
    loadFailed: 'メッセージを読み込めませんでした。',
    empty: 'ホットスポットにメッセージはありません。',
    storage: '保存領域',
    storageUsed: '{total} 件中 {used} 件を保存中',
    storageFull: 'メッセージの保存領域がいっぱいです。削除するまで新しいメッセージを受信できません。',
    unreadCount: '未読 {count} 件',
    unread: '未読',
    partsMissing: '未着の分割: {count}',
    partsMissingBody: 'この長いメッセージは一部がまだ届いていません (未着 {count} 件)。残りはあとで届くことがあります。',
    delete: '削除',
    deleting: '削除しています…',
    deleteTitle: 'このメッセージを削除しますか?',
    deleteBody: '{from} からのメッセージをホットスポットから削除します。元に戻すことはできません。',
    deleteConfirm: '削除',
    deleteFailed: 'メッセージを削除できませんでした。',
    markReadFailed: 'ホットスポット上でメッセージを既読にできませんでした。'
  },
  ...settingsJa,
  plan: planJa,
  station: stationJa,
  ...toolsJa,
  errors: {
    details: '詳細',
    BAD_INPUT: {
      title: 'ホストがこの画面からの要求を受け付けませんでした',
      hint: 'Hotspot Desk の不具合です。もう一度試し、繰り返す場合は詳細を添えて報告してください。'
    },
    UNKNOWN_METHOD: {
      title: 'ホストがこの操作を知りません',
      hint: 'この画面とホストの状態が食い違っています。Hotspot Desk を再起動してください。'
    },
    VERSION_MISMATCH: {
      title: 'この画面とホストのバージョンが一致しません',
      hint: '両方が同時に更新されるよう、Hotspot Desk を再起動してください。'
    },
    UNAUTHORIZED: {
      title: 'このページはホストと通信できません',
      hint: '「hotspot-desk serve」が表示したアドレスを、トークンも含めてそのまま開いてください。'
    },
    NOT_FOUND: {
      title: 'その端末はもう見つかりません',
      hint: '取り外された可能性があります。つなぎ直すか、別の端末を選んでください。'
    },
    DEVICE_GONE: {
      title: '端末が応答しなくなりました',
      hint: 'USB ケーブル、またはこのパソコンがその Wi-Fi に接続しているかを確認してから、もう一度試してください。'
    },
    AUTH_FAILED: {
      title: '端末がパスワードを受け付けませんでした',
      hint: '管理者パスワードを確認してください (たいてい電池カバーの裏のラベルに記載)。自動で再試行しないので、端末がロックされることはありません。'
    },
    PERMISSION: {
      title: 'このコンピューターでのアクセス権がありません',
      hint: 'このコンピューターの設定により端末を使用できません。Linux では dialout グループに参加するか、詳細に示す udev ルールをインストールしてください。Windows では WinUSB ドライバーが必要な場合があります。'
    },
    LOCKED_OUT: {
      title: '端末がログインをロックしています',
      hint: 'パスワードの誤りが続きました。ロックが解けるまで待ってから試してください。'
    },
    TIMEOUT: {
      title: '時間内に応答がありませんでした',
      hint: '端末またはホストが混み合っています。少し待ってからもう一度試してください。'
    },
    UNSUPPORTED: {
      title: 'この端末ではできない操作です',
      hint: 'この端末のファームウェアはこの機能に対応していません。'
    },
    BUSY: {
      title: 'ほかの処理を実行中です',
      hint: '別の操作がまだ終わっていません。終わってからもう一度試してください。'
    },
    CANCELLED: {
      title: 'キャンセルしました',
      hint: '操作は完了前に中止されました。途中の変更は元に戻しています。準備ができたらもう一度実行してください。'
    },
    PROTOCOL: {
      title: '端末から読み取れない応答が返りました',
      hint: 'Hotspot Desk が知らない新しいファームウェアかもしれません。もう一度試し、繰り返す場合は機種名を添えて報告してください。'
    },
    INTERNAL: {
      title: 'Hotspot Desk の内部で問題が起きました',
      hint: 'もう一度試してください。ホストが再起動した場合、直前の操作が実行されたかどうかはわかりません。'
    }
  }
}

export default ja
