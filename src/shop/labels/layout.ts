// Where things go on a label sheet or a card. Labels: 90 × 50 mm stickers, 2 × 5 on an A4 page with cut
// outlines. Cards: one A6 card per page with joining instructions. Each unit shows its SSID, the key
// (when one is kept), model and unit key, and a QR code that joins its Wi-Fi.
import { toPrintableAscii } from './ascii-text'
import { fitText, qrOps, type DrawOp, type Page } from './drawing'
import { qrMatrix, wifiQrPayload } from './wifi-qr'

export interface LabelUnit {
  unitKey: string
  ssid?: string
  /** The Wi-Fi key, when the inventory keeps one. */
  key?: string
  model?: string
}

const A4 = { width: 210, height: 297 }
const A6 = { width: 105, height: 148 }
const LABEL = { width: 90, height: 50, columns: 2, rows: 5 }

export function labelPages(units: readonly LabelUnit[]): Page[] {
  const perPage = LABEL.columns * LABEL.rows
  const marginX = (A4.width - LABEL.columns * LABEL.width) / 2
  const marginY = (A4.height - LABEL.rows * LABEL.height) / 2
  const pages: Page[] = []
  units.forEach((unit, index) => {
    const slot = index % perPage
    if (slot === 0) pages.push({ widthMm: A4.width, heightMm: A4.height, ops: [] })
    const x = marginX + (slot % LABEL.columns) * LABEL.width
    const y = marginY + Math.floor(slot / LABEL.columns) * LABEL.height
    pages[pages.length - 1]?.ops.push(...labelOps(unit, x, y))
  })
  return pages
}

function labelOps(unit: LabelUnit, x: number, y: number): DrawOp[] {
  const ops: DrawOp[] = [{ kind: 'outline', x, y, w: LABEL.width, h: LABEL.height }]
  const qrSize = 40
  if (unit.ssid) ops.push(...qrOps(qrMatrix(payloadOf(unit, unit.ssid)), x + 5, y + 5, qrSize))
  const textX = x + qrSize + 9
  const width = LABEL.width - qrSize - 12
  ops.push(...textLines(unitLines(unit), textX, y + 6, width, 4.2))
  return ops
}

export function cardPages(units: readonly LabelUnit[]): Page[] {
  return units.map((unit) => {
    const ops: DrawOp[] = [{ kind: 'outline', x: 4, y: 4, w: A6.width - 8, h: A6.height - 8 }]
    ops.push(...textLines([{ text: 'Pocket Wi-Fi', bold: true }], 10, 10, A6.width - 20, 7))
    const qrSize = 56
    if (unit.ssid) ops.push(...qrOps(qrMatrix(payloadOf(unit, unit.ssid)), (A6.width - qrSize) / 2, 22, qrSize))
    ops.push(...textLines(unitLines(unit), 10, 84, A6.width - 20, 4.6))
    ops.push(
      ...textLines(
        [
          { text: '1. Hold the power button until the screen lights up.' },
          { text: '2. Scan the QR code with your phone camera,' },
          { text: '   or pick the network above and type the key.' },
          { text: '3. Please return the unit with its cable.' }
        ],
        10,
        118,
        A6.width - 20,
        3.4,
        true
      )
    )
    return { widthMm: A6.width, heightMm: A6.height, ops }
  })
}

function payloadOf(unit: LabelUnit, ssid: string): string {
  return wifiQrPayload(unit.key === undefined ? { ssid } : { ssid, key: unit.key })
}

interface Line {
  text: string
  bold?: boolean
  small?: boolean
}

function unitLines(unit: LabelUnit): Line[] {
  const lines: Line[] = []
  if (unit.ssid) {
    const ssid = toPrintableAscii(unit.ssid)
    lines.push({ text: 'Wi-Fi (SSID)', small: true }, { text: ssid.text, bold: true })
    if (ssid.marked) lines.push({ text: '(name not shown in full: scan the QR)', small: true })
  } else {
    lines.push({ text: 'No SSID recorded yet', bold: true })
  }
  lines.push({ text: 'Key', small: true })
  lines.push(unit.key === undefined ? { text: '(not kept: see the unit)', small: true } : { text: toPrintableAscii(unit.key).text, bold: true })
  if (unit.model) lines.push({ text: toPrintableAscii(unit.model).text, small: true })
  lines.push({ text: toPrintableAscii(unit.unitKey).text, small: true })
  return lines
}

/** `uniform`: one size for the whole block (a paragraph whose lines should match), else each line fits itself. */
function textLines(lines: readonly Line[], x: number, y: number, width: number, size: number, uniform = false): DrawOp[] {
  const ops: DrawOp[] = []
  const common = Math.min(...lines.map((line) => fitText(line.text, line.small ? size * 0.7 : size, width)))
  let top = y
  for (const line of lines) {
    const wanted = line.small ? size * 0.7 : size
    const fitted = uniform ? common : fitText(line.text, wanted, width)
    ops.push({ kind: 'text', x, y: top, size: fitted, text: line.text, ...(line.bold ? { bold: true } : {}) })
    top += wanted * 1.25
  }
  return ops
}
