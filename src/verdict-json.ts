// The JSON of a verdict, written from fragments. JSON.stringify of a verdict walks and escapes its
// long Japanese messages on every request. The parts of a verdict that check.ts shares between
// verdicts (a domain's reasons and partners, warnings, the partner type) are frozen; each frozen
// object is stringified once and its JSON reused, and what varies (the address, its forms, the
// booleans) is written each time.
//
// The output parses to what JSON.stringify gives, with the keys in the order of VerdictSchema: the
// tests hold the two together over the address corpus and generated verdicts.
import { mapInSlices } from './budget.js'
import { codeUnit } from './core/text.js'
import type { Verdict } from './schemas.js'

/** The JSON of each frozen object seen; an object no verdict holds any more is dropped by GC. */
const ENCODED = new WeakMap<object, string>()

function json(value: object): string {
  // Looked up first: a hit needs no isFrozen (a call into the runtime), and most parts are hits.
  let s = ENCODED.get(value)
  if (s !== undefined) return s
  s = JSON.stringify(value)
  if (Object.isFrozen(value)) ENCODED.set(value, s)
  return s
}

const str = (s: string | null): string => (s === null ? 'null' : plain(s) ? `"${s}"` : JSON.stringify(s))

/**
 * True when JSON writes the string as it is, between quotes: printable ASCII, no quote and no
 * backslash, as nearly every address is. Cheaper to see than JSON.stringify is to call.
 */
function plain(s: string): boolean {
  for (let i = 0, n = s.length; i < n; i++) {
    const c = codeUnit(s, i)
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return false
  }
  return true
}

function list(items: readonly object[]): string {
  const whole = ENCODED.get(items)
  if (whole !== undefined) return whole
  if (Object.isFrozen(items)) return json(items)
  let out = '['
  for (let i = 0, n = items.length; i < n; i++) out += i === 0 ? json(items[i]!) : `,${json(items[i]!)}`
  return `${out}]`
}

/** POST /validate-email's answer: a verdict's JSON. */
export function verdictJson(v: Verdict): string {
  // An address's forms are often the same text: written (and looked at) once.
  const email = str(v.email)
  const normalized = v.normalized === v.email ? email : str(v.normalized)
  const ascii = v.ascii === v.normalized ? normalized : str(v.ascii)
  return (
    `{"email":${email},"normalized":${normalized},"ascii":${ascii},"domain":${str(v.domain)},` +
    `"syntaxValid":${v.syntaxValid ? 'true' : 'false'},"accepted":${v.accepted ? 'true' : 'false'},"reasons":${list(v.reasons)},"warnings":${list(v.warnings)},` +
    `"partners":${list(v.partners)},"suggestion":${str(v.suggestion)},"partnerType":${v.partnerType === null ? 'null' : json(v.partnerType)},` +
    `"deliverability":${v.deliverability === null ? 'null' : JSON.stringify(v.deliverability)},"trimmed":${v.trimmed ? 'true' : 'false'},"lang":"${v.lang}"}`
  )
}

/** Batch answers already written in slices (see batchInSlices), by the body object returned. */
const WRITTEN = new WeakMap<object, Buffer>()

/**
 * POST /validate-email/batch's answer: `{"results": [verdict, …]}`, as UTF-8 bytes when
 * batchInSlices wrote them (always, on the route).
 */
export function batchJson(body: { results: readonly Verdict[] }): string | Buffer {
  return WRITTEN.get(body) ?? `{"results":[${body.results.map(verdictJson).join(',')}]}`
}

/**
 * A batch answer written now, a slice at a time, for batchJson to return: 1,000 verdicts are
 * ~700 KB of JSON and several milliseconds of writing, which a probe arriving meanwhile should
 * not have to wait for whole. Each verdict is encoded straight into the answer's bytes: one
 * string of the whole answer (Japanese messages make it two-byte) cost a copy to flatten it, a
 * pass to measure its UTF-8 length and another to encode it when sent, ~10 ms of a 1,000-address
 * batch.
 */
export async function batchInSlices(results: Verdict[]): Promise<{ results: Verdict[] }> {
  const body = { results }
  const texts = await mapInSlices(results, verdictJson)
  // Room for the worst case, three bytes a UTF-16 unit; what is not used is left to the GC.
  let room = 16
  for (const text of texts) room += 3 * text.length + 1
  const out = Buffer.allocUnsafe(room)
  let at = out.write('{"results":[', 0, 'latin1')
  for (let i = 0; i < texts.length; i++) {
    if (i > 0) out[at++] = 0x2c
    at += out.write(texts[i]!, at)
  }
  at += out.write(']}', at, 'latin1')
  WRITTEN.set(body, out.subarray(0, at))
  return body
}
