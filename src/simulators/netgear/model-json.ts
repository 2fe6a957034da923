// Builds the /api/model.json document of a simulated Nighthawk M1 (MR1100) from its state. Structure and
// spelling follow the one public full sample (an LM1200: home-assistant/core:tests/components/netgear_lte/
// fixtures/model.json — `"end": ""` markers closing groups, arrays padded with an empty trailing object, numbers as
// JSON numbers, MCC/MNC as strings) plus MR1100-specific fields read by public MR1100 clients: power.battChargeLevel,
// battChargeSource, wwan.dataTransferredRx/Tx and sessDuration (decrypted/netgear-mr1100-monitor), router.clientList
// as a list of clients (same), general.deviceName "Nighthawk M1" and firmware NTG9X50C_12.06.xx (indexed MR1100
// client test fixtures and the ATI output quoted in public MR1100 write-ups). Values not seen anywhere are [U].
// The Guest (not logged in) document is reduced: reference §3.1 says so; exactly which groups survive is [U].
import type { NetgearLiveState } from './live-state'
import type { ProfileStore } from './profiles'
import type { SimRole } from './sessions'
import type { NetgearSimProfile } from './sim-profile'
import { formatRxTime, type SmsStore } from './sms-store'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type JsonRecord = { [key: string]: Json }

export interface NetgearVariant {
  model: string
  deviceName: string
  firmware: string
  hardware: string
  webAppVersion: string
  /** SMS rxTime month-first (MR1100) or day-first. */
  monthFirst: boolean
  battery: boolean
  maxWifiClients: number
  /** wifi.encryption values the unit takes (wifi.ts) [U]. */
  wifiEncryptions: readonly string[]
  /** Where the real unit lives (for documentation; the simulator binds 127.0.0.1 only). */
  defaultLanIp: string
}

export const MR1100: NetgearVariant = {
  model: 'MR1100',
  deviceName: 'Nighthawk M1',
  firmware: 'NTG9X50C_12.06.39.00',
  hardware: '1.0', // [U]
  webAppVersion: 'MR1100-HDATA_04.01.108.009', // [U]
  monthFirst: true,
  battery: true,
  maxWifiClients: 20,
  // An 802.11ac (Wi-Fi 5) unit: WPA2 and WPA/WPA2, no WPA3 [U].
  wifiEncryptions: ['None', 'WPA2', 'WPAWPA2'],
  defaultLanIp: '192.168.1.1'
}

export interface DeviceIdentity {
  imei: string
  fsn: string
  ssid: string
  wifiPassphrase: string
  macPrefix: string
}

export interface WifiClient {
  name: string
  mac: string
  ip: string
  source: 'PrimaryAP' | 'GuestAP' | 'USB'
}

export interface ModelContext {
  role: SimRole
  token: string
  variant: NetgearVariant
  identity: DeviceIdentity
  sim: NetgearSimProfile
  live: NetgearLiveState
  profiles: ProfileStore
  sms: SmsStore
  autoconnect: string
  wifiEnabled: boolean
  /** The primary network as /Forms/config left it; `restarting` hides the Wi-Fi clients for a moment. */
  wifi: { ssid: string; passPhrase: string; hidden: boolean; encryption: string; mode: string; restarting: boolean }
  clients: readonly WifiClient[]
  battery: { percent: number; charging: boolean }
  now: number
  timeZoneOffsetSeconds: number
}

export function buildModel(ctx: ModelContext): JsonRecord {
  const full = buildAdminModel(ctx)
  return ctx.role === 'Admin' ? full : reduceForGuest(full)
}

/** Pretty-printed like the device (two-space indent, `"key": value`). */
export function renderModel(ctx: ModelContext): string {
  return `${JSON.stringify(buildModel(ctx), null, 2)}\n`
}

