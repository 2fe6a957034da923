// Networks and serving cells the simulated modem can find. PLMNs are from reference carriers.md §6; operator
// names are what a modem's internal operator table typically prints for +COPS (long/short) — [U] for the
// exact spelling, which varies by firmware. Cells (band, EARFCN, TAC, cell id, PCI) are invented but
// consistent: a band each operator really uses, an EARFCN inside that band, a 28-bit E-UTRAN cell id.

export interface NetworkOperator {
  plmn: string
  longName: string
  shortName: string
}

export interface LteCell {
  band: number
  earfcn: number
  /** Downlink bandwidth in MHz (QENG reports an index: 1.4/3/5/10/15/20 → 0…5). */
  bandwidthMHz: 1.4 | 3 | 5 | 10 | 15 | 20
  duplex: 'FDD' | 'TDD'
  tac: number
  /** E-UTRAN cell identity: eNB id · 256 + local cell id. */
  cellId: number
  pci: number
  /** Typical RSRP/RSRQ/SINR on this cell at the user's desk. */
  levels: { rsrp: number; rsrq: number; sinr: number }
}

export interface VisibleNetwork {
  operator: NetworkOperator
  cell: LteCell
  /** What happens when the SIM tries to register here. */
  access: 'home' | 'roaming' | { rejectCause: number }
}

export const OPERATORS = {
  tmobileUs: { plmn: '310260', longName: 'T-Mobile', shortName: 'T-Mobile' },
  att: { plmn: '310410', longName: 'AT&T', shortName: 'AT&T' },
  verizon: { plmn: '311480', longName: 'Verizon Wireless', shortName: 'Verizon' },
  docomo: { plmn: '44010', longName: 'NTT DOCOMO', shortName: 'DOCOMO' },
  kddi: { plmn: '44053', longName: 'KDDI', shortName: 'KDDI' },
  softbank: { plmn: '44020', longName: 'SoftBank', shortName: 'SoftBank' },
  rakuten: { plmn: '44011', longName: 'Rakuten Mobile', shortName: 'Rakuten' }
} as const satisfies Record<string, NetworkOperator>

/** Resource blocks for a bandwidth (36.101 Table 5.6-1). */
export function resourceBlocks(bandwidthMHz: LteCell['bandwidthMHz']): number {
  return { 1.4: 6, 3: 15, 5: 25, 10: 50, 15: 75, 20: 100 }[bandwidthMHz]
}

/** The bandwidth index Quectel's +QENG prints (0 = 1.4 MHz … 5 = 20 MHz). */
export function bandwidthIndex(bandwidthMHz: LteCell['bandwidthMHz']): number {
  return { 1.4: 0, 3: 1, 5: 2, 10: 3, 15: 4, 20: 5 }[bandwidthMHz]
}
