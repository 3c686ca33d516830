// The whole check of one address, as a pure function: from the string a person typed, the
// shipped lists, the partner registry and the operator's options to a verdict. No I/O, no
// framework; it never throws for any string. (Deliverability, which needs DNS, is added to the
// verdict afterwards: see deliverability.ts.)
import { domainToUnicode } from 'node:url';
import { dashLookalike, isHighlyRestrictive, skeleton } from './confusables.js';
import { reasonMessage, warningMessage } from './messages.js';
import { isPublicSuffix } from './public-suffix.js';
import { classifyDomain } from './registry.js';
import { isRoleAccount } from './roles.js';
import { parseAddress, parseDomain } from './syntax.js';
import { hasFullwidth, isAscii, toHalfwidth, trimFormInput } from './text.js';
/** Carriers whose old addresses may hold ".." or ".@" (issued until 2009); their subdomains too. */
const LEGACY_CARRIERS = ['docomo.ne.jp', 'ezweb.ne.jp', 'au.com'];
/** Public suffixes a partner's own domain is most often confused between (acme.ne.jp for acme.co.jp). */
const SUFFIX_SWAPS = ['co.jp', 'ne.jp', 'or.jp', 'jp', 'com', 'net', 'co'];
/** The partner type as the API shows it. */
export const partnerTypeBody = (t) => ({ id: t.id, en: t.en, ja: t.ja, aliases: [...t.aliases] });
/**
 * @param partnerType the partner type the person chose, already resolved, or null; checked
 *   against the matched partners' registered types.
 */
