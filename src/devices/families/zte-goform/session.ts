// ZteSession: the goform request layer on top of one HttpSession (reference §2.1–§2.3).
// - Reads: GET /goform/goform_get_cmd_process?isTest=false&cmd=a,b,c&multi_data=1 — every field a caller
//   needs in one request; multi_data=1 is required when cmd lists several names.
// - Writes: POST /goform/goform_set_cmd_process, a form body isTest=false&goformId=…[&AD=…].
// - Every request carries Referer: http://<device>/index.html (the HttpSession's default headers): firmware
//   answer reads without a same-origin Referer with empty values and refuse writes (reference §2.1 [R], "used
//   by every client"; MF79RU integration guide §4 and §12 observed it on firmware B02).
// - Before EVERY write the session reads wa_inner_version, cr_version and a fresh RD (RD rotates, reference
//   §2.3 and §7) and signs the form with AD. A write and its RD read, and a login and its LD read, run under
//   one lock so two operations never spend each other's nonce.
// - The stok session cookie (MC801/MC888 and many MF models, reference §2.1) lives in the HttpSession's jar.
import { ContractError } from '../../../contract/errors'
import type { HttpSession } from '../../transports/http-session'
import { httpStatusError, sessionLostError, writeRefusedError } from './errors'
import { fieldsOf, parseGoformJson, textOf, type GoformFields, type GoformObject } from './json'
import { computeAd, type AdScheme } from './password'

export const GET_PATH = '/goform/goform_get_cmd_process'
export const SET_PATH = '/goform/goform_set_cmd_process'

export interface WriteOptions {
  signal?: AbortSignal
  /** What the write does, for messages: "switch mobile data on". */
  what: string
  /** The driver holds a login: a write that finds loginfo != ok means the device dropped it. */
  requireLogin: boolean
}

export class ZteSession {
  /** The AD hash a write has succeeded with; until then, `adHint` first and the other one as a fallback. */
  adScheme: AdScheme | undefined
  adHint: AdScheme = 'md5'
  /** RD values this session has signed writes with, newest last (diagnostics; at most 32). */
  readonly usedRds: string[] = []
  /** Setters sent so far (a caller can tell whether an operation already changed something). */
  writesSent = 0
  private queue: Promise<unknown> = Promise.resolve()

  constructor(readonly http: HttpSession) {}

  /** One read of several fields (and any extra query parameters, e.g. for sms_data_total). */
  async get(cmds: readonly string[], signal?: AbortSignal, extra: Readonly<Record<string, string>> = {}): Promise<GoformObject> {
    const query = new URLSearchParams({ isTest: 'false', cmd: cmds.join(',') })
    if (cmds.length > 1) query.set('multi_data', '1')
    for (const [name, value] of Object.entries(extra)) query.set(name, value)
    const what = cmds.length === 1 ? `cmd=${cmds[0]}` : `a status read (${cmds.length} fields)`
    const response = await this.http.get(`${GET_PATH}?${query.toString()}`, { signal })
    return interpret(response.status, response.text(), what)
  }

  async getFields(cmds: readonly string[], signal?: AbortSignal): Promise<GoformFields> {
    return fieldsOf(await this.get(cmds, signal))
  }

  /** A raw POST (LOGIN and friends). Callers sign writes through write(). */
  async post(form: Readonly<Record<string, string>>, signal?: AbortSignal): Promise<GoformObject> {
    const body = new URLSearchParams({ isTest: 'false', ...form }).toString()
    const response = await this.http.post(SET_PATH, body, {
      signal,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' }
    })
    return interpret(response.status, response.text(), `goformId=${form.goformId ?? '?'}`)
  }

  /** Run a task alone: no other exclusive task starts until it settles. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => undefined)
    return run
  }

  /**
   * A signed setter: fresh wa_inner_version/cr_version/RD, AD when the firmware has RD, POST, and
   * {"result":"success"} or a typed error. Before any write has succeeded, a refused write is sent once more
   * with the other AD hash (MD5 vs SHA-256 cannot be told apart by reading). Only one of the two hashes can
   * match, so the device acts on the write at most once — a wrong SIM PIN is never judged twice.
   */
  write(goformId: string, form: Readonly<Record<string, string>>, options: WriteOptions): Promise<GoformObject> {
    return this.exclusive(async () => {
      const schemes: AdScheme[] = this.adScheme ? [this.adScheme] : [this.adHint, this.adHint === 'md5' ? 'sha256' : 'md5']
      let last: { result: string | undefined } = { result: undefined }
      for (const scheme of schemes) {
        const tokens = await this.getFields(['wa_inner_version', 'cr_version', 'RD', 'loginfo'], options.signal)
        if (options.requireLogin && textOf(tokens, 'loginfo') !== 'ok') throw sessionLostError()
        const rd = textOf(tokens, 'RD')
        const body: Record<string, string> = { goformId, ...form }
        if (rd !== undefined) {
          body.AD = computeAd(scheme, tokens.wa_inner_version ?? '', tokens.cr_version ?? '', rd)
          this.usedRds.push(rd)
          if (this.usedRds.length > 32) this.usedRds.shift()
        }
        this.writesSent++
        const answer = await this.post(body, options.signal)
        const result = textOf(fieldsOf(answer), 'result')
        if (result === 'success') {
          if (rd !== undefined) this.adScheme = scheme
          return answer
        }
        last = { result }
        // Without RD there is no AD to get wrong; with a confirmed scheme the refusal is about the write itself.
        if (rd === undefined) break
      }
      throw writeRefusedError(options.what, goformId, last.result)
    })
  }
}

/** HTTP status + body → the goform answer object, or a typed error. */
export function interpret(status: number, text: string, what: string): GoformObject {
  if (status !== 200) throw httpStatusError(status, what)
  const parsed = parseGoformJson(text)
  if (!parsed.ok) {
    throw new ContractError('PROTOCOL', `The device's answer to ${what} could not be read: ${parsed.error.message}.`, { reason: parsed.error.kind })
  }
  return parsed.value
}
