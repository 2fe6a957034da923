// Labels and cards as files: the PDF's structure (header, xref offsets, trailer, stream lengths) and the
// QR drawn in it; the PNG's chunks, CRCs and pixels; the QR modules read back from both.
import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { ContractError } from '../../src/contract/errors'
import { renderLabels, PNG_MAX_UNITS } from '../../src/shop/labels/render-labels'
import type { LabelUnit } from '../../src/shop/labels/layout'
import { DEFAULT_PX_PER_MM } from '../../src/shop/labels/png-writer'
import { qrMatrix, wifiQrPayload, type QrMatrix } from '../../src/shop/labels/wifi-qr'

const NOW = Date.UTC(2026, 10, 22)
const UNIT: LabelUnit = { unitKey: 'imei:861234567890123', ssid: 'Rental-0123', key: 'k3y;Pass(1)', model: 'E5577' }
const JAPANESE: LabelUnit = { unitKey: 'imei:861234567890124', ssid: 'ホテル駅前WiFi', key: 'abcdefgh' }
const PT_PER_MM = 72 / 25.4

function pdfOf(units: LabelUnit[], layout: 'label' | 'card' = 'label'): Buffer {
  const file = renderLabels(units, { format: 'pdf', layout, now: NOW })
  expect(file).toMatchObject({ mimeType: 'application/pdf', fileName: `${layout === 'card' ? 'cards' : 'labels'}-2026-11-22.pdf` })
  return Buffer.from(file.base64, 'base64')
}

/** Checks the file structure (ISO 32000-1 §7.5) and returns each object's text by number. */
function parsePdf(pdf: Buffer): Map<number, string> {
  const text = pdf.toString('latin1')
  expect(text.startsWith('%PDF-1.4\n')).toBe(true)
  expect(text.endsWith('%%EOF\n')).toBe(true)
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1])
  expect(text.slice(startxref, startxref + 5)).toBe('xref\n')
  const header = /^xref\n0 (\d+)\n/.exec(text.slice(startxref))
  const count = Number(header?.[1])
  const entriesStart = startxref + (header?.[0].length ?? 0)
  expect(text.slice(entriesStart, entriesStart + 20)).toBe('0000000000 65535 f \n')
  const objects = new Map<number, string>()
  for (let number = 1; number < count; number++) {
    const entry = text.slice(entriesStart + number * 20, entriesStart + (number + 1) * 20)
    expect(entry).toMatch(/^\d{10} 00000 n \n$/)
    const offset = Number(entry.slice(0, 10))
    expect(text.slice(offset).startsWith(`${number} 0 obj\n`)).toBe(true)
    const end = text.indexOf('\nendobj\n', offset)
    objects.set(number, text.slice(offset, end))
  }
  const trailer = text.slice(entriesStart + count * 20)
  expect(trailer).toMatch(new RegExp(`^trailer\\n<< /Size ${count} /Root 1 0 R >>\\nstartxref\\n`))
  // Every stream's /Length is its byte count.
  for (const body of objects.values()) {
    const stream = /<< \/Length (\d+) >>\nstream\n/.exec(body)
    if (!stream) continue
    const start = body.indexOf('stream\n') + 7
    expect(body.indexOf('\nendstream', start)).toBe(start + Number(stream[1]))
  }
  return objects
}

/** Rebuilds the QR matrix from the filled rectangles of a content stream (the only `re f` operations). */
function qrFromPdf(content: string, size: number, sizeMm: number): boolean[][] {
  const rects = [...content.matchAll(/^([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re f$/gm)].map((m) => m.slice(1, 5).map(Number))
  const module = (sizeMm * PT_PER_MM) / size
  const left = Math.min(...rects.map(([x]) => x ?? 0))
  const top = Math.max(...rects.map(([, y, , h]) => (y ?? 0) + (h ?? 0)))
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false))
  for (const [x = 0, y = 0, w = 0, h = 0] of rects) {
    const row = Math.round((top - y - h) / module)
    const first = Math.round((x - left) / module)
    for (let column = first; column < first + Math.round(w / module); column++) {
      const cells = grid[row]
      if (cells) cells[column] = true
    }
  }
  return grid
}

function matrixRows(matrix: QrMatrix): boolean[][] {
  return Array.from({ length: matrix.size }, (_, row) => Array.from({ length: matrix.size }, (_, column) => matrix.dark(row, column)))
}

