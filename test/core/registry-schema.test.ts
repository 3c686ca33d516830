import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import t from 'tap'
import { compileRegistry } from '../../src/core/registry-compiler.js'
import { PartnerEntrySchema, plainPartnerEntry } from '../../src/core/registry-schema.js'
import { seed } from '../support/seed.js'
import { lists, partner } from '../support/registry.js'

t.test('a plain valid partner entry is taken as zod takes it; anything else is left to zod', async (t) => {
  // Mostly valid parts, so that every way of being valid is met as well as every way of not.
  const often = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) => fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: bad, weight: 1 })
  const other = fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.string(), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }))
  const strings = fc.array(fc.oneof(fc.string(), fc.constantFrom('acme.co.jp', 'ISV')), { maxLength: 3 })
  const arrays = often(strings, fc.oneof(other, fc.array(fc.oneof(fc.string(), other), { maxLength: 3 })))
  const id = often(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,105}$/), fc.oneof(other, fc.constantFrom('-p', 'p 1', 'ｐ1', 'a'.repeat(100), 'a'.repeat(101))))
  const name = often(fc.string(), fc.oneof(other, fc.constantFrom(' 株式会社A\u3000', ' ', '', '\ufeff', '\u00a0x')))
  const entry = fc.record({ id, name, domains: arrays, partnerTypes: arrays }, { requiredKeys: [] })
  const entries = often(entry, fc.tuple(entry, other).map(([e, extra]) => ({ ...e, extra })))
  const agree = (input: unknown): void => {
    const zod = PartnerEntrySchema.safeParse(input)
    t.same(plainPartnerEntry(input), zod.success ? zod.data : null, JSON.stringify(input))
  }
  // As the file gives them: JSON.parse's output.
  let valid = 0
  fc.assert(
    fc.property(entries, (e) => {
      const input = JSON.parse(JSON.stringify(e)) as unknown
      const zod = PartnerEntrySchema.safeParse(input)
      if (zod.success) valid++
      return isDeepStrictEqual(plainPartnerEntry(input), zod.success ? zod.data : null)
    }),
    { numRuns: 3000, seed },
  )
  t.ok(valid > 100, `${valid} of the generated entries valid`)
  const ok = { id: 'p1', name: ' P1 ', domains: ['acme.co.jp'] }
  agree(ok)
  t.same(plainPartnerEntry(ok), { id: 'p1', name: 'P1', domains: ['acme.co.jp'], partnerTypes: [] }, 'the name trimmed, the types defaulted')
  agree(JSON.parse('{"id":"p1","name":"P1","domains":["acme.co.jp"],"__proto__":{}}'))
  for (const odd of [Object.assign(Object.create(null), ok), Object.assign(new (class Entry {})(), ok), [ok], 'x']) t.equal(plainPartnerEntry(odd), null, 'not plain data: left to zod')
  t.same(compileRegistry({ partners: [Object.assign(Object.create(null), ok)] }, lists, 'x').partners[0]?.name, 'P1', 'which takes a valid one all the same')
})

// Last: from here on, this process looks the lists up in the table.
