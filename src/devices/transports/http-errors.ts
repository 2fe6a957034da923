// Turns what Node's fetch (undici) throws into contract errors a user can act on. undici wraps the socket
// error: `TypeError('fetch failed' | 'terminated', { cause })`, where cause carries an errno code
// (ECONNREFUSED …) or an undici code (UND_ERR_SOCKET "other side closed" …), sometimes inside an AggregateError.
import { ContractError } from '../../contract/errors'

const GONE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EADDRNOTAVAIL',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED'
])

const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT'
])

/** The first errno/undici code found in an error's cause chain (including AggregateError members). */
export function networkErrorCode(error: unknown): string | undefined {
  const seen = new Set<unknown>()
  const queue: unknown[] = [error]
  while (queue.length > 0) {
    const current = queue.shift()
    if (current === null || typeof current !== 'object' || seen.has(current)) continue
    seen.add(current)
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && code.length > 0) return code
    queue.push((current as { cause?: unknown }).cause)
    const members = (current as { errors?: unknown }).errors
    if (Array.isArray(members)) queue.push(...members)
  }
  return undefined
}

export function isTimeoutReason(reason: unknown): boolean {
  return reason instanceof Error && reason.name === 'TimeoutError'
}

export interface RequestFailureContext {
  url: string
  timeoutMs: number
  /** Our own per-request timer fired. */
  timedOut: boolean
  /** The session was closed while the request ran. */
  closed: boolean
}

/** Map a failed fetch to a ContractError. Callers handle their own aborts before calling this. */
export function toContractError(error: unknown, context: RequestFailureContext): ContractError {
  if (error instanceof ContractError) return error
  const where = describeTarget(context.url)
  if (context.timedOut || isTimeoutReason(error)) {
    return new ContractError('TIMEOUT', `The device at ${where} did not answer within ${context.timeoutMs} ms.`, {
      url: context.url,
      timeoutMs: context.timeoutMs
    })
  }
  if (context.closed) {
    return new ContractError('DEVICE_GONE', `The connection to ${where} was closed.`, { url: context.url })
  }
  const code = networkErrorCode(error)
  if (code !== undefined && TIMEOUT_CODES.has(code)) {
    return new ContractError('TIMEOUT', `The device at ${where} did not answer in time (${code}).`, { url: context.url, cause: code })
  }
  if ((code !== undefined && GONE_CODES.has(code)) || isFetchFailure(error)) {
    return new ContractError(
      'DEVICE_GONE',
      `The device at ${where} stopped answering${code ? ` (${code})` : ''}. Check that it is switched on and that this computer is still on its Wi-Fi or USB network.`,
      { url: context.url, ...(code ? { cause: code } : {}) }
    )
  }
  const message = error instanceof Error ? error.message : String(error)
  return new ContractError('INTERNAL', `Request to ${where} failed: ${message}`, { url: context.url })
}

// undici reports every network-level failure as a TypeError ('fetch failed', 'terminated').
function isFetchFailure(error: unknown): boolean {
  return error instanceof TypeError && (error.message === 'fetch failed' || error.message === 'terminated')
}

function describeTarget(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}
