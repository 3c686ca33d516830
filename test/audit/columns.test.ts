import t from 'tap'
import { chooseColumn, headerKey } from '../../src/audit/columns.js'

t.test('header text compares across width, case, spaces and separators', async (t) => {
  t.equal(headerKey('Ｅ－Ｍａｉｌ　Address'), headerKey('email_address'))
  t.equal(headerKey('メール・アドレス（必須）'), headerKey('メールアドレス必須'))
})

t.test('a header that names the address wins over one that merely mentions mail', async (t) => {
  t.same(chooseColumn(['メール配信可否', '氏名', 'メールアドレス']), { ok: true, index: 2, header: true })
  t.same(chooseColumn(['連絡先メール', '氏名']), { ok: true, index: 0, header: true })
  t.same(chooseColumn(['氏名', 'メアド']), { ok: true, index: 1, header: true })
})

t.test('no header: the first row holding an address is data, and its column the address', async (t) => {
  t.same(chooseColumn(['1', '山田', 'taro@acme.co.jp']), { ok: true, index: 2, header: false })
  t.same(chooseColumn(['1', 'taro@acme.co.jp'], '2'), { ok: true, index: 1, header: false })
  t.same(chooseColumn(['id', 'contact'], '2'), { ok: true, index: 1, header: true })
})

t.test('a column that cannot be found is named with the columns there are', async (t) => {
  t.match(chooseColumn(['id', 'name'], '3'), { ok: false, reason: /No column is called "3" \(the columns are: 1 "id", 2 "name"\)\. Give a header's name or a column number from 1 to 2\./ })
  t.match(chooseColumn(['id', 'name'], '0'), { ok: false })
  t.match(chooseColumn(['id', 'name']), { ok: false, reason: /Name it with --column/ })
})
