// In-process part, run in a child of its own (node --expose-gc build/bench/micro.js): cost per
// address of the checking core against validator.js isEmail (syntax only) and
// deep-email-validator (regex, typo and disposable checks; MX and SMTP off), on the mixed set.
// Prints one JSON object on stdout.
import validator from 'validator'
import { validate as deepValidate } from 'deep-email-validator'
import { SAMPLE_PARTNERS_FILE } from '../src/config.js'
import { checkEmail, type CheckContext } from '../src/core/check.js'
import { loadBaseLists } from '../src/io/lists.js'
import { loadRegistryFile } from '../src/io/registry-file.js'
import { ADDRESSES, type Category } from './addresses.js'
import { productionCheckOptions } from './context.js'
import { AsyncBench, SyncBench, type Timing, type TimingOptions } from './lib.js'

const ROUNDS = Number(process.env.BENCH_MICRO_ROUNDS ?? 9)
const OPTIONS: TimingOptions = { warmupMs: 400, roundMs: 250, rounds: ROUNDS }

// The context as test/support/helpers.ts context() builds it, over the sample registry, with the
// options of the service's default configuration.
const lists = await loadBaseLists()
const ctx: CheckContext = { lists, registry: await loadRegistryFile(SAMPLE_PARTNERS_FILE, lists), options: productionCheckOptions() }

// The mix is what it claims to be: each address gets the verdict it stands for.
const mismatches: { email: string; expected: string; got: string }[] = []
for (const x of ADDRESSES) {
  const v = checkEmail(x.email, ctx, x.lang)
  const got = v.accepted ? 'ACCEPTED' : (v.reasons[0]?.code ?? '?')
  if (got !== x.expect) mismatches.push({ email: x.email, expected: x.expect, got })
}

const n = ADDRESSES.length
const emails = ADDRESSES.map((x) => x.email)
const core = new SyncBench(() => {
  let s = 0
  for (const x of ADDRESSES) s += checkEmail(x.email, ctx, x.lang).reasons.length
  return s
}, n, OPTIONS)
const isEmail = new SyncBench(() => {
  let s = 0
  for (const e of emails) if (validator.isEmail(e)) s++
  return s
}, n, OPTIONS)
const deep = new AsyncBench(async () => {
  let s = 0
  for (const e of emails) if ((await deepValidate({ email: e, validateMx: false, validateSMTP: false })).valid) s++
  return s
}, n, OPTIONS)

core.warmUp()
isEmail.warmUp()
await deep.warmUp()
// Rounds interleaved (core, isEmail, deep, core, …) so that drift of the machine hits all three.
const rounds = { core: [] as number[], isEmail: [] as number[], deep: [] as number[] }
for (let r = 0; r < ROUNDS; r++) {
  rounds.core.push(core.round())
  rounds.isEmail.push(isEmail.round())
  rounds.deep.push(await deep.round())
}

// The core per category, to see where its time goes (shorter rounds).
const perCategory: Record<string, number> = {}
for (const category of [...new Set(ADDRESSES.map((x) => x.category))] as Category[]) {
  const subset = ADDRESSES.filter((x) => x.category === category)
  const b = new SyncBench(() => {
    let s = 0
    for (const x of subset) s += checkEmail(x.email, ctx, x.lang).reasons.length
    return s
  }, subset.length, { warmupMs: 100, roundMs: 100, rounds: 5 })
  perCategory[category] = b.run().nsPerOp
}

const valid = {
  core: ADDRESSES.filter((x) => checkEmail(x.email, ctx, x.lang).syntaxValid).length,
  isEmail: emails.filter((e) => validator.isEmail(e)).length,
  deep: (await Promise.all(emails.map((e) => deepValidate({ email: e, validateMx: false, validateSMTP: false })))).filter((r) => r.valid).length,
}

const out: { addresses: number; mismatches: typeof mismatches; core: Timing; isEmail: Timing; deep: Timing; corePerCategory: Record<string, number>; validCount: typeof valid; sink: number } = {
  addresses: n,
  mismatches,
  core: core.result(rounds.core),
  isEmail: isEmail.result(rounds.isEmail),
  deep: deep.result(rounds.deep),
  corePerCategory: perCategory,
  validCount: valid,
  sink: core.sink + isEmail.sink + deep.sink,
}
process.stdout.write(`${JSON.stringify(out)}\n`)
