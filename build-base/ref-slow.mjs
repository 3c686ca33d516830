import Fastify from '/work/main/node_modules/fastify/fastify.js'
const V = { email: 'taro@acme.example.co.jp', normalized: 'taro@acme.example.co.jp', ascii: 'taro@acme.example.co.jp', domain: 'acme.example.co.jp', syntaxValid: true, accepted: true, reasons: [], warnings: [], partners: [{ id: 'acme', name: 'ACME株式会社', partnerTypes: ['System Integrator'], partnerTypeIds: ['system-integrator'], matchedDomain: 'acme.example.co.jp' }], suggestion: null, partnerType: null, trimmed: false, lang: 'ja' }
const app = Fastify({ logger: false })
const spin = Number(process.env.SPIN ?? 0)
app.post('/validate-email', async () => { const t = process.hrtime.bigint(); while (Number(process.hrtime.bigint() - t) < spin); return V })
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
process.once('SIGTERM', () => app.close().then(() => process.exit(0)))
