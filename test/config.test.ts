import t from 'tap'
import { ConfigError, loadConfig, SAMPLE_PARTNERS_FILE } from '../src/config.js'

t.test('has defaults that let a first start work', async (t) => {
  t.match(loadConfig({}), { port: 3000, host: 'localhost', logLevel: 'info', partnersFile: SAMPLE_PARTNERS_FILE, allowSmtputf8: false })
})

t.test('reads each variable', async (t) => {
  const c = loadConfig({ PORT: '8080', HOST: '0.0.0.0', LOG_LEVEL: 'silent', PARTNERS_FILE: '/x.json', ALLOW_SMTPUTF8: 'true', BODY_LIMIT: '2048', LOG_HASH_KEY: 'k'.repeat(32) })
  t.match(c, { port: 8080, host: '0.0.0.0', logLevel: 'silent', partnersFile: '/x.json', allowSmtputf8: true, bodyLimit: 2048, logHashKey: 'k'.repeat(32) })
  t.equal(loadConfig({ ALLOW_SMTPUTF8: '0' }).allowSmtputf8, false)
  t.equal(loadConfig({ PORT: '' }).port, 3000, 'an empty variable is unset')
})

t.test('a bad value stops with a message naming the variable', async (t) => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ PORT: 'abc' }, /PORT/],
    [{ PORT: '70000' }, /PORT must be at most 65535/],
    [{ LOG_LEVEL: 'verbose' }, /LOG_LEVEL must be one of/],
    [{ ALLOW_SMTPUTF8: 'maybe' }, /ALLOW_SMTPUTF8 must be true or false/],
    [{ BODY_LIMIT: '10' }, /BODY_LIMIT must be at least 64 bytes/],
    [{ LOG_HASH_KEY: 'short' }, /LOG_HASH_KEY must be at least 16/],
  ]
  for (const [env, message] of cases) t.throws(() => loadConfig(env), new ConfigError(''), JSON.stringify(env)) && t.throws(() => loadConfig(env), { message })
  t.throws(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'y' }), { message: /PORT[\s\S]*LOG_LEVEL/ }, 'every problem at once')
})
