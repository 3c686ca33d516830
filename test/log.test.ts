import t from 'tap'
import { emailHasher, safePath } from '../src/log.js'

t.test('safePath drops the query and redacts any segment holding an at sign, however written', async (t) => {
  t.equal(safePath('/validate-email?email=taro@acme.co.jp'), '/validate-email')
  t.equal(safePath('/domains/acme.co.jp'), '/domains/acme.co.jp')
  t.equal(safePath('/domains/taro@acme.co.jp'), '/domains/[redacted]')
  t.equal(safePath('/domains/taro%40acme.co.jp'), '/domains/[redacted]')
  t.equal(safePath('/domains/taro＠acme.co.jp'), '/domains/[redacted]')
  t.equal(safePath(`/domains/${encodeURIComponent('taro＠acme.co.jp')}`), '/domains/[redacted]')
  t.equal(safePath(`/domains/${encodeURIComponent('taro﹫acme.co.jp')}`), '/domains/[redacted]')
  t.equal(safePath('/domains/taro%40acme%E0%A4%A'), '/domains/[redacted]', 'an encoded @ in invalid percent-encoding')
  t.equal(safePath('/domains/%E0%A4%A'), '/domains/%E0%A4%A', 'invalid percent-encoding without one stays')
})

t.test('emailHasher is keyed', async (t) => {
  const a = emailHasher('k'.repeat(32))
  t.equal(a('taro@acme.co.jp'), a('taro@acme.co.jp'))
  t.not(a('taro@acme.co.jp'), emailHasher('j'.repeat(32))('taro@acme.co.jp'))
  t.match(a('taro@acme.co.jp'), /^[0-9a-f]{16}$/)
})
