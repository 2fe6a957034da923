// 設定ダイアログ・アプリ内通知 (トースト) の日本語メッセージ（settings-en.ts と同じキー）。
import type settingsEn from './settings-en'

const settingsJa: typeof settingsEn = {
  settings: {
    title: '設定',
    language: '表示言語',
    languageSystem: 'システムに合わせる',
    theme: 'テーマ',
    themeSystem: 'システムに合わせる',
    themeLight: 'ライト',
    themeDark: 'ダーク',
    close: '閉じる',
    saveFailed: 'この画面には反映されましたが、保存できませんでした: {message}',
    appearance: '表示',
    loading: '設定を読み込んでいます…',
    loadFailed: 'ホストから設定を読み込めませんでした。',
    hostWarning: '保存された設定を読み込めなかったため、初期設定を使っています。{message}',
    saveHostFailed: '変更を保存できませんでした。',
    saved: '保存しました',
    polling: {
      heading: '更新間隔',
      intro: '端末の情報を読み取る間隔です。短いほど変化がすぐ分かり、長いほどホットスポットの電池が長持ちします。',
      foreground: '表示中の端末 (秒)',
      background: 'その他の端末 (秒)',
      range: '{min}〜{max} 秒',
      apply: '適用',
      invalid: '整数 (秒) で、表示中の端末は {fgMin}〜{fgMax}、その他の端末は {bgMin}〜{bgMax} の範囲で入力してください。表示中の端末の間隔は、その他の端末より長くできません。'
    },
    privacy: {
      heading: 'プライバシー',
      redact: '診断情報では電話番号・IMEI・ICCID・アドレスを標準で伏せる',
      retention: '読み取り履歴の保存期間 (日)',
      retentionOff: 'このアプリでは履歴が無効のため、何も保存していません。',
      retentionInvalid: '{min}〜{max} の整数 (日) で入力してください。'
    },
    notifications: {
      heading: '通知',
      intro: '次のときに知らせる:',
      dataLowPercent: 'データ残量が少ないとみなす割合 (月の上限に対する %)',
      dataLowInvalid: '{min}〜{max} の整数 (%) で入力してください。',
      kinds: {
        dataLow: 'データ残量が少なくなったとき',
        planExpiring: 'プランやパスの期限が近いとき (終了日が分かる場合)',
        disconnected: '端末が取り外されたか応答しなくなったとき',
        simChanged: '端末の SIM が変わったとき',
        signalLost: '端末がモバイル電波を失ったとき'
      }
    },
    credentials: {
      heading: '保存したパスワード',
      intro: 'このアプリが保存している端末の管理者パスワードです ({storage} で暗号化)。パスワード自体は表示しません。',
      introNoStore: 'このアプリはここでは端末のパスワードを保存しません。',
      storage: { keychain: 'OS のキーチェーン', keyFile: 'データフォルダーの鍵ファイル' },
      none: '保存しているパスワードはありません。',
      loading: '読み込んでいます…',
      loadFailed: '保存したパスワードの一覧を取得できませんでした。',
      connected: '接続中',
      notConnected: '未接続',
      forget: '削除',
      forgetLabel: '{device} のパスワードを削除',
      forgetTitle: 'このパスワードを削除しますか?',
      forgetBody: '次に {device} に接続するとき、Hotspot Desk がパスワードを尋ねます。',
      forgetConfirm: '削除',
      forgetting: '削除しています…',
      forgetFailed: 'パスワードを削除できませんでした。'
    }
  },
  toasts: {
    label: '通知',
    dismiss: '閉じる',
    dismissLabel: '閉じる: {title}'
  },
  notify: {
    dataLow: { title: 'データ残量が少なくなっています', body: '{device}: 今月のデータ残量は {percentLeft}% です ({limit} 中 残り {left})。' },
    planExpiring: { title: 'プランの期限が近づいています', body: '{device}: プランまたはパスは {date} に終了します。つながり続けるにはチャージか更新をしてください。' },
    disconnected: { title: '端末との接続が切れました', body: '{device} が取り外されたか、応答しなくなりました。' },
    simChanged: { title: 'SIM が変わりました', body: '{device} に別の SIM が入っています (ICCID 末尾 {iccidTail})。' },
    signalLost: { title: '電波がありません', body: '{device} は {seconds} 秒間モバイル電波をつかんでいません。' }
  }
}

export default settingsJa
