// English messages: the reference set. ja.ts must have exactly the same keys (typed as MessageSchema,
// and checked by tests/renderer/i18n.test.ts). vue-i18n syntax: {name} placeholders; avoid the
// reserved characters @ $ | in text.
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
    notReported: 'Not reported'
  },
  phone: {
    title: 'Phone number',
    copy: 'Copy',
    copied: 'Copied',
    copyFailed: 'Could not copy',
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
    connectionSerial: 'USB serial ({address})'
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
    error: {
      title: 'Something went wrong with this hotspot'
    }
  },
  settings: {
    title: 'Settings',
    language: 'Language',
    languageSystem: 'System',
    theme: 'Theme',
    themeSystem: 'System',
    themeLight: 'Light',
    themeDark: 'Dark',
    close: 'Close',
    saveFailed: 'Your choice applies to this window but could not be saved: {message}'
  },
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
