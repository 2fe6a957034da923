// English messages of the Plan & refill area (tab, carrier card, guided flows, portal checklist,
// troubleshooters, quick codes, APN suggestions). Mounted at `plan` in en.ts; plan-ja.ts has the same keys.
// Carrier-specific texts come from the carrier packs through the host, already in the UI language.
const planEn = {
  intro: 'Your carrier’s portal and the steps to sign in, refill, buy data or fix the line, with what this hotspot knows already filled in.',
  identifying: 'Finding out who the carrier is…',
  identifyFailed: 'Could not work out the carrier.',
  loadingPlan: 'Loading the carrier’s steps…',
  planFailed: 'Could not load the carrier’s steps.',
  retry: 'Try again',
  carrier: {
    heading: 'Carrier',
    country: 'Country',
    homeNetwork: 'Home network',
    servingNetwork: 'Network now',
    roamingLabel: 'Roaming',
    confidence: {
      high: 'Sure',
      medium: 'Likely',
      low: 'Best guess',
      none: 'Not known'
    },
    roaming: {
      home: 'Home network',
      equivalent: 'Home (partner network)',
      national: 'Roaming in the country',
      international: 'Roaming abroad',
      unknown: 'Roaming not known'
    },
    why: 'Why Hotspot Desk thinks so',
    askTitle: 'Is this your carrier?',
    askBody: 'Other brands use the same network, and the SIM does not say which one it is. Confirm it or pick yours; everything below follows your choice.',
    pick: 'Carrier and brand',
    confirm: 'Use this carrier',
    chosen: 'You chose this carrier.',
    change: 'Change',
    identificationOnly: 'Hotspot Desk recognises this brand but has no portal steps for it yet.',
    unknownTitle: 'Carrier not recognised',
    unknownBody: 'Hotspot Desk has no carrier pack for this SIM, so it cannot show portal steps. The APN section can still suggest settings.',
    networkNames: 'Operators on this network: {names}',
    databaseMatches: 'The APN database knows this SIM as: {names}',
    candidate: '{brand} ({carrier})'
  },
  marks: {
    unverified: 'Unverified',
    unverifiedHint: 'No source confirms this: treat it as a guide, not a fact.',
    dated: 'As of {year}',
    datedHint: 'True in {year}; it may have changed since.'
  },
  flows: {
    heading: 'Guided steps',
    otherPortals: 'Other portals',
    openPortal: 'Open the portal',
    openPortalTab: 'Open the portal in a new tab',
    opening: 'Opening…',
    noAddress: 'The carrier pack has no web address for this portal: follow the steps with the carrier’s app or customer care.',
    portalStatus: {
      current: 'Current portal',
      legacy: 'Older portal',
      retired: 'Retired portal',
      unknown: 'Portal status unknown'
    },
    where: 'Where',
    address: 'Address',
    fromDevice: 'From this hotspot',
    typeIt: 'You type this',
    secret: 'You type this; Hotspot Desk never stores it.',
    copyValue: 'Copy {label}',
    options: 'Choices',
    goTo: 'Go to “{title}”',
    questions: 'Check first',
    ifPortalSays: 'If the portal says something else',
    meaning: 'What it means',
    nextStep: 'What to do',
    checkWith: 'Check with {code}',
    danger: 'Cannot be undone',
    webOnly: 'Website only',
    stepNumber: 'Step {number}'
  },
  portal: {
    tabOpened: 'The portal opened in a new browser tab. Follow this checklist there, and copy what Hotspot Desk already knows.',
    openAgain: 'Open the portal again',
    viewOpen: 'The portal is open in its own window. Hotspot Desk fills in what it knows and ticks the steps as you go.',
    checklistOnly: 'Hotspot Desk cannot follow this portal’s pages: use the checklist and copy the values.',
    fallbackTitle: 'The portal page has changed',
    fallback: 'The page no longer matches what Hotspot Desk knows about this portal (portals change). Follow the checklist and copy the values yourself.',
    blocked: 'A page outside this carrier’s sites was blocked: {url}',
    loadFailed: 'The portal did not load: {detail}',
    loadFailedNoDetail: 'The portal did not load. Check the connection and open it again.',
    closed: 'The portal is closed.',
    close: 'Close the portal',
    checklist: 'Checklist',
    done: 'Done',
    onScreen: 'On screen now',
    filledIn: 'Filled in for you',
    highlighted: 'Go here next',
    clearData: 'Clear this portal’s data',
    clearTitle: 'Clear this portal’s data?',
    clearBody: 'This signs this line out of the portal and forgets its cookies and stored pages. Other lines and carriers are not affected.',
    clearConfirm: 'Clear data',
    clearing: 'Clearing…',
    cleared: 'The portal’s data was cleared.',
    clearFailed: 'The portal’s data was not cleared.',
    clearInBrowser: 'The portal runs in your browser: to sign out for good, clear the carrier site’s data in the browser’s settings.',
    openFailed: 'The portal could not be opened.',
    explainLabel: 'What does the portal say?',
    explainHint: 'Paste or type the message the portal shows, and Hotspot Desk says what it means and what to do.',
    explain: 'Explain',
    explaining: 'Looking it up…',
    explainNone: 'Hotspot Desk does not recognise this message. The troubleshooters below may help; otherwise ask the carrier.',
    explainFailed: 'Could not look the message up.',
    onStep: 'On “{title}”',
    showStep: 'Show “{title}” in the checklist',
    countdown: {
      start: 'Got the link? Start the {minutes}-minute countdown',
      remaining: 'The link works for another {time}',
      expired: 'The link has expired: start again to get a new one.'
    }
  },
  troubleshooters: {
    heading: 'Troubleshooters',
    start: 'Start',
    running: 'Checking…',
    failed: 'The troubleshooter could not run.',
    status: {
      failed: 'Likely the cause',
      passed: 'Ruled out',
      ask: 'Please answer',
      unknown: 'Not known'
    },
    fact: '{name}: {value}',
    yes: 'Yes',
    no: 'No',
    loginLabel: 'The ID you typed on the sign-in page',
    loginCheck: 'Check this ID',
    remedy: 'What to do',
    action: {
      clearPortalData: 'Clear the portal’s data',
      showSteps: 'Show the steps',
      sendCode: 'Send {code}',
      openPage: 'Open the carrier’s page',
      contactCarrier: 'Contact the carrier: the fix is on their side.',
      retry: 'Try again'
    },
    clearInBrowser: 'In the browser, clear the carrier site’s data in the browser’s settings.'
  },
  lastReading: {
    heading: 'From your carrier',
    ends: 'Pass ends {date} (from {code}, read {time})',
    amounts: 'Data left: {data} · Balance: {balance}'
  },
  facts: {
    heading: 'Good to know',
    topic: {
      pricing: 'Prices',
      limits: 'Limits',
      policy: 'Rules',
      activation: 'Activation',
      network: 'Network',
      support: 'Support',
      usage: 'Usage'
    }
  },
  quickCodes: {
    label: 'Codes for {carrier}',
    phoneHeading: 'Refill from a phone',
    dial: 'From a phone: call {code}',
    sms: 'From a phone: text “{text}” to {code}'
  },
  suggestions: {
    heading: 'Suggested for this SIM',
    intro: 'Settings for this SIM’s carrier from its carrier pack and the APN database. “Fill in the form” copies one into the form; nothing changes until you switch.',
    loading: 'Looking up settings for this SIM…',
    failed: 'Could not look up settings for this SIM.',
    none: 'No settings are known for this SIM.',
    use: 'Fill in the form',
    onDevice: 'Already on the hotspot',
    origin: {
      pack: 'Carrier pack',
      database: 'APN database'
    },
    role: {
      default: 'Main',
      tethering: 'Tethering',
      alternative: 'Alternative',
      legacy: 'Older'
    },
    showAll: 'Show all ({count})',
    showFewer: 'Show fewer'
  }
}

export default planEn
