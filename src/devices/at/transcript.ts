// Every line in and out of an AT port, with a timestamp and how the engine classified it. Feeds the AT
// console and "copy diagnostics": when a modem misbehaves, the transcript is the first thing to look at.

export type TranscriptDirection = 'out' | 'in' | 'note'

export type TranscriptKind =
  | 'command' // a command line we sent
  | 'payload' // text after the SMS prompt (with Ctrl-Z) or ESC
  | 'echo' // our own command echoed back
  | 'info' // an information line of the outstanding command
  | 'final' // OK / ERROR / +CME ERROR …
  | 'urc' // routed to URC subscribers
  | 'prompt' // the "> " SMS prompt
  | 'dropped' // noise, a stray final, or a late reply of a timed-out command
  | 'sync' // resynchronisation after a timeout
  | 'timeout'
  | 'closed'
  | 'error'

export interface TranscriptEntry {
  /** Milliseconds since the epoch. */
  at: number
  direction: TranscriptDirection
  kind: TranscriptKind
  text: string
}

export class Transcript {
  private readonly entries: TranscriptEntry[] = []
  private readonly listeners = new Set<(entry: TranscriptEntry) => void>()

  constructor(private readonly limit: number) {}

  add(entry: TranscriptEntry): void {
    this.entries.push(entry)
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit)
    for (const listener of this.listeners) {
      try {
        listener(entry)
      } catch {
        // A broken console must not break the port.
      }
    }
  }

  /** The most recent entries, oldest first (a copy). */
  snapshot(): TranscriptEntry[] {
    return this.entries.slice()
  }

  subscribe(listener: (entry: TranscriptEntry) => void): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }
}
