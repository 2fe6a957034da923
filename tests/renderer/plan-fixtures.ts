// Carrier view models for the Plan & refill tests, shaped like the host's answers for the demo hotspot's
// T-Mobile prepaid SIM (abridged: a few steps of the hotspot flow). tests/unit/carrier-host-contract.test.ts
// parses every one of them with the contract's schemas, so they cannot drift from what the host sends.
import type {
  ApnSuggestionView,
  CarrierIdentity,
  CarrierPlan,
  ExplainedError,
  PortalOpenResult,
  TroubleshootResult
} from '@contract/carrier'

const tmobile = {
  packId: 'tmobile-us-prepaid',
  brandId: 'tmobile',
  carrierName: 'T-Mobile US (prepaid)',
  brandName: 'T-Mobile prepaid',
  kind: 'mno',
  supported: true,
  country: 'US'
} as const

export const IDENTITY_ASK: CarrierIdentity = {
  deviceId: 'dev-1',
  sim: 'ready',
  carrier: { ...tmobile },
  chosen: false,
  confidence: 'low',
  askUser: true,
  candidates: [
    { ...tmobile },
    { packId: 'tmobile-us-prepaid', brandId: 'metro', carrierName: 'T-Mobile US (prepaid)', brandName: 'Metro by T-Mobile', kind: 'sub-brand', supported: false, country: 'US' },
    { packId: 'mint-mobile', brandId: 'mint', carrierName: 'Mint Mobile', brandName: 'Mint Mobile', kind: 'mvno', supported: true, country: 'US' }
  ],
  networkNames: ['T-Mobile', 'Mint Mobile'],
  databaseMatches: [],
  roaming: { state: 'home', roaming: false, description: 'On the home network.' },
  homePlmn: '310-260',
  servingPlmn: '310-260',
  iccid: { luhn: 'valid', issuer: 'T-Mobile USA' },
  evidence: ['Other brands share 310-260 and this SIM does not say which it is; showing the network’s carrier (T-Mobile prepaid). Ask the user.', 'Home network from the IMSI: 310-260'],
  problems: []
}

export const IDENTITY_CHOSEN: CarrierIdentity = {
  ...IDENTITY_ASK,
  chosen: true,
  askUser: false,
  confidence: 'high',
  evidence: ['You chose T-Mobile prepaid.', ...IDENTITY_ASK.evidence]
}

const balanceCode = {
  id: 'balance',
  code: '#225#',
  channel: 'ussd',
  purpose: 'balance',
  label: 'Balance',
  confidence: 'verified'
} as const

