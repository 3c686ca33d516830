// Regenerates the README's reference sections from the code that defines them, so the README
// cannot drift: `npm run readme` writes them; test/readme.test.ts fails when they are stale.
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { EnvSchema } from '../src/config.js'
import { REASONS, SYNTAX_MESSAGES, WARNINGS, type MessageParams } from '../src/core/messages.js'
import { PARTNER_TYPES } from '../src/core/partner-types.js'
import { PACKAGE_ROOT } from '../src/paths.js'

export const README = join(PACKAGE_ROOT, 'README.md')

const type = (id: string) => PARTNER_TYPES.find((p) => p.id === id)!
/** A realistic case of each code: what a person at the form would have typed to get it. */
const EXAMPLES: Record<string, MessageParams> = {
  FULLWIDTH_CHARACTERS: { suggestion: 'taro@acme.co.jp' },
  DISPOSABLE: { domain: 'mailinator.com' },
  FREE_MAIL: { domain: 'gmail.com' },
  NOT_PARTNER: { domain: 'yamada-shoji.co.jp' },
  PARTNER_TYPE_MISMATCH: { types: [type('system-integrator'), type('solution-provider')], chosen: type('training') },
  POSSIBLE_TYPO: { domain: 'acme.co.jq', meant: 'acme.co.jp' },
  CONFUSABLE_DOMAIN: { domain: 'acmeーcloud.co.jp', meant: 'acme-cloud.co.jp', kind: 'dash' },
  LEGACY_CARRIER_ADDRESS: { domain: 'docomo.ne.jp' },
  NO_MAIL_SERVER: { domain: 'acme-shoji.co.jp' },
  DELIVERABILITY_UNKNOWN: { domain: 'acme.co.jp' },
  // INVALID_SYNTAX rules that name the character found, and where.
  'invisible-character': { char: '\u200b', codePoint: 'U+200B', position: 5 },
  whitespace: { char: ' ', codePoint: 'U+0020', position: 5 },
  'invalid-local-character': { char: '(', codePoint: 'U+0028', position: 5 },
  'invalid-domain-character': { char: '_', codePoint: 'U+005F', position: 10 },
  'idn-context': { char: '・', codePoint: 'U+30FB', position: 7 },
}
const example = (code: string): MessageParams => EXAMPLES[code] ?? {}
const cell = (s: string): string => s.replaceAll('|', '\\|').replaceAll('\n', ' ')

function codes(): string {
  const rows = [
    '| code | kind | meaning | English message (example) | Japanese message (example) |',
    '| --- | --- | --- | --- | --- |',
  ]
  for (const [kind, entries] of [['reason', REASONS], ['warning', WARNINGS]] as const) {
    for (const [code, e] of Object.entries(entries)) {
      rows.push(`| \`${code}\` | ${kind} | ${cell(e.meaning)} | ${cell(e.en(example(code)))} | ${cell(e.ja(example(code)))} |`)
    }
  }
  return rows.join('\n')
}

function rules(): string {
  const rows = ['| rule | English message | Japanese message |', '| --- | --- | --- |']
  for (const [rule, e] of Object.entries(SYNTAX_MESSAGES)) rows.push(`| \`${rule}\` | ${cell(e.en(example(rule)))} | ${cell(e.ja(example(rule)))} |`)
  return rows.join('\n')
}

function partnerTypes(): string {
  const rows = ['| id | English | Japanese | also accepted |', '| --- | --- | --- | --- |']
  for (const p of PARTNER_TYPES) rows.push(`| \`${p.id}\` | ${cell(p.en)} | ${cell(p.ja)} | ${cell(p.aliases.join(', '))} |`)
  return rows.join('\n')
}

function config(): string {
  const rows = ['| variable | default | meaning |', '| --- | --- | --- |']
  for (const [name, schema] of Object.entries(EnvSchema.in.shape)) {
    const def = (schema as { def: { defaultValue?: unknown } }).def.defaultValue
    const shown = def === undefined ? '(unset)' : name === 'PARTNERS_FILE' ? '`data/partners.sample.json`' : `\`${String(def)}\``
    rows.push(`| \`${name}\` | ${shown} | ${cell(String(schema.description))} |`)
  }
  return rows.join('\n')
}

export function sections(): Record<string, string> {
  return { codes: codes(), rules: rules(), 'partner-types': partnerTypes(), config: config() }
}

/** README text with every `<!-- name:start -->…<!-- name:end -->` block regenerated. */
export function render(readme: string): string {
  let out = readme
  for (const [name, body] of Object.entries(sections())) {
    const start = `<!-- ${name}:start -->`
    const end = `<!-- ${name}:end -->`
    const i = out.indexOf(start)
    const j = out.indexOf(end)
    if (i < 0 || j < i) throw new Error(`README.md has no ${start} … ${end} block`)
    out = `${out.slice(0, i + start.length)}\n${body}\n${out.slice(j)}`
  }
  return out
}

/* c8 ignore start -- the command-line entry; render() is what the test exercises */
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await writeFile(README, render(await readFile(README, 'utf8')))
}
/* c8 ignore stop */