export function checkEmail(email, ctx, lang, partnerType = null) {
    const input = trimFormInput(email);
    const trimmed = input.length !== email.length;
    const fullwidth = hasFullwidth(input);
    // Never accept what an IME typed in full-width, but judge the half-width address it stands
    // for, so that the person learns what that one would get and one correction is enough.
    const candidate = fullwidth ? toHalfwidth(input) : input;
    let result = evaluate(candidate, ctx, lang, partnerType);
    let suggestion = result.suggestion ?? (fullwidth && result.syntaxValid ? result.normalized : null);
    if (!result.syntaxValid && !result.normalized && candidate.endsWith('.')) {
        // A full stop typed after the address, often the 。 that ends a Japanese sentence.
        const stripped = evaluate(stripTrailingDots(candidate), ctx, lang, partnerType);
        if (stripped.syntaxValid) {
            suggestion = stripped.suggestion ?? stripped.normalized;
            if (fullwidth)
                result = stripped;
        }
    }
    const warnings = trimmed ? [{ code: 'WHITESPACE_TRIMMED', message: warningMessage('WHITESPACE_TRIMMED', lang) }, ...result.warnings] : result.warnings;
    const chosen = partnerType ? partnerTypeBody(partnerType) : null;
    if (!fullwidth) {
        return { email, ...result, accepted: result.reasons.length === 0, warnings, suggestion, partnerType: chosen, trimmed, lang, deliverability: null };
    }
    return {
        email,
        normalized: null,
        ascii: null,
        domain: result.domain,
        syntaxValid: false,
        accepted: false,
        reasons: [reason('FULLWIDTH_CHARACTERS', lang, suggestion ? { suggestion } : {}), ...result.reasons],
        warnings,
        partners: result.partners,
        suggestion,
        partnerType: chosen,
        trimmed,
        lang,
        deliverability: null,
    };
}
function stripTrailingDots(s) {
    let end = s.length;
    while (end > 0 && s.charCodeAt(end - 1) === 0x2e)
        end--;
    return s.slice(0, end);
}
function reason(code, lang, params, extra) {
    return { code, message: reasonMessage(code, lang, params, extra?.rule), ...extra };
}
const isUnder = (domain, parents) => parents.some((p) => domain === p || domain.endsWith(`.${p}`));
function evaluate(input, ctx, lang, partnerType) {
    let parsed = parseAddress(input);
    let legacy = false;
    if (!parsed.ok && (parsed.rule === 'local-consecutive-dots' || parsed.rule === 'local-trailing-dot')) {
        // docomo and au issued such addresses until 2009: name them for what they are.
        const relaxed = parseAddress(input, { legacyDots: true });
        if (relaxed.ok && isUnder(relaxed.address.asciiDomain, LEGACY_CARRIERS)) {
            parsed = relaxed;
            legacy = true;
        }
    }
    if (!parsed.ok) {
        const params = parsed.at ? { char: parsed.at.char, codePoint: parsed.at.codePoint, position: parsed.at.index + 1 } : {};
        const extra = { rule: parsed.rule };
        if (parsed.at)
            extra.character = { position: parsed.at.index + 1, codePoint: parsed.at.codePoint };
        return { normalized: null, ascii: null, domain: null, syntaxValid: false, reasons: [reason('INVALID_SYNTAX', lang, params, extra)], warnings: [], partners: [], suggestion: null };
    }
    const { local, domain, asciiDomain, localIsAscii } = parsed.address;
    const reasons = [];
    const warnings = [];
    let suggestion = null;
    if (legacy)
        reasons.push(reason('LEGACY_CARRIER_ADDRESS', lang, { domain }));
    if (!localIsAscii && !ctx.options.allowSmtputf8)
        reasons.push(reason('NON_ASCII_LOCAL_PART', lang, {}));
    const { cls, look, typo } = domainFacts(asciiDomain, domain, ctx);
    if (look) {
        reasons.push(reason('CONFUSABLE_DOMAIN', lang, { domain, ...look }));
        if (look.meant)
            suggestion = `${local}@${look.meant}`;
    }
    if (typo) {
        reasons.push(reason('POSSIBLE_TYPO', lang, { domain, meant: typo }));
        suggestion = `${local}@${typo}`;
    }
    if (cls.listed) {
        const code = cls.listed.kind === 'disposable' ? 'DISPOSABLE' : 'FREE_MAIL';
        reasons.push(reason(code, lang, { domain }, { source: { list: cls.listed.list, entry: cls.listed.entry } }));
    }
    else if (cls.partners.length === 0) {
        reasons.push(reason('NOT_PARTNER', lang, { domain }));
    }
    if (isRoleAccount(local)) {
        if (ctx.options.roleAccounts === 'refuse')
            reasons.push(reason('ROLE_ACCOUNT', lang, {}));
        else
            warnings.push({ code: 'ROLE_ACCOUNT', message: warningMessage('ROLE_ACCOUNT', lang) });
    }
    const matches = uniquePartners(cls);
    const records = matches.map((m) => m.partner);
    const partners = matches.map(({ partner, matchedDomain }) => ({
        id: partner.id,
        name: partner.name,
        partnerTypes: partner.partnerTypes.map((t) => t.en),
        partnerTypeIds: partner.partnerTypes.map((t) => t.id),
        matchedDomain,
    }));
    // Only a company whose registry entry says which types it holds can be held to them; with
    // group companies on one domain, any of them holding the type will do.
    if (partnerType && records.length > 0 && records.every((p) => p.partnerTypes.length > 0 && !p.partnerTypes.includes(partnerType))) {
        const types = [...new Set(records.flatMap((p) => p.partnerTypes))];
        reasons.push(reason('PARTNER_TYPE_MISMATCH', lang, { types, chosen: partnerType }));
    }
    return {
        normalized: `${local}@${domain}`,
        ascii: localIsAscii ? `${local}@${asciiDomain}` : null,
        domain,
        // An old carrier address is real but not well-formed.
        syntaxValid: !legacy,
        reasons,
        warnings,
        partners,
        suggestion,
    };
}
/** Each matched partner once, at its most specific matching domain (the walk's first match). */
function uniquePartners(cls) {
    const seen = new Set();
    return cls.partners.filter((m) => !seen.has(m.partner) && seen.add(m.partner));
}
/**
 * What a verdict needs to know of a domain, cached per registry: the same domains come again and
 * again (gmail.com, the partners'), and a new registry object starts a new cache.
 */
const FACTS = new WeakMap();
const FACTS_MAX = 20_000;
function domainFacts(asciiDomain, domain, ctx) {
    let cache = FACTS.get(ctx.registry);
    if (!cache)
        FACTS.set(ctx.registry, (cache = new Map()));
    const hit = cache.get(asciiDomain);
    if (hit)
        return hit;
    const cls = classifyDomain(asciiDomain, ctx.lists, ctx.registry);
    const known = isKnown(cls);
    const look = !known && !isAscii(domain) ? lookalike(domain, ctx) : null;
    const meant = !known && !look?.meant && cls.partners.length === 0 ? typoOf(asciiDomain, ctx, cls.listed !== null) : null;
    const facts = { cls, known, look, typo: meant && domainToUnicode(meant) };
    if (cache.size >= FACTS_MAX)
        cache.delete(cache.keys().next().value);
    cache.set(asciiDomain, facts);
    return facts;
}
/** Why a non-ASCII domain that is no partner's and on no list looks like another, if it does. */
function lookalike(domain, ctx) {
    const dashed = dashLookalike(domain);
    if (dashed) {
        const fixed = parseDomain(dashed);
        return { kind: 'dash', ...(fixed.ok ? { meant: fixed.domain } : {}) };
    }
    const key = skeleton(domain);
    const meant = ctx.registry.known?.skeletons.get(key) ?? ctx.lists.wellKnown.skeletons.get(key);
    if (meant)
        return { kind: 'lookalike', meant: domainToUnicode(meant) };
    return domain.split('.').every(isHighlyRestrictive) ? null : { kind: 'mixed-scripts' };
}
/**
 * Known domains are never "corrected": partners, exempt domains, and the curated and well-known
 * mail domains (the typo targets themselves). A domain only on a packaged list may be a
 * typo-squat (gmial.com is listed), and is corrected only for a typo's own shapes.
 */
