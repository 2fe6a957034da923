// A small ZIP writer (PKWARE APPNOTE 6.3.10): stored or deflated entries, CRC-32 and raw deflate from
// node:zlib, local file headers, a central directory and the end-of-central-directory record. Names are
// UTF-8 (general purpose flag bit 11, APPNOTE §4.4.4 and appendix D). No ZIP64: the bundle is far below
// 4 GiB and 65 535 entries, and add() refuses anything that would need it.
import { crc32, deflateRawSync } from 'node:zlib'

export interface ZipEntryOptions {
  /** Modification time written to the entry (DOS time, 2-second resolution, local fields as UTC). */
  date?: Date
  /** 'auto' (default) deflates unless that does not make the data smaller. */
  method?: 'store' | 'deflate' | 'auto'
}

interface WrittenEntry {
  name: Buffer
  crc: number
  method: number
  compressedSize: number
  size: number
  dosTime: number
  dosDate: number
  offset: number
}

const METHOD_STORE = 0
const METHOD_DEFLATE = 8
const FLAG_UTF8 = 0x0800
const VERSION_NEEDED = 20 // 2.0: deflate and folders
const VERSION_MADE_BY = (3 << 8) | 20 // UNIX, spec 2.0 (so unzip honours the file mode below)
const MAX_32 = 0xffffffff

export class ZipWriter {
  private readonly chunks: Buffer[] = []
  private readonly entries: WrittenEntry[] = []
  private readonly names = new Set<string>()
  private offset = 0

  /** Adds one file. `name` uses forward slashes and no leading slash (APPNOTE §4.4.17). */
  add(name: string, data: string | Uint8Array, options: ZipEntryOptions = {}): void {
    if (name === '' || name.startsWith('/') || name.includes('\\') || name.split('/').includes('..')) {
      throw new RangeError(`zip: "${name}" is not a relative path with forward slashes`)
    }
    if (this.names.has(name)) throw new RangeError(`zip: "${name}" is already in the archive`)
    const content = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    const nameBytes = Buffer.from(name, 'utf8')
    if (nameBytes.length > 0xffff) throw new RangeError('zip: entry name too long')
    if (this.entries.length >= 0xffff) throw new RangeError('zip: too many entries (ZIP64 is not written)')
    const method = options.method ?? 'auto'
    let body = content
    let methodId = METHOD_STORE
    if (method !== 'store') {
      const deflated = deflateRawSync(content, { level: 6 })
      if (method === 'deflate' || deflated.length < content.length) {
        body = deflated
        methodId = METHOD_DEFLATE
      }
    }
    if (content.length >= MAX_32 || body.length >= MAX_32 || this.offset + 30 + nameBytes.length + body.length >= MAX_32) {
      throw new RangeError('zip: the archive would need ZIP64, which this writer does not produce')
    }
    const { time, date } = dosDateTime(options.date ?? new Date())
    const entry: WrittenEntry = {
      name: nameBytes,
      crc: crc32(content) >>> 0,
      method: methodId,
      compressedSize: body.length,
      size: content.length,
      dosTime: time,
      dosDate: date,
      offset: this.offset
    }
    const header = Buffer.alloc(30)
    header.writeUInt32LE(0x04034b50, 0)
    header.writeUInt16LE(VERSION_NEEDED, 4)
    header.writeUInt16LE(FLAG_UTF8, 6)
    header.writeUInt16LE(entry.method, 8)
    header.writeUInt16LE(entry.dosTime, 10)
    header.writeUInt16LE(entry.dosDate, 12)
    header.writeUInt32LE(entry.crc, 14)
    header.writeUInt32LE(entry.compressedSize, 18)
    header.writeUInt32LE(entry.size, 22)
    header.writeUInt16LE(nameBytes.length, 26)
    header.writeUInt16LE(0, 28)
    this.push(header, nameBytes, body)
    this.entries.push(entry)
    this.names.add(name)
  }

  /** Names added so far, in order. */
  get entryNames(): string[] {
    return [...this.names]
  }

  /** The whole archive: entries, central directory, end record. */
  finish(comment = ''): Buffer {
    const commentBytes = Buffer.from(comment, 'utf8')
    if (commentBytes.length > 0xffff) throw new RangeError('zip: comment too long')
    const directoryStart = this.offset
    const directory: Buffer[] = []
    for (const entry of this.entries) {
      const record = Buffer.alloc(46)
      record.writeUInt32LE(0x02014b50, 0)
      record.writeUInt16LE(VERSION_MADE_BY, 4)
      record.writeUInt16LE(VERSION_NEEDED, 6)
      record.writeUInt16LE(FLAG_UTF8, 8)
      record.writeUInt16LE(entry.method, 10)
      record.writeUInt16LE(entry.dosTime, 12)
      record.writeUInt16LE(entry.dosDate, 14)
      record.writeUInt32LE(entry.crc, 16)
      record.writeUInt32LE(entry.compressedSize, 20)
      record.writeUInt32LE(entry.size, 24)
      record.writeUInt16LE(entry.name.length, 28)
      record.writeUInt16LE(0, 30) // extra
      record.writeUInt16LE(0, 32) // comment
      record.writeUInt16LE(0, 34) // disk
      record.writeUInt16LE(0, 36) // internal attributes
      record.writeUInt32LE((0o100644 << 16) >>> 0, 38) // external: a regular file, rw-r--r--
      record.writeUInt32LE(entry.offset, 42)
      directory.push(record, entry.name)
    }
    const directorySize = directory.reduce((sum, part) => sum + part.length, 0)
    const end = Buffer.alloc(22)
    end.writeUInt32LE(0x06054b50, 0)
    end.writeUInt16LE(0, 4)
    end.writeUInt16LE(0, 6)
    end.writeUInt16LE(this.entries.length, 8)
    end.writeUInt16LE(this.entries.length, 10)
    end.writeUInt32LE(directorySize, 12)
    end.writeUInt32LE(directoryStart, 16)
    end.writeUInt16LE(commentBytes.length, 20)
    return Buffer.concat([...this.chunks, ...directory, end, commentBytes])
  }

  private push(...parts: Buffer[]): void {
    for (const part of parts) {
      this.chunks.push(part)
      this.offset += part.length
    }
  }
}

/** MS-DOS date and time (APPNOTE §4.4.6), from the date's UTC fields; years before 1980 become 1980. */
export function dosDateTime(at: Date): { time: number; date: number } {
  const year = Math.min(2107, Math.max(1980, at.getUTCFullYear()))
  const time = (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2)
  const date = ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate()
  return { time, date }
}
