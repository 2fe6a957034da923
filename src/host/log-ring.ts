// The host's recent log lines, kept in memory for the diagnostics bundle (logs/host.log). Bounded both
// by line count and by bytes, so a chatty device cannot grow the host. Lines are kept as logged:
// passwords and tokens are never logged in the first place, and the bundle redacts identifiers.

export interface LogRingOptions {
  /** Most lines kept; default 2000. */
  maxLines?: number
  /** Most UTF-8 bytes kept (lines plus their timestamps); default 512 KiB. */
  maxBytes?: number
  /** One line longer than this is cut (and says so); default 8 KiB. */
  maxLineBytes?: number
  now?: () => number
}

export interface LogEntry {
  at: number
  line: string
}

const encoder = new TextEncoder()

export class LogRing {
  private readonly entries: Array<LogEntry & { bytes: number }> = []
  private head = 0
  private bytes = 0
  private dropped = 0
  private readonly maxLines: number
  private readonly maxBytes: number
  private readonly maxLineBytes: number
  private readonly now: () => number

  constructor(options: LogRingOptions = {}) {
    this.maxLines = Math.max(1, options.maxLines ?? 2000)
    this.maxBytes = Math.max(64, options.maxBytes ?? 512 * 1024)
    this.maxLineBytes = Math.max(16, Math.min(options.maxLineBytes ?? 8 * 1024, this.maxBytes))
    this.now = options.now ?? Date.now
  }

  add(line: string): void {
    let text = line
    let bytes = encoder.encode(text).length
    if (bytes > this.maxLineBytes) {
      text = truncateUtf8(text, this.maxLineBytes - 32) + ` … [${bytes} bytes, cut]`
      bytes = encoder.encode(text).length
    }
    this.entries.push({ at: this.now(), line: text, bytes })
    this.bytes += bytes
    while (this.size > this.maxLines || (this.bytes > this.maxBytes && this.size > 1)) this.dropOldest()
    // Compact the backing array now and then instead of shifting on every drop.
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries.splice(0, this.head)
      this.head = 0
    }
  }

  /** Lines currently kept. */
  get size(): number {
    return this.entries.length - this.head
  }

  /** Bytes of the kept lines (UTF-8, without timestamps or newlines). */
  get byteSize(): number {
    return this.bytes
  }

  /** Lines dropped to stay within the bounds since the ring was made. */
  get droppedCount(): number {
    return this.dropped
  }

  /** The kept lines, oldest first. */
  snapshot(): LogEntry[] {
    return this.entries.slice(this.head).map(({ at, line }) => ({ at, line }))
  }

  /** "ISO-time line" per entry, with a first line saying how many older lines were dropped. */
  text(): string {
    const lines = this.snapshot().map(({ at, line }) => `${new Date(at).toISOString()} ${line}`)
    if (this.dropped > 0) lines.unshift(`(${this.dropped} older lines were dropped to keep this log small)`)
    return lines.length > 0 ? `${lines.join('\n')}\n` : ''
  }

  /** A log function that keeps each line here and passes it on. */
  tee(next?: (line: string) => void): (line: string) => void {
    return (line) => {
      this.add(line)
      next?.(line)
    }
  }

  private dropOldest(): void {
    const oldest = this.entries[this.head]
    if (!oldest) return
    this.bytes -= oldest.bytes
    this.head++
    this.dropped++
  }
}

/** The longest prefix of `text` that fits `maxBytes` of UTF-8 without splitting a character. */
function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0
  let end = 0
  for (const char of text) {
    const size = encoder.encode(char).length
    if (bytes + size > maxBytes) break
    bytes += size
    end += char.length
  }
  return text.slice(0, end)
}
