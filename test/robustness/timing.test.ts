// Bounded time, shown by counting rather than by the clock (the project puts no timing
// thresholds in tests):
//
// 1. The shapes that make naive validators backtrack for ever — long runs of one character
//    before a missing @, runs of dots and hyphens, "a@" repeated, nested quotes, full-width runs,
//    10,000-character strings — at and beyond the longest input accepted, each get a verdict,
//    and the work the regular expression engine is given (how many matches are run, on how many
//    characters) grows at most linearly with the input.
// 2. That work is linear only if no regular expression can backtrack super-linearly: a
//    structural check reads every regular expression in src/ (literals and `new RegExp` of a
//    constant) and fails on the shapes that can (see `findBacktracking` below). SHOW_REGEXES=1
//    lists every one it checked.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import t from 'tap'
import ts from 'typescript'
import { checkEmail } from '../../src/core/check.js'
import { INPUT_MAX_LENGTH } from '../../src/core/syntax.js'
import { trimFormInput } from '../../src/core/text.js'
import { PACKAGE_ROOT } from '../../src/paths.js'
import { VerdictSchema } from '../../src/schemas.js'
import { context } from '../support/helpers.js'

const ctx = await context()

// --- 1. every hostile shape gets a verdict, with linear regex work ---------------------------

/** Counts what the regular expression engine is asked to do while `fn` runs. */
function regexWork<T>(fn: () => T): { result: T; runs: number; chars: number } {
  // RegExp.prototype.test, String.prototype.match/replace/split/search with a regex all go
  // through RegExp.prototype.exec once it is replaced (ECMA-262 RegExpExec), so this sees them.
  const original = RegExp.prototype.exec
  let runs = 0
  let chars = 0
  RegExp.prototype.exec = function (this: RegExp, s: string) {
    runs++
    const str = String(s)
    chars += str.length - (this.global || this.sticky ? this.lastIndex : 0)
    return original.call(this, str)
  }
  try {
    return { result: fn(), runs, chars }
  } finally {
    RegExp.prototype.exec = original
  }
}

const SIZES = [16, 64, 254, 255, 1000, INPUT_MAX_LENGTH, INPUT_MAX_LENGTH + 1, 4096, 10_000]