function isKnown(cls) {
    return cls.partners.length > 0 || cls.exempt || (cls.listed !== null && !PACKAGED_LIST.test(cls.listed.list));
}
const PACKAGED_LIST = /^(email-providers|disposable-email-domains)@/;
/**
 * The partner or well-known domain a domain is a typo of, if any (ASCII form). Real domains sit
 * one edit from a target more often than one might think (email.com, ymail.com next to
 * gmail.com; ai.com next to au.com): for a listed domain, or a short target, only a swap of
 * neighbours or a mistyped ending counts.
 */
function typoOf(asciiDomain, ctx, listed) {
    const partner = ctx.registry.known?.typos.closest(asciiDomain);
    if (partner && typoShape(asciiDomain, partner, listed))
        return partner.target;
    const swapped = suffixSwap(asciiDomain, ctx);
    if (swapped)
        return swapped;
    const known = ctx.lists.wellKnown.typos.closest(asciiDomain);
    return known && typoShape(asciiDomain, known, listed) ? known.target : null;
}
function typoShape(typed, { target, distance }, listed) {
    // Two edits are a typo only as a mistyped ending (docomo.co.jp); anywhere they can make
    // one real name of another (gmail.jp is two edits from dwmail.jp).
    if (!listed && target.length >= 8 && distance === 1)
        return true;
    if (listed && distance > 1)
        return false;
    // The same name, a different ending: gmail.con, yahoo.co.jo, docomo.co.jp.
    const name = target.slice(0, target.indexOf('.'));
    if (typed.startsWith(`${name}.`))
        return true;
    // Two neighbours swapped: gmial.com.
    if (typed.length !== target.length)
        return false;
    const diff = [...typed].flatMap((c, i) => (c === target[i] ? [] : [i]));
    return diff.length === 2 && diff[1] === diff[0] + 1 && typed[diff[0]] === target[diff[1]] && typed[diff[1]] === target[diff[0]];
}
/** acme.ne.jp for the partner acme.co.jp: the same name under another common public suffix. */
function suffixSwap(asciiDomain, ctx) {
    for (const suffix of SUFFIX_SWAPS) {
        if (!asciiDomain.endsWith(`.${suffix}`))
            continue;
        const name = asciiDomain.slice(0, -suffix.length - 1);
        // Only a name right under the suffix: "acme" of acme.co.jp, not "acme.co" of it.
        if (name.includes('.'))
            continue;
        for (const other of SUFFIX_SWAPS) {
            const candidate = `${name}.${other}`;
            if (other !== suffix && ctx.registry.partnerDomains.has(candidate))
                return candidate;
        }
    }
    return null;
}
/** How the service classifies a domain, and from which list entries: for the helpdesk. */
export function describeDomain(raw, ctx) {
    const parsed = parseDomain(trimFormInput(raw).toLowerCase());
    const empty = { listed: null, exempt: false, publicSuffix: false, partners: [], possibleTypoOf: null, lookalike: null };
    if (!parsed.ok)
        return { input: raw, valid: false, rule: parsed.rule, domain: null, ascii: null, classification: 'invalid', ...empty };
    const { cls, known, look, typo } = domainFacts(parsed.asciiDomain, parsed.domain, ctx);
    const partners = uniquePartners(cls).map(({ partner, matchedDomain }) => ({
        id: partner.id,
        name: partner.name,
        partnerTypes: partner.partnerTypes.map((t) => t.en),
        matchedDomain,
    }));
    return {
        input: raw,
        valid: true,
        rule: null,
        domain: parsed.domain,
        ascii: parsed.asciiDomain,
        classification: cls.listed ? (cls.listed.kind === 'disposable' ? 'disposable' : 'free-mail') : partners.length ? 'partner' : 'unknown',
        listed: cls.listed,
        exempt: cls.exempt,
        publicSuffix: isPublicSuffix(ctx.lists.psl, parsed.asciiDomain),
        partners,
        possibleTypoOf: typo,
        lookalike: look && { kind: look.kind, of: look.meant ?? null },
    };
}
//# sourceMappingURL=check.js.map