// PLMN ids ("MCC-MNC") and splitting an IMSI into MCC, MNC and MSIN (ITU-T E.212). The MNC is 2 or 3 digits
// and nothing in the IMSI says which, so the length comes, in order, from the SIM itself (EF_AD, when the
// device reports it), a known 3-digit PLMN (carrier packs, the APN database), the MCC's rule (US MCCs 310–316
// always use 3 digits: reference/carriers.md §6, S50), a known 2-digit PLMN, and finally the MNC lengths the
// source data uses for that MCC. Mixed MCCs (441: 441-01 vs 441-200) are why known PLMNs are consulted at all;
// the US rule sits between the two lookups because the sources still carry stale 2-digit US codes (310-70).
import { echo, err, ok, type CarrierErrorBase, type Result } from './result'

/** "310-260", "440-10": MCC, hyphen, MNC with its significant length. */
export type PlmnId = string

export interface PlmnParts {
  mcc: string
  mnc: string
  id: PlmnId
}

export type MncLengthSource = 'sim' | 'known-plmn' | 'mcc-rule' | 'source-data' | 'default'

export interface ImsiParts extends PlmnParts {
  imsi: string
  msin: string
  mncLength: 2 | 3
  /** Where the MNC length came from; 'default' means a guess (2 digits) the caller should treat as such. */
  mncLengthSource: MncLengthSource
}

export type PlmnErrorKind = 'empty' | 'malformed' | 'too-long' | 'too-short'
export type PlmnError = CarrierErrorBase<PlmnErrorKind>

export interface MncLengthHints {
  /** The SIM's own MNC length (EF_AD byte 4), when the device reports it. */
  mncLength?: 2 | 3
  /** PLMNs we know exist (packs + APN database). */
  isKnownPlmn?: (id: PlmnId) => boolean
  /** MNC lengths seen per MCC in the source data (the APN database's `mncLengths`). */
  mncLengthsByMcc?: Readonly<Record<string, readonly number[]>>
}

const PLMN_ID = /^(\d{3})-(\d{2,3})$/

export function formatPlmn(mcc: string, mnc: string): PlmnId {
  return `${mcc}-${mnc}`
}

export function isPlmnId(text: unknown): text is PlmnId {
  return typeof text === 'string' && PLMN_ID.test(text)
}

/**
 * "310-260", "310 260", "310/260", "31026" (5 digits: 2-digit MNC), "310260" (6 digits: 3-digit MNC), full-width
 * digits too. Devices report the serving network in any of these shapes (+COPS numeric, HiLink "44010").
 */
export function parsePlmnId(input: unknown): Result<PlmnParts, PlmnError> {
  if (typeof input !== 'string' || input.trim() === '') return err(plmnError('empty', input))
  const text = input.normalize('NFKC').trim()
  const separated = /^(\d{3})\s*[-/ ]\s*(\d{2,3})$/.exec(text)
  if (separated) return ok(parts(separated[1] ?? '', separated[2] ?? ''))
  if (/^\d{5,6}$/.test(text)) return ok(parts(text.slice(0, 3), text.slice(3)))
  if (/^\d+$/.test(text) && text.length > 6) return err(plmnError('too-long', input))
  if (/^\d+$/.test(text)) return err(plmnError('too-short', input))
  return err(plmnError('malformed', input))
}

/** US MCCs 310–316 use 3-digit MNCs (reference/carriers.md §6, ✔ S50). */
export function mccRuleMncLength(mcc: string): 2 | 3 | undefined {
  const value = Number(mcc)
  if (value >= 310 && value <= 316) return 3
  return undefined
}

/** Split an IMSI (≤ 15 digits: MCC 3 + MNC 2–3 + MSIN) using the hints above. */
export function splitImsi(input: unknown, hints: MncLengthHints = {}): Result<ImsiParts, PlmnError> {
  if (typeof input !== 'string' || input.trim() === '') return err(plmnError('empty', input, 'imsi'))
  const imsi = input.normalize('NFKC').replace(/\s+/g, '')
  if (!/^\d+$/.test(imsi)) return err(plmnError('malformed', input, 'imsi'))
  if (imsi.length > 15) return err(plmnError('too-long', input, 'imsi'))
  if (imsi.length < 6) return err(plmnError('too-short', input, 'imsi'))
  const mcc = imsi.slice(0, 3)
  const { length, source } = chooseMncLength(imsi, mcc, hints)
  const mnc = imsi.slice(3, 3 + length)
  return ok({ ...parts(mcc, mnc), imsi, msin: imsi.slice(3 + length), mncLength: length, mncLengthSource: source })
}

function chooseMncLength(imsi: string, mcc: string, hints: MncLengthHints): { length: 2 | 3; source: MncLengthSource } {
  if (hints.mncLength === 2 || hints.mncLength === 3) return { length: hints.mncLength, source: 'sim' }
  // A known 3-digit PLMN wins over a 2-digit one that starts with it (the longer is more specific).
  if (hints.isKnownPlmn?.(formatPlmn(mcc, imsi.slice(3, 6)))) return { length: 3, source: 'known-plmn' }
  // The MCC's rule comes before a known 2-digit PLMN: the sources carry stale 2-digit US entries (310-70).
  const rule = mccRuleMncLength(mcc)
  if (rule) return { length: rule, source: 'mcc-rule' }
  if (hints.isKnownPlmn?.(formatPlmn(mcc, imsi.slice(3, 5)))) return { length: 2, source: 'known-plmn' }
  const seen = hints.mncLengthsByMcc?.[mcc]
  if (seen && seen.length === 1 && (seen[0] === 2 || seen[0] === 3)) return { length: seen[0], source: 'source-data' }
  return { length: 2, source: 'default' }
}

function parts(mcc: string, mnc: string): PlmnParts {
  return { mcc, mnc, id: formatPlmn(mcc, mnc) }
}

const PLMN_MESSAGES: Record<PlmnErrorKind, { en: string; ja: string }> = {
  empty: { en: 'No network code was given.', ja: 'ネットワークコードがありません。' },
  malformed: {
    en: 'A network code is 5 or 6 digits (MCC + MNC), e.g. 310-260 or 440-10.',
    ja: 'ネットワークコードは5桁か6桁の数字(MCC+MNC)です。例: 310-260、440-10'
  },
  'too-long': { en: 'This is longer than a network code.', ja: 'ネットワークコードとしては長すぎます。' },
  'too-short': { en: 'This is shorter than a network code.', ja: 'ネットワークコードとしては短すぎます。' }
}

const IMSI_MESSAGES: Record<PlmnErrorKind, { en: string; ja: string }> = {
  empty: { en: 'The SIM reported no IMSI.', ja: 'SIMからIMSIを読み取れませんでした。' },
  malformed: { en: 'An IMSI has digits only.', ja: 'IMSIは数字だけで構成されます。' },
  'too-long': { en: 'An IMSI has at most 15 digits.', ja: 'IMSIは最大15桁です。' },
  'too-short': { en: 'This is too short to be an IMSI.', ja: 'IMSIとしては短すぎます。' }
}

function plmnError(kind: PlmnErrorKind, input: unknown, what: 'plmn' | 'imsi' = 'plmn'): PlmnError {
  const message = (what === 'imsi' ? IMSI_MESSAGES : PLMN_MESSAGES)[kind]
  return { kind, key: `carriers.${what}.${kind}`, message, input: echo(input) }
}