/** Each shape, given n, returns an input of about n code units. */
const SHAPES: Record<string, (n: number) => string> = {
  "'a'.repeat(n) + '@'": (n) => 'a'.repeat(n) + '@',
  "'a'.repeat(n) + '@x.com'": (n) => 'a'.repeat(n) + '@x.com',
  "'a@'.repeat(n)": (n) => 'a@'.repeat(n / 2),
  "'.'.repeat(n)": (n) => '.'.repeat(n),
  "'.'.repeat(n) + '@x.com'": (n) => '.'.repeat(n) + '@x.com',
  "'a' + '.'.repeat(n) + 'a@x.com'": (n) => `a${'.'.repeat(n)}a@x.com`,
  "'a.'.repeat(n) + '@x.com'": (n) => 'a.'.repeat(n / 2) + '@x.com',
  "'a.'.repeat(n) + 'a@x.com'": (n) => 'a.'.repeat(n / 2) + 'a@x.com',
  "'x@' + 'a.'.repeat(n) + 'com'": (n) => `x@${'a.'.repeat(n / 2)}com`,
  "'x@' + '.'.repeat(n) + 'com'": (n) => `x@${'.'.repeat(n)}com`,
  "'x@x.com' + '.'.repeat(n)": (n) => `x@x.com${'.'.repeat(n)}`,
  "'x@' + '-'.repeat(n) + '.com'": (n) => `x@${'-'.repeat(n)}.com`,
  "'x@a' + '-'.repeat(n) + 'a.com'": (n) => `x@a${'-'.repeat(n)}a.com`,
  "'x@' + 'a-'.repeat(n) + 'a.com'": (n) => `x@${'a-'.repeat(n / 2)}a.com`,
  "'x@' + 'xn--'.repeat(n) + '.com'": (n) => `x@${'xn--'.repeat(n / 4)}.com`,
  "'-'.repeat(n)": (n) => '-'.repeat(n),
  "'\"'.repeat(n)": (n) => '"'.repeat(n),
  "'\"' + 'a@'.repeat(n) + '\"@x.com'": (n) => `"${'a@'.repeat(n / 2)}"@x.com`,
  "'\"\\\\\"'.repeat(n) + '@x.com'": (n) => '"\\"'.repeat(n / 3) + '@x.com',
  "'('.repeat(n) + 'a@x.com' + ')'.repeat(n)": (n) => `${'('.repeat(n / 2)}a@x.com${')'.repeat(n / 2)}`,
  "'[' + '1.'.repeat(n) + ']'": (n) => `x@[${'1.'.repeat(n / 2)}1]`,
  "'ａ'.repeat(n) + '＠ｘ．ｃｏｍ'": (n) => 'ａ'.repeat(n) + '＠ｘ．ｃｏｍ',
  "'aａ'.repeat(n) + '@x.com'": (n) => 'aａ'.repeat(n / 2) + '@x.com',
  "'x@' + 'ｂ．'.repeat(n) + 'ｃｏｍ'": (n) => `x@${'ｂ．'.repeat(n / 2)}ｃｏｍ`,
  "'。'.repeat(n)": (n) => '。'.repeat(n),
  "'x@x.com' + '。'.repeat(n)": (n) => `x@x.com${'。'.repeat(n)}`,
  "'x' + '..'.repeat(n) + '@docomo.ne.jp'": (n) => `x${'..'.repeat(n / 2)}@docomo.ne.jp`,
  "'x@' + 'さ'.repeat(n) + '.jp'": (n) => `x@${'さ'.repeat(n)}.jp`,
  "'x@' + 'а'.repeat(n) + '.com' (Cyrillic)": (n) => `x@${'а'.repeat(n)}.com`,
  "'x@' + '\\u200b'.repeat(n) + 'a.com'": (n) => `x@${'\u200b'.repeat(n)}a.com`,
  "' '.repeat(n) + 'x@acme.co.jp' + ' '.repeat(n)": (n) => `${' '.repeat(n / 2)}x@acme.co.jp${' '.repeat(n / 2)}`,
  "'\\u3000'.repeat(n)": (n) => '\u3000'.repeat(n),
  "'a b'.repeat(n)": (n) => 'a b'.repeat(n / 3),
  "'\\ud800'.repeat(n)": (n) => '\ud800'.repeat(n),
  "'x@a' + 'a'.repeat(n) + '.com' (one long label)": (n) => `x@a${'a'.repeat(n)}.com`,
  "'x@' + ('a'.repeat(63) + '.').repeat(n) + 'com'": (n) => `x@${`${'a'.repeat(63)}.`.repeat(Math.max(1, Math.floor(n / 64)))}com`,
  'a mix of all of them': (n) => 'a.-@"ａ＠．。 \u200b\ud800'.repeat(Math.ceil(n / 12)).slice(0, n),
}

t.test('every catastrophic-backtracking shape gets a verdict, with regex work linear in its length', async (t) => {
  let worst = { ratio: 0, what: '' }
  for (const [name, shape] of Object.entries(SHAPES)) {
    const lines: string[] = []
    for (const n of SIZES) {
      const input = shape(n)
      const { result: v, runs, chars } = regexWork(() => checkEmail(input, ctx, 'ja'))
      const ok = VerdictSchema.safeParse(v).success && v.accepted === (v.reasons.length === 0) && (v.accepted || v.reasons.length > 0)
      if (!ok) t.fail(`${name} at n=${n}: not a well-formed verdict: ${JSON.stringify(v).slice(0, 500)}`)
      // Longer than any address can be: never accepted. (It is refused as too-long before any
      // per-character work, unless it is an address followed by a run of full stops: that one
      // is judged without them, as the address the person meant.)
      const trimmed = trimFormInput(input)
      if (trimmed.length > INPUT_MAX_LENGTH && v.accepted) t.fail(`${name} at n=${n} (${input.length} code units) is accepted`)
      if (trimmed.length > INPUT_MAX_LENGTH && !/[.。]$/.test(trimmed) && !v.reasons.some((r) => r.rule === 'too-long')) {
        t.fail(`${name} at n=${n} (${input.length} code units): expected the too-long rule, got ${JSON.stringify(v.reasons.map((r) => [r.code, r.rule]))}`)
      }
      // Linear: a few passes of the regex engine over the input, plus a constant.
      const work = runs + chars
      const ratio = work / Math.max(input.length, 1)
      if (ratio > worst.ratio && input.length >= 254) worst = { ratio, what: `${name} at n=${n}` }
      if (work > 8 * input.length + 4096) t.fail(`${name} at n=${n}: the regex engine did ${runs} runs over ${chars} characters for an input of ${input.length}`)
      lines.push(`${n}:${runs}/${chars}`)
    }
    t.pass(`${name} — regex runs/characters by n: ${lines.join(' ')}`)
  }
  t.comment(`most regex work per input character (n ≥ 254): ${worst.ratio.toFixed(2)}, for ${worst.what}`)
})

