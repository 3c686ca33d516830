import t from 'tap'
import { isPublicSuffix } from '../../src/core/public-suffix.js'
import { SHIPPED_TABLE_FROM } from '../../src/core/registry.js'
import { compileRegistry } from '../../src/core/registry-compiler.js'
import { lists, partner, problemsOf, classified } from '../support/registry.js'

t.test('classifies a domain by walking it and its parents', async (t) => {
  const r = compileRegistry(
    {
      partners: [
        partner(['acme.co.jp'], { id: 'acme' }),
        partner(['cloud.acme.co.jp'], { id: 'cloud' }),
        ...['g1', 'g2', 'g3'].map((id) => partner(['group.example.jp'], { id })),
      ],
      exemptDomains: ['ocn.ne.jp'],
      extraFreeMailDomains: ['sub.gmail.com', 'both.example.net', 'sub.mailinator.com'],
      extraDisposableDomains: ['toss.example.net', 'both.example.net', 'bad.ocn.ne.jp'],
    },
    lists,
    'x',
  )
  t.equal(r.domainCount, 5, 'a domain shared by three partners counts for each')
  const free = (entry: string, list = 'registry extraFreeMailDomains') => ({ listed: `free ${entry} (${list})`, exempt: false, partners: [] })
  const disposable = (entry: string, list = 'registry extraDisposableDomains') => ({ listed: `disposable ${entry} (${list})`, exempt: false, partners: [] })
  const none = { listed: null, exempt: false, partners: [] }
  t.same(classified('www.cloud.acme.co.jp', r), { ...none, partners: ['cloud@cloud.acme.co.jp', 'acme@acme.co.jp'] }, 'partners, most specific first')
  t.same(classified('mail.group.example.jp', r), { ...none, partners: ['g1@group.example.jp', 'g2@group.example.jp', 'g3@group.example.jp'] }, 'group companies in registry order')
  t.same(classified('gmail.com', r), free('gmail.com', lists.domains.get('gmail.com')!.list))
  t.same(classified('x.sub.gmail.com', r), free('sub.gmail.com'), 'the most specific free-mail entry')
  t.same(classified('x.sub.mailinator.com', r), disposable('mailinator.com', lists.domains.get('mailinator.com')!.list), 'disposable beats free')
  t.same(classified('a.toss.example.net', r), disposable('toss.example.net'))
  t.same(classified('both.example.net', r), disposable('both.example.net'))
  t.same(classified('rose.ocn.ne.jp', r), { ...none, exempt: true }, 'an exempt parent takes the domain off the lists')
  t.same(classified('x.bad.ocn.ne.jp', r), { ...disposable('bad.ocn.ne.jp'), exempt: true }, 'but not a listed subdomain of it')
  t.same(classified('unknown.example.org', r), none)
  t.same(classified('localhost', r), none)
})

t.test('from SHIPPED_TABLE_FROM entries on, the lists are looked up in a table of their own, with the same answers', async (t) => {
  const domains = ['gmail.com', 'x.mailinator.com', 'rose.ocn.ne.jp', 'mail.yahoo.co.jp', 'unknown.example.org', 'localhost']
  const small = compileRegistry({ partners: [], exemptDomains: ['ocn.ne.jp'] }, lists, 'x')
  const before = domains.map((d) => classified(d, small))
  const many = (last: string) => ({
    partners: Array.from({ length: SHIPPED_TABLE_FROM }, (_, i) => partner([i === SHIPPED_TABLE_FROM - 1 ? last : `p${i}.example.co.jp`], { id: `p${i}` })),
  })
  t.match(problemsOf(many('sub.mailinator.com')), [new RegExp(`^partners\\[${SHIPPED_TABLE_FROM - 1}\\] .*"sub.mailinator.com" is on the disposable list`)])
  t.equal(compileRegistry(many('last.example.co.jp'), lists, 'x').domainCount, SHIPPED_TABLE_FROM)
  t.same(
    domains.map((d) => classified(d, small)),
    before,
  )
})

t.test('a partner is matched only below every public suffix, private ones included, and the load warns of suffixes beneath it', async (t) => {
  const r = compileRegistry(
    { partners: [partner(['linode.com'], { id: 'linode' }), partner(['amazonaws.com'], { id: 'aws' }), partner(['acme.co.jp'], { id: 'acme' })] },
    lists,
    'x',
  )
  const none = { listed: null, exempt: false, partners: [] }
  t.same(classified('li1-2.members.linode.com', r), none, 'a customer name under a private suffix')
  t.same(classified('members.linode.com', r), none, 'the suffix itself')
  t.same(classified('x.y.nodebalancer.linode.com', r), none, 'under a wildcard suffix')
  t.same(classified('ec2-1-2-3-4.ap-northeast-1.compute.amazonaws.com', r), none)
  t.same(classified('mail.linode.com', r), { ...none, partners: ['linode@linode.com'] }, 'the provider\'s own names still match')
  t.same(classified('www.acme.co.jp', r), { ...none, partners: ['acme@acme.co.jp'] })
  for (const d of ['li1-2.members.linode.com', 'members.linode.com', 'mail.linode.com', 'x.acme.co.jp']) {
    const levels = d.split('.').map((_, i, a) => a.slice(i).join('.'))
    const belowSuffix = levels.slice(0, levels.findIndex((l) => r.partnerDomains.has(l))).some((l) => isPublicSuffix(lists.psl, l))
    t.equal(classified(d, r).partners.length === 0, belowSuffix, `${d} agrees with the public suffix list`)
  }
  t.equal(r.warnings.length, 2, 'one warning for each partner domain with suffixes beneath it')
  t.match(r.warnings[0], /partners\[0\] \(id "linode"\)\.domains\[0\]: "linode\.com" has public suffixes beneath it \(.*members\.linode\.com/)
  t.match(r.warnings[1], /amazonaws\.com.* and \d+ more\)/, 'a long list is cut short')
})
