// `npm run accuracy`: scores the service's verdicts against accuracy/corpus.json, real domains by
// class and region written from public references (never from a list the service uses), and
// against accuracy/address-forms.json, address forms with python-email-validator's verdicts. With
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

async function postUrl(base: string, body: unknown): Promise<unknown> {
  const res = await fetch(new URL('/validate-email', base), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return res.json()
}

/** Asks a running service over HTTP. */
export const askUrl =
  (base: string): Ask =>
  async (domain) =>
    codesOf(await postUrl(base, payload(domain)))

export async function loadCorpus(file = CORPUS): Promise<CorpusEntry[]> {
  return (JSON.parse(await readFile(file, 'utf8')) as { entries: CorpusEntry[] }).entries
}

export async function score(corpus: readonly CorpusEntry[], ask: Ask): Promise<Scored[]> {
  const scored: Scored[] = []
  for (const entry of corpus) scored.push({ entry, answer: answerOf(await ask(entry.domain)) })
  return scored
}

// Address forms with a peer's verdicts (accuracy/address-forms.json, from accuracy/peer/generate.py):
// python-email-validator 2.x, asked with SMTPUTF8 allowed and without.

export type PeerVerdict = { ok: true; normalized: string } | { ok: false; error: string }
export interface FormEntry {
  address: string
  group: string
  utf8: PeerVerdict
  ascii: PeerVerdict
}

export const FORMS = join(PACKAGE_ROOT, 'accuracy', 'address-forms.json')

export async function loadForms(file = FORMS): Promise<FormEntry[]> {
  return (JSON.parse(await readFile(file, 'utf8')) as { entries: FormEntry[] }).entries
}

/** Reasons that say the address itself is not one to use, whatever its domain. */
const FORM_REFUSALS = new Set(['INVALID_SYNTAX', 'FULLWIDTH_CHARACTERS', 'NON_ASCII_LOCAL_PART', 'LEGACY_CARRIER_ADDRESS'])

/**
 * Where the service refuses on purpose what the peer accepts (the README's list): input NFKC
 * would change and IME full stops, local parts over 64 octets, special-use names (.example,
 * .internal, .alt …), invisible and default-ignorable characters.
 */
export const DELIBERATE_REFUSALS: readonly string[] = [
  'FULLWIDTH_CHARACTERS',
  'INVALID_SYNTAX/local-too-long',
  'INVALID_SYNTAX/domain-special-use',
  'INVALID_SYNTAX/invisible-character',
]

interface VerdictBody {
  normalized: string | null
  reasons: { code: string; rule?: string }[]
  warnings: { code: string }[]
}

/** The service's verdict on the form alone: the first refusal of form, or the normalised address. */
export function formAnswer(body: VerdictBody): { refusal: string | null; normalized: string | null; trimmed: boolean } {
  const refusal = body.reasons.find((r) => FORM_REFUSALS.has(r.code))
  return {
    refusal: refusal ? (refusal.rule ? `${refusal.code}/${refusal.rule}` : refusal.code) : null,
    normalized: body.normalized,
    trimmed: body.warnings.some((w) => w.code === 'WHITESPACE_TRIMMED'),
  }
}

export type FormOutcome = 'agree' | 'deliberate' | 'disagree'

/** One form's outcome against the peer's verdict, and what differed. */
export function compareForm(peer: PeerVerdict, ours: ReturnType<typeof formAnswer>): { outcome: FormOutcome; note: string } {
  if (ours.refusal !== null) {
    if (!peer.ok) return { outcome: 'agree', note: '' }
    const deliberate = DELIBERATE_REFUSALS.some((d) => ours.refusal === d || ours.refusal!.startsWith(`${d}/`))
    return { outcome: deliberate ? 'deliberate' : 'disagree', note: `refused (${ours.refusal}), the peer accepts` }
  }
  if (peer.ok) {
    return ours.normalized === peer.normalized ? { outcome: 'agree', note: '' } : { outcome: 'disagree', note: `normalised ${ours.normalized}, the peer ${peer.normalized}` }
  }
  // Surrounding spaces are trimmed with a warning (what a form does); the peer refuses them.
  return ours.trimmed ? { outcome: 'deliberate', note: 'trimmed' } : { outcome: 'disagree', note: `accepted, the peer refuses: ${peer.error}` }
}

export interface ScoredForm {
  entry: FormEntry
  outcome: FormOutcome
  note: string
}

/** Asks for one address's verdict body. */
export type AskVerdict = (email: string) => Promise<VerdictBody>

export async function scoreForms(forms: readonly FormEntry[], ask: AskVerdict, smtputf8: boolean): Promise<ScoredForm[]> {
  const scored: ScoredForm[] = []
  for (const entry of forms) scored.push({ entry, ...compareForm(smtputf8 ? entry.utf8 : entry.ascii, formAnswer(await ask(entry.address))) })
  return scored
}

/** A row per group of forms: agreed, refused on purpose, disagreed; then every disagreement. */
export function formsReport(scored: readonly ScoredForm[], peer: string, smtputf8: boolean): string {
  const rows = new Map<string, Record<FormOutcome, number>>()
  for (const { entry, outcome } of scored) {
    for (const key of [entry.group, 'all']) {
      const row = rows.get(key) ?? { agree: 0, deliberate: 0, disagree: 0 }
      row[outcome]++
      rows.set(key, row)
    }
  }
  const lines = [
    `Address forms against ${peer} (ALLOW_SMTPUTF8=${smtputf8}):`,
    '',
    '| group | agree | refused on purpose | disagree |',
    '| --- | ---: | ---: | ---: |',
  ]
  for (const [group, r] of [...rows].sort(([a], [b]) => (a === 'all' ? 1 : b === 'all' ? -1 : a.localeCompare(b)))) {
    lines.push(`| ${group} | ${r.agree} | ${r.deliberate} | ${r.disagree} |`)
  }
  const disagreements = scored.filter((s) => s.outcome === 'disagree')
  lines.push('', disagreements.length === 0 ? 'No disagreements.' : `Disagreements (${disagreements.length}):`)
  for (const { entry, note } of disagreements) lines.push(`- ${JSON.stringify(entry.address)} (${entry.group}): ${note}`)
  return lines.join('\n')
}

const verdictBody = (body: unknown): VerdictBody => body as VerdictBody

/** The tables for the corpora: from ACCURACY_URL's service, or an app built from the environment. */
export async function run(env: NodeJS.ProcessEnv): Promise<string> {
  const corpus = await loadCorpus()
  const forms = await loadForms()
  const peer = (JSON.parse(await readFile(FORMS, 'utf8')) as { peer: string }).peer
  const tables = async (ask: Ask, askVerdict: AskVerdict, smtputf8: boolean): Promise<string> =>
    `${report(await score(corpus, ask))}\n\n${formsReport(await scoreForms(forms, askVerdict, smtputf8), peer, smtputf8)}`
  if (env.ACCURACY_URL) {
    const base = env.ACCURACY_URL
    const smtputf8 = env.ALLOW_SMTPUTF8 === 'true'
    return tables(askUrl(base), async (email) => verdictBody(await postUrl(base, { email })), smtputf8)
  }
  const config = loadConfig({ ...env, LOG_LEVEL: 'silent' })
  const app = await buildApp(config)
  try {
    return await tables(askApp(app), async (email) => verdictBody((await app.inject({ method: 'POST', url: '/validate-email', payload: { email } })).json()), config.allowSmtputf8)
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
