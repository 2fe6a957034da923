// 日本語メッセージ。キーは en.ts と完全に同じ (MessageSchema 型とテストで確認)。
import type { MessageSchema } from './en'

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
    notReported: '取得できません'
  },
  phone: {
    title: '電話番号',
    copy: 'コピー',
    copied: 'コピーしました',
    copyFailed: 'コピーできません',
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
    connectionSerial: 'USB シリアル ({address})'
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
    error: {
      title: 'このホットスポットで問題が起きました'
    }
  },
  settings: {
    title: '設定',
    language: '表示言語',
    languageSystem: 'システムに合わせる',
    theme: 'テーマ',
    themeSystem: 'システムに合わせる',
    themeLight: 'ライト',
    themeDark: 'ダーク',
    close: '閉じる',
    saveFailed: 'この画面には反映されましたが、保存できませんでした: {message}'
  },
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
