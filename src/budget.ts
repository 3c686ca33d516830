// How much checking work each client may ask for: addresses a minute, not requests, so that a
// batch of 1,000 costs what 1,000 single checks cost. And how a long batch shares the event loop
// with the probes and the single checks that arrive while it runs.
import { setImmediate as yieldToLoop } from 'node:timers/promises'

/** Most clients kept at once: past it, windows that have ended are swept, then the oldest go. */
const MAX_CLIENTS = 100_000

export interface Charge {
  ok: boolean
  /** Seconds until the client's window ends (for Retry-After). */
  retryAfter: number
  /** What the client may still use in this window, after this charge. */
  remaining: number
}

/**
 * Fixed one-minute windows per client, charged in amounts. A charge that would go over the
 * limit is refused whole and charges nothing: a batch is checked entirely or not at all.
 */
export class AddressBudget {
  readonly #windows = new Map<string, { used: number; endsAt: number }>()

  constructor(
    readonly limit: number,
    readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  charge(client: string, amount: number): Charge {
    const now = this.now()
    let w = this.#windows.get(client)
    if (!w || w.endsAt <= now) {
      if (w) this.#windows.delete(client)
      else if (this.#windows.size >= MAX_CLIENTS) this.#sweep(now)
      w = { used: 0, endsAt: now + this.windowMs }
      this.#windows.set(client, w)
    }
    const retryAfter = Math.max(1, Math.ceil((w.endsAt - now) / 1000))
    if (w.used + amount > this.limit) return { ok: false, retryAfter, remaining: this.limit - w.used }
    w.used += amount
    return { ok: true, retryAfter, remaining: this.limit - w.used }
  }

  get clients(): number {
    return this.#windows.size
  }

  #sweep(now: number): void {
    for (const [client, w] of this.#windows) if (w.endsAt <= now) this.#windows.delete(client)
    // Still full (a flood of distinct clients within one window): the oldest tenth goes, so that
    // the next sweep is 10,000 new clients away and a flood costs no full scan per request.
    for (const client of this.#windows.keys()) {
      if (this.#windows.size <= MAX_CLIENTS * 0.9) break
      this.#windows.delete(client)
    }
  }
}

/**
 * Maps items synchronously, but gives the event loop back every `sliceMs` of work: a batch of
 * 1,000 new domains is 150-400 ms of checking, and a probe or a single check arriving meanwhile
 * should wait for a slice, not for the whole batch.
 */
export async function mapInSlices<T, R>(items: readonly T[], fn: (item: T) => R, sliceMs = 4): Promise<R[]> {
  const out = new Array<R>(items.length)
  let sliceStart = performance.now()
  for (let i = 0; i < items.length; i++) {
    out[i] = fn(items[i]!)
    // The clock is read every 16 items: a check is a few microseconds, the clock nearly as much.
    if ((i & 15) === 15 && performance.now() - sliceStart > sliceMs) {
      await yieldToLoop()
      sliceStart = performance.now()
    }
  }
  return out
}