export const PLAN: CarrierPlan = {
  deviceId: 'dev-1',
  carrier: { ...tmobile },
  portalMode: 'tab',
  flows: [
    {
      id: 'hotspot-portal',
      portalId: 'mobile-internet',
      title: 'T-Mobile prepaid hotspot: sign in, refill, passes, plan',
      summary: 'Sign in with e-mail and password, pick the line by its 10-digit number, then refill or buy a pass.',
      notices: ['Whether this portal still works is not known.'],
      confidence: 'secondary',
      steps: [
        {
          id: 'number',
          kind: 'form',
          title: 'The line’s phone number',
          body: 'T-Mobile wants the 10-digit number without +1 or a leading 1.',
          fields: [
            {
              id: 'msisdn',
              label: 'Phone number (10 digits)',
              kinds: ['us-msisdn'],
              secret: false,
              optional: false,
              fillable: false,
              prefill: { from: 'msisdn', format: 'us-10-digit', value: '2065550143' }
            }
          ],
          options: [],
          checks: [],
          warnings: [],
          knownErrors: [],
          next: 'sign-in',
          confidence: 'secondary'
        },
        {
          id: 'sign-in',
          kind: 'sign-in',
          title: 'Sign in',
          url: 'https://mim.t-mobile.com/primary/openPage',
          fields: [
            { id: 'email', label: 'E-mail', kinds: ['email'], secret: false, optional: false, fillable: true },
            { id: 'password', label: 'Password', kinds: ['password'], secret: true, optional: false, fillable: false }
          ],
          options: [],
          checks: [],
          warnings: [],
          knownErrors: [
            {
              id: 'unknown-email',
              meaning: 'No account uses this e-mail address.',
              nextStep: 'Check the spelling, or reset the password for the right address.',
              goTo: 'forgot-password',
              confidence: 'unverified'
            }
          ],
          next: 'line',
          confidence: 'secondary'
        },
        {
          id: 'line',
          kind: 'form',
          title: 'Choose the line',
          fields: [
            {
              id: 'msisdn-choice',
              label: 'Line (10 digits)',
              kinds: ['us-msisdn'],
              secret: false,
              optional: false,
              fillable: true,
              prefill: { from: 'msisdn', format: 'us-10-digit', value: '2065550143' }
            }
          ],
          options: [],
          checks: [],
          warnings: [],
          knownErrors: [
            {
              id: 'wrong-number',
              meaning: 'T-Mobile does not recognise this number.',
              nextStep: 'Check the 10 digits. A brand-new SIM may not be activated yet.',
              goTo: 'number',
              confidence: 'unverified'
            }
          ],
          next: 'refill-balance',
          confidence: 'secondary'
        },
        {
          id: 'refill-balance',
          kind: 'check',
          title: 'Check the balance first',
          fields: [],
          options: [],
          checks: [],
          warnings: [],
          knownErrors: [],
          ussd: { ...balanceCode },
          next: 'buy-pass',
          confidence: 'secondary'
        },
        {
          id: 'buy-pass',
          kind: 'menu',
          title: 'Choose a pass',
          fields: [],
          options: [
            { id: 'day', title: 'Day pass', goTo: 'pass-confirm', danger: false, confidence: 'secondary' },
            { id: 'month', title: 'Month pass', goTo: 'pass-confirm', danger: false, confidence: 'unverified' }
          ],
          checks: [],
          warnings: [
            {
              id: 'prices-2013',
              level: 'info',
              text: 'Prices seen in 2013: 10 USD for 500 MB. Check the portal for today’s prices.',
              acknowledge: false,
              confidence: 'unverified',
              dated: { year: 2013 }
            }
          ],
          knownErrors: [],
          next: 'pass-confirm',
          confidence: 'verified'
        },
        {
          id: 'pass-confirm',
          kind: 'confirm',
          title: 'Confirm the pass',
          fields: [],
          options: [],
          checks: [],
          warnings: [],
          knownErrors: [],
          confidence: 'secondary'
        },
        {
          id: 'forgot-password',
          kind: 'form',
          title: 'Reset the password',
          fields: [{ id: 'email', label: 'E-mail', kinds: ['email'], secret: false, optional: false, fillable: false }],
          options: [],
          checks: [],
          warnings: [],
          knownErrors: [],
          confidence: 'secondary'
        }
      ]
    }
  ],
  portals: [
    {
      id: 'my-tmobile',
      title: 'My T-Mobile',
      status: 'current',
      url: 'https://my.t-mobile.com/',
      generations: [{ id: 'current', name: 'Prepaid (current)', status: 'current' }],
      loginIdentifiers: ['email'],
      flowIds: [],
      confidence: 'verified'
    },
    {
      id: 'mobile-internet',
      title: 'T-Mobile Mobile Internet',
      status: 'unknown',
      url: 'https://mim.t-mobile.com/primary/openPage',
      generations: [],
      loginIdentifiers: ['email'],
      flowIds: ['hotspot-portal'],
      confidence: 'secondary'
    }
  ],
  quickCodes: [
    { ...balanceCode },
    { id: 'data', code: '#932#', channel: 'ussd', purpose: 'data-balance', label: 'Data left', confidence: 'secondary' },
    { id: 'refill-center', code: '*233', channel: 'dial', purpose: 'refill', label: 'Refill center', confidence: 'verified' },
    { id: 'refill-sms', code: '7777', channel: 'sms', smsText: 'REFILL', purpose: 'refill', label: 'Refill by text', confidence: 'secondary' }
  ],
  troubleshooters: [
    { id: 'no-data', title: 'The hotspot has no internet' },
    { id: 'sign-in', title: 'Cannot sign in to the hotspot portal' }
  ],
  facts: [{ id: 'pass-prices-2013', topic: 'pricing', text: 'Pass prices in 2013: 10 USD for 500 MB.', confidence: 'unverified', dated: { year: 2013 } }]
}

