import t from 'tap'
import { closestPartnerTypes, createMatcher, nameKey, PARTNER_TYPES, partnerTypeById, resolvePartnerType } from '../../src/core/partner-types.js'

const id = (name: string) => resolvePartnerType(name)?.type.id ?? null

t.test('the seven types, in the programme’s order, with the guide’s exact wording', async (t) => {
  t.same(
    PARTNER_TYPES.map((p) => [p.en, p.ja]),
    [
      ['Independent Software Vendor', '独立系ソフトウェアベンダー'],
      ['Solution Provider', 'リセラー'],
      ['Training', 'Training'],
      ['System Integrator', 'システムインテグレーター'],
      ['Alliance Partners/OEM', 'アライアンスパートナー/OEM'],
      ['Embedded', 'Embedded'],
      ['Service/Cloud Provider', 'サービス/クラウドプロバイダー'],
    ],
  )
  for (const p of PARTNER_TYPES) t.match(p.id, /^[a-z]+(-[a-z]+)*$/, `${p.id} is kebab-case`)
})

t.test('every name resolves both ways, by English, Japanese and id', async (t) => {
  for (const p of PARTNER_TYPES) {
    for (const name of [p.en, p.ja, p.id]) t.same(resolvePartnerType(name), { type: p, match: 'name' }, name)
    t.equal(partnerTypeById(p.id), p)
  }
  t.equal(partnerTypeById('nope'), undefined)
})

t.test('tolerates the ways people spell them', async (t) => {
  const cases: [string, string][] = [
    ['solution provider', 'solution-provider'],
    ['SOLUTION PROVIDER', 'solution-provider'],
    ['SolutionProvider', 'solution-provider'],
    ['  Solution   Provider ', 'solution-provider'],
    ['Solution\u3000Provider', 'solution-provider'],
    ['Ｓｏｌｕｔｉｏｎ　Ｐｒｏｖｉｄｅｒ', 'solution-provider'],
    ['ﾘｾﾗｰ', 'solution-provider'],
    ['ﾘｾﾗ', 'solution-provider'],
    ['りせらー', 'solution-provider'],
    ['Reseller', 'solution-provider'],
    ['リセラーパートナー', 'solution-provider'],
    ['Alliance Partners / OEM', 'alliance-partners-oem'],
    ['Alliance Partners/ OEM', 'alliance-partners-oem'],
    ['alliance partner/oem', 'alliance-partners-oem'],
    ['アライアンスパートナー／ＯＥＭ', 'alliance-partners-oem'],
    ['アライアンスパートナ/OEM', 'alliance-partners-oem'],
    ['ｱﾗｲｱﾝｽﾊﾟｰﾄﾅｰ/OEM', 'alliance-partners-oem'],
    ['OEM', 'alliance-partners-oem'],
    ['システムインテグレータ', 'system-integrator'],
    ['システム インテグレーター', 'system-integrator'],
    ['ｼｽﾃﾑｲﾝﾃｸﾞﾚｰﾀｰ', 'system-integrator'],
    ['SI', 'system-integrator'],
    ['SIer', 'system-integrator'],
    ['Systems Integrator', 'system-integrator'],
    ['system-integrator', 'system-integrator'],
    ['サービス/クラウドプロバイダ', 'service-cloud-provider'],
    ['サービス / クラウド プロバイダー', 'service-cloud-provider'],
    ['Service / Cloud Provider', 'service-cloud-provider'],
    ['Service and Cloud Provider', 'service-cloud-provider'],
    ['Service & Cloud Provider', 'service-cloud-provider'],
    ['Service + Cloud Provider', 'service-cloud-provider'],
    ['Cloud Provider', 'service-cloud-provider'],
    ['独立系ソフトウェアベンダ', 'independent-software-vendor'],
    ['ISV', 'independent-software-vendor'],
    ['isvs', 'independent-software-vendor'],
    ['Independent Software Vendors', 'independent-software-vendor'],
    ['ｔｒａｉｎｉｎｇ', 'training'],
    ['トレーニング', 'training'],
    ['embedded', 'embedded'],
    ['組み込み', 'embedded'],
  ]
  for (const [name, expected] of cases) t.equal(id(name), expected, name)
})

