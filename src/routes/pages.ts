// The verdict where people meet it (issue 19): the <email-check> widget's script, a sign-up
// page built on it (/demo, also the widget's live documentation) and the helpdesk console
// (/helpdesk). The pages hold no data: the console calls the API with the key its user gives.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Config } from '../config.js'
import { PARTNER_TYPES } from '../core/partner-types.js'
import { PACKAGE_ROOT } from '../paths.js'

/** Paths of the pages and their scripts: open without an API key (see src/plugins/security.ts). */
export const PAGE_PREFIXES = ['/demo', '/helpdesk', '/widget/']

type Lang = 'ja' | 'en'

const PageQuerySchema = z.object({ lang: z.enum(['ja', 'en']).default('ja').describe('The page’s language.') })

/** A script read once at start, with the validator that lets browsers keep it between visits. */
function script(file: string) {
  const body = readFileSync(join(PACKAGE_ROOT, 'web', file), 'utf8')
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` }
}

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** The public key bound to the page's own origin, if one is: the demo's widget presents it. */
function demoKey(config: Config, request: FastifyRequest): string | null {
  const origin = `${request.protocol}://${request.host}`
  return config.publicKeys.find((k) => k.origins.includes(origin))?.key ?? null
}

const FONT = `"Hiragino Kaku Gothic ProN", "Hiragino Sans", "BIZ UDPGothic", Meiryo, "Noto Sans JP", "Yu Gothic UI", "IPAPGothic", "IPAGothic", system-ui, sans-serif`

const CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:${FONT};font-size:15px;line-height:1.7;color:#202124;background:#f4f6f8;letter-spacing:.02em}
html[lang=en] body{font-family:system-ui,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;letter-spacing:0}
a{color:#0b57d0}
header.bar{background:#fff;border-bottom:1px solid #dadce0}
header.bar .inner{max-width:1040px;margin:0 auto;padding:.8rem 1.5rem;display:flex;align-items:center;gap:1rem}
.brand{display:flex;align-items:center;gap:.6rem;font-weight:700;font-size:1.05rem;color:#202124;text-decoration:none}
.brand .mark{width:30px;height:30px;border-radius:7px;background:linear-gradient(135deg,#0b57d0,#00897b);display:inline-block}
header.bar nav{margin-left:auto;font-size:.875rem;display:flex;gap:1rem;align-items:center}
main{max-width:1040px;margin:0 auto;padding:2rem 1.5rem 3rem}
h1{font-size:1.6rem;line-height:1.4;margin:0 0 .4rem}
.lead{color:#5f6368;margin:0 0 1.6rem}
.steps{display:flex;gap:.5rem;list-style:none;padding:0;margin:0 0 1.6rem;font-size:.85rem;color:#5f6368;flex-wrap:wrap}
.steps li{padding:.3rem .9rem;border-radius:999px;background:#e8eaed}
.steps li[aria-current]{background:#0b57d0;color:#fff;font-weight:600}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 300px;gap:1.5rem;align-items:start}
@media (max-width:820px){.layout{grid-template-columns:1fr}}
.card{background:#fff;border:1px solid #dadce0;border-radius:12px;padding:1.6rem 1.8rem}
.card h2{font-size:1.1rem;margin:0 0 1rem}
.field{margin-bottom:1.35rem}
.field label,.field .label{display:block;font-weight:600;margin-bottom:.35rem}
.req{display:inline-block;margin-left:.5rem;padding:0 .4rem;font-size:.72rem;font-weight:600;color:#fff;background:#b3261e;border-radius:4px;vertical-align:.1em}
.hint{display:block;font-size:.8rem;color:#5f6368;font-weight:400;margin-top:.15rem}
input[type=email],input[type=text],input[type=search],input[type=password],select{width:100%;font:inherit;padding:.6rem .75rem;border:1px solid #9aa0a6;border-radius:8px;background:#fff;color:#202124}
input:focus,select:focus{outline:3px solid #a8c7fa;outline-offset:0;border-color:#0b57d0}
button.primary{white-space:nowrap;font:inherit;font-weight:700;padding:.7rem 2rem;border:0;border-radius:8px;background:#0b57d0;color:#fff;cursor:pointer}
button.primary:hover{background:#0a4dba}
button.primary:focus-visible{outline:3px solid #a8c7fa;outline-offset:2px}
aside.card{font-size:.875rem}
aside.card h2{font-size:1rem}
aside.card ul{padding-left:1.2rem;margin:.2rem 0 0}
.done{margin-top:1rem;padding:.8rem 1rem;border-radius:8px;background:#e6f4ea;color:#1e6b35}
.doc{margin-top:1.5rem}
.doc pre{background:#202124;color:#e8eaed;padding:1rem;border-radius:8px;overflow-x:auto;font-size:.8rem;line-height:1.6}
code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace}
footer{max-width:1040px;margin:0 auto;padding:0 1.5rem 2rem;font-size:.8rem;color:#5f6368}
table{border-collapse:collapse;width:100%;font-size:.875rem}
th,td{text-align:left;padding:.5rem .6rem;border-bottom:1px solid #e8eaed;vertical-align:top}
th:nth-child(-n+2){width:24%}
th{font-weight:600;color:#5f6368;background:#f8f9fa}
.badge{display:inline-block;padding:.1rem .7rem;border-radius:999px;font-weight:700;font-size:.85rem}
.badge.partner{background:#e6f4ea;color:#1e6b35}.badge.free-mail{background:#fef7e0;color:#8a5300}
.badge.disposable,.badge.invalid{background:#fce8e6;color:#b3261e}.badge.unknown{background:#e8eaed;color:#3c4043}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.4rem 1.2rem;margin:1rem 0 0}
dl.facts dt{color:#5f6368}dl.facts dd{margin:0}
ul.plain{list-style:none;margin:0;padding:0}
.muted{color:#5f6368}
.error{color:#b3261e}
mark{background:#fff3c4;padding:0 .1rem}
`

const DEMO_TEXT = {
  ja: {
    title: 'パートナーアカウントの作成',
    portal: 'パートナーポータル',
    lead: 'パートナー企業のご担当者様のアカウントを作成します。必須項目をすべてご入力のうえ、「次のステップ」を選択してください。',
    steps: ['アカウント情報', 'パートナー企業への紐付け', '完了'],
    form: 'アカウント情報',
    email: 'メールアドレス',
    emailHint: '所属企業のドメインのメールアドレスをご入力ください（半角英数字）。',
    company: 'パートナー企業名',
    companyHint: '例: ACME株式会社',
    type: 'パートナータイプ',
    typeHint: 'ご不明な場合は、貴社のパートナー担当者様または担当営業にお問い合わせください。',
    choose: '選択してください',
    required: '必須',
    submit: '次のステップ',
    done: '入力内容を確認しました。（デモのため、送信はされません）',
    asideTitle: 'ご登録の前に',
    aside: [
      'パートナー登録済み企業のドメインのメールアドレスが必要です。',
      'フリーメールや使い捨てのメールアドレスではご登録いただけません。',
      'パートナー契約のパートナータイプ（リセラー、システムインテグレーターなど）をご確認ください。',
    ],
    other: 'English',
    helpdesk: 'ヘルプデスク',
    docTitle: 'このフォームの組み込み方',
    docLead: 'メールアドレスの欄は <email-check> ウィジェットです。ポータルのページでスクリプトを1行読み込み、メールアドレスの入力欄を <email-check> で囲むと、入力中にアドレスを確認します。',
    footer: 'このページはメールアドレス事前確認サービスのデモです。登録されているパートナー企業は架空のものです。',
  },
  en: {
    title: 'Create your partner account',
    portal: 'Partner Portal',
    lead: 'Create the account of a partner company’s staff member. Fill in every required field, then choose “Next step”.',
    steps: ['Account details', 'Link to your partner company', 'Done'],
    form: 'Account details',
    email: 'Email address',
    emailHint: 'Use an address at your company’s own domain.',
    company: 'Partner company',
    companyHint: 'For example: ACME Corporation',
    type: 'Partner type',
    typeHint: 'If you are not sure, ask your company’s partner contact or your account manager.',
    choose: 'Choose one',
    required: 'Required',
    submit: 'Next step',
    done: 'Your details are complete. (This is a demo: nothing is sent.)',
    asideTitle: 'Before you sign up',
    aside: [
      'You need an email address at a registered partner company’s domain.',
      'Free mail and disposable addresses cannot be used.',
      'Have your partner contract’s partner type at hand (Solution Provider, System Integrator …).',
    ],
    other: '日本語',
    helpdesk: 'Helpdesk',
    docTitle: 'Adding this form to a portal',
    docLead: 'The email field is the <email-check> widget. A portal loads the script with one line and wraps its email field in <email-check>: the address is checked as it is typed.',
    footer: 'This page demonstrates the email pre-validation service. The partner companies registered are fictitious.',
  },
}

function header(lang: Lang, portal: string, links: string): string {
  return `<header class="bar"><div class="inner"><a class="brand" href="/demo${lang === 'en' ? '?lang=en' : ''}"><span class="mark" aria-hidden="true"></span>${escape(portal)}</a><nav>${links}</nav></div></header>`
}

/** The page's head, its bar with `links`, and its title and lead: the same on every page. */
function pageTop(lang: Lang, t: { title: string; portal: string; lead: string }, script: string, links: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(t.title)} | ${escape(t.portal)}</title>
<style>${CSS}</style>
<script type="module" src="${script}"></script>
</head>
<body>
${header(lang, t.portal, links)}
<main>
<h1>${escape(t.title)}</h1>
<p class="lead">${escape(t.lead)}</p>`
}

export function demoPage(lang: Lang, key: string | null): string {
  const t = DEMO_TEXT[lang]
  const other = lang === 'ja' ? 'en' : 'ja'
  const keyAttr = key ? ` data-key="${escape(key)}"` : ''
  const options = PARTNER_TYPES.map((p) => `<option value="${escape(p.en)}">${escape(lang === 'ja' ? p.ja : p.en)}</option>`).join('')
  const snippet = `<script type="module" src="https://<service>/widget/email-check.js"></script>\n<email-check data-key="pk_…" partner-type="System Integrator">\n  <label for="email">${t.email}</label>\n  <input id="email" type="email" name="email" required>\n</email-check>`
  return `${pageTop(lang, t, '/widget/email-check.js', `<a href="/helpdesk${lang === 'en' ? '?lang=en' : ''}">${t.helpdesk}</a><a href="/demo${other === 'en' ? '?lang=en' : ''}" lang="${other}" hreflang="${other}">${t.other}</a>`)}
<ol class="steps">${t.steps.map((s, i) => `<li${i === 0 ? ' aria-current="step"' : ''}>${i + 1}. ${escape(s)}</li>`).join('')}</ol>
<div class="layout">
<form class="card" id="signup">
<h2>${escape(t.form)}</h2>
<div class="field">
<email-check${keyAttr}>
<label for="email">${escape(t.email)}<span class="req">${t.required}</span><span class="hint" id="email-hint">${escape(t.emailHint)}</span></label>
<input id="email" name="email" type="email" autocomplete="email" required aria-describedby="email-hint" spellcheck="false">
</email-check>
</div>
<div class="field">
<label for="company">${escape(t.company)}<span class="req">${t.required}</span><span class="hint">${escape(t.companyHint)}</span></label>
<input id="company" name="company" type="text" autocomplete="organization" required>
</div>
<div class="field">
<label for="partner-type">${escape(t.type)}<span class="req">${t.required}</span><span class="hint">${escape(t.typeHint)}</span></label>
<select id="partner-type" name="partnerType" required><option value="">${escape(t.choose)}</option>${options}</select>
</div>
<button class="primary" type="submit">${escape(t.submit)}</button>
<p class="done" id="done" role="status" hidden>${escape(t.done)}</p>
</form>
<aside class="card">
<h2>${escape(t.asideTitle)}</h2>
<ul>${t.aside.map((a) => `<li>${escape(a)}</li>`).join('')}</ul>
</aside>
</div>
<section class="doc card">
<h2>${escape(t.docTitle)}</h2>
<p>${escape(t.docLead)}</p>
<pre><code>${escape(snippet)}</code></pre>
</section>
</main>
<footer>${escape(t.footer)}</footer>
<script type="module">
const form = document.getElementById('signup')
const check = form.querySelector('email-check')
const type = document.getElementById('partner-type')
type.addEventListener('change', () => type.value ? check.setAttribute('partner-type', type.value) : check.removeAttribute('partner-type'))
await customElements.whenDefined('email-check')
// After the widget's own listener: it holds back a submit until the last keystrokes are checked.
form.addEventListener('submit', (event) => {
  if (event.defaultPrevented) return
  event.preventDefault()
  document.getElementById('done').hidden = false
})
</script>
</body>
</html>
`
}

const DESK_TEXT = {
  ja: {
    title: 'ヘルプデスク コンソール',
    portal: 'パートナーポータル',
    lead: 'ドメインまたはメールアドレスを入力すると、サービスがそのドメインをどう判定するか（フリーメール、使い捨て、パートナー企業など）と、その根拠を表示します。',
    search: 'ドメインまたはメールアドレス',
    go: '調べる',
    key: 'API キー',
    keyHint: 'このサービスは API キーで保護されています。キーはこのタブの中にだけ保存されます。',
    types: 'パートナータイプ一覧',
    typesSearch: 'パートナータイプを検索（英語・日本語・略称）',
    demo: 'サインアップのデモ',
    other: 'English',
  },
  en: {
    title: 'Helpdesk console',
    portal: 'Partner Portal',
    lead: 'Enter a domain or an email address to see how the service classifies the domain (free mail, disposable, partner company …) and why.',
    search: 'Domain or email address',
    go: 'Look up',
    key: 'API key',
    keyHint: 'This service is protected by API keys. The key is kept in this tab only.',
    types: 'Partner types',
    typesSearch: 'Search partner types (English, Japanese, short names)',
    demo: 'Sign-up demo',
    other: '日本語',
  },
}

export function helpdeskPage(lang: Lang, needsKey: boolean): string {
  const t = DESK_TEXT[lang]
  const other = lang === 'ja' ? 'en' : 'ja'
  const rows = PARTNER_TYPES.map(
    (p) => `<tr data-id="${p.id}"><td>${escape(p.ja)}</td><td>${escape(p.en)}</td><td class="muted">${escape(p.aliases.join(', '))}</td></tr>`,
  ).join('')
  const keyField = needsKey
    ? `<div class="field"><label for="api-key">${t.key}<span class="hint">${escape(t.keyHint)}</span></label><input id="api-key" type="password" autocomplete="off"></div>`
    : ''
  return `${pageTop(lang, t, '/widget/helpdesk.js', `<a href="/demo${lang === 'en' ? '?lang=en' : ''}">${t.demo}</a><a href="/helpdesk${other === 'en' ? '?lang=en' : ''}" lang="${other}" hreflang="${other}">${t.other}</a>`)}
<div class="card">
${keyField}
<form id="lookup" role="search" class="field">
<label for="q">${escape(t.search)}</label>
<div style="display:flex;gap:.6rem"><input id="q" type="search" name="q" autocomplete="off" spellcheck="false" required placeholder="example.co.jp"><button class="primary" type="submit">${escape(t.go)}</button></div>
</form>
<div id="result" role="status" aria-live="polite"></div>
</div>
<section class="card doc" aria-labelledby="types-title">
<h2 id="types-title">${escape(t.types)}</h2>
<div class="field"><label for="type-q">${escape(t.typesSearch)}</label><input id="type-q" type="search" autocomplete="off"></div>
<p id="type-result" role="status" aria-live="polite" class="muted"></p>
<table><thead><tr><th>日本語</th><th>English</th><th>${lang === 'ja' ? '別名' : 'Also known as'}</th></tr></thead><tbody id="types">${rows}</tbody></table>
</section>
</main>
</body>
</html>
`
}

function sendScript(request: FastifyRequest, reply: FastifyReply, { body, etag }: ReturnType<typeof script>) {
  // Revalidated after an hour: a portal picks up a new widget within the hour, for a 304.
  reply.header('cache-control', 'public, max-age=3600').header('etag', etag).type('text/javascript; charset=utf-8')
  if (request.headers['if-none-match'] === etag) return reply.code(304).send()
  return body
}

const hidden = { hide: true } as const

/** A page: never framed by another site (the console takes an API key), always revalidated. */
function html(reply: FastifyReply): void {
  reply
    .header('cache-control', 'no-cache')
    .header('content-security-policy', "frame-ancestors 'none'")
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .type('text/html; charset=utf-8')
}

export async function pagesRoutes(app: FastifyInstance, { config }: { config: Config }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  const widget = script('email-check.js')
  const desk = script('helpdesk.js')
  typed.get('/widget/email-check.js', { schema: hidden }, (request, reply) => sendScript(request, reply, widget))
  typed.get('/widget/helpdesk.js', { schema: hidden }, (request, reply) => sendScript(request, reply, desk))
  typed.get('/demo', { schema: { ...hidden, querystring: PageQuerySchema } }, async (request, reply) => {
    html(reply)
    return demoPage(request.query.lang, demoKey(config, request))
  })
  typed.get('/helpdesk', { schema: { ...hidden, querystring: PageQuerySchema } }, async (request, reply) => {
    html(reply)
    return helpdeskPage(request.query.lang, config.apiKeys.length > 0)
  })
}
