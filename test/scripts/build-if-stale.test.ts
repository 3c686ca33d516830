// `npm start` builds only when something the build reads is newer than the last build.
// Run in a scratch tree with `npm` on PATH replaced by a stub that records being called.
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import t from 'tap'

const SCRIPT = resolve('scripts/build-if-stale.mjs')

t.test('builds when never built, not again when nothing changed, again when a source changed, and stops on a failed build', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'build-if-stale-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  mkdirSync(join(dir, 'src'))
  mkdirSync(join(dir, 'dist'))
  mkdirSync(join(dir, 'bin'))
  writeFileSync(join(dir, 'src', 'server.ts'), '')
  const calls = join(dir, 'calls')
  // The stub build appends a line per call and fails when told to.
  writeFileSync(join(dir, 'bin', 'npm'), `#!/bin/sh\necho "$*" >> ${calls}\n[ -f ${join(dir, 'fail')} ] && exit 3\nexit 0\n`)
  chmodSync(join(dir, 'bin', 'npm'), 0o755)
  const run = () => execFileSync(process.execPath, [SCRIPT], { cwd: dir, env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH}` }, stdio: 'pipe' })
  const count = () => (existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n').length : 0)

  run()
  t.equal(count(), 1, 'never built: builds')
  t.equal(readFileSync(calls, 'utf8').trim(), 'run -s build')
  run()
  t.equal(count(), 1, 'nothing changed: no build')
  // Times in the past, not the future: the stamp a build writes is "now".
  const ago = (s: number) => new Date(Date.now() - s * 1000)
  const age = (s: number) => utimesSync(join(dir, 'dist', '.built'), ago(s), ago(s))
  age(3600)
  run()
  t.equal(count(), 2, 'a source newer than the build: builds')
  run()
  t.equal(count(), 2, 'and then not again')
  writeFileSync(join(dir, 'fail'), '')
  age(3600)
  let status: number | undefined
  try {
    run()
  } catch (error) {
    status = (error as { status: number }).status
  }
  t.equal(status, 1, 'a failed build stops the start')
})
