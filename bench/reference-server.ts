// The yardstick of the HTTP part: a bare Fastify app (the project's own fastify) with the same
// route, that parses the same JSON body (Fastify's own parser) and answers, for each request of
// the mix, the very bytes and content type the service answered to it. The table of answers is
// made beforehand by asking the service itself (bench/http.ts) and handed over in a JSON file
// (BENCH_ANSWERS). No schemas, no hooks.
//
// BENCH_LOGGER=info gives the app Fastify's own default logger at info, with its default request
// logging (two lines a request, to stdout); unset, the app has no logger and prints only the
// "Server listening at" line the service logs.
import { readFileSync } from 'node:fs'
import Fastify from 'fastify'

/** One answer of the service: the request's Accept-Language and address, and what came back. */
export interface TableAnswer {
  lang: string
  email: string
  contentType: string
  body: string
}

const key = (lang: unknown, email: unknown): string => `${String(lang)}\n${String(email)}`

function answers(): Map<string, TableAnswer> {
  const file = process.env.BENCH_ANSWERS
  if (!file) throw new Error('BENCH_ANSWERS: the path of the table of answers (a JSON file written by bench/http.ts) is not set')
  const table = JSON.parse(readFileSync(file, 'utf8')) as TableAnswer[]
  return new Map(table.map((a) => [key(a.lang, a.email), a]))
}
const ANSWERS = answers()

// The budget's yardstick: BENCH_WORK_US makes the route spin that many microseconds of CPU before
// it answers, so that one run shows what a fixed amount of added work per request does to the
// ratio on this machine. 0 (the reference itself) unless set.
const WORK_NS = BigInt(Math.round(Number(process.env.BENCH_WORK_US ?? 0) * 1000))
const spin = (): void => {
  const end = process.hrtime.bigint() + WORK_NS
  while (process.hrtime.bigint() < end);
}

const logged = process.env.BENCH_LOGGER === 'info'
const app = Fastify({ logger: logged ? { level: 'info' } : false })
app.post('/validate-email', (request, reply) => {
  if (WORK_NS > 0n) spin()
  const a = ANSWERS.get(key(request.headers['accept-language'], (request.body as { email?: unknown } | null)?.email))
  // Not in the table: the benchmark counts answers other than 200 and stops on a differing body.
  if (!a) return reply.code(404).type('text/plain').send('not in the table of answers')
  return reply.type(a.contentType).send(a.body)
})

const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' })
// Fastify's logger says so itself.
if (!logged) process.stdout.write(`Server listening at ${address}\n`)

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0))
  })
}
