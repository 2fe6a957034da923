// MVNO match rules on a shared PLMN, with Android's semantics (reference/carriers.md §8.2, S3; AOSP
// ApnSetting/mvno matching): GID1 is a case-insensitive hex prefix of the SIM's GID1 (cards pad it with FF);
// SPN is a case-insensitive equality; IMSI is a prefix where x/X matches any digit; ICCID is a prefix (Android
// accepts a comma-separated list). `imsi-range` is ours: an inclusive range over the IMSI's first N digits.
import { iccidLookupKey } from './iccid'

export type MvnoRuleType = 'gid1' | 'spn' | 'imsi' | 'imsi-range' | 'iccid'

export interface MvnoRuleLike {
  type: MvnoRuleType
  /** gid1 / spn / imsi / iccid match data. */
  value?: string
  /** imsi-range bounds: equal-length digit strings. */
  from?: string
  to?: string
}

export interface SimMatchFacts {
  imsi?: string
  gid1?: string
  spn?: string
  /** Normalised ICCID digits (see normalizeIccid). */
  iccid?: string
}

/** The order of specificity in which rules are tried (reference/carriers.md §8.3 step 3). */
export const RULE_ORDER: readonly MvnoRuleType[] = ['gid1', 'spn', 'imsi', 'imsi-range', 'iccid']

/**
 * The SPN as a rule compares it. undefined = not read; '' = read and empty (that rules SPN-matched brands out).
 */
export function cleanSpn(spn: string | undefined): string | undefined {
  if (typeof spn !== 'string') return undefined
  // eslint-disable-next-line no-control-regex -- EF_SPN is padded with 0xFF/0x00 on some cards
  return spn.replace(/[\u0000\u00ff]+/g, '').trim()
}

/** GID1 as hex, upper case. undefined = not read or not hex; '' = read and empty. */
export function cleanGid1(gid1: string | undefined): string | undefined {
  if (typeof gid1 !== 'string') return undefined
  const text = gid1.replace(/\s+/g, '').toUpperCase()
  return /^[0-9A-F]*$/.test(text) ? text : undefined
}

export function mvnoRuleMatches(rule: MvnoRuleLike, facts: SimMatchFacts): boolean {
  switch (rule.type) {
    case 'gid1': {
      const gid1 = cleanGid1(facts.gid1)
      const value = rule.value?.toUpperCase()
      return gid1 !== undefined && value !== undefined && value !== '' && gid1.startsWith(value)
    }
    case 'spn': {
      const spn = cleanSpn(facts.spn)
      return spn !== undefined && rule.value !== undefined && spn.toLowerCase() === rule.value.trim().toLowerCase()
    }
    case 'imsi':
      return facts.imsi !== undefined && rule.value !== undefined && imsiPatternMatches(rule.value, facts.imsi)
    case 'imsi-range':
      return facts.imsi !== undefined && imsiInRange(facts.imsi, rule.from, rule.to)
    case 'iccid': {
      const iccid = facts.iccid
      if (iccid === undefined || rule.value === undefined) return false
      const key = iccidLookupKey(iccid)
      return rule.value
        .split(',')
        .map((item) => item.trim())
        .some((prefix) => prefix !== '' && (iccid.startsWith(prefix) || key.startsWith(iccidLookupKey(prefix))))
    }
  }
}

/** Android's imsiMatches: every pattern character equals the IMSI's, x/X matching any digit. */
export function imsiPatternMatches(pattern: string, imsi: string): boolean {
  if (pattern === '' || pattern.length > imsi.length) return false
  for (let index = 0; index < pattern.length; index++) {
    const want = pattern[index]
    if (want === 'x' || want === 'X') continue
    if (want !== imsi[index]) return false
  }
  return true
}

function imsiInRange(imsi: string, from: string | undefined, to: string | undefined): boolean {
  if (from === undefined || to === undefined || from.length !== to.length || from.length > imsi.length) return false
  const head = imsi.slice(0, from.length)
  // Equal-length digit strings compare correctly as strings.
  return /^\d+$/.test(head) && head >= from && head <= to
}

/** How specific a rule is, for picking between several matches: longer match data wins within a type. */
export function ruleSpecificity(rule: MvnoRuleLike): number {
  const typeRank = RULE_ORDER.length - RULE_ORDER.indexOf(rule.type)
  const length = rule.type === 'imsi-range' ? (rule.from?.length ?? 0) : (rule.value?.length ?? 0)
  return typeRank * 100 + Math.min(length, 99)
}
