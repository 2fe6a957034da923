// Seeded randomness so a simulator run is reproducible: the same seed gives the same identities, the same
// signal walk and the same jitter. mulberry32 is small, fast and good enough for a simulation.

export interface Random {
  /** Uniform in [0, 1). */
  next(): number
  /** Integer in [min, max]. */
  int(min: number, max: number): number
  /** `count` decimal digits. */
  digits(count: number): string
}

export function createRandom(seed: number): Random {
  let a = seed >>> 0 || 0x9e3779b9
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    digits: (count) => {
      let out = ''
      for (let i = 0; i < count; i++) out += String(Math.floor(next() * 10))
      return out
    }
  }
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}