function buildAdminModel(ctx: ModelContext): JsonRecord {
  const { live, sim, variant } = ctx
  // While the radio restarts after a Wi-Fi change, the Wi-Fi clients are gone (USB tethering stays).
  const clients = ctx.wifi.restarting ? ctx.clients.filter((client) => client.source === 'USB') : ctx.clients
  const epoch = Math.floor(ctx.now / 1000)
  const service = live.hasService && sim.status === 'Ready'
  const connected = live.connection === 'Connected'
  const sessionSeconds = live.sessionSeconds
  return {
    custom: { AtTcpEnable: false, end: 0 },
    webd: { adminPassword: '****************', ownerModeEnabled: false, hideAdminPassword: true, end: '' },
    lcd: { end: '' },
    sim: {
      pin: { mode: 'Disabled', retry: sim.pinRetries, end: '' },
      puk: { retry: sim.pukRetries },
      mep: {},
      phoneNumber: sim.status === 'Ready' ? sim.phoneNumber : '',
      // A locked SIM reports an empty ICCID (MR2100 study [R]).
      iccid: sim.status === 'Ready' ? sim.iccid : '',
      imsi: sim.status === 'Ready' ? sim.imsi : '',
      SPN: sim.status === 'Ready' ? sim.spn : '',
      status: sim.status,
      end: ''
    },
    sms: buildSms(ctx),
    session: { userRole: ctx.role, lang: 'en', secToken: ctx.token, end: '' },
    general: {
      defaultLanguage: 'en',
      PRIid: '9905304', // [U]
      genericResetStatus: 'NotStarted',
      manufacturer: 'Netgear',
      model: variant.model,
      HWversion: variant.hardware,
      FWversion: variant.firmware,
      appVersion: variant.firmware,
      buildDate: 'Thu Jul 15 02:03:16 2021', // [U]
      BLversion: '',
      PRIversion: '05.03', // [U]
      IMEI: ctx.identity.imei,
      SVN: '13',
      MEID: '',
      ESN: '0',
      FSN: ctx.identity.fsn,
      activated: true,
      webAppVersion: variant.webAppVersion,
      HIDenabled: false,
      TCAaccepted: true,
      LEDenabled: true,
      showAdvHelp: true,
      keyLockState: 'Unlocked',
      devTemperature: 36 + Math.round(live.downRate / 1_000_000),
      verMajor: 1000,
      verMinor: 0,
      environment: 'Application',
      currTime: epoch,
      timeZoneOffset: ctx.timeZoneOffsetSeconds,
      deviceName: variant.deviceName,
      useMetricSystem: false,
      factoryResetStatus: 'NotStarted',
      setupCompleted: true,
      languageSelected: true,
      systemAlertList: { list: [{}], count: 0 },
      apiVersion: '2.0',
      companyName: 'NETGEAR',
      configURL: '/Forms/config',
      profileURL: '/Forms/profile',
      pinChangeURL: '/Forms/pinChange',
      portCfgURL: '/Forms/portCfg',
      portFilterURL: '/Forms/portFilter',
      wifiACLURL: '/Forms/wifiACL',
      supportedLangList: [
        { id: 'en', isCurrent: 'true', isDefault: 'true', label: 'English', token1: '/romfs/lcd/en_us.tr', token2: '' },
        { id: 'es_ES', isCurrent: 'false', isDefault: 'false', label: 'Español (Spanish)', token1: '/romfs/lcd/es_es.tr', token2: '' },
        {}
      ],
      upTime: Math.max(0, Math.floor((ctx.now - live.bootedAt) / 1000)),
      newFirmware: false
    },
    power: {
      PMState: 'Online',
      SmState: 'Online',
      autoOff: { onUSBdisconnect: { enable: false, countdownTimer: 0, end: '' }, onIdle: { timer: { onAC: 0, onBattery: 0, end: '' } } },
      standby: { onIdle: { timer: { onAC: 0, onBattery: 600, onUSB: 0, end: '' } } },
      autoOn: { enable: true, end: '' },
      buttonHoldTime: 3,
      deviceTempCritical: false,
      resetreason: 16,
      resetRequired: 'NoResetRequired',
      lpm: false,
      battChargeLevel: variant.battery ? ctx.battery.percent : 0,
      battChargeSource: ctx.battery.charging ? 'USB' : 'Battery',
      batteryState: !variant.battery ? 'NoBattery' : ctx.battery.percent <= 10 ? 'Low' : 'Normal',
      charging: ctx.battery.charging,
      batteryTemperature: 30,
      batteryVoltage: 3600 + ctx.battery.percent * 6,
      end: ''
    },
    wwan: {
      netScanStatus: 'NotStarted',
      inactivityCause: connected ? 0 : 307, // [U]: the LM1200 sample shows 307 with no explanation
      currentNWserviceType: service ? 'LteService' : 'NoService',
      registerRejectCode: 0,
      netSelEnabled: 'Enabled',
      netRegMode: 'Auto',
      IPv6: connected ? live.ipv6 : '',
      roaming: service && sim.roaming,
      IP: connected ? live.ipv4 : '0.0.0.0',
      registerNetworkDisplay: service ? sim.operatorName : '',
      RAT: 'Auto',
      bandRegion: [
        { index: 0, name: 'Auto', current: true },
        { index: 1, name: 'LTE Only', current: false },
        { index: 2, name: 'WCDMA Only', current: false },
        {}
      ],
      autoconnect: ctx.autoconnect,
      profileList: [
        ...ctx.profiles.profiles.map((profile) => ({
          index: profile.index,
          id: profile.id,
          name: profile.name,
          apn: profile.apn,
          username: profile.username,
          password: profile.password === '' ? '' : '********',
          authtype: profile.authtype,
          ipaddr: profile.ipaddr,
          type: profile.type,
          pdproamingtype: profile.pdproamingtype
        })),
        {}
      ],
      profile: { default: ctx.profiles.defaultId, defaultLTE: ctx.profiles.defaultId, full: ctx.profiles.full, promptForApnSelection: false, end: '' },
      dataUsage: {
        total: {
          lteBillingTx: live.billingTx,
          lteBillingRx: live.billingRx,
          cdmaBillingTx: 0,
          cdmaBillingRx: 0,
          gwBillingTx: 0,
          gwBillingRx: 0,
          lteLifeTx: live.lifeTx,
          lteLifeRx: live.lifeRx,
          cdmaLifeTx: 0,
          cdmaLifeRx: 0,
          gwLifeTx: 0,
          gwLifeRx: 0,
          end: ''
        },
        server: { accountType: '', subAccountType: '', end: '' },
        serverDataRemaining: 0,
        serverDataTransferred: 0,
        serverDataTransferredIntl: 0,
        serverDataValidState: 'Invalid',
        serverDaysLeft: 0,
        serverErrorCode: '',
        serverLowBalance: false,
        serverMsisdn: '',
        serverRechargeUrl: '',
        dataWarnEnable: true,
        prepaidAccountState: 'Hot',
        accountType: 'Unknown',
        share: { enabled: false, dataTransferredOthers: 0, lastSync: '0', end: '' },
        generic: {
          dataLimitValid: sim.planLimitBytes > 0,
          usageHighWarning: 80,
          lastSucceeded: '0',
          billingDay: sim.billingDay,
          nextBillingDate: String(Math.floor(nextBillingDate(live.cycleStartedAt) / 1000)),
          lastSync: '0',
          billingCycleRemainder: Math.max(0, Math.ceil((nextBillingDate(live.cycleStartedAt) - ctx.now) / 86_400_000)),
          billingCycleLimit: sim.planLimitBytes,
          dataTransferred: live.billingRx + live.billingTx,
          dataTransferredRoaming: 0,
          lastReset: String(Math.floor(live.cycleStartedAt / 1000)),
          end: ''
        }
      },
      netManualNoCvg: false,
      connection: live.connection,
      connectionType: connected ? 'IPv4AndIPv6' : 'None',
      currentPSserviceType: service ? 'LTE' : 'NoService',
      ca: { SCCcount: 0, end: '' },
      connectionText: service ? '4G LTE' : '',
      sessDuration: sessionSeconds,
      sessStartTime: connected ? Math.floor(live.sessionStartedAt / 1000) : 0,
      dataTransferred: live.sessionRx + live.sessionTx,
      dataTransferredRx: String(live.sessionRx),
      dataTransferredTx: String(live.sessionTx),
      signalStrength: {
        rssi: service ? live.rssi : 0,
        rscp: 0,
        ecio: 0,
        rsrp: service ? Math.round(live.rsrp) : 0,
        rsrq: service ? Math.round(live.rsrq) : 0,
        bars: service ? live.bars() : 0,
        sinr: service ? Math.round(live.sinr) : 0,
        end: ''
      }
    },
    wwanadv: {
      curBand: service ? live.band : '',
      radioQuality: service ? live.radioQuality() : 0,
      country: 'USA',
      RAC: 0,
      LAC: service ? live.tac : 0,
      MCC: service ? sim.mcc : '',
      MNC: service ? sim.mnc : '',
      MNCFmt: 3,
      cellId: service ? live.cellId : 0,
      chanId: service ? live.earfcn : 0,
      primScode: service ? live.pci : -1,
      plmnSrvErrBitMask: 0,
      chanIdUl: service ? live.earfcn + 18_000 : 0,
      txLevel: connected ? 4 : 0,
      rxLevel: service ? live.rssi : 0,
      end: ''
    },
    ethernet: { offload: { ipv4Addr: '0.0.0.0', ipv6Addr: '', end: '' } },
    wifi: {
      enabled: ctx.wifiEnabled,
      maxClientSupported: variant.maxWifiClients,
      maxClientLimit: variant.maxWifiClients,
      maxClientCnt: variant.maxWifiClients,
      channel: 6,
      mode: ctx.wifi.mode,
      encryption: ctx.wifi.encryption,
      hiddenSSID: ctx.wifi.hidden,
      passPhrase: ctx.wifi.passPhrase,
      RTSthreshold: 2347,
      fragThreshold: 2346,
      SSID: ctx.wifi.ssid,
      status: ctx.wifiEnabled ? 'On' : 'Off',
      clientCount: ctx.wifiEnabled ? clients.filter((client) => client.source !== 'USB').length : 0,
      country: 'US',
      wps: { supported: 'Disabled', end: '' },
      guest: { maxClientCnt: 0, enabled: false, status: 'Off', SSID: `${ctx.wifi.ssid}-Guest`, passPhrase: '', generatePassphrase: false, hiddenSSID: false, chan: 0, DHCP: { range: { end: '' } } },
      offload: { enabled: false, status: 'Off', end: '' },
      end: ''
    },
    router: {
      gatewayIP: variant.defaultLanIp,
      DMZaddress: '',
      DMZenabled: false,
      forceSetup: false,
      DHCP: {
        serverEnabled: true,
        DNS1: '',
        DNS2: '',
        DNSmode: 'Auto',
        USBpcIP: '0.0.0.0',
        leaseTime: 43200,
        range: { high: '192.168.1.99', low: '192.168.1.2', end: '' }
      },
      usbMode: 'None',
      usbNetworkTethering: true,
      portFwdEnabled: false,
      portFwdList: [{}],
      portFilteringEnabled: false,
      portFilteringMode: 'None',
      portFilterWhiteList: [{}],
      portFilterBlackList: [{}],
      hostName: 'mywebui',
      domainName: 'net',
      ipPassThroughEnabled: false,
      ipPassThroughSupported: false,
      Ipv6Supported: true,
      UPNPsupported: false,
      UPNPenabled: false,
      clientList: [...clients.map((client) => ({ name: client.name, IP: client.ip, MAC: client.mac, source: client.source })), {}],
      end: ''
    },
    fota: {
      fwupdater: {
        available: false,
        chkallow: true,
        chkstatus: 'Initial',
        dloadProg: 0,
        error: false,
        lastChkDate: epoch - 86_400,
        state: 'NoNewFw',
        isPostponable: false,
        statusCode: 200,
        chkTimeLeft: 0,
        dloadSize: 0,
        end: ''
      }
    },
    eventlog: { level: 0, end: 0 },
    ui: { serverDaysLeftHide: false, promptActivation: true, end: 0 }
  }
}

