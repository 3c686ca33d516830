import t from 'tap'
import { ConfigError, loadConfig } from '../src/config.js'

t.test('PARTNERS_URL and RATE_LIMIT_REDIS_URL: parsed as URLs, off by default', async (t) => {
  const none = loadConfig({})
  t.equal(none.partnersUrl, undefined)
  t.equal(none.rateLimitRedisUrl, undefined)
  t.equal(none.partnersUrlTimeoutMs, 60_000)
  t.equal(none.rateLimitRedisTimeoutMs, 250)
  const set = loadConfig({
    PARTNERS_URL: 'https://registry.example.co.jp/partners.json',
    PARTNERS_URL_AUTHORIZATION_FILE: '/var/run/secrets/registry/authorization',
    PARTNERS_URL_TIMEOUT_SECONDS: '30',
    RATE_LIMIT_REDIS_URL: 'rediss://:pw@redis.example:6380/2',
    RATE_LIMIT_REDIS_TIMEOUT_MS: '100',
  })
  t.equal(set.partnersUrl?.href, 'https://registry.example.co.jp/partners.json')
  t.equal(set.partnersUrlAuthorizationFile, '/var/run/secrets/registry/authorization')
  t.equal(set.partnersUrlTimeoutMs, 30_000)
  t.equal(set.rateLimitRedisUrl?.host, 'redis.example:6380')
  t.equal(set.rateLimitRedisTimeoutMs, 100)
})

t.test('a bad value stops the start, naming the variable and never echoing the value', async (t) => {
  for (const [env, message] of [
    [{ PARTNERS_URL: 'ftp://registry.example/partners.json' }, /PARTNERS_URL: PARTNERS_URL must be a URL such as https:/],
    [{ PARTNERS_URL: 'registry.example/partners.json' }, /PARTNERS_URL: PARTNERS_URL must be a URL/],
    [{ RATE_LIMIT_REDIS_URL: 'http://:hunter2@redis:6379' }, /RATE_LIMIT_REDIS_URL: RATE_LIMIT_REDIS_URL must be a URL such as redis:/],
    [{ RATE_LIMIT_REDIS_TIMEOUT_MS: '5' }, /RATE_LIMIT_REDIS_TIMEOUT_MS must be at least 10/],
    [{ RATE_LIMIT_REDIS_TIMEOUT_MS: 'soon' }, /RATE_LIMIT_REDIS_TIMEOUT_MS must be a number of milliseconds/],
    [{ PARTNERS_URL_TIMEOUT_SECONDS: '0' }, /PARTNERS_URL_TIMEOUT_SECONDS must be at least 1/],
    [{ PARTNERS_URL_TIMEOUT_SECONDS: '1.5' }, /PARTNERS_URL_TIMEOUT_SECONDS must be a whole number of seconds/],
  ] as const) {
    const err = t.throws(() => loadConfig(env)) as Error
    t.type(err, ConfigError)
    t.match(err.message, message)
    t.notMatch(err.message, /hunter2/)
  }
})
