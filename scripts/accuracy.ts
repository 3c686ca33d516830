// `npm run accuracy`: scores the service's verdicts against accuracy/corpus.json, real domains by
// class and region written from public references (never from a list the service uses). With
// ACCURACY_URL it asks a running service; otherwise it builds the app in-process as the server
// does, with the sample partner registry (so an organisation's right answer is NOT_PARTNER).
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { PACKAGE_ROOT } from '../src/paths.js'

export type Expected = 'organisation' | 'free' | 'disposable'
export interface CorpusEntry {
  domain: string
  class: Expected
  region: string
  kind: string
  reference: string
}
/** What a verdict said of a domain, in the corpus's terms; anything else is named by its code. */
export type Answer = Expected | string

export const CORPUS = join(PACKAGE_ROOT, 'accuracy', 'corpus.json')

/** The corpus's class a verdict's reason codes amount to. */
export function answerOf(codes: readonly string[]): Answer {
  if (codes.includes('DISPOSABLE')) return 'disposable'
  if (codes.includes('FREE_MAIL')) return 'free'
  const other = codes.filter((c) => c !== 'NOT_PARTNER' && c !== 'PARTNER_TYPE_MISMATCH')
  // Accepted, or refused only as not (yet) a partner: the domain was taken as a company's.
  return other.length === 0 ? 'organisation' : other.join('+')
}

export interface Scored {
  entry: CorpusEntry
  answer: Answer
}

/** Rows per class and region, a total row per class and an overall row; then the misses. */
export function report(scored: readonly Scored[]): string {
  const rows = new Map<string, { right: number; total: number }>()
  const count = (key: string, right: boolean): void => {
    const row = rows.get(key) ?? { right: 0, total: 0 }
    row.total++
    if (right) row.right++
    rows.set(key, row)
  }
  for (const { entry, answer } of scored) {
    const right = answer === entry.class
    count(`${entry.class}\t${entry.region}`, right)
    count(`${entry.class}\tall`, right)
    count('all\tall', right)
  }
  const pct = (r: { right: number; total: number }): string => `${((100 * r.right) / r.total).toFixed(1)} %`
  const lines = ['| class | region | right | of | share |', '| --- | --- | ---: | ---: | ---: |']
  for (const [key, r] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
    const [cls, region] = key.split('\t') as [string, string]
    lines.push(`| ${cls} | ${region} | ${r.right} | ${r.total} | ${pct(r)} |`)
  }
  const misses = scored.filter(({ entry, answer }) => answer !== entry.class)
  lines.push('', misses.length === 0 ? 'No misses.' : `Misses (${misses.length}):`)
  for (const { entry, answer } of misses) lines.push(`- ${entry.domain} (${entry.class}, ${entry.region}): answered ${answer}`)
  return lines.join('\n')
}

/** Asks for one domain's verdict: the reason codes of an address there. */
export type Ask = (domain: string) => Promise<string[]>

const payload = (domain: string) => ({ email: `taro.yamada@${domain}` })
const codesOf = (body: unknown): string[] => (body as { reasons: { code: string }[] }).reasons.map((r) => r.code)

/** Asks an app built in-process, as the server builds it. */
export const askApp =
  (app: FastifyInstance): Ask =>
  async (domain) =>
    codesOf((await app.inject({ method: 'POST', url: '/validate-email', payload: payload(domain) })).json())

/** Asks a running service over HTTP. */
export const askUrl =
  (base: string): Ask =>
  async (domain) => {
    const res = await fetch(new URL('/validate-email', base), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload(domain)) })
    return codesOf(await res.json())
  }

export async function loadCorpus(file = CORPUS): Promise<CorpusEntry[]> {
  return (JSON.parse(await readFile(file, 'utf8')) as { entries: CorpusEntry[] }).entries
}

export async function score(corpus: readonly CorpusEntry[], ask: Ask): Promise<Scored[]> {
  const scored: Scored[] = []
  for (const entry of corpus) scored.push({ entry, answer: answerOf(await ask(entry.domain)) })
  return scored
}

/** The table for the corpus: from ACCURACY_URL's service, or an app built from the environment. */
export async function run(env: NodeJS.ProcessEnv): Promise<string> {
  const corpus = await loadCorpus()
  if (env.ACCURACY_URL) return report(await score(corpus, askUrl(env.ACCURACY_URL)))
  const app = await buildApp(loadConfig({ ...env, LOG_LEVEL: 'silent' }))
  try {
    return report(await score(corpus, askApp(app)))
  } finally {
    await app.close()
  }
}

export const README = join(PACKAGE_ROOT, 'README.md')

/** The README with its accuracy block replaced by `table`. */
export function withTable(readme: string, table: string): string {
  const [start, end] = ['<!-- accuracy:start -->', '<!-- accuracy:end -->']
  const i = readme.indexOf(start)
  const j = readme.indexOf(end)
  if (i < 0 || j < i) throw new Error(`README.md has no ${start} … ${end} block`)
  return `${readme.slice(0, i + start.length)}\n${table}\n${readme.slice(j)}`
}

/* c8 ignore start -- the command-line entry; run() and withTable() are what the test exercises */
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const table = await run(process.env)
  process.stdout.write(`${table}\n`)
  // `npm run accuracy -- --readme` also writes the table into the README.
  if (process.argv.includes('--readme')) await writeFile(README, withTable(await readFile(README, 'utf8'), table))
}
/* c8 ignore stop */
