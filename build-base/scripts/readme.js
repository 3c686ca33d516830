// Regenerates the README's reference sections from the code that defines them, so the README
// cannot drift: `npm run readme` writes them; test/readme.test.ts fails when they are stale.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EnvSchema } from '../src/config.js';
import { REASONS, SYNTAX_MESSAGES, WARNINGS } from '../src/core/messages.js';
import { PARTNER_TYPES } from '../src/core/partner-types.js';
import { PACKAGE_ROOT } from '../src/paths.js';
export const README = join(PACKAGE_ROOT, 'README.md');
const EXAMPLE = {
    domain: 'gmail.com',
    suggestion: 'taro@acme.co.jp',
    char: '_',
    codePoint: 'U+005F',
    position: 5,
    types: [PARTNER_TYPES[3]],
    chosen: PARTNER_TYPES[1],
    meant: 'gmail.com',
    kind: 'lookalike',
};
const cell = (s) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');
function codes() {
    const rows = [
        '| code | kind | meaning | English message (example) | Japanese message (example) |',
        '| --- | --- | --- | --- | --- |',
    ];
    for (const [kind, entries] of [['reason', REASONS], ['warning', WARNINGS]]) {
        for (const [code, e] of Object.entries(entries)) {
            rows.push(`| \`${code}\` | ${kind} | ${cell(e.meaning)} | ${cell(e.en(EXAMPLE))} | ${cell(e.ja(EXAMPLE))} |`);
        }
    }
    return rows.join('\n');
}
function rules() {
    const rows = ['| rule | English message | Japanese message |', '| --- | --- | --- |'];
    for (const [rule, e] of Object.entries(SYNTAX_MESSAGES))
        rows.push(`| \`${rule}\` | ${cell(e.en(EXAMPLE))} | ${cell(e.ja(EXAMPLE))} |`);
    return rows.join('\n');
}
function partnerTypes() {
    const rows = ['| id | English | Japanese | also accepted |', '| --- | --- | --- | --- |'];
    for (const p of PARTNER_TYPES)
        rows.push(`| \`${p.id}\` | ${cell(p.en)} | ${cell(p.ja)} | ${cell(p.aliases.join(', '))} |`);
    return rows.join('\n');
}
function config() {
    const rows = ['| variable | default | meaning |', '| --- | --- | --- |'];
    for (const [name, schema] of Object.entries(EnvSchema.in.shape)) {
        const def = schema.def.defaultValue;
        const shown = def === undefined ? '(unset)' : name === 'PARTNERS_FILE' ? '`data/partners.sample.json`' : `\`${String(def)}\``;
        rows.push(`| \`${name}\` | ${shown} | ${cell(String(schema.description))} |`);
    }
    return rows.join('\n');
}
export function sections() {
    return { codes: codes(), rules: rules(), 'partner-types': partnerTypes(), config: config() };
}
/** README text with every `<!-- name:start -->…<!-- name:end -->` block regenerated. */
export function render(readme) {
    let out = readme;
    for (const [name, body] of Object.entries(sections())) {
        const start = `<!-- ${name}:start -->`;
        const end = `<!-- ${name}:end -->`;
        const i = out.indexOf(start);
        const j = out.indexOf(end);
        if (i < 0 || j < i)
            throw new Error(`README.md has no ${start} … ${end} block`);
        out = `${out.slice(0, i + start.length)}\n${body}\n${out.slice(j)}`;
    }
    return out;
}
/* c8 ignore start -- the command-line entry; render() is what the test exercises */
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
    await writeFile(README, render(await readFile(README, 'utf8')));
}
/* c8 ignore stop */
//# sourceMappingURL=readme.js.map