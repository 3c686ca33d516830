// `npm run accuracy`: scores the service's verdicts against accuracy/corpus.json, real domains by
// class and region written from public references (never from a list the service uses). With
// ACCURACY_URL it asks a running service; otherwise it builds the app in-process as the server
// does, with the sample partner registry (so an organisation's right answer is NOT_PARTNER).
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
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

async function main(): Promise<void> {
  const corpus = (JSON.parse(await readFile(CORPUS, 'utf8')) as { entries: CorpusEntry[] }).entries
  const url = process.env.ACCURACY_URL
  const app = url ? null : await buildApp(loadConfig({ ...process.env, LOG_LEVEL: 'silent' }))
  const ask = async (domain: string): Promise<string[]> => {
    const payload = { email: `taro.yamada@${domain}` }
    const body = app
      ? (await app.inject({ method: 'POST', url: '/validate-email', payload })).json()
      : await (await fetch(new URL('/validate-email', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) })).json()
    return ((body as { reasons?: { code: string }[] }).reasons ?? []).map((r) => r.code)
  }
  const scored: Scored[] = []
  for (const entry of corpus) scored.push({ entry, answer: answerOf(await ask(entry.domain)) })
  await app?.close()
  process.stdout.write(`${report(scored)}\n`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
