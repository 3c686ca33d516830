// @ts-check
// <email-check>: the service's verdict on an email field while the person types (issue 19).
// A plain ES module with no dependency, served by the service at /widget/email-check.js:
//
//   <script type="module" src="https://check.example.com/widget/email-check.js"></script>
//   <email-check data-key="pk_…"><input type="email" name="email"></email-check>
//
// Why these choices: the check waits while an IME composition is open (a half-composed kana
// string is not what the person means to send); the verdict sits in a polite live region, so a
// screen reader reads it without interrupting; a refused address makes the input invalid for
// the form (setCustomValidity), and any failure of the service leaves the form usable.

/** The widget's own words; the verdict's messages come from the service, in the same language. */
const TEXT = {
  ja: {
    suggest: 'もしかして:',
    use: (/** @type {string} */ a) => `${a} を入力する`,
    partner: (/** @type {string} */ n) => `${n} のパートナー登録があるドメインです。`,
    accepted: 'このメールアドレスでご登録いただけます。',
    unavailable: 'ただいまメールアドレスを確認できません。このままお進みいただけます。',
  },
  en: {
    suggest: 'Did you mean:',
    use: (/** @type {string} */ a) => `Use ${a}`,
    partner: (/** @type {string} */ n) => `This domain is registered to the partner ${n}.`,
    accepted: 'You can sign up with this address.',
    unavailable: 'The address cannot be checked just now. You can continue.',
  },
}

const STYLE = `
:where(email-check){display:block}
:where(.email-check-status){margin-top:.4rem;font-size:.875rem;line-height:1.6;min-height:1.4em}
:where(.email-check-status[data-state=refused]){color:#b3261e}
:where(.email-check-status[data-state=accepted]){color:#1e6b35}
:where(.email-check-status[data-state=unavailable]){color:#5f6368}
:where(email-check[data-state=refused] input){border-color:#b3261e}
:where(email-check[data-state=accepted] input){border-color:#1e6b35}
:where(.email-check-status p){margin:0}
:where(.email-check-status p+p){margin-top:.25rem}
:where(.email-check-suggestion){margin-top:.35rem;display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;color:#202124}
:where(.email-check-suggestion button){font:inherit;font-weight:600;padding:.25rem .75rem;border:1px solid #0b57d0;border-radius:999px;background:#fff;color:#0b57d0;cursor:pointer}
:where(.email-check-suggestion button:hover){background:#e8f0fe}
:where(.email-check-suggestion button:focus-visible){outline:3px solid #a8c7fa;outline-offset:1px}
`

let styled = false
let counter = 0

export class EmailCheck extends HTMLElement {
  static observedAttributes = ['partner-type']

  constructor() {
    super()
    /** @type {HTMLInputElement | null} */ this.input = null
    /** @type {HTMLElement | null} */ this.status = null
    /** @type {ReturnType<typeof setTimeout> | undefined} */ this.timer = undefined
    /** @type {AbortController | null} */ this.inflight = null
    this.composing = false
    /** The value whose verdict is shown (or being fetched): the same value is not checked twice. */
    this.checked = ''
    /** @type {Promise<void> | null} */ this.pending = null
  }

