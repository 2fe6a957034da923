// Assembles the normalized model from parsed AT replies. Pure: the driver runs the commands, these functions
// decide what the answers mean when they disagree — which registration report counts, where the radio
// technology comes from, how many bars a reading is worth, when a data session is "connected".
import { accessTechnology, csqBars, type CsqInfo, type CurrentOperator, type RegistrationInfo } from '../../at'
import type { DataSession, Registration, Signal } from '../../model'
import type { RegistrationExtras, SignalPart } from './dialects'
import { describeRejectCause, type DataFailure } from './errors'
import type { PdpAddresses } from './parse'

export interface RegistrationReports {
  c5greg?: RegistrationInfo
  cereg?: RegistrationInfo
  cgreg?: RegistrationInfo
  creg?: RegistrationInfo
}

/**
 * One registration state from the four 27.007 reports. A data modem cares about the packet domain, so 5GS,
 * EPS and GPRS come before the circuit-switched +CREG; the first report that says registered wins, then the
 * first that says denied (with its EMM reject cause when +CEREG/+C5GREG carry one, <n>=3), then searching.
 */
export function combineRegistration(reports: RegistrationReports, operator?: CurrentOperator, plmn?: string): Registration {
  const ordered = [reports.c5greg, reports.cereg, reports.cgreg, reports.creg].filter((report): report is RegistrationInfo => report !== undefined)
  const registered = ordered.find((report) => report.state === 'home' || report.state === 'roaming')
  const denied = ordered.find((report) => report.state === 'denied')
  const chosen = registered ?? denied ?? ordered.find((report) => report.state === 'searching') ?? ordered.find((report) => report.state === 'not-registered') ?? ordered[0]
  const registration: Registration = { state: chosen?.state ?? 'unknown' }
  if (!registered && denied) {
    const withCause = ordered.find((report) => report.state === 'denied' && report.rejectCause !== undefined)
    if (withCause?.rejectCause !== undefined) registration.rejectCause = describeRejectCause(withCause.rejectCauseType ?? 0, withCause.rejectCause)
  }
  if (registered) {
    if (operator?.operator && operator.format !== 2) registration.operatorName = operator.operator
    const numeric = plmn ?? operator?.plmn
    if (numeric) registration.plmn = numeric
  }
  return registration
}

export interface ServingCell {
  rat: Signal['rat']
  act?: number
  /** The cell id from the report's location fields (<n> ≥ 2), uppercase hex. */
  cellId?: string
}

/** The serving cell's access technology (and id) from the registration report, else +COPS <AcT>. */
export function registrationRat(reports: RegistrationReports, operator?: CurrentOperator): ServingCell | undefined {
  for (const report of [reports.c5greg, reports.cereg, reports.cgreg, reports.creg]) {
    if (report && (report.state === 'home' || report.state === 'roaming') && report.rat) {
      const cell: ServingCell = { rat: report.rat }
      if (report.act !== undefined) cell.act = report.act
      if (report.cellId !== undefined) cell.cellId = report.cellId
      return cell
    }
  }
  if (operator?.rat) return operator.act === undefined ? { rat: operator.rat } : { rat: operator.rat, act: operator.act }
  return undefined
}

// What users call each 27.007 <AcT> (the 27.007 names — "UTRAN w/HSDPA" — mean little to them).
const ACT_LABELS: Readonly<Record<number, string>> = {
  0: 'GSM',
  1: 'GSM',
  2: 'UMTS',
  3: 'EDGE',
  4: 'HSDPA',
  5: 'HSUPA',
  6: 'HSPA',
  7: 'LTE',
  8: 'EC-GSM-IoT',
  9: 'NB-IoT',
  10: 'LTE',
  11: '5G',
  12: '5G',
  13: '5G NSA'
}

export interface SignalInputs {
  /** The dialect's queries, in order: earlier values win. */
  parts: readonly SignalPart[]
  csq?: CsqInfo
  extras?: RegistrationExtras
  registration?: ServingCell
  /** False when the modem is not registered anywhere (no bars then, whatever the radio reports). */
  registered: boolean
}

