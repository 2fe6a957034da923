// A per-device limit on requests in flight. Pocket routers run a tiny web server that answers one request
// at a time and drops or garbles the rest under load (home-assistant/core#148127: timeouts flood and
// destabilise the device), so every HttpSession queues behind one of these (default: one in flight).

interface Waiter {
  grant: () => void
  reject: (reason: unknown) => void
  signal: AbortSignal | undefined
  onAbort: () => void
}

export class ConcurrencyLimit {
  private active = 0
  private readonly waiters: Waiter[] = []

  constructor(readonly limit: number = 1) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency limit must be a positive integer, got ${limit}`)
  }

  get inFlight(): number {
    return this.active
  }

  get queued(): number {
    return this.waiters.length
  }

  /** Run a task once a slot is free. A signal aborted while waiting removes the task from the queue. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal)
    try {
      return await task()
    } finally {
      this.release()
    }
  }

  /** Reject everything still waiting (the session is closing). Tasks already running are not touched. */
  rejectWaiting(reason: unknown): void {
    for (const waiter of this.waiters.splice(0)) {
      waiter.signal?.removeEventListener('abort', waiter.onAbort)
      waiter.reject(reason)
    }
  }

  private acquire(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason)
    if (this.active < this.limit) {
      this.active++
      return Promise.resolve()
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        signal,
        grant: () => {
          signal?.removeEventListener('abort', waiter.onAbort)
          resolve()
        },
        reject,
        onAbort: () => {
          const index = this.waiters.indexOf(waiter)
          if (index >= 0) this.waiters.splice(index, 1)
          reject(signal?.reason)
        }
      }
      signal?.addEventListener('abort', waiter.onAbort, { once: true })
      this.waiters.push(waiter)
    })
  }

  private release(): void {
    const next = this.waiters.shift()
    if (next) next.grant() // the slot passes straight to the next waiter
    else this.active--
  }
}
