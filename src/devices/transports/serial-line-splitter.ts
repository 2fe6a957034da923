// Turns the byte stream of an AT port into lines. AT responses are framed by CR and/or LF (V1 sends
// "\r\n<text>\r\n"; Huawei puts several URCs on "\r\n…\r\r\n", device-protocols.md §4.1), so any run of CR/LF
// ends a line and empty lines vanish. The SMS input prompt "\r\n> " has no terminator at all, so it is
// detected on the unterminated tail. Bytes that are not valid UTF-8 and control characters are dropped: they
// are line noise (wrong baud rate, a port that is not the AT port), not text.

const CR = 0x0d
const LF = 0x0a
const PROMPT = '> '
/** A "line" longer than this without a terminator is noise; emit it so memory stays bounded. */
const DEFAULT_MAX_LINE_BYTES = 16 * 1024

// C0 controls (except TAB), DEL, and the replacement character the decoder puts where bytes were invalid.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f\ufffd]/g

export interface LineSplitterHandlers {
  line(text: string): void
  prompt(): void
}

export class LineSplitter {
  private pending: Buffer[] = []
  private pendingBytes = 0
  private readonly decoder = new TextDecoder('utf-8', { fatal: false })

  constructor(
    private readonly handlers: LineSplitterHandlers,
    private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES
  ) {}

  push(chunk: Uint8Array): void {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    let start = 0
    for (let index = 0; index < bytes.length; index++) {
      const byte = bytes[index]
      if (byte !== CR && byte !== LF) continue
      if (index > start) this.append(bytes.subarray(start, index))
      this.flush()
      start = index + 1
    }
    if (start < bytes.length) this.append(bytes.subarray(start))
    if (this.pendingBytes > this.maxLineBytes) this.flush()
    else this.checkPrompt()
  }

  /** Forget a partial line (after a reopen the tail belongs to nobody). */
  reset(): void {
    this.pending = []
    this.pendingBytes = 0
  }

  private append(part: Buffer): void {
    // Copy: the serial stream may reuse its pool buffer for the next read.
    this.pending.push(Buffer.from(part))
    this.pendingBytes += part.length
  }

  private flush(): void {
    if (this.pendingBytes === 0) return
    const text = this.decode()
    this.reset()
    if (text.length > 0) this.handlers.line(text)
  }

  private checkPrompt(): void {
    if (this.pendingBytes === 0 || this.pendingBytes > 8) return
    // 27.005 §3.5.1: after AT+CMGS the TA sends "<CR><LF><greater_than><space>" and waits for the PDU.
    if (this.decodeRaw().trimStart() === PROMPT) {
      this.reset()
      this.handlers.prompt()
    }
  }

  private decodeRaw(): string {
    return this.decoder.decode(Buffer.concat(this.pending, this.pendingBytes))
  }

  private decode(): string {
    return this.decodeRaw().replace(UNPRINTABLE, '').trim()
  }
}
