// The free-mail and disposable domain lists the service ships with. They come from packages
// and a curated data file, not from configuration, so they are built once per process and
// shared by every app and registry.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import { DATA_DIR } from '../paths.js';
import { parseDomain } from './syntax.js';
import { isPublicSuffix, loadPublicSuffixRules } from './public-suffix.js';
import { skeleton } from './confusables.js';
import { TypoIndex } from './typos.js';
import { domainToUnicode, fileURLToPath } from 'node:url';
export const CURATED_JAPANESE_LIST = 'curated Japanese consumer mail list';
export const CURATED_SUPPLEMENT = 'curated supplement to the global lists';
export const CURATED_JAPANESE_FILE = join(DATA_DIR, 'japanese-free-mail.json');
export const CURATED_SUPPLEMENT_FILE = join(DATA_DIR, 'global-supplement.json');
export const WELL_KNOWN_FILE = join(DATA_DIR, 'well-known-mail-domains.json');
let loaded;
export function loadBaseLists() {
    loaded ??= buildBaseLists(LISTS_SNAPSHOT);
    return loaded;
}
/**
 * The packaged lists, checked and merged, as `npm run build` leaves them beside this module
 * (`writeListsSnapshot`): checking 130,000 packaged entries at every start took a third of a
 * cold start. It is used only when it was made from the same packages, curated files and
 * checking code; otherwise, or when it is missing or unreadable, the lists are built from the
 * packages as before.
 */
export const LISTS_SNAPSHOT = fileURLToPath(new URL('./lists.snapshot.json', import.meta.url));
async function listSources() {
    const require = createRequire(import.meta.url);
    const version = (pkg) => require(`${pkg}/package.json`).version;
    const texts = await Promise.all([CURATED_JAPANESE_FILE, CURATED_SUPPLEMENT_FILE, WELL_KNOWN_FILE].map((f) => readFile(f, 'utf8')));
    // The modules whose rules decide which entries are kept, in whatever form this one runs (and
    // Node's own, for its IDN conversion).
    const ext = extname(fileURLToPath(import.meta.url));
    const code = await Promise.all(['./lists', './syntax', './public-suffix', './text'].map((m) => readFile(fileURLToPath(new URL(`${m}${ext}`, import.meta.url)), 'utf8')));
    const disposableName = `disposable-email-domains@${version('disposable-email-domains')}`;
    const providersName = `email-providers@${version('email-providers')}`;
    const psl = await loadPublicSuffixRules();
    const rules = [[...psl.rules], [...psl.wildcards], [...psl.exceptions]];
    const key = createHash('sha256')
        .update(JSON.stringify([process.version, disposableName, providersName, rules, ...texts, ...code]))
        .digest('hex');
    const [japanese, supplement, wellKnown] = texts.map((t) => JSON.parse(t));
    return { key, psl, japanese, supplement, wellKnown, disposableName, providersName };
}
async function readSnapshot(file, key) {
    try {
        const snapshot = JSON.parse(await readFile(file, 'utf8'));
        return snapshot.key === key ? snapshot : null;
    }
    catch {
        return null;
    }
}
/** Writes the snapshot `loadBaseLists` reads (run by `npm run build`). */
export async function writeListsSnapshot(file = LISTS_SNAPSHOT) {
    const sources = await listSources();
    const { domains, summaries } = checkedLists(sources);
    const tables = new Map();
    for (const [d, entry] of domains) {
        const table = tables.get(entry);
        if (table)
            table.push(d);
        else
            tables.set(entry, [d]);
    }
    const snapshot = { key: sources.key, summaries, tables: [...tables].map(([entry, ds]) => ({ entry, domains: ds })) };
    await writeFile(file, JSON.stringify(snapshot));
}
export async function buildBaseLists(snapshotFile) {
    const sources = await listSources();
    const snapshot = await readSnapshot(snapshotFile, sources.key);
    let lists;
    if (snapshot) {
        const domains = new Map();
        for (const { entry, domains: ds } of snapshot.tables)
            for (const d of ds)
                domains.set(d, entry);
        lists = { domains, summaries: snapshot.summaries };
    }
    else {
        lists = checkedLists(sources);
    }
    const targets = [...new Set([...sources.wellKnown.domains, ...domainsOf(sources.japanese.domains)])];
    return { ...lists, psl: sources.psl, wellKnown: knownDomains(targets, 2) };
}
const domainsOf = (entries) => entries.map((e) => e.domain);
/** The lists from their sources, each entry checked as a domain and against the public suffixes. */
function checkedLists({ psl, japanese, supplement, disposableName, providersName }) {
    const require = createRequire(import.meta.url);
    const domains = new Map();
    const summaries = [];
    const add = (kind, list, entries) => {
        const summary = { kind, list, entries: 0, skipped: [] };
        const entry = { kind, list };
        for (const raw of entries) {
            const parsed = parseDomain(raw);
            const problem = !parsed.ok ? parsed.rule : isPublicSuffix(psl, parsed.asciiDomain) ? 'public suffix' : null;
            if (problem || !parsed.ok) {
                // The packages hold a few entries that are not domains or are public suffixes; they are
                // left out and counted. test/data.test.ts keeps our own list free of them.
                summary.skipped.push(raw);
                continue;
            }
            const existing = domains.get(parsed.asciiDomain);
            // "Check disposable first": free-mail lists also hold throwaway services.
            if (!existing || (existing.kind === 'free' && kind === 'disposable'))
                domains.set(parsed.asciiDomain, entry);
            summary.entries++;
        }
        summaries.push(summary);
    };
    add('disposable', disposableName, require('disposable-email-domains'));
    add('disposable', `${disposableName} (wildcard)`, require('disposable-email-domains/wildcard.json'));
    add('disposable', CURATED_SUPPLEMENT, domainsOf(supplement.disposable));
    // The curated lists go first so that their entries, the ones Japanese users ask about, name them.
    add('free', CURATED_JAPANESE_LIST, domainsOf(japanese.domains));
    add('free', CURATED_SUPPLEMENT, domainsOf(supplement.free));
    add('free', providersName, require('email-providers/all.json'));
    return { domains, summaries };
}
/** Typo and look-alike indexes over ASCII domains, in order of preference. */
export function knownDomains(domains, maxDistance) {
    const skeletons = new Map();
    for (const d of domains) {
        const key = skeleton(domainToUnicode(d));
        if (!skeletons.has(key))
            skeletons.set(key, d);
    }
    return { typos: new TypoIndex(domains, maxDistance), skeletons };
}
//# sourceMappingURL=lists.js.map