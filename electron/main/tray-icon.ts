// The tray icon: five signal bars, the first `bars` of them filled, drawn into an RGBA bitmap and
// encoded as a PNG here (no image files to ship, one icon per bar count). PNG layout per the PNG
// specification (W3C, 2nd ed.): signature, IHDR, one zlib IDAT of filter-0 scanlines, IEND, each
// chunk with a CRC-32 over type + data.
import { deflateSync } from 'node:zlib'

export const MAX_BARS = 5

export interface BarColors {
  /** RGBA of a filled bar. */
  on: readonly [number, number, number, number]
  /** RGBA of an empty bar (faint, so the shape stays readable at 0 bars). */
  off: readonly [number, number, number, number]
}

/** macOS template images are black with alpha; the menu bar tints them for light and dark. */
export const TEMPLATE_COLORS: BarColors = { on: [0, 0, 0, 255], off: [0, 0, 0, 80] }
/** Windows and Linux trays may be light or dark: a mid blue and grey read on both. */
export const COLOR_BARS: BarColors = { on: [43, 125, 233, 255], off: [138, 143, 152, 110] }

/** An RGBA bitmap, `size` × `size`, of the bars (bar i is (i+1)/5 of the height, left to right). */
export function drawSignalBars(bars: number, size: number, colors: BarColors): Uint8Array {
  const filled = Math.max(0, Math.min(MAX_BARS, Math.round(bars)))
  const pixels = new Uint8Array(size * size * 4)
  const gap = Math.max(1, Math.round(size / 16))
  const barWidth = Math.floor((size - gap * (MAX_BARS - 1)) / MAX_BARS)
  const left = Math.floor((size - (barWidth * MAX_BARS + gap * (MAX_BARS - 1))) / 2)
  for (let bar = 0; bar < MAX_BARS; bar++) {
    const height = Math.max(1, Math.round((size * (bar + 1)) / MAX_BARS))
    const color = bar < filled ? colors.on : colors.off
    const x0 = left + bar * (barWidth + gap)
    for (let y = size - height; y < size; y++) {
      for (let x = x0; x < x0 + barWidth; x++) pixels.set(color, (y * size + x) * 4)
    }
  }
  return pixels
}

export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 6 // colour type: truecolour with alpha
  // compression, filter and interlace methods: 0
  const stride = width * 4
  const raw = Buffer.alloc((stride + 1) * height)
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0 // filter type None
    raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0))
  ])
}

/** The tray PNG for a bar count at a pixel size (16 for 1x, 32 for 2x displays). */
export function signalBarsPng(bars: number, size: number, colors: BarColors): Buffer {
  return encodePng(size, size, drawSignalBars(bars, size, colors))
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length, 0)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body), 0)
  return Buffer.concat([length, body, crc])
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
