// `npm start`: builds only when the sources changed since the last build it made, so that a
// restart on a built tree answers in a second instead of after the ~20 s type check and bundle.
// "Changed" is by modification time: what a build reads (the sources, the curated data, the
// lock file and the build's own configuration) against a stamp written after a build succeeded.
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const STAMP = 'dist/.built'
const INPUTS = ['src', 'data', 'scripts/bundle.mjs', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json']

function newest(path) {
  let stat
  try {
    stat = statSync(path)
  } catch {
    return 0
  }
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs)
}

const built = newest(STAMP)
if (built === 0 || INPUTS.some((p) => newest(p) > built)) {
  // A failed build stops the start: its errors are above, on the same terminal.
  if (spawnSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' }).status !== 0) process.exit(1)
  writeFileSync(STAMP, `${new Date().toISOString()}\n`)
}
