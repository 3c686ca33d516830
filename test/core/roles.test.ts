// The role-account rule on its own: a role name, an optional +tag, and at most two qualifiers
// (a region, a number, or another role name). No lists are loaded: this is the rule, not the data.
import t from 'tap'
import { isRoleAccount } from '../../src/core/roles.js'

t.test('a +tag and letter case do not hide a role; a tag alone is not one', async (t) => {
  t.ok(isRoleAccount('Info+Portal'))
  t.ok(isRoleAccount('EIGYO+2026'))
  t.ok(isRoleAccount('sales.tokyo+form'), 'the tag is dropped before the qualifiers are read')
  t.notOk(isRoleAccount('taro+info'), 'a role name in the tag is still a person')
  t.notOk(isRoleAccount('+info'))
})

t.test('a number of one to three digits, joined or after a separator, keeps a role a role', async (t) => {
  for (const local of ['info2', 'sales10', 'support999', 'no-reply1', 'sales-1', 'info.42', 'eigyo_123']) t.ok(isRoleAccount(local), local)
  for (const local of ['info2026', 'sales-2026', 'info2x', 'taro2', 'x1']) t.notOk(isRoleAccount(local), local)
  // The number qualifies the whole name: a person's name before a numbered role is a person.
  for (const local of ['taro.info2', 'yamada_sales1', 'k.sato-support3']) t.notOk(isRoleAccount(local), local)
})

t.test('qualifiers: whole words only, at most two, after the role name', async (t) => {
  for (const local of ['sales.jp', 'sales-japan', 'support_osaka', 'info.apac', 'eigyo.hq', 'sales.tokyo.jp', 'sales.support', 'soumu-dept', 'info.east.2'])
    t.ok(isRoleAccount(local), local)
  for (const local of ['sales.japanese', 'sales.xjp', 'sales.jpx', 'info.tokyoite', 'sales.east.tokyo.jp', 'tokyo.sales', 'taro.sales', 'sales..jp', 'sales.'])
    t.notOk(isRoleAccount(local), local)
})

t.test('a role name on its own is a role; a person-like name that contains one is not', async (t) => {
  for (const local of ['postmaster', 'mailer-daemon', 'soumu', 'support-center']) t.ok(isRoleAccount(local), local)
  for (const local of ['infox', 'xinfo', 'salesman', 'yamada.eigyo', '']) t.notOk(isRoleAccount(local), local)
})
