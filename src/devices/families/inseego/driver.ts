// The read-only HotspotDriver for Inseego / Novatel MiFi hotspots (M2000, M3000, MiFi 8000 …): GET /srv/status,
// which needs no login (reference §3.3), plus /apps_home/usageinfo when the firmware has it. Writes (APN, connect)
// are not publicly documented, so this family declares none. After failed web logins these units redirect every
// request to a "401lockedout" page until the lockout expires (sjoerger/inseego_m3000 coordinator.py): LOCKED_OUT.
import { ContractError } from '../../../contract/errors'
import type { DeviceTarget, HotspotDriver } from '../../driver'
import type { Capability, DeviceReading } from '../../model'
import type { HttpResponse } from '../../transports/http-session'
import { HttpSession } from '../../transports/http-session'
import { httpStatusError } from '../netgear/errors'
import { buildInseegoReading, parseStatusDocument, parseUsageDocument, type FieldParseError } from './parse'
import type { JsonObject } from '../netgear/json'

export const INSEEGO_FAMILY_ID = 'inseego'
export const STATUS_PATH = '/srv/status'
export const USAGE_PATH = '/apps_home/usageinfo'

/** Read-only. Narrowed after the first reading (no battery on some units, no firmware version in older status). */
export const INSEEGO_CAPABILITIES: readonly Capability[] = ['readIdentity', 'readSignal', 'readUsage', 'readBattery']

export interface InseegoDriverOptions {
  /** Per-request timeout; default 5000 ms. */
  timeoutMs?: number
  fetch?: typeof fetch
}

export class InseegoDriver implements HotspotDriver {
  readonly family = INSEEGO_FAMILY_ID
  lastIssues: FieldParseError[] = []
  private readonly caps = new Set<Capability>(INSEEGO_CAPABILITIES)
  private narrowed = false
  private http: HttpSession | undefined
  /** undefined until asked; false once the firmware showed it has no usage page. */
  private usagePage: boolean | undefined

  constructor(
    private readonly target: DeviceTarget,
    private readonly options: InseegoDriverOptions = {}
  ) {}

  get capabilities(): ReadonlySet<Capability> {
    return this.caps
  }

  async open(signal?: AbortSignal): Promise<void> {
    await this.fetchStatus(signal)
  }

  async read(signal?: AbortSignal): Promise<DeviceReading> {
    const status = await this.fetchStatus(signal)
    const usage = await this.fetchUsage(signal)
    const built = buildInseegoReading(status, usage)
    this.lastIssues = built.issues
    if (!this.narrowed) {
      this.narrowed = true
      if (built.reading.identity.firmware === undefined) this.caps.delete('readIdentity')
      if (!built.reading.battery) this.caps.delete('readBattery')
    }
    return built.reading
  }

  async close(): Promise<void> {
    this.http?.close()
    this.http = undefined
  }

  private session(): HttpSession {
    const connection = this.target.connection
    if (connection.kind !== 'http') {
      throw new ContractError('BAD_INPUT', 'Inseego MiFi hotspots are reached over HTTP (e.g. http://192.168.1.1).', { connection: connection.kind })
    }
    if (!this.http || this.http.isClosed) {
      this.http = new HttpSession({ baseUrl: connection.baseUrl, timeoutMs: this.options.timeoutMs, fetch: this.options.fetch })
    }
    return this.http
  }

  private async fetchStatus(signal: AbortSignal | undefined): Promise<JsonObject> {
    const response = await this.session().get(STATUS_PATH, { signal, followRedirects: true })
    checkLockout(response)
    if (response.status !== 200) throw httpStatusError(response.status, STATUS_PATH)
    const parsed = parseStatusDocument(response.text())
    if (!parsed.ok) throw new ContractError('PROTOCOL', `The device's status (/srv/status) could not be read: ${parsed.error.message}.`, { reason: parsed.error.kind })
    return parsed.status
  }

  /** Optional: a firmware without the page (404, not JSON) is remembered and not asked again. */
  private async fetchUsage(signal: AbortSignal | undefined): Promise<JsonObject | undefined> {
    if (this.usagePage === false) return undefined
    const response = await this.session().get(USAGE_PATH, { signal, followRedirects: true })
    checkLockout(response)
    const usage = response.status === 200 ? parseUsageDocument(response.text()) : undefined
    if (response.status === 404 || (response.status === 200 && usage === undefined)) this.usagePage = false
    else if (usage) this.usagePage = true
    return usage
  }
}

function checkLockout(response: HttpResponse): void {
  if (response.url.includes('401lockedout')) {
    throw new ContractError(
      'LOCKED_OUT',
      'The hotspot is refusing requests after too many wrong admin passwords (its lockout page). Wait for the lockout to end or restart the hotspot.',
      { url: response.url }
    )
  }
}
