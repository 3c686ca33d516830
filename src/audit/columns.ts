// Where the address is in a CSV export: the column whose header says so, in English or Japanese
// (email, E-mail, mail address, メールアドレス, Eメール, 電子メール …), or the column the operator
// names; a file without a header (a plain list, one address a line) is recognised by its first
// row holding an address.

/** Header text made comparable: width (ＥＭＡＩＬ), case, spaces and separators do not matter. */
export const headerKey = (s: string): string =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-・.:：()（）]/g, '')

/** Headers that name the address itself, as keys; tried before any header that merely mentions mail. */
const EMAIL_HEADERS = new Set(
  ['email', 'emailaddress', 'mail', 'mailaddress', 'eメール', 'eメールアドレス', 'メール', 'メールアドレス', '電子メール', '電子メールアドレス', 'メアド', 'mailadress', 'emailadress'].map(headerKey),
)
const MENTIONS_MAIL = /mail|メール|メアド/

export type ColumnChoice =
  | { ok: true; index: number; header: boolean }
  | { ok: false; reason: string }

const looksLikeAddress = (cell: string | undefined): boolean => cell !== undefined && cell.includes('@')

/**
 * Decides from the first record which column holds the address and whether that record is a
 * header. `wanted` is the --column option: a header's name, or a 1-based column number.
 */
export function chooseColumn(first: readonly string[], wanted?: string): ColumnChoice {
  if (wanted !== undefined) {
    const key = headerKey(wanted)
    const byName = first.findIndex((h) => headerKey(h) === key)
    if (byName >= 0) return { ok: true, index: byName, header: true }
    if (/^\d+$/.test(wanted) && Number(wanted) >= 1 && Number(wanted) <= first.length) {
      const index = Number(wanted) - 1
      return { ok: true, index, header: !looksLikeAddress(first[index]) }
    }
    return { ok: false, reason: `No column is called "${wanted}" (the columns are: ${describe(first)}). Give a header's name or a column number from 1 to ${first.length}.` }
  }
  const keys = first.map(headerKey)
  let index = keys.findIndex((k) => EMAIL_HEADERS.has(k))
  if (index < 0) index = keys.findIndex((k) => MENTIONS_MAIL.test(k))
  if (index >= 0) return { ok: true, index, header: true }
  const address = first.findIndex(looksLikeAddress)
  if (address >= 0) return { ok: true, index: address, header: false }
  return { ok: false, reason: `No column looks like the email address (the columns are: ${describe(first)}). Name it with --column.` }
}

const describe = (cells: readonly string[]): string => cells.map((c, i) => `${i + 1} "${c}"`).join(', ')
