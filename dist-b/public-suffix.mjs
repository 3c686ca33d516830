// Is a domain a public suffix (co.jp, ne.jp, github.io)? A list entry or partner domain that
// is one would match every address under it, so none may be.
//
// psl is the authority, but psl.get costs ~4 µs a call here (it punycodes and parses every
// time), and a 1,000,000-domain registry or the 120,000 disposable domains would take seconds
// to check. psl keeps its rule table out of its package exports, so this one file reads the
// very rules file psl ships and applies the PSL algorithm (https://publicsuffix.org/list/)
// to them. test/core/public-suffix.test.ts holds the two to agreement against psl.get.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { domainToASCII } from 'node:url';
let loaded;
export function loadPublicSuffixRules() {
    loaded ??= (async () => {
        const require = createRequire(import.meta.url);
        const file = join(dirname(require.resolve('psl')), '..', 'data', 'rules.js');
        const mod = (await import(pathToFileURL(file).href));
        const rules = new Set();
        const wildcards = new Set();
        const exceptions = new Set();
        for (const raw of mod.default) {
            if (raw.startsWith('*.'))
                wildcards.add(domainToASCII(raw.slice(2)));
            else if (raw.startsWith('!'))
                exceptions.add(domainToASCII(raw.slice(1)));
            else
                rules.add(domainToASCII(raw));
        }
        return { rules, wildcards, exceptions };
    })();
    return loaded;
}
/**
 * For a lower-case ASCII domain. Any single label is a suffix (the PSL's implicit "*" rule).
 * Like psl, the name a wildcard rule hangs from (kobe.jp for *.kobe.jp) counts as a suffix too.
 */
export function isPublicSuffix(psl, domain) {
    const dot = domain.indexOf('.');
    if (dot < 0)
        return true;
    if (psl.exceptions.has(domain))
        return false;
    if (psl.rules.has(domain) || psl.wildcards.has(domain))
        return true;
    return psl.wildcards.has(domain.slice(dot + 1));
}
//# sourceMappingURL=public-suffix.js.map