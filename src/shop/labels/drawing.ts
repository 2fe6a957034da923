// A page-independent drawing both writers render: pages in millimetres, origin top left, made of filled
// rectangles (QR modules), thin outlines (cut lines) and single-line ASCII text. Keeping layout here means
// the PDF and the PNG show the same thing and the writers stay small.
import type { QrMatrix } from './wifi-qr'

export type DrawOp =
  | { kind: 'fill'; x: number; y: number; w: number; h: number }
  | { kind: 'outline'; x: number; y: number; w: number; h: number }
  /** `size` is the line height in mm; (x, y) its top left. Text is printable ASCII. */
  | { kind: 'text'; x: number; y: number; size: number; text: string; bold?: boolean }

export interface Page {
  widthMm: number
  heightMm: number
  ops: DrawOp[]
}

/** Widest advance of a character as a fraction of the line height, for both writers (PNG: 6/8). */
export const TEXT_ADVANCE = 0.75

/** The largest size ≤ `size` at which `text` fits in `width` mm. */
export function fitText(text: string, size: number, width: number): number {
  if (text.length === 0) return size
  return Math.min(size, width / (text.length * TEXT_ADVANCE))
}

/**
 * The QR symbol as filled rectangles: each row's runs of dark modules merged into one rectangle, which
 * keeps a PDF small without changing what is drawn.
 */
export function qrOps(matrix: QrMatrix, x: number, y: number, sizeMm: number): DrawOp[] {
  const module = sizeMm / matrix.size
  const ops: DrawOp[] = []
  for (let row = 0; row < matrix.size; row++) {
    let start = -1
    for (let column = 0; column <= matrix.size; column++) {
      const dark = column < matrix.size && matrix.dark(row, column)
      if (dark && start < 0) start = column
      if (!dark && start >= 0) {
        ops.push({ kind: 'fill', x: x + start * module, y: y + row * module, w: (column - start) * module, h: module })
        start = -1
      }
    }
  }
  return ops
}
