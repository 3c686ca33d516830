import { existsSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { DATA_DIR, PACKAGE_ROOT } from '../src/paths.js'

t.test("the package's own files are found from wherever the code runs", async (t) => {
  t.ok(existsSync(join(PACKAGE_ROOT, 'package.json')))
  t.ok(existsSync(join(DATA_DIR, 'partners.sample.json')))
})
