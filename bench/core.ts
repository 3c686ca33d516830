// Part 2, in process: the checking core's cost per address against validator.js isEmail and
// deep-email-validator. The measurement itself runs in a child of its own (bench/micro.ts,
// --expose-gc); this side starts it and prints what it found.
import { fmt } from './format.js'
import { benchFile, runJsonChild, type Timing } from './lib.js'
import { log } from './settings.js'

/** What bench/micro.ts prints. */
export interface MicroResult {
  addresses: number
  mismatches: { email: string; expected: string; got: string }[]
  core: Timing
  isEmail: Timing
  deep: Timing
  corePerCategory: Record<string, number>
  validCount: { core: number; isEmail: number; deep: number }
}

export async function corePerAddress(): Promise<MicroResult> {
  const r = await runJsonChild<MicroResult>(['--expose-gc', benchFile('micro.js')], 300_000)
  log(`  core ${fmt(r.core.nsPerOp, 0)} ns, isEmail ${fmt(r.isEmail.nsPerOp, 0)} ns, deep-email-validator ${fmt(r.deep.nsPerOp, 0)} ns per address`)
  for (const m of r.mismatches) log(`  note: ${JSON.stringify(m.email)} expected ${m.expected}, got ${m.got}`)
  return r
}