t.test('10,000-character strings of every kind get a verdict', async (t) => {
  // A deterministic generator (xorshift), so a failure names an input that can be rebuilt.
  let state = 0x9e3779b9
  const next = () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return state >>> 0
  }
  const alphabets = ['a.@-', 'a@."\\()[] ', 'ａ＠．。a@.', '\u200b\u00ad\ufeffa@.', 'さくら@.ｃｏｍ', '\ud800\udc00a@.', '\u0000\u001f\u007fa@.']
  let count = 0
  for (const alphabet of alphabets) {
    for (const length of [1024, 1025, 10_000]) {
      for (let k = 0; k < 5; k++) {
        let s = ''
        for (let i = 0; i < length; i++) s += alphabet[next() % alphabet.length]
        const { result: v, runs, chars } = regexWork(() => checkEmail(s, ctx, 'en'))
        if (!VerdictSchema.safeParse(v).success) t.fail(`no well-formed verdict for a ${length}-character string over ${JSON.stringify(alphabet)}`)
        if (runs + chars > 8 * s.length + 4096) t.fail(`regex work ${runs}/${chars} for a ${length}-character string over ${JSON.stringify(alphabet)}`)
        count++
      }
    }
  }
  t.pass(`${count} random long strings, each with a verdict and linear regex work`)
})

// --- 2. no regular expression in src/ can backtrack super-linearly ---------------------------
//
// A deliberately small detector. It parses each pattern into atoms (one-character matchers:
// literals, escapes, classes, "."), groups, alternations and quantifiers, and works out which
// characters an atom matches by running the atom itself over a set of probe characters (ASCII,
// Latin-1 and a sample of the other scripts and symbols an address can hold). It flags:
//
//   R1 nested quantifier — a repeated group (max > 1) holding an unbounded quantifier (+, *,
//      {n,}) with nothing mandatory between its iterations that the inner quantifier cannot
//      eat: (x+)+, (x*)*, (.*)+, (\w+\.?)+; but not (\d+\.)+, whose "." separates iterations.
//   R2 overlapping alternatives under a repeat — (x|x)+, (a|ab)*: the alternatives of a
//      repeated group can start with the same character.
//   R3 adjacent overlapping quantifiers — \d+\d*, (\w+)\w*, .*.*: two unbounded quantifiers
//      with only optional items between them, where a character that can end the first can
//      start the second.
//   R0 a RegExp built at run time from a non-constant string, which cannot be checked here —
//      unless it is a template listed in TEMPLATE_SAMPLES with the values it is built from,
//      in which case each value is put in and the result checked.
//
// It is conservative (it may flag a safe pattern, never the reverse for these shapes); a pattern
// it flags wrongly should be rewritten, not excused. Lookarounds are checked inside, backrefs
// count as "any character".

type Node =
  | { kind: 'atom'; set: Set<number> }
  | { kind: 'group'; alts: Node[][] }
  | { kind: 'assert' }
  | { kind: 'repeat'; node: Node; min: number; max: number }

const PROBES: number[] = []
for (let c = 0; c <= 0x36f; c++) PROBES.push(c)
for (const [lo, hi] of [
  [0x400, 0x45f],
  [0x660, 0x669],
  [0x2000, 0x206f],
  [0x2100, 0x2135],
  [0x2460, 0x2475],
  [0x2800, 0x2801],
  [0x2b27, 0x2b27],
  [0x3000, 0x30ff],
  [0x4e00, 0x4e10],
  [0xd800, 0xd800],
  [0xdc00, 0xdc00],
  [0xe000, 0xe000],
  [0xfeff, 0xfeff],
  [0xff01, 0xff9f],
  [0x1f4a9, 0x1f4a9],
]) {
  for (let c = lo!; c <= hi!; c++) PROBES.push(c)
}

const atomCache = new Map<string, Set<number>>()
function atomSet(source: string, flags: string): Set<number> {
  const key = `${flags}/${source}`
  let set = atomCache.get(key)
  if (!set) {
    set = new Set()
    const re = new RegExp(`^(?:${source})$`, flags.replace(/[gyd]/g, ''))
    PROBES.forEach((c, i) => {
      if (re.test(String.fromCodePoint(c))) set!.add(i)
    })
    atomCache.set(key, set)
  }
  return set
}
const ANY = new Set(PROBES.map((_, i) => i))

