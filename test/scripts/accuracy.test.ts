import { readFile } from 'node:fs/promises'
import t from 'tap'
import { answerOf, askApp, askUrl, loadCorpus, README, report, run, score, withTable, type CorpusEntry } from '../../scripts/accuracy.js'
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
