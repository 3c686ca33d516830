// @ts-check
// The helpdesk console's script (GET /helpdesk): a domain's standing in words, from
// GET /domains/{domain}, and the partner-type table with tolerant search (GET /partner-types,
// GET /partner-types/lookup). Sends the API key the person gives, when the service wants one.

const lang = document.documentElement.lang === 'en' ? 'en' : 'ja'

const TEXT = {
  ja: {
    class: { partner: 'パートナー企業', 'free-mail': 'フリーメール', disposable: '使い捨てメール', unknown: '未登録のドメイン', invalid: 'ドメインの形式が正しくありません' },
    summary: {
      partner: 'このドメインのアドレスはパートナー企業のものとして受け付けられます。',
      'free-mail': 'フリーメール（個人向けメール）のため、このドメインのアドレスは受け付けられません。',
      disposable: '使い捨て（一時的な）メールのため、このドメインのアドレスは受け付けられません。',
      unknown: 'どのパートナー企業にも登録されていないため、このドメインのアドレスは受け付けられません。',
      invalid: 'メールアドレスのドメインとして使えない形式です。',
    },
    domain: 'ドメイン',
    list: '判定した一覧',
    entry: '一致したエントリ',
    others: 'ほかに挙げている一覧',
    precedence: '優先の規則',
    partner: 'パートナー企業',
    types: 'パートナータイプ',
    matched: '登録ドメイン',
    subdomain: (/** @type {string} */ d) => `（${d} のサブドメインとして一致）`,
    organisation: '組織のドメイン',
    exempt: '除外ドメイン（exemptDomains）に含まれています。',
    suffix: 'パブリックサフィックス（co.jp など）そのものです。',
    typo: (/** @type {string} */ d) => `${d} の入力間違いと思われます。`,
    typoLabel: '入力間違い',
    lookalike: '似せたドメイン',
    lookalikeKind: { dash: 'ハイフンの位置が不自然', 'mixed-scripts': '文字種が混在', lookalike: '見た目の似た文字' },
    of: (/** @type {string} */ d) => `（${d} に似せています）`,
    kind: { disposable: '使い捨て', free: 'フリーメール' },
    rule: '違反している規則',
    none: '（なし）',
    key: 'API キーが必要です。上の欄に入力してください。',
    denied: (/** @type {string} */ s) => `サービスに拒否されました: ${s}`,
    failed: 'サービスに接続できませんでした。',
    shown: (/** @type {number} */ n) => `${n} 件のパートナータイプを表示しています。`,
    resolved: (/** @type {string} */ q, /** @type {string} */ t) => `「${q}」は ${t} と判断しました。`,
    closest: (/** @type {string} */ q, /** @type {string} */ t) => `「${q}」に一致するパートナータイプはありません。近いもの: ${t}`,
  },
  en: {
    class: { partner: 'Partner company', 'free-mail': 'Free mail', disposable: 'Disposable mail', unknown: 'Not registered', invalid: 'Not a valid domain' },
    summary: {
      partner: 'Addresses at this domain are accepted as a partner company’s.',
      'free-mail': 'Addresses at this domain are refused: it is free (personal) mail.',
      disposable: 'Addresses at this domain are refused: it is a disposable (temporary) mail service.',
      unknown: 'Addresses at this domain are refused: no partner company has registered it.',
      invalid: 'This is not a domain an email address can have.',
    },
    domain: 'Domain',
    list: 'Deciding list',
    entry: 'Entry that matched',
    others: 'Also named by',
    precedence: 'Precedence',
    partner: 'Partner company',
    types: 'Partner types',
    matched: 'Registered domain',
    subdomain: (/** @type {string} */ d) => ` (matched as a subdomain of ${d})`,
    organisation: 'Organisation’s domain',
    exempt: 'Listed in the registry’s exemptDomains.',
    suffix: 'It is itself a public suffix (such as co.jp).',
    typo: (/** @type {string} */ d) => `Probably a typo of ${d}.`,
    typoLabel: 'Typo',
    lookalike: 'Look-alike',
    lookalikeKind: { dash: 'unusual hyphens', 'mixed-scripts': 'mixed scripts', lookalike: 'look-alike characters' },
    of: (/** @type {string} */ d) => ` (imitates ${d})`,
    kind: { disposable: 'disposable', free: 'free mail' },
    rule: 'Rule broken',
    none: '(none)',
    key: 'An API key is needed: enter it above.',
    denied: (/** @type {string} */ s) => `The service refused: ${s}`,
    failed: 'The service could not be reached.',
    shown: (/** @type {number} */ n) => `Showing ${n} partner types.`,
    resolved: (/** @type {string} */ q, /** @type {string} */ t) => `“${q}” is ${t}.`,
    closest: (/** @type {string} */ q, /** @type {string} */ t) => `No partner type is called “${q}”. Closest: ${t}`,
  },
}[lang]

