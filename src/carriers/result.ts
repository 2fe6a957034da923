// The value every carrier-data function returns: a typed value or a typed error, never an exception.
// Carrier data comes from SIMs, users and user-edited packs; a function that threw on a stray character would
// take a poll (or the host) down with it. Errors carry an English and a Japanese text plus a stable key, so the
// UI can show them as they are or look the key up in its own catalogue.

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E }

/** Text in the two languages the app ships. */
export interface Localized {
  en: string
  ja: string
}

/** What every error in src/carriers carries besides its own `kind`. */
export interface CarrierErrorBase<K extends string> {
  kind: K
  /** Stable message key, e.g. `carriers.number.tooShort`. */
  key: string
  message: Localized
  /** The input (shortened) so a log line shows what was given. */
  input: string
}

const MAX_INPUT_ECHO = 120

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value }
}

export function err<E>(error: E): { ok: false; error: E } {
  return { ok: false, error }
}

export function echo(input: unknown): string {
  const text = typeof input === 'string' ? input : input === undefined ? '' : String(input)
  return text.length > MAX_INPUT_ECHO ? `${text.slice(0, MAX_INPUT_ECHO)}…` : text
}

/** Run `body` so nothing escapes: a thrown exception becomes `onBug(message)`. A seat belt, not a way to hide bugs. */
export function guarded<T, E>(body: () => Result<T, E>, onBug: (message: string) => E): Result<T, E> {
  try {
    return body()
  } catch (error) {
    return err(onBug(error instanceof Error ? error.message : String(error)))
  }
}
