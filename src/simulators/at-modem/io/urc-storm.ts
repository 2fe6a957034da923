// A URC storm: firmware that floods the port with unsolicited lines (Huawei ^RSSI/^HCSQ/^BOOT, ZTE
// +ZUSIMR:2, Quectel +QIND — reference device-protocols.md §4.5–§4.7, §7 "disable URC floods"). The rate is
// kept on average even when timers fire late; each URC is handed to the serial line, which only places it
// at a line boundary.
import type { Random } from '../state/random'

export interface UrcStorm {
  stop(): void
  /** Resolves with the number of URCs sent when the storm ends. */
  done: Promise<number>
}

export interface UrcStormOptions {
  ratePerSecond: number
  durationMs: number
}

export function runUrcStorm(
  options: UrcStormOptions,
  deps: { emit(text: string): void; vocabulary(): string[]; random: Random; onEnd(): void }
): UrcStorm {
  let sent = 0
  let finish!: (count: number) => void
  const done = new Promise<number>((resolve) => (finish = resolve))
  const started = Date.now()
  const limit = Math.floor((options.durationMs * options.ratePerSecond) / 1000)
  const period = Math.max(1, Math.floor(1000 / options.ratePerSecond))
  let running = true
  const stop = () => {
    if (!running) return
    running = false
    clearInterval(timer)
    finish(sent)
    deps.onEnd()
  }
  const timer = setInterval(() => {
    const elapsed = Date.now() - started
    const due = Math.min(Math.floor((elapsed * options.ratePerSecond) / 1000), limit)
    const vocabulary = deps.vocabulary()
    while (sent < due && vocabulary.length > 0) {
      deps.emit(vocabulary[deps.random.int(0, vocabulary.length - 1)] as string)
      sent++
    }
    if (elapsed >= options.durationMs) stop()
  }, period)
  return { stop, done }
}
