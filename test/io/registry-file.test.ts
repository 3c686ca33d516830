import t from 'tap'
import { loadRegistryFile } from '../../src/io/registry-file.js'
import { lists, partner } from '../support/registry.js'

t.test('a file that cannot be read or parsed stops with its reason', async (t) => {
  const dir = t.testdir({ 'bad.json': '{"partners": [', 'ok.json': JSON.stringify({ partners: [partner(['acme.com'])] }) })
  await t.rejects(loadRegistryFile(`${dir}/missing.json`, lists), { message: /missing.json is not valid:\n {2}- cannot be read \(ENOENT/ })
  await t.rejects(loadRegistryFile(`${dir}/bad.json`, lists), { message: /is not valid JSON/ })
  t.equal((await loadRegistryFile(`${dir}/ok.json`, lists)).partners.length, 1)
})
