// Access technology (<AcT>) values shared by +COPS, +CREG/+CGREG/+CEREG/+C5GREG (3GPP TS 27.007 §7.3),
// mapped to the normalized RadioTech of the device model.
import type { Signal } from '../../model'

export type RadioTech = Signal['rat']

export const ACCESS_TECHNOLOGIES: Readonly<Record<number, { name: string; rat: RadioTech }>> = {
  0: { name: 'GSM', rat: 'gsm' },
  1: { name: 'GSM Compact', rat: 'gsm' },
  2: { name: 'UTRAN', rat: 'umts' },
  3: { name: 'GSM w/EGPRS', rat: 'gsm' },
  4: { name: 'UTRAN w/HSDPA', rat: 'umts' },
  5: { name: 'UTRAN w/HSUPA', rat: 'umts' },
  6: { name: 'UTRAN w/HSDPA and HSUPA', rat: 'umts' },
  7: { name: 'E-UTRAN', rat: 'lte' },
  8: { name: 'EC-GSM-IoT', rat: 'gsm' },
  9: { name: 'E-UTRAN (NB-S1 mode)', rat: 'lte' },
  10: { name: 'E-UTRA connected to 5GCN', rat: 'lte' },
  11: { name: 'NR connected to 5GCN', rat: 'nr' },
  12: { name: 'NG-RAN', rat: 'nr' },
  // EN-DC: an LTE anchor with an NR leg ("5G NSA"); users know it as 5G.
  13: { name: 'E-UTRA-NR dual connectivity', rat: 'nr' }
}

export function accessTechnology(act: number | undefined): { name: string; rat: RadioTech } | undefined {
  return act === undefined ? undefined : ACCESS_TECHNOLOGIES[act]
}

/** Vendor network-type words ("LTE", "HSPA+", "GPRS/EDGE", "NR5G-NSA") → RadioTech. */
export function radioTechFromName(name: string): RadioTech {
  const text = name.toUpperCase()
  if (text.length === 0) return 'unknown'
  if (/NO ?SERVICE|^NONE$|LIMITED/.test(text)) return 'none'
  if (/NR|5G/.test(text)) return 'nr'
  if (/LTE|E-UTRA|4G|CAT-M|CAT-NB|NB-IOT/.test(text)) return 'lte'
  if (/WCDMA|UMTS|HSPA|HSDPA|HSUPA|HSPA\+|DC-HSPA|TD-SCDMA|UTRAN|3G/.test(text)) return 'umts'
  if (/GSM|GPRS|EDGE|EGPRS|2G/.test(text)) return 'gsm'
  return 'unknown'
}