t.test('says how a name matched; one typo in a longer name still resolves', async (t) => {
  t.equal(resolvePartnerType('Reseller')?.match, 'alias')
  t.same(resolvePartnerType('Sytem Integrator'), { type: partnerTypeById('system-integrator'), match: 'approximate' })
  t.equal(id('Solution Porvider'), 'solution-provider', 'a swap of neighbours')
  t.equal(id('Embeded'), 'embedded')
})

t.test('ambiguous, unknown and empty names resolve to nothing', async (t) => {
  for (const name of ['', '   ', '/', 'Provider', 'Partner', 'パートナー', 'Distributor', 'gmail.com', 'SO', 'x'.repeat(200)]) {
    t.equal(resolvePartnerType(name), null, name)
  }
})

t.test('a name two types share resolves to neither, even approximately', async (t) => {
  const m = createMatcher([
    { id: 'a', en: 'Alpha Provider', ja: 'アルファ', aliases: ['Shared', 'Abcdefg'] },
    { id: 'b', en: 'Beta Provider', ja: 'ベータ', aliases: ['Shared', 'Abcdefh'] },
  ])
  t.equal(m.resolve('shared'), null)
  t.equal(m.resolve('Abcdefx'), null, 'one typo from two types')
  t.equal(m.resolve('Abcdefg')?.type.id, 'a')
  t.equal(m.resolve('Alpha Providr')?.match, 'approximate')
})

t.test('an unknown name gets the closest types', async (t) => {
  t.same(closestPartnerTypes('Solutions Providers Inc').map((p) => p.id).slice(0, 1), ['solution-provider'])
  const provider = closestPartnerTypes('Provider').map((p) => p.id)
  t.ok(provider.includes('solution-provider') && provider.includes('service-cloud-provider'), provider.join())
  t.equal(closestPartnerTypes('インテグレ').at(0)?.id, 'system-integrator')
  t.equal(closestPartnerTypes('zzz', 2).length, 2)
})

t.test('nameKey', async (t) => {
  t.equal(nameKey('Ｓｅｒｖｉｃｅ／Ｃｌｏｕｄ　Ｐｒｏｖｉｄｅｒ'), 'servicecloudprovider')
  t.equal(nameKey('サービス/クラウドプロバイダー'), nameKey('サービス/クラウドプロバイダ'))
  t.not(nameKey('サービス'), nameKey('サビス'), 'a long-vowel mark inside a word is kept')
})

t.test('every English alias that is a word, not an acronym, has its Japanese counterpart', async (t) => {
  const counterparts: Record<string, string> = {
    'Cloud Service Provider': 'クラウドサービスプロバイダー',
    'Cloud Provider': 'クラウドプロバイダー',
    'Service Provider': 'サービスプロバイダー',
    Cloud: 'クラウド',
    'Software Vendor': 'ソフトウェアベンダー',
    Reseller: 'リセラー',
    'Value Added Reseller': 'バリューアドリセラー',
    'Training Partner': 'トレーニングパートナー',
    'Learning Partner': 'ラーニングパートナー',
    'Systems Integrator': 'システムズインテグレーター',
    Alliance: 'アライアンス',
    'Alliance Partner': 'アライアンスパートナー',
    'Alliance OEM': 'アライアンスOEM',
  }
  for (const type of PARTNER_TYPES) {
    for (const alias of type.aliases.filter((a) => /^[\x20-\x7e]+$/.test(a) && a !== a.toUpperCase() && !/^SIer$/.test(a))) {
      t.ok(alias in counterparts, `${alias} has a counterpart listed here`)
      t.equal(resolvePartnerType(counterparts[alias]!)?.type.id, type.id, `${counterparts[alias]} finds ${type.en}, as ${alias} does`)
      t.equal(resolvePartnerType(alias)?.type.id, type.id)
    }
  }
})

t.test('"and" between words is dropped in either language: and, &, と, 及び, および', async (t) => {
  for (const and of ['and', 'AND', '&', 'と', '及び', 'および', 'オヨビ']) {
    t.same(resolvePartnerType(`Service ${and} Cloud Provider`), { type: partnerTypeById('service-cloud-provider'), match: 'name' }, `Service ${and} Cloud Provider`)
    t.same(resolvePartnerType(`サービス ${and} クラウドプロバイダー`), { type: partnerTypeById('service-cloud-provider'), match: 'name' }, `サービス ${and} クラウドプロバイダー`)
  }
  t.not(nameKey('Android Provider'), nameKey('Provider'), 'only a word of its own')
})

