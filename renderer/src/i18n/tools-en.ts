// English messages of the AT console, History and Line status sections. Mounted in en.ts; tools-ja.ts has the same keys.
const toolsEn = {
  atConsole: {
    title: 'AT console',
    intro: 'Send AT commands straight to the modem. Reads are harmless; commands that change settings can cut the connection — you will be asked first.',
    command: 'Command',
    commandHint: 'e.g. AT+CSQ. Use ↑ and ↓ to go through earlier commands.',
    send: 'Send',
    sending: 'Sending…',
    quick: 'Standard reads',
    log: 'Console output',
    empty: 'Nothing sent yet.',
    out: 'Sent',
    in: 'Reply',
    note: 'Note',
    elapsed: '{ms} ms',
    copyTranscript: 'Copy transcript',
    loadingTranscript: 'Reading the transcript…',
    refused: 'The host refused this line.',
    failed: 'The command did not go through.',
    confirmTitle: 'Send this command?',
    confirmBody: '{command} may change how the modem works: {reasons}',
    confirmSend: 'Send anyway',
    confirmSending: 'Sending…'
  },
  history: {
    title: 'History',
    range: 'Time range',
    ranges: { '15m': '15 min', '1h': '1 h', '24h': '24 h', '7d': '7 d' },
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    panLeft: 'Earlier',
    panRight: 'Later',
    dragHint: 'Drag across the chart to zoom into that span.',
    loading: 'Reading the history…',
    failed: 'Could not read the history.',
    off: 'History is turned off, so no samples are kept for this device.',
    noSamples: 'No samples recorded yet. They appear once the device has been watched for a while.',
    emptyRange: 'No samples in this time range.',
    rsrp: 'RSRP (dBm)',
    sinr: 'SINR (dB)',
    chartLabel: '{metric} from {from} to {to}',
    span: '{from} – {to}',
    export: 'Export CSV',
    exporting: 'Exporting…',
    exported: '{rows} rows saved as {filename}',
    exportFailed: 'Could not export the history.'
  },
  lineStatus: {
    title: 'Line status',
    check: 'Check again',
    checking: 'Checking…',
    checkPublic: 'Check through the internet',
    publicHint: 'Loads a public test page through the hotspot to see what the network really does.',
    failed: 'Could not check the line.',
    checkedAt: 'Checked {time}',
    evidence: 'What this is based on',
    openPortal: 'Open the captive page',
    kind: {
      online: 'Online: data is flowing.',
      captive: 'The network sends you to a sign-in or top-up page.',
      'no-plan': 'No active plan or data left on this line.',
      'no-data': 'The data connection is down.',
      throttled: 'Online, but the speed is reduced.',
      'not-registered': 'Not registered on the mobile network.',
      unknown: 'The line’s state could not be determined.'
    }
  }
}

export default toolsEn
