// English messages of the Settings dialog, the in-app notifications (toasts) and their texts. Mounted in
// en.ts; settings-ja.ts has the same keys. notify.* match the host's OS-notification text
// (src/host/notifications.ts) and take the same {parameters}.
const settingsEn = {
  settings: {
    title: 'Settings',
    language: 'Language',
    languageSystem: 'System',
    theme: 'Theme',
    themeSystem: 'System',
    themeLight: 'Light',
    themeDark: 'Dark',
    close: 'Close',
    saveFailed: 'Your choice applies to this window but could not be saved: {message}',
    appearance: 'Appearance',
    loading: 'Loading settings…',
    loadFailed: 'Could not load the settings from the host.',
    hostWarning: 'The saved settings could not be read, so the defaults are in use. {message}',
    saveHostFailed: 'The change was not saved.',
    saved: 'Saved',
    polling: {
      heading: 'Polling',
      intro: 'How often devices are read. Faster shows changes sooner; slower saves battery on the hotspot.',
      foreground: 'Device on screen (s)',
      background: 'Other devices (s)',
      range: '{min}–{max} s',
      apply: 'Apply',
      invalid: 'Use whole seconds: {fgMin}–{fgMax} for the device on screen, {bgMin}–{bgMax} for the others, and the device on screen no less often than the others.'
    },
    privacy: {
      heading: 'Privacy',
      redact: 'Hide phone numbers, IMEI, ICCID and addresses in diagnostics by default',
      retention: 'Keep readings history for (days)',
      retentionOff: 'History is off in this app, so nothing is kept.',
      retentionInvalid: 'Use whole days from {min} to {max}.'
    },
    notifications: {
      heading: 'Notifications',
      intro: 'Tell me when:',
      dataLowPercent: 'Data counts as low below (% of the month’s limit)',
      dataLowInvalid: 'Use a whole percentage from {min} to {max}.',
      kinds: {
        dataLow: 'data is running low',
        planExpiring: 'a plan or pass is about to end (when the end date is known)',
        disconnected: 'a device is unplugged or stops answering',
        simChanged: 'a device has a different SIM',
        signalLost: 'a device loses its mobile signal'
      }
    },
    credentials: {
      heading: 'Remembered passwords',
      intro: 'Device admin passwords this app remembers, sealed by the {storage}. The passwords themselves are never shown.',
      introNoStore: 'This app does not remember device passwords here.',
      storage: { keychain: 'OS keychain', keyFile: 'key file in the data folder' },
      none: 'No passwords are remembered.',
      loading: 'Loading…',
      loadFailed: 'Could not list the remembered passwords.',
      connected: 'connected',
      notConnected: 'not connected',
      forget: 'Forget',
      forgetLabel: 'Forget the password for {device}',
      forgetTitle: 'Forget this password?',
      forgetBody: 'Hotspot Desk will ask for the password of {device} the next time it connects.',
      forgetConfirm: 'Forget',
      forgetting: 'Forgetting…',
      forgetFailed: 'The password was not forgotten.'
    }
  },
  toasts: {
    label: 'Notifications',
    dismiss: 'Dismiss',
    dismissLabel: 'Dismiss: {title}'
  },
  notify: {
    dataLow: { title: 'Data running low', body: '{device}: {percentLeft}% of this month’s data left ({left} of {limit}).' },
    planExpiring: { title: 'Plan ends soon', body: '{device}: the plan or pass ends on {date}. Refill or renew to stay online.' },
    disconnected: { title: 'Device disconnected', body: '{device} was unplugged or stopped answering.' },
    simChanged: { title: 'SIM changed', body: '{device} now has a different SIM (ICCID ending {iccidTail}).' },
    signalLost: { title: 'Signal lost', body: '{device} has had no mobile signal for {seconds} s.' }
  }
}

export default settingsEn
