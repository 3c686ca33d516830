// One module of the checking core at a time, against the test files that import it directly
// (its mirror test and the few others that name it): `MUTATION_MODULE=roles npm run mutation:module`.
// The whole-core run (stryker.config.json) runs every core test file that loads a module,
// and almost all of them load the shipped lists: ~20-60 s a mutant on a shared machine. Fewer
// test files can only kill fewer mutants, so a score measured here is a lower bound of that run's.
import { existsSync, readdirSync, readFileSync } from 'node:fs'

const module = process.env.MUTATION_MODULE
if (!module || !/^[a-z-]+$/.test(module)) throw new Error('MUTATION_MODULE: a module of src/core, such as roles')
const base = JSON.parse(readFileSync(new URL('./stryker.config.json', import.meta.url), 'utf8'))
const tests = readdirSync(new URL('./test/core/', import.meta.url))
  .filter((f) => f.endsWith('.test.ts'))
  // Its mirror test, and every other that imports it (a module reached only through another,
  // domain-facts.ts through check.ts, is tested through its mirror test's imports).
  .filter((f) => f === `${module}.test.ts` || readFileSync(new URL(`./test/core/${f}`, import.meta.url), 'utf8').includes(`/src/core/${module}.js'`))
// MUTATION_TESTS adds the mirror tests of the modules that build on this one (a schema's tests
// are mostly its compiler's): a comma-separated list of names in test/core.
for (const extra of (process.env.MUTATION_TESTS ?? '').split(',').filter(Boolean)) {
  if (!/^[a-z-]+$/.test(extra) || !existsSync(new URL(`./test/core/${extra}.test.ts`, import.meta.url))) throw new Error(`MUTATION_TESTS: no test/core/${extra}.test.ts`)
  if (!tests.includes(`${extra}.test.ts`)) tests.push(`${extra}.test.ts`)
}
if (tests.length === 0) throw new Error(`MUTATION_MODULE: no test file in test/core is src/core/${module}.js's or imports it`)

export default {
  ...base,
  mutate: [`src/core/${module}.ts`],
  tap: { ...base.tap, testFiles: tests.map((f) => `build-mutation/test/core/${f.replace(/\.ts$/, '.js')}`) },
  jsonReporter: { fileName: `reports/mutation/${module}.json` },
  incremental: true,
  incrementalFile: `reports/mutation/${module}.incremental.json`,
  tempDirName: `.stryker-tmp-${module}`,
}
