// A body with the same key twice is refused: JSON.parse keeps the last one, while a proxy or WAF
// in front may read the first, and the two would judge different addresses (issue 22).
import { codeUnit } from './core/text.js'

/**
 * Whether a JSON text holds an object with a key twice, at any depth. Text that is not valid JSON
 * gives false or true without harm: JSON.parse then refuses it (or this does, for a repeat).
 */
export function hasDuplicateKeys(text: string): boolean {
  // The keys of each open object, in a set made at its second key (most bodies have one or two);
  // null for an open array. Every request's body passes here: no work it does not need.
  const stack: (Set<string> | string | undefined | null)[] = []
  let expectKey = false
  for (let i = 0, n = text.length; i < n; i++) {
    const c = codeUnit(text, i)
    if (c === 0x22) {
      let j = i + 1
      let escaped = false
      for (; j < n; j++) {
        const d = codeUnit(text, j)
        if (d === 0x22) break
        if (d === 0x5c) {
          escaped = true
          j++
        }
      }
      if (j >= n) return false
      const top = stack.length - 1
      const keys = stack[top]
      if (expectKey && keys !== null) {
        // Decoded, so "a" and "\u0061" are the same key.
        const key = escaped ? decode(text.slice(i, j + 1)) : text.slice(i + 1, j)
        if (key === null) return false
        if (keys === undefined) stack[top] = key
        else if (typeof keys === 'string') {
          if (keys === key) return true
          stack[top] = new Set([keys, key])
        } else {
          if (keys.has(key)) return true
          keys.add(key)
        }
      }
      expectKey = false
      i = j
    } else if (c === 0x7b) {
      stack.push(undefined)
      expectKey = true
    } else if (c === 0x5b) {
      stack.push(null)
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop()
      expectKey = false
    } else if (c === 0x2c) {
      expectKey = stack.length > 0 && stack[stack.length - 1] !== null
    }
  }
  return false
}

function decode(quoted: string): string | null {
  try {
    return JSON.parse(quoted) as string
  } catch {
    return null
  }
}