/**
 * Parses a pattern into the Node tree above, and the lookarounds found in it (which consume
 * nothing, so they are analysed on their own); throws on what it does not understand.
 */
function parsePattern(pattern: string, flags: string): { tree: Node[][]; lookarounds: Node[][][] } {
  const lookarounds: Node[][][] = []
  let i = 0
  const unicodeSets = flags.includes('v')
  const peek = () => pattern[i]
  function alternation(): Node[][] {
    const alts: Node[][] = [sequence()]
    while (peek() === '|') {
      i++
      alts.push(sequence())
    }
    return alts
  }
  function sequence(): Node[] {
    const seq: Node[] = []
    while (i < pattern.length && peek() !== '|' && peek() !== ')') {
      let node = atom()
      for (;;) {
        const q = quantifier()
        if (!q) break
        node = { kind: 'repeat', node, ...q }
      }
      seq.push(node)
    }
    return seq
  }
  function quantifier(): { min: number; max: number } | null {
    const c = peek()
    let q: { min: number; max: number } | null = null
    if (c === '*') q = { min: 0, max: Infinity }
    else if (c === '+') q = { min: 1, max: Infinity }
    else if (c === '?') q = { min: 0, max: 1 }
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i))
      if (!m) return null
      i += m[0].length - 1
      q = { min: Number(m[1]), max: m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]) }
    }
    if (!q) return null
    i++
    if (peek() === '?') i++ // lazy: the same backtracking, in another order
    return q
  }
  function atom(): Node {
    const start = i
    const c = pattern[i++]!
    if (c === '(') {
      let lookaround = false
      if (pattern.startsWith('?:', i)) i += 2
      else if (pattern.startsWith('?=', i) || pattern.startsWith('?!', i)) (i += 2), (lookaround = true)
      else if (pattern.startsWith('?<=', i) || pattern.startsWith('?<!', i)) (i += 3), (lookaround = true)
      else if (pattern.startsWith('?<', i)) i = pattern.indexOf('>', i) + 1
      const alts = alternation()
      if (pattern[i++] !== ')') throw new Error(`unbalanced ( at ${start}`)
      // A lookaround consumes nothing; what is inside it is still checked, on its own.
      if (lookaround) {
        lookarounds.push(alts)
        return { kind: 'assert' }
      }
      return { kind: 'group', alts }
    }
    if (c === '^' || c === '$') return { kind: 'assert' }
    if (c === '[') {
      let depth = 1
      while (i < pattern.length && depth > 0) {
        const d = pattern[i++]
        if (d === '\\') i++
        else if (d === '[' && unicodeSets) depth++
        else if (d === ']') depth--
      }
      return { kind: 'atom', set: atomSet(pattern.slice(start, i), flags) }
    }
    if (c === '\\') {
      const d = pattern[i++]!
      if (d === 'b' || d === 'B') return { kind: 'assert' }
      if (/[1-9]/.test(d) || (d === 'k' && peek() === '<')) {
        if (d === 'k') i = pattern.indexOf('>', i) + 1
        else while (/[0-9]/.test(peek() ?? '')) i++
        return { kind: 'atom', set: ANY }
      }
      if ((d === 'p' || d === 'P') && peek() === '{') i = pattern.indexOf('}', i) + 1
      else if (d === 'u' && peek() === '{') i = pattern.indexOf('}', i) + 1
      else if (d === 'u') i += 4
      else if (d === 'x') i += 2
      else if (d === 'c') i += 1
      return { kind: 'atom', set: atomSet(pattern.slice(start, i), flags) }
    }
    return { kind: 'atom', set: atomSet(pattern.slice(start, i), flags) }
  }
  const tree = alternation()
  if (i !== pattern.length) throw new Error(`unexpected ${pattern[i]} at ${i}`)
  return { tree, lookarounds }
}

const overlaps = (a: Set<number>, b: Set<number>): boolean => {
  for (const x of a) if (b.has(x)) return true
  return false
}
const union = (sets: Set<number>[]): Set<number> => {
  const out = new Set<number>()
  for (const s of sets) for (const x of s) out.add(x)
  return out
}
const nullable = (n: Node): boolean =>
  n.kind === 'assert' || (n.kind === 'repeat' && (n.min === 0 || nullable(n.node))) || (n.kind === 'group' && n.alts.some((a) => a.every(nullable)))
/** Every character the node can consume. */
const chars = (n: Node): Set<number> =>
  n.kind === 'atom' ? n.set : n.kind === 'repeat' ? chars(n.node) : n.kind === 'group' ? union(n.alts.flat().map(chars)) : new Set()
