// A minimal ZIP reader for the tests, written from APPNOTE 6.3.10 independently of src/diagnostics/zip-writer:
// finds the end record, walks the central directory, checks each local header agrees with it, inflates
// and checks the CRC-32 (computed here by table, not with zlib.crc32).
import { inflateRawSync } from 'node:zlib'

export interface ReadEntry {
  name: string
  method: number
  flags: number
  data: Buffer
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

export function tableCrc32(data: Buffer): number {
  let crc = 0xffffffff
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

export function readZip(zip: Buffer): ReadEntry[] {
  let end = -1
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i
      break
    }
  }
  if (end < 0) throw new Error('no end of central directory record')
  const count = zip.readUInt16LE(end + 10)
  const size = zip.readUInt32LE(end + 12)
  const start = zip.readUInt32LE(end + 16)
  if (start + size !== end) throw new Error(`central directory ends at ${start + size}, end record at ${end}`)
  if (zip.readUInt16LE(end + 8) !== count) throw new Error('entry counts disagree')
  const entries: ReadEntry[] = []
  let at = start
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central header at ${at}`)
    const flags = zip.readUInt16LE(at + 8)
    const method = zip.readUInt16LE(at + 10)
    const crc = zip.readUInt32LE(at + 16)
    const compressed = zip.readUInt32LE(at + 20)
    const size = zip.readUInt32LE(at + 24)
    const nameLength = zip.readUInt16LE(at + 28)
    const extra = zip.readUInt16LE(at + 30)
    const comment = zip.readUInt16LE(at + 32)
    const offset = zip.readUInt32LE(at + 42)
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString(flags & 0x800 ? 'utf8' : 'latin1')
    at += 46 + nameLength + extra + comment
    if (zip.readUInt32LE(offset) !== 0x04034b50) throw new Error(`bad local header for ${name}`)
    const localName = zip.subarray(offset + 30, offset + 30 + zip.readUInt16LE(offset + 26)).toString('utf8')
    if (localName !== name) throw new Error(`local name ${localName} != ${name}`)
    if (zip.readUInt32LE(offset + 14) !== crc || zip.readUInt32LE(offset + 18) !== compressed || zip.readUInt32LE(offset + 22) !== size) {
      throw new Error(`local header of ${name} disagrees with the central directory`)
    }
    const dataStart = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28)
    const raw = zip.subarray(dataStart, dataStart + compressed)
    const data = method === 8 ? inflateRawSync(raw) : method === 0 ? Buffer.from(raw) : undefined
    if (!data) throw new Error(`method ${method} of ${name}`)
    if (data.length !== size) throw new Error(`${name}: ${data.length} bytes, header says ${size}`)
    if (tableCrc32(data) !== crc) throw new Error(`${name}: CRC mismatch`)
    entries.push({ name, method, flags, data })
  }
  return entries
}