export const PORTAL_TAB: PortalOpenResult = {
  mode: 'tab',
  url: 'http://127.0.0.1:5123/primary/openPage',
  flowId: 'hotspot-portal',
  automation: 'selectors',
  checklist: [
    {
      stepId: 'number',
      title: 'The line’s phone number',
      detail: 'T-Mobile wants the 10-digit number without +1 or a leading 1.',
      values: [{ fieldId: 'msisdn', label: 'Phone number (10 digits)', value: '2065550143', secret: false }],
      options: [],
      knownErrors: [],
      detectable: false
    },
    {
      stepId: 'sign-in',
      title: 'Sign in',
      url: 'https://mim.t-mobile.com/primary/openPage',
      values: [
        { fieldId: 'email', label: 'E-mail', secret: false, hint: 'Type it yourself.' },
        { fieldId: 'password', label: 'Password', secret: true, hint: 'Type it yourself; Hotspot Desk never stores it.' }
      ],
      options: [],
      knownErrors: [],
      detectable: true
    },
    {
      stepId: 'line',
      title: 'Choose the line',
      values: [{ fieldId: 'msisdn-choice', label: 'Line (10 digits)', value: '2065550143', secret: false }],
      options: [],
      knownErrors: [{ id: 'wrong-number', meaning: 'T-Mobile does not recognise this number.', nextStep: 'Check the 10 digits.', goTo: 'number', confidence: 'unverified' }],
      detectable: true
    }
  ]
}

export const PORTAL_VIEW: PortalOpenResult = { ...PORTAL_TAB, mode: 'view', url: 'https://mim.t-mobile.com/primary/openPage' }

export const WRONG_NUMBER: ExplainedError = {
  stepId: 'line',
  stepTitle: 'Choose the line',
  error: { id: 'wrong-number', meaning: 'T-Mobile does not recognise this number.', nextStep: 'Check the 10 digits. A brand-new SIM may not be activated yet.', goTo: 'number', confidence: 'unverified' },
  goToTitle: 'The line’s phone number'
}

export function troubleshoot(answers: Record<string, 'yes' | 'no'> = {}): TroubleshootResult {
  const asked = (id: string) => {
    const answer = answers[id]
    return answer === undefined
      ? ({ status: 'ask', decidedBy: 'none' } as const)
      : ({ status: answer === 'yes' ? 'failed' : 'passed', decidedBy: 'answer', answer } as const)
  }
  return {
    deviceId: 'dev-1',
    troubleshooterId: 'no-data',
    title: 'The hotspot has no internet',
    checks: [
      {
        id: 'registered',
        title: 'Is the SIM registered on the network?',
        status: 'passed',
        decidedBy: 'fact',
        fact: { name: 'Registration', value: 'home' },
        remedy: 'A new prepaid SIM may still be activating.',
        action: { kind: 'open-flow', flowId: 'hotspot-portal', stepId: 'number' },
        confidence: 'secondary'
      },
      {
        id: 'renewal',
        title: 'Did the prepaid month end?',
        ...asked('renewal'),
        question: 'Did the service stop at the end of the prepaid month?',
        remedy: 'Check the balance: the plan renews only if the balance covers it.',
        action: { kind: 'send-ussd', code: '#225#', label: 'Balance' },
        confidence: 'verified'
      },
      {
        id: 'portal-data',
        title: 'Old sign-in data',
        ...asked('portal-data'),
        question: 'Still failing after checking the e-mail and password?',
        remedy: 'Clear the portal’s data and sign in again.',
        action: { kind: 'clear-portal-data', portalId: 'mobile-internet' },
        confidence: 'unverified'
      }
    ]
  }
}

export const SUGGESTIONS: ApnSuggestionView[] = [
  {
    draft: { name: 'T-Mobile', apn: 'fast.t-mobile.com', auth: 'none', pdpType: 'ipv6' },
    origin: 'pack',
    role: 'default',
    confidence: 'verified',
    reasons: ['From the T-Mobile US (prepaid) carrier pack'],
    warnings: [],
    sources: ['S1']
  },
  {
    draft: { name: 'T-Mobile tethering', apn: 'pcweb.tmobile.com', auth: 'none', pdpType: 'ipv6' },
    origin: 'pack',
    role: 'tethering',
    confidence: 'secondary',
    reasons: ['From the T-Mobile US (prepaid) carrier pack'],
    warnings: [],
    sources: ['S2']
  },
  {
    draft: { name: 'T-Mobile Broadband (prepaid, old)', apn: 'mobilenet', auth: 'none', pdpType: 'ipv4v6' },
    origin: 'pack',
    role: 'legacy',
    confidence: 'unverified',
    reasons: ['From the T-Mobile US (prepaid) carrier pack'],
    warnings: ['An older APN; use it only if the current one fails.'],
    sources: ['S3']
  },
  {
    draft: { name: 'US Mobile', apn: 'PWG', username: 'pwg', auth: 'pap-or-chap', pdpType: 'ipv4v6' },
    origin: 'database',
    reasons: ['APN database: listed for network 310-260 (US Mobile)'],
    warnings: ['The source gives no authentication type; PAP or CHAP is assumed.'],
    sources: ['lineage']
  }
]
