// The yardstick of the HTTP part: a bare Fastify app (the project's own fastify) with the same
// route, that parses the same JSON body and answers a constant verdict-shaped JSON. No logging,
// no schemas, no hooks. It prints the same "Server listening at" line the service logs.
import Fastify from 'fastify'

const VERDICT = {
  email: 'taro@acme.example.co.jp',
  normalized: 'taro@acme.example.co.jp',
  ascii: 'taro@acme.example.co.jp',
  domain: 'acme.example.co.jp',
  syntaxValid: true,
  accepted: true,
  reasons: [],
  warnings: [],
  partners: [{ id: 'acme', name: 'ACME株式会社', partnerTypes: ['System Integrator'], partnerTypeIds: ['system-integrator'], matchedDomain: 'acme.example.co.jp' }],
  suggestion: null,
  partnerType: null,
  trimmed: false,
  lang: 'ja',
}

// The budget's yardstick: BENCH_WORK_US makes the route spin that many microseconds of CPU before
// it answers, so that one run shows what a fixed amount of added work per request does to the
// ratio on this machine. 0 (the reference itself) unless set.
const WORK_NS = BigInt(Math.round(Number(process.env.BENCH_WORK_US ?? 0) * 1000))
const spin = (): void => {
  const end = process.hrtime.bigint() + WORK_NS
  while (process.hrtime.bigint() < end);
}

const app = Fastify({ logger: false })
app.post('/validate-email', async () => {
  if (WORK_NS > 0n) spin()
  return VERDICT
})

const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' })
process.stdout.write(`Server listening at ${address}\n`)

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0))
  })
}