export function combineSignal(inputs: SignalInputs): Signal {
  const merged: SignalPart = {}
  for (const part of inputs.parts) {
    for (const [key, value] of Object.entries(part) as [keyof SignalPart, SignalPart[keyof SignalPart]][]) {
      if (value !== undefined && merged[key] === undefined) (merged as Record<string, unknown>)[key] = value
    }
  }
  if (merged.rssiDbm === undefined && inputs.csq?.rssiDbm !== null && inputs.csq?.rssiDbm !== undefined) merged.rssiDbm = inputs.csq.rssiDbm

  // The radio: what the vendor's system info says, then the signal report, then the registration's <AcT>.
  // Not registered: whatever the radio measures, there is no service to show bars for.
  const known = [inputs.extras?.rat, merged.rat, inputs.registration?.rat].find((value) => value !== undefined && value !== 'none' && value !== 'unknown')
  const rat: Signal['rat'] = inputs.registered ? (known ?? 'unknown') : 'none'
  if (rat === 'none') return { bars: 0, rat: 'none' }

  const signal: Signal = { bars: barsFor(merged, inputs.csq), rat }
  const networkType =
    inputs.extras?.networkType ??
    merged.networkType ??
    (inputs.registration?.act !== undefined ? ACT_LABELS[inputs.registration.act] : undefined) ??
    (rat === 'lte' ? 'LTE' : undefined)
  if (networkType) signal.networkType = networkType
  for (const key of ['rssiDbm', 'rsrpDbm', 'rsrqDb', 'sinrDb', 'rscpDbm', 'ecioDb', 'band', 'cellId', 'pci'] as const) {
    const value = merged[key]
    if (value !== undefined) (signal as Record<string, unknown>)[key] = value
  }
  if (signal.cellId === undefined && inputs.registration?.cellId) signal.cellId = inputs.registration.cellId
  return signal
}

/**
 * 0–5 bars. LTE/NR from RSRP, UMTS from RSCP — thresholds loosely after AOSP's CellSignalStrengthLte /
 * CellSignalStrengthWcdma defaults (−115/−105/−95/−85 dBm and −115/−105/−95/−85 dBm RSCP, four levels)
 * stretched to five with a top bar from −80 dBm; otherwise the RSSI on the +CSQ scale (csqBars).
 */
export function barsFor(part: SignalPart, csq?: CsqInfo): number {
  const steps = (value: number, top: number): number => {
    if (value >= top) return 5
    if (value >= top - 10) return 4
    if (value >= top - 20) return 3
    if (value >= top - 30) return 2
    if (value >= top - 40) return 1
    return 0
  }
  if (part.rsrpDbm !== undefined) return steps(part.rsrpDbm, -80)
  if (part.rscpDbm !== undefined) return steps(part.rscpDbm, -80)
  if (csq && csq.rssiDbm !== null) return csqBars(csq.rssi)
  if (part.rssiDbm !== undefined) return csqBars(Math.max(0, Math.min(31, Math.floor((part.rssiDbm + 113) / 2))))
  return 0
}

export interface DataInputs {
  /** +CGACT? state of the data context; undefined when the modem did not say. */
  active?: boolean
  addresses?: PdpAddresses
  /** Why the last activation we asked for failed, if it did and nothing has succeeded since. */
  lastFailure?: DataFailure
  /** False while the SIM is locked or absent: no data is possible. */
  simReady: boolean
}

/** Connected means the data context is active *and* has an address; an address-less context is a failure. */
export function buildDataSession(inputs: DataInputs): DataSession {
  if (!inputs.simReady) return { state: 'disconnected' }
  if (inputs.active === true) {
    const data: DataSession = { state: 'connected' }
    if (inputs.addresses?.ipv4) data.ipv4 = inputs.addresses.ipv4
    if (inputs.addresses?.ipv6) data.ipv6 = inputs.addresses.ipv6
    if (data.ipv4 || data.ipv6) return data
    return {
      state: 'failed',
      failureReason: 'The data connection is up but has no IP address, which usually means the network does not accept this APN.'
    }
  }
  if (inputs.lastFailure) return { state: 'failed', failureReason: inputs.lastFailure.message }
  return { state: inputs.active === false ? 'disconnected' : 'unknown' }
}

/** The 27.007 <AcT> label, for callers that only have a number. */
export function actLabel(act: number | undefined): string | undefined {
  if (act === undefined) return undefined
  return ACT_LABELS[act] ?? accessTechnology(act)?.name
}
