// Role accounts: shared mailboxes that belong to a function, not a person. A partner account
// belongs to one person, so the portal should be told. Sources: RFC 2142 (mailbox names for
// common services), the role lists of the validators people compare us with, and the romanised
// Japanese names Japanese companies give their shared mailboxes (総務 soumu, 人事 jinji, 経理
// keiri, 営業 eigyo, 問い合わせ toiawase, 受付 uketsuke …).
import { codeUnit } from './text.js'

// Stryker disable StringLiteral: a sourced data table; mutation testing is for the logic, and each entry is data
export const ROLE_NAMES = new Set([
  // RFC 2142 and operations
  'abuse', 'admin', 'administrator', 'hostmaster', 'postmaster', 'webmaster', 'security', 'noc', 'root', 'sysadmin',
  'mailer-daemon', 'nobody', 'noreply', 'no-reply', 'donotreply', 'do-not-reply', 'bounce', 'bounces',
  // Functions
  'info', 'information', 'contact', 'contactus', 'enquiry', 'enquiries', 'inquiry', 'inquiries', 'hello', 'hi',
  'office', 'support', 'help', 'helpdesk', 'service', 'services', 'customerservice', 'cs', 'feedback',
  'sales', 'marketing', 'billing', 'accounts', 'accounting', 'finance', 'invoice', 'invoices', 'payments',
  'hr', 'jobs', 'careers', 'recruit', 'recruiting', 'recruitment', 'team', 'staff', 'all', 'everyone',
  'press', 'media', 'pr', 'news', 'newsletter', 'legal', 'compliance', 'privacy', 'partners', 'partner',
  'orders', 'order', 'shop', 'store', 'mail', 'email', 'system', 'it',
  // Romanised Japanese
  'soumu', 'somu', 'jinji', 'keiri', 'eigyo', 'eigyou', 'toiawase', 'otoiawase', 'uketsuke', 'kouhou', 'koho',
  'saiyo', 'saiyou', 'shien', 'jimu', 'jimukyoku', 'daihyo', 'daihyou', 'honbu', 'kikaku', 'gijutsu',
  'hanbai', 'kanri', 'shisutemu', 'soudan', 'madoguchi', 'center', 'support-center',
])
// Stryker restore StringLiteral

/** Suffixes that keep a role a role: a region, a country, a number ("sales-jp", "info2"). */
const QUALIFIER = /^(jp|japan|tokyo|osaka|nagoya|fukuoka|sapporo|east|west|apac|asia|global|hq|team|desk|center|dept|[0-9]{1,3})$/

/**
 * True when a local part names a function rather than a person: a role name, optionally with a
 * +tag, and qualified at most by a region or number ("eigyo", "info+portal", "sales.tokyo").
 */
export function isRoleAccount(local: string): boolean {
  const plus = local.indexOf('+')
  const base = (plus < 0 ? local : local.slice(0, plus)).toLowerCase()
  if (ROLE_NAMES.has(base)) return true
  // The two forms below are asked for only where they could match: this runs on every check,
  // and almost every local part is a person's name, which a regular expression split and an
  // exec each time cost ~0.3 KB of garbage to refuse.
  if (isDigit(codeUnit(base, base.length - 1))) {
    const digits = /^([a-z-]+?)([0-9]{1,3})$/.exec(base)
    if (digits && ROLE_NAMES.has(digits[1]!)) return true
  }
  const cut = firstSeparator(base)
  if (cut < 0 || !ROLE_NAMES.has(base.slice(0, cut))) return false
  // A role name, then one or two qualifiers.
  const qualifiers = base.slice(cut + 1).split(/[._-]/)
  return qualifiers.length <= 2 && qualifiers.every((p) => QUALIFIER.test(p) || ROLE_NAMES.has(p))
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39

/** Where the first . _ or - is (where a role name and its qualifiers part), or -1. */
function firstSeparator(s: string): number {
  for (let i = 0, n = s.length; i < n; i++) {
    const c = codeUnit(s, i)
    if (c === 0x2e || c === 0x5f || c === 0x2d) return i
  }
  return -1
}
