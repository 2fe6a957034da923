// What one reading becomes in the store, and which device it is filed under.
import type { DeviceStatus } from '../contract/model'

/** One stored reading. Nulls are fields the device did not report. */
export interface SampleRow {
  ts: number
  rsrp: number | null
  rsrq: number | null
  sinr: number | null
  rssi: number | null
  bars: number | null
  rat: string | null
  band: string | null
  cell: string | null
  registration: string | null
  dataState: string | null
  sessionUp: number | null
  sessionDown: number | null
  monthUp: number | null
  monthDown: number | null
  monthTotal: number | null
  battery: number | null
}

/** SampleRow fields and their columns in `samples`, in table order. */
export const SAMPLE_FIELDS = [
  ['ts', 'ts'],
  ['rsrp', 'rsrp'],
  ['rsrq', 'rsrq'],
  ['sinr', 'sinr'],
  ['rssi', 'rssi'],
  ['bars', 'bars'],
  ['rat', 'rat'],
  ['band', 'band'],
  ['cell', 'cell'],
  ['registration', 'registration'],
  ['dataState', 'data_state'],
  ['sessionUp', 'session_up'],
  ['sessionDown', 'session_down'],
  ['monthUp', 'month_up'],
  ['monthDown', 'month_down'],
  ['monthTotal', 'month_total'],
  ['battery', 'battery']
] as const satisfies ReadonlyArray<readonly [keyof SampleRow, string]>

/**
 * The key a device's history is filed under. The IMEI names the radio itself, so one unit keeps one
 * history whether it is reached over USB (a serial path) or over Wi-Fi (a gateway address), and
 * across host restarts; the host's device id is only the fallback for units that report no IMEI.
 * Keys say which they are ("imei:…", "host:…") so a numeric host id can never collide with an IMEI.
 * Only the first 14 digits count (type allocation code + serial): the 15th is a check digit and
 * IMEISV replaces it with a two-digit software version, and drivers report either.
 */
export function deviceKeyOf(hostDeviceId: string, imei: string | undefined): string {
  const digits = imei?.replace(/[\s-]/g, '') ?? ''
  if (/^\d{14,16}$/.test(digits) && !/^0+$/.test(digits)) return `imei:${digits.slice(0, 14)}`
  return `host:${hostDeviceId}`
}

export function sampleFromStatus(status: DeviceStatus): SampleRow {
  const { signal, usage } = status
  const monthTotal =
    usage.monthTotalBytes ??
    (usage.monthUploadBytes !== undefined && usage.monthDownloadBytes !== undefined
      ? usage.monthUploadBytes + usage.monthDownloadBytes
      : undefined)
  return {
    ts: status.updatedAt,
    rsrp: num(signal.rsrpDbm),
    rsrq: num(signal.rsrqDb),
    sinr: num(signal.sinrDb),
    rssi: num(signal.rssiDbm),
    bars: num(signal.bars),
    rat: text(signal.rat),
    band: text(signal.band),
    cell: text(signal.cellId),
    registration: text(status.registration.state),
    dataState: text(status.data.state),
    sessionUp: num(usage.sessionUploadBytes),
    sessionDown: num(usage.sessionDownloadBytes),
    monthUp: num(usage.monthUploadBytes),
    monthDown: num(usage.monthDownloadBytes),
    monthTotal: num(monthTotal),
    battery: num(status.battery?.percent)
  }
}

function num(value: number | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

/** Device-reported labels are short; a misbehaving device must not bloat every row. */
function text(value: string | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value.slice(0, 64) : null
}
