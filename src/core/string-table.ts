// A hash table from strings to values for the partner registry's million domains, and the
// string hash it uses, which the public-suffix check shares.

/**
 * Strings to values, for the registry's million domains. There V8's Map costs several cache
 * misses per insert and lookup (the bucket, each chained entry, each candidate key's string),
 * and those were a third of the load of a million domains. This table keeps each key's hash beside
 * its index in one typed array, so that a lookup reads one slot and, only when the hashes match,
 * one key. A key can also be looked up as the tail of a longer string (a domain's parent)
 * without slicing that out. No deletes: nothing here needs them.
 */
export class StringTable<V> {
  readonly keys: string[] = []
  readonly values: V[] = []
  /** (hash, index + 1) pairs, index 0 for an empty slot; linear probing, at most half full. */
  #slots: Int32Array
  #mask: number
  /**
   * For a table that is looked up far more than it is filled, and mostly for keys it does not
   * hold: a bit set at each key's hash (four bits a slot, eight or more a key), so that most
   * misses are answered from a bitmap small enough to stay in cache, without reading a slot.
   * Null when not asked for.
   */
  #bits: Int32Array | null = null

  /**
   * @param expected keys expected, so that the table need not grow to hold them
   * @param filtered keep the bitmap of hashes that answers most misses
   */
  constructor(expected = 0, { filtered = false } = {}) {
    let slots = 16
    while (slots < 2 * expected) slots *= 2
    this.#slots = new Int32Array(2 * slots)
    this.#mask = slots - 1
    if (filtered) this.#bits = new Int32Array(slots / 8)
  }

  get size(): number {
    return this.keys.length
  }

  /** The value of the key s, or of s from `start` on. */
  get(s: string, start = 0): V | undefined {
    const hash = hashOf(s, start)
    if (!this.#mayHold(hash)) return undefined
    const at = this.#slots[2 * this.#slotOf(s, start, hash) + 1]!
    return at === 0 ? undefined : this.values[at - 1]
  }

  has(s: string, start = 0): boolean {
    const hash = hashOf(s, start)
    return this.#mayHold(hash) && this.#slots[2 * this.#slotOf(s, start, hash) + 1] !== 0
  }

  #mayHold(hash: number): boolean {
    const bits = this.#bits
    if (bits === null) return true
    const bit = hash & (32 * bits.length - 1)
    return (bits[bit >>> 5]! & (1 << (bit & 31))) !== 0
  }

  /**
   * Reads the slots where these keys would go, so that adding them soon after finds those in
   * cache. In a table larger than the cache each add waits for memory; reads made back to back
   * by a short loop, with nothing waiting on each, wait together. Gives the keys' hashes, for
   * add (valid until the next call).
   */
  warm(keys: readonly string[]): Int32Array {
    let hashes = this.#hashes
    if (hashes.length < keys.length) hashes = this.#hashes = new Int32Array(2 * keys.length)
    for (let k = 0; k < keys.length; k++) hashes[k] = hashOf(keys[k]!, 0)
    const slots = this.#slots
    const mask = this.#mask
    let sum = 0
    for (let k = 0; k < keys.length; k++) sum ^= slots[2 * (hashes[k]! & mask) + 1]!
    // Kept, so that the compiler cannot leave the reads out.
    this.#warmth ^= sum
    return hashes
  }

  #hashes = new Int32Array(0)
  #warmth = 0

  /**
   * Adds a key that is not there yet and gives -1; for one that is, gives its index in keys and
   * values. The key's hash may be given, as warm() gives it.
   */
  add(key: string, value: V, hash = hashOf(key, 0)): number {
    let slot = this.#slotOf(key, 0, hash)
    const at = this.#slots[2 * slot + 1]!
    if (at !== 0) return at - 1
    if (2 * (this.keys.length + 1) > this.#mask + 1) {
      this.#grow()
      slot = this.#slotOf(key, 0, hash)
    }
    this.#slots[2 * slot] = hash
    this.#slots[2 * slot + 1] = this.keys.push(key)
    this.values.push(value)
    const bits = this.#bits
    if (bits !== null) {
      const bit = hash & (32 * bits.length - 1)
      bits[bit >>> 5]! |= 1 << (bit & 31)
    }
    return -1
  }

  set(key: string, value: V): void {
    const at = this.add(key, value)
    if (at >= 0) this.values[at] = value
  }

  /** The slot that holds s from `start` on, or the empty slot where it would go. */
  #slotOf(s: string, start: number, hash: number): number {
    const slots = this.#slots
    const length = s.length - start
    let i = hash & this.#mask
    for (let at = slots[2 * i + 1]!; at !== 0; at = slots[2 * i + 1]!) {
      if (slots[2 * i] === hash) {
        const key = this.keys[at - 1]!
        if (key.length === length && s.startsWith(key, start)) break
      }
      i = (i + 1) & this.#mask
    }
    return i
  }

  #grow(): void {
    const old = this.#slots
    this.#mask = 2 * this.#mask + 1
    const slots = (this.#slots = new Int32Array(2 * (this.#mask + 1)))
    for (let j = 0; j < old.length; j += 2) {
      if (old[j + 1] === 0) continue
      let i = old[j]! & this.#mask
      while (slots[2 * i + 1] !== 0) i = (i + 1) & this.#mask
      slots[2 * i] = old[j]!
      slots[2 * i + 1] = old[j + 1]!
    }
  }
}

/** FNV-1a of s from `start` on, its bits mixed (as murmur3 finishes) so that the low ones pick a slot well. */
export function hashOf(s: string, start: number): number {
  let h = 0x811c9dc5
  for (let i = start; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return h ^ (h >>> 16)
}