  connectedCallback() {
    if (this.input) return
    if (!styled) {
      styled = true
      const style = document.createElement('style')
      style.textContent = STYLE
      document.head.append(style)
    }
    let input = this.querySelector('input')
    if (!input) {
      input = document.createElement('input')
      input.type = 'email'
      input.autocomplete = 'email'
      this.append(input)
    }
    this.input = input
    const status = document.createElement('div')
    status.className = 'email-check-status'
    status.id = `email-check-status-${++counter}`
    status.setAttribute('role', 'status')
    status.setAttribute('aria-live', 'polite')
    input.after(status)
    this.status = status
    input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), status.id].filter(Boolean).join(' '))

    input.addEventListener('compositionstart', () => {
      this.composing = true
      clearTimeout(this.timer)
    })
    input.addEventListener('compositionend', () => {
      this.composing = false
      this.schedule()
    })
    input.addEventListener('input', (event) => {
      // A verdict is about the value it was given: an edited value is not held to the last one
      // (a submit before its own check is held back below instead).
      if (input.value.trim() !== this.checked) input.setCustomValidity('')
      // Chromium fires input events during a composition; Safari fires compositionend after them.
      if (this.composing || /** @type {InputEvent} */ (event).isComposing) return
      this.schedule()
    })
    input.addEventListener('change', () => {
      if (!this.composing) this.checkNow()
    })
    // Submitted before the last keystrokes were checked (or their verdict came): check first, then submit again.
    input.form?.addEventListener('submit', (event) => {
      if (!this.input || (this.input.value.trim() === this.checked && !this.inflight)) return
      event.preventDefault()
      const submitter = /** @type {SubmitEvent} */ (event).submitter
      void this.checkNow().then(() => {
        if (this.input?.checkValidity()) this.input.form?.requestSubmit(submitter)
        else this.input?.reportValidity()
      })
    })
  }

  disconnectedCallback() {
    clearTimeout(this.timer)
    this.inflight?.abort()
  }

  attributeChangedCallback() {
    // A new partner type changes the verdict (a mismatch): check the same address again.
    if (this.input && this.checked) {
      this.checked = ''
      void this.checkNow()
    }
  }

  /** The page's language where the element sits: ja or en. */
  get language() {
    const tagged = this.closest('[lang]')
    const lang = (tagged?.getAttribute('lang') ?? document.documentElement.lang ?? '').toLowerCase()
    return lang.startsWith('ja') ? 'ja' : 'en'
  }

  get endpoint() {
    // The service that served this script, unless the page says otherwise.
    return this.getAttribute('endpoint') ?? new URL('/validate-email', import.meta.url).href
  }

  schedule() {
    clearTimeout(this.timer)
    const wait = Number(this.getAttribute('debounce') ?? 400)
    this.timer = setTimeout(() => void this.checkNow(), Number.isFinite(wait) ? wait : 400)
  }

  /** Checks the current value now, unless its verdict is already shown. */
  checkNow() {
    clearTimeout(this.timer)
    const input = /** @type {HTMLInputElement} */ (this.input)
    const email = input.value.trim()
    if (email === this.checked && this.pending) return this.pending
    this.checked = email
    this.inflight?.abort()
    this.inflight = null
    if (email === '') {
      input.setCustomValidity('')
      this.show('', [])
      return (this.pending = Promise.resolve())
    }
    const controller = new AbortController()
    this.inflight = controller
    this.pending = this.request(email, controller.signal).then(
      (verdict) => {
        if (controller.signal.aborted) return
        this.inflight = null
        this.render(verdict)
        this.dispatchEvent(new CustomEvent('email-check', { detail: verdict, bubbles: true }))
      },
      () => {
        if (controller.signal.aborted) return
        this.inflight = null
        // Fail open: the service is a help, never a gate the person cannot pass.
        input.setCustomValidity('')
        this.show('unavailable', [TEXT[this.language].unavailable])
        this.dispatchEvent(new CustomEvent('email-check', { detail: null, bubbles: true }))
      },
    )
    return this.pending
  }

  /**
   * @param {string} email
   * @param {AbortSignal} signal
   */
  async request(email, signal) {
    /** @type {Record<string, string>} */
    const headers = { 'content-type': 'application/json', 'accept-language': this.language }
    const key = this.getAttribute('data-key') ?? this.getAttribute('key')
    if (key) headers['x-api-key'] = key
    /** @type {ValidateEmailRequest} */
    const body = { email }
    const type = this.getAttribute('partner-type')
    if (type) body.partnerType = type
    const response = await fetch(this.endpoint, { method: 'POST', headers, body: JSON.stringify(body), signal, credentials: 'omit' })
    if (!response.ok) throw new Error(`HTTP ${response.status}`)
    return /** @type {Promise<Verdict>} */ (response.json())
  }

  /** @param {Verdict} verdict */
  render(verdict) {
    const input = /** @type {HTMLInputElement} */ (this.input)
    const text = TEXT[this.language]
    const warnings = verdict.warnings.map((w) => w.message)
    if (verdict.accepted) {
      input.setCustomValidity('')
      const partners = verdict.partners.map((p) => p.name)
      this.show('accepted', [partners.length > 0 ? text.partner(partners.join(this.language === 'ja' ? '、' : ', ')) : text.accepted, ...warnings])
      return
    }
    const messages = verdict.reasons.map((r) => r.message)
    input.setCustomValidity(messages[0] ?? '')
    this.show('refused', [...messages, ...warnings], verdict.suggestion)
  }

  /**
   * @param {string} state
   * @param {string[]} lines
   * @param {string | null} [suggestion]
   */
  show(state, lines, suggestion = null) {
    const status = /** @type {HTMLElement} */ (this.status)
    status.dataset.state = state
    this.dataset.state = state
    // Read with the field by a screen reader; the status region itself is announced when it changes.
    if (state === 'refused') this.input?.setAttribute('aria-invalid', 'true')
    else this.input?.removeAttribute('aria-invalid')
    status.replaceChildren(
      ...lines.map((line) => {
        const p = document.createElement('p')
        p.textContent = line
        return p
      }),
    )
    if (!suggestion) return
    const text = TEXT[this.language]
    const row = document.createElement('p')
    row.className = 'email-check-suggestion'
    const button = document.createElement('button')
    button.type = 'button'
    button.textContent = suggestion
    button.setAttribute('aria-label', text.use(suggestion))
    button.addEventListener('click', () => {
      const input = /** @type {HTMLInputElement} */ (this.input)
      input.value = suggestion
      input.focus()
      input.dispatchEvent(new Event('input', { bubbles: true }))
      void this.checkNow()
    })
    row.append(text.suggest, button)
    status.append(row)
  }
}

/**
 * The service's contract, generated from the committed OpenAPI document (npm run openapi): a
 * change to it breaks this script's type check (npm run typecheck).
 * @typedef {import('../openapi/schema').components['schemas']} Schemas
 * @typedef {Schemas['Verdict']} Verdict
 * @typedef {Schemas['ValidateEmailRequest']} ValidateEmailRequest
 */

if (!customElements.get('email-check')) customElements.define('email-check', EmailCheck)
