import t from 'tap'
import { ConfigError, listenProblem, loadConfig, SAMPLE_PARTNERS_FILE } from '../src/config.js'

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

t.test('LOG_LEVEL is read in any case', async (t) => {
  t.equal(loadConfig({ LOG_LEVEL: 'INFO' }).logLevel, 'info')
  t.equal(loadConfig({ LOG_LEVEL: 'Warn' }).logLevel, 'warn')
  t.throws(() => loadConfig({ LOG_LEVEL: 'LOUD' }), { message: /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent \(in any case\)/ })
})

t.test('TRUST_PROXY=true with a rate limit starts with a warning that says what to set instead', async (t) => {
  t.match(loadConfig({ TRUST_PROXY: 'true' }).warnings, [/^TRUST_PROXY=true believes any X-Forwarded-For header, .*own rate-limit bucket.*number of proxies/])
  t.same(loadConfig({ TRUST_PROXY: 'true', RATE_LIMIT_PER_MINUTE: '0' }).warnings, [], 'no limit, nothing to pick')
  t.same(loadConfig({ TRUST_PROXY: '1' }).warnings, [], 'a hop count is safe')
  t.same(loadConfig({ TRUST_PROXY: '10.0.0.0/8' }).warnings, [], 'so are the proxies\' addresses')
})

t.test('TRUST_PROXY: a value of no accepted form names the variable, the value and the forms', async (t) => {
  t.throws(() => loadConfig({ TRUST_PROXY: 'yes' }), { message: /TRUST_PROXY must be true, false, a number of hops.*CIDRs.*"yes" is none of these/ })
  t.throws(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' }), { message: /TRUST_PROXY "10\.0\.0\.0\/33": the prefix length after \/ must be 0 to 32 for an IPv4 address/ })
  t.throws(() => loadConfig({ TRUST_PROXY: '::1/129' }), { message: /0 to 128 for an IPv6/ })
  t.throws(() => loadConfig({ TRUST_PROXY: '10.0.0.1, proxy.local' }), { message: /"proxy\.local" is none of these/ })
  t.throws(() => loadConfig({ TRUST_PROXY: '10.0.0.0/8/1' }), { message: /"10\.0\.0\.0\/8\/1" is none of these/ })
  t.throws(() => loadConfig({ TRUST_PROXY: ' , ' }), { message: /TRUST_PROXY must be true, false/ })
  t.same(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.5, fd00::/8' }).trustProxy, ['10.0.0.0/8', '192.168.1.5', 'fd00::/8'])
})

t.test('HOST and PORT: a start that cannot listen says which variable to change', async (t) => {
  const c = { host: 'not-a-host.invalid', port: 3000 }
  const err = (code: string) => Object.assign(new Error(`listen ${code}`), { code })
  t.match(listenProblem(err('ENOTFOUND'), c), /^HOST: "not-a-host\.invalid" is not a name this machine can resolve; set HOST to an IP address/)
  t.match(listenProblem(err('EAI_AGAIN'), c), /^HOST: /)
  t.match(listenProblem(err('EADDRNOTAVAIL'), { host: '10.9.9.9', port: 1 }), /^HOST: 10\.9\.9\.9 is not an address of this machine/)
  t.match(listenProblem(err('EADDRINUSE'), c), /^PORT: 3000 is already in use/)
  t.match(listenProblem(err('EACCES'), { host: 'h', port: 80 }), /^PORT: 80 needs privileges/)
  t.match(listenProblem(err('EOTHER'), c), /^HOST\/PORT: cannot listen on not-a-host\.invalid:3000 \(listen EOTHER\)/)
})

t.test('a variable that looks like a misspelt setting is warned about, naming the setting meant', async (t) => {
  const warnings = (env: Record<string, string>) => loadConfig(env).warnings
  t.match(warnings({ PARTNER_FILE: '/p.json' }), [/^PARTNER_FILE is not a setting of this service; did you mean PARTNERS_FILE\?/])
  t.match(warnings({ partners_file: '/p.json' }), [/did you mean PARTNERS_FILE\?/])
  t.match(warnings({ RATE_LIMIT_PER_MINUT: '5' }), [/did you mean RATE_LIMIT_PER_MINUTE\?/])
  t.match(warnings({ PROT: '1' }), [/did you mean PORT\?/])
  t.match(warnings({ SHUTDOWN_GRACE: '5' }), [/^SHUTDOWN_GRACE is not a setting of this service and is ignored; .*SHUTDOWN_DELAY_SECONDS, SHUTDOWN_TIMEOUT_SECONDS/])
  t.same(warnings({ PATH: '/bin', HOME: '/root', HOSTNAME: 'pod-1', NODE_ENV: 'production', LANG: 'C', PARTNERS_FILE: '/p.json', TERM: 'xterm', X: undefined as unknown as string }), [], 'the usual environment is left alone')
})

t.test('a production or unattended start without PARTNERS_FILE is marked as serving the sample', async (t) => {
  t.equal(loadConfig({}).sampleRegistryInProduction, true, 'unattended')
  t.equal(loadConfig({}, { interactive: true }).sampleRegistryInProduction, false, 'a person at a terminal trying it out')
  t.equal(loadConfig({ NODE_ENV: 'production' }, { interactive: true }).sampleRegistryInProduction, true)
  t.equal(loadConfig({ PARTNERS_FILE: '/p.json' }).sampleRegistryInProduction, false)
})
