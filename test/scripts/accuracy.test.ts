import { readFile } from 'node:fs/promises'
import t from 'tap'
import { answerOf, askApp, askUrl, compareForm, formAnswer, formsReport, loadCorpus, loadForms, README, report, run, score, scoreForms, withTable, type CorpusEntry } from '../../scripts/accuracy.js'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'

const inProcess = await run({})
const entry = (domain: string, cls: CorpusEntry['class'], region = 'JP'): CorpusEntry => ({ domain, class: cls, region, kind: 'k', reference: 'r' })

t.test('a verdict’s codes amount to the corpus’s class', async (t) => {
  t.equal(answerOf(['DISPOSABLE', 'FREE_MAIL']), 'disposable', 'disposable first')
  t.equal(answerOf(['FREE_MAIL', 'NOT_PARTNER']), 'free')
  t.equal(answerOf(['NOT_PARTNER']), 'organisation')
  t.equal(answerOf([]), 'organisation', 'accepted: a partner’s domain')
  t.equal(answerOf(['PARTNER_TYPE_MISMATCH']), 'organisation')
  t.equal(answerOf(['POSSIBLE_TYPO', 'NOT_PARTNER']), 'POSSIBLE_TYPO', 'a typo alarm is not an organisation accepted')
})

t.test('the report counts per class and region, and lists every miss', async (t) => {
  const text = report([
    { entry: entry('a.co.jp', 'organisation'), answer: 'organisation' },
    { entry: entry('b.co.jp', 'organisation'), answer: 'POSSIBLE_TYPO' },
    { entry: entry('c.com', 'free', 'KR'), answer: 'free' },
  ])
  t.match(text, '| organisation | JP | 1 | 2 | 50.0 % |')
  t.match(text, '| free | KR | 1 | 1 | 100.0 % |')
  t.match(text, '| all | all | 2 | 3 | 66.7 % |')
  t.match(text, '- b.co.jp (organisation, JP): answered POSSIBLE_TYPO')
  t.match(report([{ entry: entry('c.com', 'free'), answer: 'free' }]), 'No misses.')
})

t.test('the README shows the latest table, from the app built as the server builds it', async (t) => {
  const table = inProcess
  const readme = await readFile(README, 'utf8')
  t.equal(readme, withTable(readme, table), 'npm run accuracy -- --readme')
  t.throws(() => withTable('no block', table), { message: /no <!-- accuracy:start -->/ })
})

t.test('a running service is asked the same way over HTTP', async (t) => {
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }))
  t.teardown(() => app.close())
  const base = await app.listen({ host: '127.0.0.1', port: 0 })
  const corpus = (await loadCorpus()).filter((e) => ['naver.com', 'eay.jp', 'toyota.co.jp'].includes(e.domain))
  t.equal(corpus.length, 3)
  t.same(await score(corpus, askUrl(base)), await score(corpus, askApp(app)))
  t.equal(await run({ ACCURACY_URL: base }), inProcess, 'the whole corpus: the same table as in-process')
})

t.test('an address form is compared with the peer on its form alone, and the service’s deliberate refusals are named', async (t) => {
  const ok = { ok: true as const, normalized: 'taro@acme.jp' }
  const no = { ok: false as const, error: 'invalid' }
  const body = (reasons: { code: string; rule?: string }[], normalized: string | null = 'taro@acme.jp', warnings: { code: string }[] = []) => formAnswer({ reasons, normalized, warnings })
  t.equal(compareForm(ok, body([{ code: 'NOT_PARTNER' }])).outcome, 'agree', 'a domain verdict is not a refusal of form')
  t.equal(compareForm(ok, body([], 'Taro@acme.jp')).outcome, 'disagree', 'both accept, normalised differently')
  t.equal(compareForm(no, body([{ code: 'INVALID_SYNTAX', rule: 'idn-bidi' }], null)).outcome, 'agree')
  t.equal(compareForm(no, body([])).outcome, 'disagree', 'accepted what the peer refuses')
  t.equal(compareForm(no, body([], 'taro@acme.jp', [{ code: 'WHITESPACE_TRIMMED' }])).outcome, 'deliberate', 'trimmed, as a form does')
  t.equal(compareForm(ok, body([{ code: 'FULLWIDTH_CHARACTERS' }])).outcome, 'deliberate')
  t.equal(compareForm(ok, body([{ code: 'INVALID_SYNTAX', rule: 'domain-special-use' }], null)).outcome, 'deliberate')
  t.equal(compareForm(ok, body([{ code: 'INVALID_SYNTAX', rule: 'idn-context' }], null)).outcome, 'disagree', 'any other refusal is a disagreement')
  t.equal(compareForm(ok, body([{ code: 'NON_ASCII_LOCAL_PART' }])).outcome, 'disagree')
  const entry = { address: 'a@b.jp', group: 'g', utf8: ok, ascii: no }
  const text = formsReport([{ entry, outcome: 'disagree', note: 'accepted, the peer refuses: invalid' }, { entry, outcome: 'agree', note: '' }], 'the peer', false)
  t.match(text, '| g | 1 | 0 | 1 |')
  t.match(text, 'Disagreements (1):\n- "a@b.jp" (g): accepted, the peer refuses: invalid')
})

t.test('the address forms agree with python-email-validator, with and without SMTPUTF8, outside the deliberate refusals', async (t) => {
  const forms = await loadForms()
  t.ok(forms.length >= 500, `${forms.length} forms`)
  for (const smtputf8 of [false, true]) {
    const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', ALLOW_SMTPUTF8: String(smtputf8) }))
    const scored = await scoreForms(forms, async (email) => (await app.inject({ method: 'POST', url: '/validate-email', payload: { email } })).json(), smtputf8)
    await app.close()
    const disagreements = scored.filter((s) => s.outcome === 'disagree').map((s) => `${s.entry.address}: ${s.note}`)
    t.same(disagreements, [], `ALLOW_SMTPUTF8=${smtputf8}`)
    t.match(formsReport(scored, 'the peer', smtputf8), 'No disagreements.')
  }
  const refusedByPeer = forms.filter((f) => !f.ascii.ok && f.utf8.ok).length
  t.ok(refusedByPeer > 50, 'the two columns differ where a local part is not ASCII')
})
