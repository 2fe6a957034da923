// AT コンソール・履歴・回線状態の日本語メッセージ（tools-en.ts と同じキー）。
import type toolsEn from './tools-en'

const toolsJa: typeof toolsEn = {
  atConsole: {
    title: 'AT コンソール',
    intro: 'AT コマンドをモデムに直接送ります。読み取りは安全ですが、設定を変えるコマンドは接続が切れることがあるため、送る前に確認します。',
    command: 'コマンド',
    commandHint: '例: AT+CSQ。↑ と ↓ で以前のコマンドを呼び出せます。',
    send: '送信',
    sending: '送信中…',
    quick: '標準の読み取り',
    log: 'コンソール出力',
    empty: 'まだ何も送っていません。',
    out: '送信',
    in: '応答',
    note: 'メモ',
    elapsed: '{ms} ミリ秒',
    copyTranscript: '記録をコピー',
    loadingTranscript: '記録を読み込み中…',
    refused: 'ホストがこの行を受け付けませんでした。',
    failed: 'コマンドを送れませんでした。',
    confirmTitle: 'このコマンドを送りますか？',
    confirmBody: '{command} はモデムの動作を変える可能性があります: {reasons}',
    confirmSend: 'それでも送る',
    confirmSending: '送信中…'
  },
  history: {
    title: '履歴',
    range: '期間',
    ranges: { '15m': '15 分', '1h': '1 時間', '24h': '24 時間', '7d': '7 日' },
    zoomIn: '拡大',
    zoomOut: '縮小',
    panLeft: '前へ',
    panRight: '後へ',
    dragHint: 'グラフ上をドラッグすると、その範囲を拡大します。',
    loading: '履歴を読み込み中…',
    failed: '履歴を読み込めませんでした。',
    off: '履歴がオフのため、この端末のサンプルは保存されていません。',
    noSamples: 'まだサンプルがありません。しばらく端末を監視すると表示されます。',
    emptyRange: 'この期間にはサンプルがありません。',
    rsrp: 'RSRP (dBm)',
    sinr: 'SINR (dB)',
    chartLabel: '{metric}（{from} ～ {to}）',
    span: '{from} ～ {to}',
    export: 'CSV を書き出す',
    exporting: '書き出し中…',
    exported: '{rows} 行を {filename} として保存しました',
    exportFailed: '履歴を書き出せませんでした。'
  },
  lineStatus: {
    title: '回線状態',
    check: '再確認',
    checking: '確認中…',
    checkPublic: 'インターネット経由で確認',
    publicHint: 'ホットスポット経由で公開テストページを読み込み、ネットワークの実際の動作を確かめます。',
    failed: '回線を確認できませんでした。',
    checkedAt: '{time} に確認',
    evidence: '判断の根拠',
    openPortal: 'ログインページを開く',
    kind: {
      online: 'オンライン: データ通信できています。',
      captive: 'ネットワークがログインまたはチャージのページに誘導しています。',
      'no-plan': 'この回線には有効なプランまたは残りのデータがありません。',
      'no-data': 'データ接続が切れています。',
      throttled: 'オンラインですが、速度が制限されています。',
      'not-registered': 'モバイルネットワークに登録されていません。',
      unknown: '回線の状態を判断できませんでした。'
    }
  }
}

export default toolsJa
