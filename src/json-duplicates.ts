// A body with the same key twice is refused: JSON.parse keeps the last one, while a proxy or WAF
// in front may read the first, and the two would judge different addresses (issue 22).

/**
 * Whether a JSON text holds an object with a key twice, at any depth. Text that is not valid JSON
 * gives false or true without harm: JSON.parse then refuses it (or this does, for a repeat).
 */
export function hasDuplicateKeys(text: string): boolean {
  // One set of keys per open object; null for an open array.
  const stack: (Set<string> | null)[] = []
  let expectKey = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x22) {
      let j = i + 1
      while (j < text.length && text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c ? 2 : 1
      if (j >= text.length) return false
      const keys = stack[stack.length - 1]
      if (expectKey && keys) {
        // Decoded, so "a" and "\u0061" are the same key.
        let key: string
        try {
          key = JSON.parse(text.slice(i, j + 1)) as string
        } catch {
          return false
        }
        if (keys.has(key)) return true
        keys.add(key)
      }
      expectKey = false
      i = j
    } else if (c === 0x7b) {
      stack.push(new Set())
      expectKey = true
    } else if (c === 0x5b) {
      stack.push(null)
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop()
      expectKey = false
    } else if (c === 0x2c) {
      expectKey = stack.at(-1) instanceof Set
    }
  }
  return false
}