/**
 * The service's contract, generated from the committed OpenAPI document (npm run openapi).
 * @typedef {import('../openapi/schema').components['schemas']} Schemas
 * @typedef {Schemas['PartnerType']} PartnerType
 * @typedef {Schemas['DomainReport']} DomainReport
 * @typedef {Schemas['Problem']} Problem
 */
/** @type {PartnerType[]} */
let types = []

const keyInput = /** @type {HTMLInputElement | null} */ (document.getElementById('api-key'))
if (keyInput) {
  keyInput.value = sessionStorage.getItem('helpdesk-key') ?? ''
  keyInput.addEventListener('change', () => sessionStorage.setItem('helpdesk-key', keyInput.value))
}

/** @param {string} path */
async function api(path) {
  /** @type {Record<string, string>} */
  const headers = { 'accept-language': lang }
  if (keyInput?.value) headers.authorization = `Bearer ${keyInput.value}`
  const response = await fetch(path, { headers })
  const body = await response.json()
  return { status: response.status, body }
}

/**
 * @param {string} tag
 * @param {Record<string, string>} attrs
 * @param {(Node | string)[]} children
 */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v)
  node.append(...children)
  return node
}

/** @param {string} en */
const typeName = (en) => {
  const type = types.find((t) => t.en === en)
  return type ? `${type.ja} / ${type.en}` : en
}

/** @param {DomainReport} r */
function describe(r) {
  const facts = el('dl', { class: 'facts' })
  /** @param {string} term @param {(Node | string)[]} desc */
  const fact = (term, ...desc) => facts.append(el('dt', {}, term), el('dd', {}, ...desc))
  fact(TEXT.domain, el('code', {}, r.domain ?? r.input), r.ascii && r.ascii !== r.domain ? ` (${r.ascii})` : '')
  if (r.rule) fact(TEXT.rule, el('code', {}, r.rule))
  for (const p of r.partners) {
    const sub = r.domain && r.domain !== p.matchedDomain ? TEXT.subdomain(p.matchedDomain) : ''
    fact(TEXT.partner, el('strong', {}, p.name), ` (${p.id})`)
    fact(TEXT.types, p.partnerTypes.length ? p.partnerTypes.map(typeName).join('、') : TEXT.none)
    fact(TEXT.matched, el('code', {}, p.matchedDomain), sub)
  }
  if (r.listed) {
    fact(TEXT.list, el('code', {}, r.listed.list))
    fact(TEXT.entry, el('code', {}, r.listed.entry))
    const others = r.listed.sources.slice(1).map((s) => el('li', {}, el('code', {}, s.list), ` (${TEXT.kind[s.kind]})`))
    if (others.length) fact(TEXT.others, el('ul', { class: 'plain' }, ...others))
    fact(TEXT.precedence, r.listed.precedence)
  }
  if (r.organisation) fact(TEXT.organisation, `${r.organisation.reason} (${r.organisation.list})`)
  if (r.exempt) fact(TEXT.exempt, '')
  if (r.publicSuffix) fact(TEXT.suffix, '')
  if (r.possibleTypoOf) fact(TEXT.typoLabel, TEXT.typo(r.possibleTypoOf))
  if (r.lookalike) fact(TEXT.lookalike, TEXT.lookalikeKind[r.lookalike.kind], r.lookalike.of ? TEXT.of(r.lookalike.of) : '')
  const cls = r.classification
  return [el('p', {}, el('span', { class: `badge ${cls}`, 'data-class': cls }, TEXT.class[cls]), ' ', TEXT.summary[cls]), facts]
}

