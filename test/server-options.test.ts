import t from 'tap'
import { build, postEmail } from './support/helpers.js'

t.test('honours a sane x-request-id and returns it; replaces anything else', async (t) => {
  const app = await build(t)
  const res = await app.inject(postEmail('x@gmail.com', { 'x-request-id': 'portal-123.abc' }))
  t.equal(res.headers['x-request-id'], 'portal-123.abc')
  const odd = await app.inject(postEmail('x@gmail.com', { 'x-request-id': 'has space' }))
  t.match(odd.headers['x-request-id'], /^[0-9a-f-]{36}$/)
})
