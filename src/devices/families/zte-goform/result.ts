// The typed result every ZTE parser returns instead of throwing.

export interface FieldParseError {
  kind: 'field-error'
  field: string
  input: string
  message: string
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: FieldParseError }

export const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value })

export const bad = (field: string, input: unknown, message: string): ParseResult<never> => ({
  ok: false,
  error: { kind: 'field-error', field, input: typeof input === 'string' ? input : String(input), message }
})

export function blank(raw: string | undefined | null): raw is undefined | null {
  return raw === undefined || raw === null || typeof raw !== 'string' || raw.trim() === ''
}