/** The characters a match of the sequence can start with. */
function firstOfSeq(seq: Node[]): Set<number> {
  const sets: Set<number>[] = []
  for (const n of seq) {
    sets.push(first(n))
    if (!nullable(n)) break
  }
  return union(sets)
}
const first = (n: Node): Set<number> =>
  n.kind === 'atom' ? n.set : n.kind === 'repeat' ? first(n.node) : n.kind === 'group' ? union(n.alts.map(firstOfSeq)) : new Set()
/** The characters a match of the node can end with. */
const last = (n: Node): Set<number> =>
  n.kind === 'atom' ? n.set : n.kind === 'repeat' ? last(n.node) : n.kind === 'group' ? union(n.alts.map((a) => firstOfSeq([...a].reverse().map(reverse)))) : new Set()
const reverse = (n: Node): Node =>
  n.kind === 'group' ? { kind: 'group', alts: n.alts.map((a) => [...a].reverse().map(reverse)) } : n.kind === 'repeat' ? { ...n, node: reverse(n.node) } : n
const unbounded = (n: Node): n is Extract<Node, { kind: 'repeat' }> => n.kind === 'repeat' && n.max === Infinity
/** The node can end (or start) with an unbounded quantifier: a+, or a group one ends, (x|a+). */
const endsUnbounded = (n: Node, end: 'last' | 'first'): boolean =>
  unbounded(n) ||
  (n.kind === 'group' &&
    n.alts.some((a) => {
      const m = end === 'last' ? a[a.length - 1] : a[0]
      return m !== undefined && endsUnbounded(m, end)
    }))
/** Unbounded quantifiers anywhere inside a sequence (including nested groups). */
function innerUnbounded(seq: Node[]): Extract<Node, { kind: 'repeat' }>[] {
  const out: Extract<Node, { kind: 'repeat' }>[] = []
  const walk = (n: Node): void => {
    if (unbounded(n)) out.push(n)
    if (n.kind === 'repeat') walk(n.node)
    if (n.kind === 'group') n.alts.flat().forEach(walk)
  }
  seq.forEach(walk)
  return out
}

function analyse(alts: Node[][]): string[] {
  const found: string[] = []
  const visitSeq = (seq: Node[]): void => {
    // R3: two unbounded quantifiers with only optional items between, overlapping at the seam.
    for (let a = 0; a < seq.length; a++) {
      if (!endsUnbounded(seq[a]!, 'last')) continue
      for (let b = a + 1; b < seq.length; b++) {
        const n = seq[b]!
        if (endsUnbounded(n, 'first') && overlaps(last(seq[a]!), first(n))) found.push('R3 adjacent overlapping quantifiers')
        if (!nullable(n)) break
      }
    }
    seq.forEach(visit)
  }
  const visit = (n: Node): void => {
    if (n.kind === 'repeat') {
      const body = n.node.kind === 'group' ? n.node.alts : [[n.node]]
      if (n.max > 1) {
        for (const alt of body) {
          // R1: an unbounded quantifier inside, not fenced off by a mandatory item it cannot eat.
          for (const inner of innerUnbounded(alt)) {
            const innerChars = chars(inner)
            const fenced = alt.some((m) => m !== inner && !nullable(m) && !overlaps(chars(m), innerChars))
            if (!fenced) found.push('R1 nested quantifier')
          }
        }
        // R2: alternatives of a repeated group that can start alike.
        const starts = body.map(firstOfSeq)
        for (let x = 0; x < starts.length; x++) for (let y = x + 1; y < starts.length; y++) if (overlaps(starts[x]!, starts[y]!)) found.push('R2 overlapping alternatives under a repeat')
      }
      visit(n.node)
    } else if (n.kind === 'group') n.alts.forEach(visitSeq)
  }
  alts.forEach(visitSeq)
  return found
}

/** The rules a pattern breaks (empty when it cannot backtrack super-linearly by these rules). */
function findBacktracking(pattern: string, flags = ''): string[] {
  const { tree, lookarounds } = parsePattern(pattern, flags)
  return [...new Set([tree, ...lookarounds].flatMap(analyse))]
}

interface FoundRegex {
  where: string
  /** The pattern, or null when it is not a constant. */
  pattern: string | null
  /** For a template literal: its cooked text, with ${…} as written. */
  template?: string
  flags: string
}