function buildSms(ctx: ModelContext): JsonRecord {
  return {
    ready: ctx.sim.status === 'Ready',
    sendEnabled: true,
    sendSupported: true,
    alertSupported: true,
    alertEnabled: false,
    alertNumList: '',
    unreadMsgs: ctx.sms.unread,
    msgCount: ctx.sms.inbox.length,
    msgs: [
      ...ctx.sms.inbox.map((message) => ({
        id: String(message.id),
        rxTime: formatRxTime(message.receivedAt, ctx.timeZoneOffsetSeconds, ctx.variant.monthFirst),
        text: message.text,
        sender: message.sender,
        read: message.read
      })),
      {}
    ],
    trans: [{}],
    sendMsg: [
      ...ctx.sms.outbox.map((sent) => ({
        clientId: sent.clientId,
        enc: /^[\x20-\x7e\n\r]*$/.test(sent.text) ? 'Gsm7Bit' : 'Ucs2',
        errorCode: sent.status === 'Succeeded' ? 0 : 1,
        msgId: sent.msgId,
        receiver: sent.receiver,
        status: sent.status,
        text: sent.text,
        txTime: String(Math.floor(sent.sentAt / 1000))
      })),
      {}
    ],
    end: ''
  }
}

/** What a guest sees [U]: identity-free status for the login page and the LCD-style header. */
function reduceForGuest(full: JsonRecord): JsonRecord {
  const pick = (group: string, keys: readonly string[]): JsonRecord => {
    const source = full[group]
    const out: JsonRecord = {}
    if (source === null || typeof source !== 'object' || Array.isArray(source)) return out
    for (const key of keys) if (key in source) out[key] = source[key] as Json
    return out
  }
  return {
    session: full.session as Json,
    general: pick('general', ['defaultLanguage', 'manufacturer', 'model', 'deviceName', 'companyName', 'apiVersion', 'currTime', 'timeZoneOffset', 'useMetricSystem', 'setupCompleted', 'languageSelected', 'supportedLangList']),
    power: pick('power', ['PMState', 'battChargeLevel', 'battChargeSource', 'batteryState', 'charging', 'deviceTempCritical', 'end']),
    wwan: pick('wwan', ['connection', 'connectionText', 'currentNWserviceType', 'currentPSserviceType', 'registerNetworkDisplay', 'roaming', 'signalStrength']),
    wwanadv: pick('wwanadv', ['curBand', 'radioQuality', 'end']),
    sms: pick('sms', ['ready', 'unreadMsgs', 'end']),
    wifi: pick('wifi', ['enabled', 'SSID', 'end'])
  }
}

function nextBillingDate(cycleStartedAt: number): number {
  const start = new Date(cycleStartedAt)
  const day = start.getUTCDate()
  const year = start.getUTCFullYear()
  const month = start.getUTCMonth() + 1
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  return Date.UTC(year, month, Math.min(day, lastDay))
}