t.test('nameKey: the whole hiragana block becomes katakana; long-vowel marks and plurals as people write them', async (t) => {
  t.equal(nameKey('ぁゖ'), nameKey('ァヶ'), 'the first and last hiragana that have a katakana twin')
  t.not(nameKey('ゝ'), nameKey('ヽ'), 'the iteration mark after the block is left alone')
  t.equal(nameKey('リセラーー'), nameKey('リセラ'), 'every final long-vowel mark')
  t.equal(nameKey('クラウドーサービス'), 'クラウドーサービス', 'one between katakana is kept')
  t.equal(nameKey('クラウドー Provider'), 'クラウドprovider')
  t.equal(nameKey('Cloudー1'), 'cloud1', 'one after Latin letters before a digit is dropped')
  t.equal(nameKey('ISVs'), 'isv')
  t.equal(nameKey('Services'), 'service')
  t.equal(nameKey('class'), 'class', 'a word ending in ss is no plural')
  t.equal(nameKey('abs'), 'abs', 'nor a short one')
  t.equal(nameKey('SIs'), 'sis', 'nor an acronym of two letters')
})

t.test('one typo resolves only in names of six or more, typed or known', async (t) => {
  t.equal(resolvePartnerType('Clod'), null, 'four letters: too short to guess')
  t.equal(resolvePartnerType('Clouds x'), null)
  t.equal(resolvePartnerType('xcloud'), null, 'a known name under six letters is never guessed')
  t.same(resolvePartnerType('Trainin'), { type: partnerTypeById('training'), match: 'approximate' })
  t.same(resolvePartnerType('Trainingg Partner'), { type: partnerTypeById('training'), match: 'approximate' })
  t.equal(resolvePartnerType('Partner partner'), null)
})

t.test('the closest types: by edit distance relative to length, each type once, three unless asked', async (t) => {
  t.same(closestPartnerTypes('Integrater').map((p) => p.id)[0], 'system-integrator')
  t.equal(closestPartnerTypes('Integrater').length, 3)
  t.equal(closestPartnerTypes('Integrater', 7).length, 7, 'every type at most once')
  t.equal(new Set(closestPartnerTypes('Integrater', 7)).size, 7)
  t.same(closestPartnerTypes('Embeded Cloud', 1).map((p) => p.id), ['embedded'])
})

t.test('a word is made singular only when it is an English word that ends in s', async (t) => {
  t.equal(nameKey('Consulting'), 'consulting', 'an s inside the word')
  t.equal(nameKey('クラウドservices'), 'クラウドservices', 'Latin letters after katakana in one word')
})

t.test('one typo: five characters are too few, six enough; two keys of the one type still name it', async (t) => {
  t.equal(resolvePartnerType('トレニング'), null, 'five: one edit from トレーニング, but too short to guess')
  t.equal(resolvePartnerType('アライアス'), null)
  t.same(resolvePartnerType('トレーニンク'), { type: partnerTypeById('training'), match: 'approximate' }, 'six, one edit from a six-character name')
  // One edit from both システムインテグレータ and システムズインテグレータ: both System Integrator.
  t.same(resolvePartnerType('システムスインテグレーター'), { type: partnerTypeById('system-integrator'), match: 'approximate' })
})

t.test('any table: its ids resolve, a name that is only "Partner" is kept, an ambiguous name is not guessed either', async (t) => {
  const m = createMatcher([
    { id: 'x-id', en: 'Partner', ja: 'パートナー', aliases: ['Shared1', 'Shared12'] },
    { id: 'y-id', en: 'Other', ja: 'その他', aliases: ['Shared1'] },
  ])
  t.same(m.resolve('x-id'), { type: m.resolve('Partner')?.type, match: 'name' })
  t.equal(m.resolve('Partner')?.type.id, 'x-id')
  t.equal(m.resolve('パートナー')?.type.id, 'x-id')
  t.equal(m.resolve('Shared1'), null, 'a name two types share, though one edit from a name of one of them')
})
