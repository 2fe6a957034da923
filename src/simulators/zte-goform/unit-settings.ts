// The simulated device's web UI language, FOTA auto-update and the monthly counter restart (the data plan's start
// day), as the stock web UI reads and writes them (service.js): Language / SET_WEB_LANGUAGE Language=<code>;
// UpgMode, UpgIntervalDay, UpgRoamPermission / SetUpgAutoSetting; traffic_clear_date and
// wan_auto_clear_flow_data_switch ride on DATA_LIMIT_SETTING (device.ts validates the whole form, then applies).
// Which unit has which is per profile: the 2011 MF61 predates the counter restart day and FOTA settings [U].
// A refused value answers {"result":"failure"} and changes nothing.
import type { ZteProfileId } from './profiles'

export interface ZteUnitSettingsProfile {
  /** traffic_clear_date + wan_auto_clear_flow_data_switch exist. */
  clearDate: boolean
  /** UpgMode & co. exist. */
  fota: boolean
  /** Codes SET_WEB_LANGUAGE accepts (the stock UI's language list) [U per unit]. */
  languages: readonly string[]
}

export const UNIT_SETTINGS_PROFILES: Readonly<Record<ZteProfileId, ZteUnitSettingsProfile>> = {
  MF61: { clearDate: false, fota: false, languages: ['en', 'zh-cn'] },
  MF96: { clearDate: true, fota: true, languages: ['en', 'zh-cn', 'ja'] },
  MF79U: { clearDate: true, fota: true, languages: ['en', 'zh-cn', 'ja', 'ru'] }
}

export class ZteUnitSettings {
  language: string
  clearDay = 1
  autoClear: 'on' | 'off' = 'on'
  upgMode: '0' | '1' = '1'
  upgIntervalDay = '7'
  upgRoamPermission: '0' | '1' = '0'

  constructor(readonly profile: ZteUnitSettingsProfile) {
    this.language = profile.languages[0] ?? 'en'
  }

  /** A status field this module answers; undefined = not one of its (or not on this unit: answered ""). */
  field(name: string): string | undefined {
    switch (name) {
      case 'Language':
        return this.language
      case 'traffic_clear_date':
        return this.profile.clearDate ? String(this.clearDay) : undefined
      case 'wan_auto_clear_flow_data_switch':
        return this.profile.clearDate ? this.autoClear : undefined
      case 'UpgMode':
        return this.profile.fota ? this.upgMode : undefined
      case 'UpgIntervalDay':
        return this.profile.fota ? this.upgIntervalDay : undefined
      case 'UpgRoamPermission':
        return this.profile.fota ? this.upgRoamPermission : undefined
      default:
        return undefined
    }
  }

  static handles(name: string): boolean {
    return ['Language', 'traffic_clear_date', 'wan_auto_clear_flow_data_switch', 'UpgMode', 'UpgIntervalDay', 'UpgRoamPermission'].includes(name)
  }

  setLanguage(params: ReadonlyMap<string, string>): boolean {
    const wanted = (params.get('Language') ?? '').trim()
    if (!this.profile.languages.includes(wanted)) return false
    this.language = wanted
    return true
  }

  setAutoUpgrade(params: ReadonlyMap<string, string>): boolean {
    if (!this.profile.fota) return false
    const mode = params.get('UpgMode')
    const interval = params.get('UpgIntervalDay') ?? this.upgIntervalDay
    const roam = params.get('UpgRoamPermission') ?? this.upgRoamPermission
    if ((mode !== '0' && mode !== '1') || !/^\d{1,2}$/.test(interval) || Number(interval) < 1 || (roam !== '0' && roam !== '1')) return false
    this.upgMode = mode
    this.upgIntervalDay = interval
    this.upgRoamPermission = roam
    return true
  }

  /**
   * The restart fields of a DATA_LIMIT_SETTING post, checked: a function that applies them, or null when refused.
   * Units without them ignore the names (the form handler never looks at them) [U].
   */
  checkClear(params: ReadonlyMap<string, string>): (() => void) | null {
    if (!this.profile.clearDate) return () => undefined
    const day = params.get('traffic_clear_date')
    const sw = params.get('wan_auto_clear_flow_data_switch')
    if (day !== undefined && (!/^\d{1,2}$/.test(day) || Number(day) < 1 || Number(day) > 31)) return null
    let clear: 'on' | 'off' | undefined
    if (sw === 'on' || sw === '1') clear = 'on'
    else if (sw === 'off' || sw === '0') clear = 'off'
    else if (sw !== undefined) return null
    return () => {
      if (day !== undefined) this.clearDay = Number(day)
      if (clear !== undefined) this.autoClear = clear
    }
  }
}
