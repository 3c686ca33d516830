// Did-you-mean: finds the known domain a typed domain is one or two edits away from. An index
// of deletion neighbourhoods (SymSpell): every target is stored under each string reachable
// from it by deleting up to `maxDistance` characters; a query looks up its own deletions and
// verifies the few candidates with the edit distance. A query costs a few dozen map lookups
// whatever the number of targets.
import { editDistance } from './edit-distance.js'

function deletions(word: string, depth: number, out: Set<string>): void {
  for (let i = 0; i < word.length; i++) {
    const d = word.slice(0, i) + word.slice(i + 1)
    if (!out.has(d)) {
      out.add(d)
      if (depth > 1) deletions(d, depth - 1, out)
    }
  }
}

export class TypoIndex {
  readonly #byDeletion = new Map<string, number[]>()
  readonly #targets: string[] = []
  #shortest = Infinity
  #longest = 0

  /** @param targets in order of preference: the first wins among equally close targets. */
  constructor(
    targets: Iterable<string>,
    readonly maxDistance: 1 | 2,
  ) {
    for (const target of targets) {
      const index = this.#targets.push(target) - 1
      this.#shortest = Math.min(this.#shortest, target.length)
      this.#longest = Math.max(this.#longest, target.length)
      const keys = new Set([target])
      deletions(target, maxDistance, keys)
      for (const key of keys) {
        const list = this.#byDeletion.get(key)
        if (list) list.push(index)
        else this.#byDeletion.set(key, [index])
      }
    }
  }

  /** The targets, in order of preference. */
  get targets(): readonly string[] {
    return this.#targets
  }

  get size(): number {
    return this.#targets.length
  }

  /**
   * The closest target within the index's distance (adjacent swaps count as one edit), or null.
   * Short names allow one edit only: two edits away from "au.com" is almost anything.
   */
  closest(word: string): { target: string; distance: number } | null {
    const limit = word.length < 8 ? 1 : this.maxDistance
    // Far longer or shorter than every target: nothing to find, and nothing to enumerate.
    if (word.length > this.#longest + limit || word.length < this.#shortest - limit) return null
    const keys = new Set([word])
    deletions(word, limit, keys)
    let best: { target: string; distance: number; index: number } | null = null
    for (const key of keys) {
      for (const index of this.#byDeletion.get(key) ?? []) {
        const target = this.#targets[index]!
        if (target === word || target.length < 4) continue
        const distance = editDistance(word, target, limit)
        if (distance > limit || (target.length < 8 && distance > 1)) continue
        if (!best || distance < best.distance || (distance === best.distance && index < best.index)) best = { target, distance, index }
      }
    }
    return best && { target: best.target, distance: best.distance }
  }
}
