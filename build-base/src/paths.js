// Where the project's own files are, whether running from src/ (tests), dist/ (production) or
// build/ (the tools' compile): the nearest folder above this module that holds package.json.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
function findRoot(from) {
    let dir = from;
    while (!existsSync(join(dir, 'package.json'))) {
        const parent = dirname(dir);
        /* c8 ignore next -- only reached when the package is installed without its package.json */
        if (parent === dir)
            throw new Error(`package.json not found above ${from}`);
        dir = parent;
    }
    return dir;
}
export const PACKAGE_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const DATA_DIR = join(PACKAGE_ROOT, 'data');
//# sourceMappingURL=paths.js.map