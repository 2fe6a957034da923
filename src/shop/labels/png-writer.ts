// Renders the drawing to an 8-bit greyscale PNG (RFC 2083 / PNG spec §11): signature, IHDR, one zlib
// IDAT (each scanline prefixed with filter type 0), IEND; chunk CRCs from node:zlib's crc32. Pages are
// stacked top to bottom in one image. Text uses the built-in 5×7 bitmap font.
import { crc32, deflateSync } from 'node:zlib'
import { CELL_COLUMNS, CELL_ROWS, GLYPH_COLUMNS, GLYPH_ROWS, glyphPixel } from './bitmap-font'
import type { DrawOp, Page } from './drawing'

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** 150 dpi: a 1 mm QR module is ~6 px, which phone cameras read easily from a screen or a print. */
export const DEFAULT_PX_PER_MM = 150 / 25.4

/** Greyscale pixels, 0 = black, 255 = white. */
export class Canvas {
  readonly pixels: Uint8Array

  constructor(
    readonly width: number,
    readonly height: number
  ) {
    this.pixels = new Uint8Array(width * height).fill(255)
  }

  fillRect(x0: number, y0: number, x1: number, y1: number): void {
    const left = Math.max(0, x0)
    const right = Math.min(this.width, x1)
    for (let y = Math.max(0, y0); y < Math.min(this.height, y1); y++) this.pixels.fill(0, y * this.width + left, y * this.width + Math.max(left, right))
  }
}

export function renderPages(pages: readonly Page[], pxPerMm = DEFAULT_PX_PER_MM): Canvas {
  const width = Math.max(...pages.map((page) => Math.round(page.widthMm * pxPerMm)))
  const heights = pages.map((page) => Math.round(page.heightMm * pxPerMm))
  const canvas = new Canvas(width, heights.reduce((sum, h) => sum + h, 0))
  let top = 0
  pages.forEach((page, index) => {
    for (const op of page.ops) drawOp(canvas, op, pxPerMm, top)
    top += heights[index] ?? 0
    // A thin separator between stacked pages, where one would cut.
    if (index < pages.length - 1) canvas.fillRect(0, top - 1, width, top)
  })
  return canvas
}

function drawOp(canvas: Canvas, op: DrawOp, scale: number, top: number): void {
  switch (op.kind) {
    case 'fill': {
      // Edges rounded independently, so neighbouring QR modules meet without gaps or overlaps.
      canvas.fillRect(Math.round(op.x * scale), top + Math.round(op.y * scale), Math.round((op.x + op.w) * scale), top + Math.round((op.y + op.h) * scale))
      return
    }
    case 'outline': {
      const x0 = Math.round(op.x * scale)
      const y0 = top + Math.round(op.y * scale)
      const x1 = Math.round((op.x + op.w) * scale)
      const y1 = top + Math.round((op.y + op.h) * scale)
      canvas.fillRect(x0, y0, x1, y0 + 1)
      canvas.fillRect(x0, y1 - 1, x1, y1)
      canvas.fillRect(x0, y0, x0 + 1, y1)
      canvas.fillRect(x1 - 1, y0, x1, y1)
      return
    }
    case 'text': {
      const cell = Math.max(1, Math.floor((op.size * scale) / CELL_ROWS))
      let x = Math.round(op.x * scale)
      const y = top + Math.round(op.y * scale)
      for (const char of op.text) {
        for (let column = 0; column < GLYPH_COLUMNS; column++) {
          for (let row = 0; row < GLYPH_ROWS; row++) {
            if (!glyphPixel(char, column, row)) continue
            const px = x + column * cell
            const py = y + row * cell
            // Bold: each pixel drawn half a cell wider, the usual trick for bitmap fonts.
            canvas.fillRect(px, py, px + cell + (op.bold ? Math.ceil(cell / 2) : 0), py + cell)
          }
        }
        x += CELL_COLUMNS * cell
      }
      return
    }
  }
}

export function encodePng(canvas: Canvas): Buffer {
  const { width, height, pixels } = canvas
  const raw = Buffer.alloc((width + 1) * height)
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0 // filter: none
    raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 0 // colour type: greyscale
  header[10] = 0 // compression: deflate
  header[11] = 0 // filter method 0
  header[12] = 0 // no interlace
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))])
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, 'latin1')
  data.copy(out, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
  return out
}
