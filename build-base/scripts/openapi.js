// Writes openapi/openapi.json from the code, without listening: `npm run openapi`.
// test/openapi.test.ts fails when the committed file differs from what this generates.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { PACKAGE_ROOT } from '../src/paths.js';
export const OPENAPI_FILE = join(PACKAGE_ROOT, 'openapi', 'openapi.json');
/** The document as the service built on its defaults serves it, as stable text. */
export async function generateOpenApi() {
    // Built-in defaults, not this shell's environment: the same input gives the same bytes.
    const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }));
    try {
        await app.ready();
        return `${JSON.stringify(app.swagger(), null, 2)}\n`;
    }
    finally {
        await app.close();
    }
}
/* c8 ignore start -- the command-line entry; generateOpenApi() is what the test exercises */
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
    await mkdir(dirname(OPENAPI_FILE), { recursive: true });
    await writeFile(OPENAPI_FILE, await generateOpenApi());
}
/* c8 ignore stop */
//# sourceMappingURL=openapi.js.map