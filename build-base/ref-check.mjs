import Fastify from 'fastify'
import { checkEmail } from './src/core/check.js'
import { loadBaseLists } from './src/core/lists.js'
import { loadRegistryFile } from './src/core/registry.js'
import { negotiateLang } from './src/core/messages.js'
const lists = await loadBaseLists()
const registry = await loadRegistryFile('data/partners.sample.json', lists)
const ctx = { lists, registry, options: { allowSmtputf8: false, roleAccounts: 'warn' } }
const app = Fastify({ logger: false })
const mode = process.env.MODE ?? 'check'
app.post('/validate-email', async (req, reply) => {
  const lang = negotiateLang(req.headers['accept-language'])
  const v = checkEmail(req.body.email, ctx, lang, null)
  if (mode === 'check') return v
  reply.header('content-type', 'application/json; charset=utf-8')
  return JSON.stringify(v)
})
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
process.once('SIGTERM', () => app.close().then(() => process.exit(0)))
