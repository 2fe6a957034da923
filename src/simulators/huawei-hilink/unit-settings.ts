// The simulated device's web UI language and firmware auto-update setting (the data plan alarm,
// monitoring/start_date, lives in device.ts with the other statistics). Endpoints as Salamek/huawei-lte-api calls
// them (api/Language.py, api/OnlineUpdate.py): GET/POST language/current-language <CurrentLanguage>, GET/POST
// online-update/autoupdate-config <auto_update> <ui_download>. A language the firmware has no page for, or a flag
// other than 0/1, is a parameter error (100006) and changes nothing [U: the code real firmware answer].
import type { OperationResult } from './operations'
import { okXml, responseXml } from './xml-writer'

/** The languages of the stock web UI's language list (config/global/languagelist.xml) on a global build [U]. */
export const DEFAULT_LANGUAGES: readonly string[] = ['en-us', 'ja-jp', 'de-de', 'fr-fr', 'es-es', 'zh-cn']

export const UNIT_SETTINGS_ENDPOINTS: readonly string[] = ['language/current-language', 'online-update/autoupdate-config']

const PARAMETER = 100006

export class UnitSettings {
  language: string
  autoUpdate: boolean

  constructor(
    readonly languages: readonly string[] = DEFAULT_LANGUAGES,
    initial: { language?: string; autoUpdate?: boolean } = {}
  ) {
    this.language = initial.language ?? languages[0] ?? 'en-us'
    this.autoUpdate = initial.autoUpdate ?? true
  }

  get(endpoint: string): OperationResult | undefined {
    switch (endpoint) {
      case 'language/current-language':
        return { xml: responseXml([['CurrentLanguage', this.language]]) }
      case 'online-update/autoupdate-config':
        return { xml: responseXml([['auto_update', this.autoUpdate ? 1 : 0], ['ui_download', 0]]) }
      default:
        return undefined
    }
  }

  post(endpoint: string, fields: ReadonlyMap<string, string>): OperationResult | undefined {
    switch (endpoint) {
      case 'language/current-language': {
        const wanted = (fields.get('CurrentLanguage') ?? '').trim().toLowerCase().replace('_', '-')
        if (!this.languages.includes(wanted)) return { error: PARAMETER }
        this.language = wanted
        return { xml: okXml() }
      }
      case 'online-update/autoupdate-config': {
        const value = fields.get('auto_update')
        const download = fields.get('ui_download') ?? '0'
        if ((value !== '0' && value !== '1') || (download !== '0' && download !== '1')) return { error: PARAMETER }
        this.autoUpdate = value === '1'
        return { xml: okXml() }
      }
      default:
        return undefined
    }
  }
}
