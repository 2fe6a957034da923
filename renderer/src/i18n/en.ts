// English messages: the reference set. ja.ts must have exactly the same keys (typed as MessageSchema,
// and checked by tests/renderer/i18n.test.ts). vue-i18n syntax: {name} placeholders; avoid the
// reserved characters @ $ | in text.
import toolsEn from './tools-en'
import planEn from './plan-en'
import stationEn from './station-en'
import settingsEn from './settings-en'

const en = {
  app: {
    title: 'Hotspot Desk',
    openSettings: 'Settings',
    skipToMain: 'Skip to device details'
  },
  host: {
    label: 'Host connection',
    connecting: 'Connecting to the host…',
    connected: 'Connected',
    reconnecting: 'Lost the host — reconnecting…',
    reconnectingIn: 'Host unavailable — retrying in {seconds} s',
    offline: 'Offline — not connected to the host',
    incompatible: 'This window and the host are different versions. Restart Hotspot Desk.',
    unresponsive: 'The host is not answering. Restart Hotspot Desk if this persists.',
    versions: 'Hotspot Desk {app} · contract {contract}'
  },
  devices: {
    listLabel: 'Hotspots and modems',
    heading: 'Devices',
    loading: 'Looking for hotspots…',
    waitingForHost: 'Waiting for the host to start…',
    none: 'None yet',
    errorTitle: 'Could not get the device list',
    retry: 'Try again',
    demoBadge: 'Demo',
    choose: 'Choose a device from the list.',
    state: {
      connecting: 'Connecting',
      released: 'Released',
      ready: 'Ready',
      'auth-required': 'Password needed',
      'locked-out': 'Locked',
      unreachable: 'Not answering',
      error: 'Error'
    }
  },
  empty: {
    title: 'No hotspot yet',
    body: 'Plug a pocket Wi-Fi or USB modem into this computer with a USB cable, or join its Wi-Fi network. It appears here as soon as it is found.',
    demoHint: 'No hardware at hand? The demo hotspot is a simulated device that behaves like a real one.',
    scanHint: 'Not showing up? Press Scan above the device list to look again. Units that are found but cannot be used yet, such as a USB stick still in its installer CD-ROM mode, are listed under the devices with what to do.',
    attentionFound: 'Found but not usable yet: {count}. See “Found, needs attention” on the left.',
    startDemo: 'Try the demo hotspot',
    starting: 'Starting the demo…',
    demoFailed: 'The demo could not start.'
  },
  dashboard: {
    label: 'Device details',
    refresh: 'Refresh',
    refreshing: 'Refreshing…',
    stopDemo: 'Stop demo',
    stoppingDemo: 'Stopping…',
    updated: 'Updated {time}',
    noReading: 'Waiting for the first reading…',
    readingFailed: 'Could not read this device.',
    notReported: 'Not reported',
    copyValue: 'Copy the {what}'
  },
  tabs: {
    label: 'Sections for this hotspot',
    overview: 'Overview',
    apn: 'APN',
    ussd: 'USSD codes',
    messages: 'Messages',
    plan: 'Plan & refill',
    console: 'AT console',
    history: 'History',
    tools: 'Field tools',
    unread: '{count} unread'
  },
  common: {
    cancel: 'Cancel',
    copy: 'Copy',
    copied: 'Copied',
    copyFailed: 'Could not copy',
    notReady: 'This needs a working connection to the hotspot. It becomes available once the hotspot is connected and signed in.'
  },
  phone: {
    title: 'Phone number',
    copy: 'Copy',
    copied: 'Copied',
    copyFailed: 'Could not copy: select the number and press Ctrl+C (⌘C on a Mac)',
    copyLabel: 'Copy the phone number',
    unknown: 'Not known yet',
    unknownCanRead: 'The device has not reported the SIM’s number yet.',
    unknownCannotRead: 'This device cannot report the SIM’s number. Many SIMs do not store it; your carrier’s app or a balance code can tell you.',
    source: {
      device: 'Reported by the device',
      sim: 'Read from the SIM',
      ussd: 'From a carrier code (USSD)',
      user: 'Entered by you'
    }
  },
  network: {
    title: 'Network',
    operator: 'Carrier',
    registration: 'Registration',
    networkType: 'Network type',
    band: 'Band',
    plmn: 'PLMN',
    cell: 'Cell',
    rejectCause: 'Reject cause',
    state: {
      home: 'Home network',
      roaming: 'Roaming',
      searching: 'Searching…',
      denied: 'Registration denied',
      'not-registered': 'Not registered',
      unknown: 'Unknown'
    }
  },
  signal: {
    title: 'Signal',
    bars: '{count} of {max} bars',
    noService: 'No service',
    rssi: 'RSSI',
    rsrp: 'RSRP',
    rsrq: 'RSRQ',
    sinr: 'SINR',
    rscp: 'RSCP',
    ecio: 'Ec/Io',
    quality: {
      excellent: 'Excellent',
      good: 'Good',
      fair: 'Fair',
      poor: 'Poor'
    },
    rat: {
      none: 'No service',
      gsm: '2G',
      umts: '3G',
      lte: '4G LTE',
      nr: '5G',
      unknown: 'Unknown'
    }
  },
  data: {
    title: 'Mobile data',
    ipv4: 'IPv4 address',
    ipv6: 'IPv6 address',
    failure: 'Reason',
    state: {
      connected: 'Connected',
      connecting: 'Connecting…',
      disconnected: 'Disconnected',
      disconnecting: 'Disconnecting…',
      failed: 'Connection failed',
      unknown: 'Unknown'
    }
  },
  usage: {
    title: 'Data usage',
    session: 'This session',
    upload: 'Upload',
    download: 'Download',
    duration: 'Connected for',
    speed: 'Speed now',
    month: 'This month',
    usedOfLimit: '{used} of {limit}',
    used: '{used} used',
    monthLabel: 'Data used this month',
    billingDay: 'Resets on day {day} of each month',
    overLimit: 'Over the monthly limit',
    noData: 'The device has not reported usage yet.'
  },
  sim: {
    title: 'SIM',
    status: 'Status',
    iccid: 'ICCID',
    imsi: 'IMSI',
    spn: 'Provider name',
    pinAttempts: 'PIN attempts left',
    pukAttempts: 'PUK attempts left',
    state: {
      ready: 'Ready',
      absent: 'No SIM inserted',
      'pin-required': 'PIN required',
      'puk-required': 'PUK required (SIM blocked)',
      invalid: 'SIM rejected',
      unknown: 'Unknown'
    }
  },
  device: {
    title: 'Hotspot',
    model: 'Model',
    firmware: 'Firmware',
    imei: 'IMEI',
    battery: 'Battery',
    charging: 'charging',
    batteryLow: 'low',
    wifiClients: 'Wi-Fi clients',
    connection: 'Connected via',
    connectionHttp: 'Network ({address})',
    connectionSerial: 'USB serial ({address})',
    paths: 'How it is connected'
  },
  discovery: {
    scan: 'Scan',
    scanning: 'Scanning…',
    scanHint: 'Look again for hotspots and modems on USB, serial ports and attached networks.',
    scanHintNoLan: 'Look again for hotspots and modems on USB and serial ports.',
    scanFailed: 'The scan did not finish.',
    lastScan: 'Last scan {time}',
    attentionHeading: 'Found, needs attention',
    status: {
      ready: 'Ready',
      'needs-switching': 'Needs switching to modem mode',
      'no-permission': 'No permission',
      busy: 'In use by another program',
      unsupported: 'Not supported'
    },
    fix: 'What to do',
    commandsIntro: 'Run these in a terminal, in this order. Hotspot Desk never runs them for you.',
    copyCommand: 'Copy command {number}',
    paths: 'How it is connected',
    switchMode: 'Switch mode',
    switchTitle: 'Switch {name} to modem mode?',
    switchBody: 'Hotspot Desk sends this stick the documented switch message for its model, the same one usb_modeswitch sends. The stick leaves its installer CD-ROM mode, disconnects for a moment and re-appears as a modem, usually within 20 seconds.',
    switchConfirm: 'Switch mode',
    switching: 'Switching…',
    switchFailed: 'The stick was not switched.',
    switched: '{name} was switched to modem mode.',
    usbUnavailable: 'USB not available: {reason}',
    usbUnavailableNoReason: 'USB devices cannot be read on this computer.',
    lanProbeOff: 'Network scanning is off: hotspots reached over Wi-Fi or USB networking are not looked for.',
    unavailable: 'Device discovery is not available: {reason}'
  },
  banner: {
    connecting: {
      title: 'Connecting to the hotspot…',
      body: 'Signing in and reading its status. This takes a few seconds.'
    },
    authRequired: {
      title: 'This hotspot needs its admin password',
      body: 'Hotspot Desk could not sign in: the admin password is missing or was refused. The default password is usually printed on a label under the battery cover or on the box. A refused password is never retried automatically, so the hotspot will not lock you out.'
    },
    lockedOut: {
      title: 'The hotspot has locked sign-ins',
      bodyWait: 'After too many wrong passwords it refuses everyone for a while. Wait about {minutes} min, and do not sign in from its web page meanwhile: each attempt can restart the timer.',
      body: 'After too many wrong passwords it refuses everyone for a while. Wait a few minutes, and do not sign in from its web page meanwhile: each attempt can restart the timer.'
    },
    unreachable: {
      title: 'The hotspot is not answering',
      body: 'Check that it is switched on and its USB cable is plugged in, or that this computer is still on its Wi-Fi. Hotspot Desk keeps trying in the background.'
    },
    released: {
      title: 'Released to the hotspot’s own web page',
      body: 'Hotspot Desk signed out and stopped reading this hotspot, so its web page can sign in (these devices allow one admin session at a time). Sign out there when you are done, then resume.',
      openWebPage: 'Open the hotspot’s web page',
      resume: 'Resume',
      resuming: 'Resuming…',
      resumeFailed: 'Could not resume.'
    },
    error: {
      title: 'Something went wrong with this hotspot'
    },
    enterPassword: 'Enter password'
  },
  login: {
    title: 'Sign in to {name}',
    intro: 'Hotspots lock sign-ins for a while after a few wrong passwords. Each press of Sign in tries exactly once, and a refused password is never retried automatically.',
    lockedWarning: 'The hotspot is locked right now. A new attempt before the lock ends can fail even with the right password, and may restart the timer.',
    lockedWait: 'The lock should end in about {minutes} min.',
    username: 'User name',
    usernameHint: 'Usually “admin”. Leave it as it is unless the hotspot’s label says otherwise.',
    password: 'Admin password',
    passwordHint: 'Often printed on a label under the battery cover or on the box.',
    showPassword: 'Show password',
    remember: 'Remember on this computer',
    rememberHint: 'Kept in this computer’s secure storage, so Hotspot Desk can sign in by itself next time.',
    submit: 'Sign in',
    submitting: 'Signing in…',
    failed: 'Not signed in',
    passwordRequired: 'Enter the admin password.'
  },
  controls: {
    title: 'Controls',
    data: 'Mobile data',
    dataOn: 'On',
    dataOff: 'Off',
    dataTurningOn: 'Turning on…',
    dataTurningOff: 'Turning off…',
    dataHint: 'Turning mobile data off stops all traffic through the SIM; Wi-Fi stays on.',
    dataFailed: 'Mobile data could not be switched.',
    reboot: 'Restart hotspot',
    rebootTitle: 'Restart the hotspot?',
    rebootBody: 'Everyone on its Wi-Fi loses the connection for about a minute while it restarts. Hotspot Desk reconnects by itself.',
    rebootConfirm: 'Restart',
    rebooting: 'Restarting…',
    rebootDone: 'The hotspot is restarting. It should be back in about a minute.',
    rebootFailed: 'The hotspot did not restart.',
    resetUsage: 'Reset usage counters',
    resetTitle: 'Reset the usage counters?',
    resetBody: 'The hotspot forgets how much data it has counted this month and this session. Your carrier’s own count is not affected. This cannot be undone.',
    resetConfirm: 'Reset counters',
    resetting: 'Resetting…',
    resetDone: 'The usage counters were reset.',
    resetFailed: 'The counters were not reset.',
    release: 'Use the hotspot’s own web page',
    releaseHint: 'These hotspots allow one admin session at a time. Release it to sign in on its own web page; Hotspot Desk stops reading it until you resume.',
    releaseTitle: 'Release the hotspot to its web page?',
    releaseBody: 'Hotspot Desk signs out and stops reading this hotspot, so you can sign in on its own web page. Readings pause until you press Resume.',
    releaseConfirm: 'Release',
    releasing: 'Releasing…',
    releaseFailed: 'The hotspot was not released.'
  },
  simLock: {
    pinTitle: 'The SIM is locked with a PIN',
    pukTitle: 'The SIM is blocked: the PUK is needed',
    pinBody: 'Mobile data stays off until the SIM’s PIN is entered.',
    pukBody: 'Too many wrong PINs blocked the SIM. The PUK (8 digits) is on the card the SIM came on, or your carrier can tell you.',
    enterPin: 'Enter PIN',
    enterPuk: 'Enter PUK',
    cannotUnlock: 'This hotspot cannot unlock the SIM from here. Use its own web page, or put the SIM in a phone to unlock it.',
    dialogPinTitle: 'Unlock the SIM with its PIN',
    dialogPukTitle: 'Unblock the SIM with its PUK',
    pin: 'PIN',
    pinHint: '4 to 8 digits.',
    puk: 'PUK',
    pukHint: '8 digits, from the SIM’s card or your carrier.',
    newPin: 'New PIN',
    confirmPin: 'New PIN again',
    attemptsLeft: 'Attempts left: {count}',
    attemptsUnknown: 'The hotspot did not say how many attempts are left. Be careful: the SIM blocks after a few wrong tries.',
    lastPinAttempt: 'Only one attempt left. Another wrong PIN blocks the SIM, and then only the PUK can unblock it. If you are not sure of the PIN, stop here and check it.',
    lastPukAttempt: 'Only one attempt left. Another wrong PUK destroys the SIM for good; your carrier would have to replace it. If you are not sure of the PUK, stop here and ask your carrier.',
    pinFormat: 'A PIN has 4 to 8 digits.',
    pukFormat: 'A PUK has exactly 8 digits.',
    pinMismatch: 'The two new PINs are not the same.',
    submitPin: 'Unlock',
    submitPuk: 'Unblock',
    submitting: 'Checking…',
    failed: 'The SIM was not unlocked.',
    close: 'Close',
    wrongPinTitle: 'Wrong PIN',
    wrongPin: 'The SIM rejected this PIN. Check it before trying again: the SIM blocks after a few wrong tries.',
    wrongPinLeft: 'The SIM rejected this PIN. Attempts left before the SIM blocks: {count}.',
    wrongPukTitle: 'Wrong PUK',
    wrongPuk: 'The SIM rejected this PUK. Check it with your carrier before trying again: too many wrong PUKs destroy the SIM for good.',
    wrongPukLeft: 'The SIM rejected this PUK. Attempts left before the SIM is blocked for good: {count}.',
    blockedTitle: 'The SIM is blocked',
    pinNowBlocked: 'That was the last PIN attempt, so the SIM is now blocked. Enter the PUK (8 digits, on the card the SIM came on) and choose a new PIN.',
    pukRequired: 'The SIM is blocked and no longer accepts a PIN. Enter the PUK (8 digits, on the card the SIM came on) and choose a new PIN.',
    deadTitle: 'The SIM is permanently blocked',
    pukExhausted: 'That was the last PUK attempt. The SIM cannot be unblocked any more; your carrier has to replace it.'
  },
  apn: {
    title: 'APN profiles',
    intro: 'The APN tells the hotspot how to reach your carrier’s data network. A wrong one leaves it online with no data, so every change is checked and undone if it does not work.',
    loading: 'Reading the profiles…',
    loadFailed: 'Could not read the APN profiles.',
    reload: 'Reload',
    empty: 'The hotspot has no APN profiles.',
    inUse: 'In use',
    preset: 'Preset (read-only)',
    apn: 'APN',
    username: 'User name',
    auth: 'Authentication',
    pdpType: 'IP type',
    useThis: 'Use this',
    readOnlyNote: 'You can switch to this operator preset, but not change it.',
    cannotWrite: 'This hotspot lets Hotspot Desk read its APN profiles but not change them.',
    authType: {
      none: 'None',
      pap: 'PAP',
      chap: 'CHAP',
      'pap-or-chap': 'PAP or CHAP'
    },
    pdp: {
      ipv4: 'IPv4 only',
      ipv6: 'IPv6 only',
      ipv4v6: 'IPv4 and IPv6'
    },
    confirmTitle: 'Switch to “{name}”?',
    confirmBody: 'Mobile data drops for a moment while the hotspot reconnects. If data does not come back with the new APN, the current one ({current}) is restored.',
    confirmBodyNoCurrent: 'Mobile data drops for a moment while the hotspot reconnects. If data does not come back with the new APN, the previous settings are restored.',
    confirmSwitch: 'Switch',
    add: {
      open: 'Add and switch…',
      title: 'New APN profile',
      intro: 'Copy these from your carrier’s setup page. Leave user name and password empty unless the carrier gives them.',
      name: 'Profile name',
      nameHint: 'Any name you will recognise, e.g. the carrier’s.',
      apnHint: 'e.g. fast.t-mobile.com',
      password: 'Password',
      authHint: 'Carriers that give a user name usually want PAP or CHAP.',
      submit: 'Add and switch'
    },
    edit: {
      open: 'Edit a copy…',
      openLabel: 'Edit a copy of {name}',
      title: 'Edit a copy of “{name}”',
      intro: 'Change what you need. “{name}” stays as it is on the hotspot: your version is saved as a new profile and switched to, and removed again if data does not come back with it.',
      submit: 'Save copy and switch',
      copyName: '{name} (edited)',
      copyNameNumbered: '{name} (edited {n})'
    },
    validation: {
      nameRequired: 'Give the profile a name.',
      nameTooLong: 'Use at most 64 characters.',
      nameTaken: 'A profile with this name already exists; choose another name.',
      apnRequired: 'Enter the APN from your carrier.',
      apnTooLong: 'Use at most 100 characters.',
      apnFormat: 'Use only letters, digits, dots, hyphens and underscores, without spaces.',
      fieldTooLong: 'Use at most 64 characters.'
    },
    progress: {
      title: 'Switching to {target}',
      noCancel: 'This cannot be stopped halfway: stopping between steps could leave the hotspot without data. If any step fails, the previous APN is restored automatically.',
      step: {
        snapshot: 'Note the current settings',
        apply: 'Apply the new APN',
        reattach: 'Reconnect mobile data',
        verify: 'Check that data works',
        restore: 'Restore the previous APN'
      },
      status: {
        pending: 'Waiting',
        started: 'In progress…',
        ok: 'Done',
        failed: 'Failed',
        skipped: 'Only if needed'
      }
    },
    result: {
      ok: 'Now using {name} ({apn}).',
      restoredTitle: 'The new APN did not work, so the previous one was restored',
      restoredTo: 'Back on {name} ({apn}). Check the APN details with your carrier and try again.',
      restoredUnknown: 'The previous settings were put back.',
      notRestoredTitle: 'The change failed and the previous APN could NOT be restored',
      notRestoredBody: 'The hotspot may have no mobile data now. Set the APN back by hand on the hotspot’s own web page:',
      previous: 'Previous APN',
      failedTitle: 'The APN was not switched',
      done: 'Done'
    }
  },
  ussd: {
    title: 'USSD codes',
    intro: 'Codes like *100# ask your carrier for your balance, data left or your own number. Some codes change your plan or cost money: send only codes you know.',
    code: 'Code',
    codeHint: 'Digits, * and #, e.g. *100#',
    codeInvalid: 'Use only digits, * and #, e.g. *100#.',
    send: 'Send',
    sending: 'Waiting for the network…',
    cancel: 'Cancel',
    cancelling: 'Cancelling…',
    quickCodes: 'Codes for your carrier',
    transcript: 'Conversation with the network',
    empty: 'Nothing sent yet.',
    you: 'You',
    network: 'Network',
    ended: 'Session ended.',
    cancelled: 'Session cancelled.',
    answer: 'Your answer',
    answerHint: 'Type the number of a menu item.',
    answerInvalid: 'Type an answer of up to 160 characters.',
    reply: 'Reply',
    endSession: 'End session',
    clear: 'Clear conversation',
    failed: 'The code did not go through.'
  },
  sms: {
    title: 'Messages',
    refresh: 'Refresh',
    refreshing: 'Refreshing…',
    loading: 'Reading the messages…',
    loadFailed: 'Could not read the messages.',
    empty: 'There are no messages on the hotspot.',
    storage: 'Storage',
    storageUsed: '{used} of {total} messages stored',
    storageFull: 'The message storage is full: new messages cannot arrive until you delete some.',
    unreadCount: '{count} unread',
    unread: 'Unread',
    partsMissing: 'Parts missing: {count}',
    partsMissingBody: 'This long message is incomplete: {count} of its parts have not arrived yet. The rest may come later.',
    delete: 'Delete',
    deleting: 'Deleting…',
    deleteTitle: 'Delete this message?',
    deleteBody: 'The message from {from} is removed from the hotspot. This cannot be undone.',
    deleteConfirm: 'Delete',
    deleteFailed: 'The message was not deleted.',
    markReadFailed: 'The message could not be marked as read on the hotspot.'
  },
  ...settingsEn,
  plan: planEn,
  station: stationEn,
  ...toolsEn,
  errors: {
    details: 'Details',
    BAD_INPUT: {
      title: 'The host refused a request from this window',
      hint: 'This is a bug in Hotspot Desk. Try again; if it keeps happening, report it with the details.'
    },
    UNKNOWN_METHOD: {
      title: 'The host does not know this action',
      hint: 'This window and the host are out of step. Restart Hotspot Desk.'
    },
    VERSION_MISMATCH: {
      title: 'This window and the host are different versions',
      hint: 'Restart Hotspot Desk so both parts update together.'
    },
    UNAUTHORIZED: {
      title: 'This page may not talk to the host',
      hint: 'Open the exact address that “hotspot-desk serve” printed, including its token.'
    },
    NOT_FOUND: {
      title: 'That device is no longer there',
      hint: 'It may have been unplugged. Plug it back in, or choose another device.'
    },
    DEVICE_GONE: {
      title: 'The device stopped answering',
      hint: 'Check its USB cable or that this computer is on its Wi-Fi, then try again.'
    },
    AUTH_FAILED: {
      title: 'The device refused the password',
      hint: 'Check the admin password, usually on a label under the battery cover. It is never retried automatically, so the device will not lock you out.'
    },
    PERMISSION: {
      title: 'No permission on this computer',
      hint: 'This computer does not let Hotspot Desk use the device. On Linux, join the dialout group or install the udev rule shown in the details; on Windows, the device may need the WinUSB driver.'
    },
    LOCKED_OUT: {
      title: 'The device has locked sign-ins',
      hint: 'Too many wrong passwords. Wait until the lock ends before trying again.'
    },
    TIMEOUT: {
      title: 'No answer in time',
      hint: 'The device or the host is slow or busy. Try again in a moment.'
    },
    UNSUPPORTED: {
      title: 'This device cannot do that',
      hint: 'Its firmware does not offer this feature.'
    },
    BUSY: {
      title: 'Busy with something else',
      hint: 'Another operation is still running. Try again when it finishes.'
    },
    CANCELLED: {
      title: 'Cancelled',
      hint: 'The operation was stopped before it finished. Nothing was left half-done; start it again when you are ready.'
    },
    PROTOCOL: {
      title: 'The device gave an answer we could not read',
      hint: 'Its firmware may be newer than Hotspot Desk knows. Try again; if it keeps happening, report the device model.'
    },
    INTERNAL: {
      title: 'Something went wrong inside Hotspot Desk',
      hint: 'Try again. If the host restarted, the last action may or may not have been carried out.'
    }
  }
}

export type MessageSchema = typeof en
export default en
