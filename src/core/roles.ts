// Role accounts: shared mailboxes that belong to a function, not a person. A partner account
// belongs to one person, so the portal should be told. Sources: RFC 2142 (mailbox names for
// common services), the role lists of the validators people compare us with, and the romanised
// Japanese names Japanese companies give their shared mailboxes (総務 soumu, 人事 jinji, 経理
// keiri, 営業 eigyo, 問い合わせ toiawase, 受付 uketsuke …).

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
  const digits = /^([a-z-]+?)([0-9]{1,3})$/.exec(base)
  if (digits && ROLE_NAMES.has(digits[1]!)) return true
  const parts = base.split(/[._-]/)
  if (parts.length < 2 || parts.length > 3) return false
  const [head, ...tail] = parts
  return ROLE_NAMES.has(head!) && tail.every((p) => QUALIFIER.test(p) || ROLE_NAMES.has(p))
}