/**
 * RegExps built from a template whose substitutions come from a constant list: the template as
 * written in src/, and values to put in (a representative sample of that list).
 */
const TEMPLATE_SAMPLES: Record<string, string[]> = {
  // src/core/confusables.ts: one script property per entry of its SCRIPTS list.
  '\\p{Script_Extensions=${name}}': ['Latin', 'Han', 'Cyrillic', 'Katakana'],
}

/** Every regular expression literal and RegExp construction in a TypeScript file. */
function regexesIn(file: string): FoundRegex[] {
  const text = readFileSync(file, 'utf8')
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  const out: FoundRegex[] = []
  const where = (node: ts.Node) => `${relative(PACKAGE_ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`
  const constant = (node: ts.Node | undefined): string | null =>
    node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : null
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = node.getText(source)
      const end = literal.lastIndexOf('/')
      out.push({ where: where(node), pattern: literal.slice(1, end), flags: literal.slice(end + 1) })
    } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
      const [p, f] = node.arguments ?? []
      // A template, cooked (escapes resolved, as the RegExp receives it), ${…} as written.
      const template =
        p && ts.isTemplateExpression(p) ? p.head.text + p.templateSpans.map((s) => `\${${s.expression.getText(source)}}${s.literal.text}`).join('') : undefined
      out.push({ where: where(node), pattern: constant(p), ...(template ? { template } : {}), flags: f === undefined ? '' : (constant(f) ?? '?') })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return out
}

t.test('the detector flags the classic catastrophic shapes and passes linear ones', async (t) => {
  const bad = [
    '(a+)+',
    '(a*)*',
    '(.*)+',
    '^(a+)+$',
    '(a|a)+',
    '(a|ab)*c',
    '(\\w+\\.?)+@',
    '^(([a-z])+.)+[A-Z]([a-z])+$',
    '^(\\w+\\s?)*$',
    '\\d+\\d+',
    '(\\w+)*\\w*',
    '.*.*=.*',
    '^[a-z]+(?:x*)*$',
    '(?=(a+)+)b',
    '([a-z]+-?)+\\.com',
    '(\\w+)\\w+$',
  ]
  const good = [
    '^[a-z]+$',
    '^(\\d+\\.)+\\d+$',
    '^[A-Za-z0-9._:-]{1,128}$',
    '^https?:\\/\\/[A-Za-z0-9.-]+(:\\d{1,5})?$',
    '[\\s/,]+',
    'a+b+',
    '^\\p{L}+$',
    '(?:ab)+',
    '(a+b)+',
    '^\\[(.+)\\](?::(\\d+))?$',
    '\\s*\\S*',
  ]
  for (const p of bad) t.ok(findBacktracking(p, p.includes('\\p') ? 'u' : '').length > 0, `flags /${p}/ (${findBacktracking(p).join(', ')})`)
  for (const p of good) t.same(findBacktracking(p, p.includes('\\p') ? 'u' : ''), [], `passes /${p}/`)
})

t.test('no regular expression in src/ can backtrack super-linearly', async (t) => {
  const srcDir = join(PACKAGE_ROOT, 'src')
  const files = (readdirSync(srcDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(srcDir, f))
  t.ok(files.length > 0, `${files.length} source files`)
  let count = 0
  for (const file of files) {
    for (const r of regexesIn(file)) {
      count++
      if (process.env.SHOW_REGEXES) t.comment(`${r.where} /${r.pattern ?? r.template}/${r.flags}`)
      const samples = r.template === undefined ? undefined : TEMPLATE_SAMPLES[r.template]
      if ((r.pattern === null && !samples) || r.flags === '?') {
        t.fail(`R0 ${r.where}: a RegExp built at run time from a non-constant string (${r.template ?? 'an expression'}) cannot be checked; build it from a literal, or list the template in TEMPLATE_SAMPLES`)
        continue
      }
      // A template's ${…} are filled in with each sample value, and each result is checked.
      const patterns = samples ? samples.map((v) => r.template!.replace(/\$\{[^}]*\}/g, v)) : [r.pattern!]
      for (const pattern of patterns) {
        let found: string[]
        try {
          found = findBacktracking(pattern, r.flags)
        } catch (err) {
          t.fail(`${r.where}: /${pattern}/${r.flags} could not be parsed by the detector: ${(err as Error).message}`)
          continue
        }
        if (found.length) t.fail(`${r.where}: /${pattern}/${r.flags} can backtrack super-linearly: ${found.join('; ')}`)
      }
    }
  }
  t.ok(count > 0, `${count} regular expressions checked`)
})