describe('labels as PDF', () => {
  it('is a well-formed PDF 1.4 with the SSID, key and model as Helvetica text', () => {
    const objects = parsePdf(pdfOf([UNIT]))
    expect(objects.get(3)).toContain('/BaseFont /Helvetica')
    const content = objects.get(6) ?? ''
    expect(content).toContain('(Rental-0123) Tj')
    expect(content).toContain('(k3y;Pass\\(1\\)) Tj')
    expect(content).toContain('(E5577) Tj')
    expect(objects.get(5)).toContain('/MediaBox [0 0 595.276 841.89]')
  })

  it('draws the QR modules of the Wi-Fi join payload', () => {
    const content = parsePdf(pdfOf([UNIT])).get(6) ?? ''
    const matrix = qrMatrix(wifiQrPayload({ ssid: 'Rental-0123', key: 'k3y;Pass(1)' }))
    expect(qrFromPdf(content, matrix.size, 40)).toEqual(matrixRows(matrix))
  })

  it('puts ten labels on a page and starts a new page for the eleventh', () => {
    const units = Array.from({ length: 11 }, (_, i) => ({ ...UNIT, unitKey: `serial:${i}`, ssid: `Rental-${i}` }))
    const objects = parsePdf(pdfOf(units))
    expect(objects.get(2)).toContain('/Count 2')
    expect((objects.get(6)?.match(/ re S/g) ?? []).length).toBe(10)
    expect((objects.get(8)?.match(/ re S/g) ?? []).length).toBe(1)
  })

  it('prints a Japanese SSID marked in ASCII while its QR carries the real name', () => {
    const pdf = pdfOf([JAPANESE])
    const objects = parsePdf(pdf)
    const content = objects.get(6) ?? ''
    expect(content).toContain('(?WiFi) Tj')
    expect(content).toContain('(\\(name not shown in full: scan the QR\\)) Tj')
    // Nothing outside ASCII after the binary-marker comment line.
    expect([...pdf.subarray(15)].every((byte) => byte < 0x80)).toBe(true)
    const matrix = qrMatrix(wifiQrPayload({ ssid: 'ホテル駅前WiFi', key: 'abcdefgh' }))
    expect(qrFromPdf(content, matrix.size, 40)).toEqual(matrixRows(matrix))
  })

  it('renders one card per page with the instructions', () => {
    const objects = parsePdf(pdfOf([UNIT, JAPANESE], 'card'))
    expect(objects.get(2)).toContain('/Count 2')
    expect(objects.get(5)).toContain('/MediaBox [0 0 297.638 419.528]')
    expect(objects.get(6)).toContain('Scan the QR code')
    const matrix = qrMatrix(wifiQrPayload({ ssid: 'Rental-0123', key: 'k3y;Pass(1)' }))
    expect(qrFromPdf(objects.get(6) ?? '', matrix.size, 56)).toEqual(matrixRows(matrix))
  })
})

/** CRC-32 (ISO 3309, as PNG uses), written out here so the test does not trust the writer's crc32. */
function crc(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const byte of bytes) {
    c ^= byte
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  }
  return (c ^ 0xffffffff) >>> 0
}

function parsePng(png: Buffer) {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  const chunks: Array<{ type: string; data: Buffer }> = []
  let offset = 8
  while (offset < png.length) {
    const length = png.readUInt32BE(offset)
    const type = png.toString('latin1', offset + 4, offset + 8)
    const data = png.subarray(offset + 8, offset + 8 + length)
    expect(png.readUInt32BE(offset + 8 + length)).toBe(crc(png.subarray(offset + 4, offset + 8 + length)))
    chunks.push({ type, data })
    offset += 12 + length
  }
  expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND'])
  const ihdr = chunks[0]?.data ?? Buffer.alloc(13)
  const width = ihdr.readUInt32BE(0)
  const height = ihdr.readUInt32BE(4)
  expect([...ihdr.subarray(8)]).toEqual([8, 0, 0, 0, 0])
  const raw = inflateSync(chunks[1]?.data ?? Buffer.alloc(0))
  expect(raw.length).toBe((width + 1) * height)
  for (let y = 0; y < height; y++) expect(raw[y * (width + 1)]).toBe(0)
  return { width, height, pixel: (x: number, y: number) => raw[y * (width + 1) + 1 + x] ?? 255 }
}

describe('labels as PNG', () => {
  it('is a valid greyscale PNG whose QR modules read back as the payload matrix', () => {
    const file = renderLabels([UNIT], { format: 'png', layout: 'label', now: NOW })
    expect(file).toMatchObject({ mimeType: 'image/png', fileName: 'labels-2026-11-22.png' })
    const image = parsePng(Buffer.from(file.base64, 'base64'))
    expect(image.width).toBe(Math.round(210 * DEFAULT_PX_PER_MM))
    expect(image.height).toBe(Math.round(297 * DEFAULT_PX_PER_MM))
    // First label: QR 40 mm square at 5 mm inside the label, whose sheet margins are 15 mm and 23.5 mm.
    const matrix = qrMatrix(wifiQrPayload({ ssid: 'Rental-0123', key: 'k3y;Pass(1)' }))
    const module = 40 / matrix.size
    const read = Array.from({ length: matrix.size }, (_, row) =>
      Array.from({ length: matrix.size }, (_, column) => {
        const x = Math.floor((20 + (column + 0.5) * module) * DEFAULT_PX_PER_MM)
        const y = Math.floor((28.5 + (row + 0.5) * module) * DEFAULT_PX_PER_MM)
        return image.pixel(x, y) < 128
      })
    )
    expect(read).toEqual(matrixRows(matrix))
    // The text column beside the QR has ink; the far right of the label does not.
    let ink = 0
    for (let y = Math.round(29 * DEFAULT_PX_PER_MM); y < Math.round(45 * DEFAULT_PX_PER_MM); y++) {
      for (let x = Math.round(69 * DEFAULT_PX_PER_MM); x < Math.round(100 * DEFAULT_PX_PER_MM); x++) if (image.pixel(x, y) === 0) ink++
    }
    expect(ink).toBeGreaterThan(50)
  })

  it('stacks cards, survives a Japanese SSID and refuses too many units for one image', () => {
    const file = renderLabels([UNIT, JAPANESE], { format: 'png', layout: 'card', now: NOW })
    const image = parsePng(Buffer.from(file.base64, 'base64'))
    expect(image.height).toBe(2 * Math.round(148 * DEFAULT_PX_PER_MM))
    const many = Array.from({ length: PNG_MAX_UNITS + 1 }, (_, i) => ({ ...UNIT, unitKey: `serial:${i}` }))
    const error = (() => {
      try {
        renderLabels(many, { format: 'png', layout: 'label', now: NOW })
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(ContractError)
    expect((error as ContractError).code).toBe('BAD_INPUT')
  })
})