/** @param {unknown} problem */
const problemText = (problem) => {
  const p = /** @type {{ detail?: string, title?: string }} */ (problem)
  return p.detail ?? p.title ?? ''
}

const result = /** @type {HTMLElement} */ (document.getElementById('result'))
document.getElementById('lookup')?.addEventListener('submit', async (event) => {
  event.preventDefault()
  const q = /** @type {HTMLInputElement} */ (document.getElementById('q')).value.trim()
  // An address is looked up by its domain: what follows the last @.
  const domain = q.slice(q.lastIndexOf('@') + 1)
  if (!domain) return
  try {
    if (types.length === 0) await loadTypes()
    const { status, body } = await api(`/domains/${encodeURIComponent(domain)}`)
    if (status === 200) result.replaceChildren(...describe(body))
    else result.replaceChildren(el('p', { class: 'error' }, status === 401 ? TEXT.key : TEXT.denied(problemText(body))))
  } catch {
    result.replaceChildren(el('p', { class: 'error' }, TEXT.failed))
  }
})

/** The same folding the service applies, for the table's instant filter: width, case, spaces. */
const fold = (/** @type {string} */ s) => s.normalize('NFKC').toLowerCase().replace(/[\s\u30fc\-_/・]/g, '')

const tbody = /** @type {HTMLElement} */ (document.getElementById('types'))
const typeResult = /** @type {HTMLElement} */ (document.getElementById('type-result'))
let typeQuery = 0
document.getElementById('type-q')?.addEventListener('input', async (event) => {
  const q = /** @type {HTMLInputElement} */ (event.target).value.trim()
  const mine = ++typeQuery
  const key = fold(q)
  let shown = 0
  for (const row of /** @type {NodeListOf<HTMLElement>} */ (tbody.querySelectorAll('tr'))) {
    const hit = key === '' || fold(row.textContent ?? '').includes(key)
    row.hidden = !hit
    if (hit) shown++
  }
  if (q === '') return typeResult.replaceChildren()
  if (shown > 0) return typeResult.replaceChildren(TEXT.shown(shown))
  // Nothing contains it: ask the service, which knows typos and short names.
  try {
    const { status, body } = await api(`/partner-types/lookup?name=${encodeURIComponent(q)}`)
    if (mine !== typeQuery) return
    const found = status === 200 ? [body] : (body.suggestions ?? [])
    for (const row of /** @type {NodeListOf<HTMLElement>} */ (tbody.querySelectorAll('tr'))) row.hidden = !found.some((/** @type {PartnerType} */ t) => t.id === row.dataset.id)
    const names = found.map((/** @type {PartnerType} */ t) => `${t.ja}（${t.en}）`).join('、')
    if (status === 200) typeResult.replaceChildren(TEXT.resolved(q, names))
    else if (status === 404) typeResult.replaceChildren(TEXT.closest(q, names))
    else typeResult.replaceChildren(status === 401 ? TEXT.key : TEXT.denied(problemText(body)))
  } catch {
    if (mine === typeQuery) typeResult.replaceChildren(TEXT.failed)
  }
})

async function loadTypes() {
  const { status, body } = await api('/partner-types')
  if (status === 200) types = body.partnerTypes
}
void loadTypes().catch(() => {})
