import { checkEmail } from './src/core/check.js'
import { loadBaseLists } from './src/core/lists.js'
import { loadRegistryFile } from './src/core/registry.js'
import { ADDRESSES } from './bench/addresses.js'
const lists = await loadBaseLists()
const registry = await loadRegistryFile('data/partners.sample.json', lists)
const ctx = { lists, registry, options: { allowSmtputf8: false, roleAccounts: 'warn' } }
const vs = ADDRESSES.map(a => checkEmail(a.email, ctx, a.lang))
const time = (name, f) => { for (let i = 0; i < 20000; i++) f(i); const t = process.hrtime.bigint(); const N = 200000; let s = 0; for (let i = 0; i < N; i++) s += f(i); console.log(name, (Number(process.hrtime.bigint() - t) / N).toFixed(0), 'ns') }
time('stringify stored verdicts', i => JSON.stringify(vs[i % vs.length]).length)
time('check', i => { const a = ADDRESSES[i % ADDRESSES.length]; return checkEmail(a.email, ctx, a.lang).reasons.length })
time('check+stringify', i => { const a = ADDRESSES[i % ADDRESSES.length]; return JSON.stringify(checkEmail(a.email, ctx, a.lang)).length })
console.log('avg bytes', vs.reduce((s, v) => s + Buffer.byteLength(JSON.stringify(v)), 0) / vs.length)
