// The code's layout, held as rules: a pure core, short functions, a test file per module that
// mirrors its path, and an app.ts that reads as the list of the service's parts.
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import t from 'tap'
import ts from 'typescript'
import { PACKAGE_ROOT } from '../src/paths.js'

const SRC = join(PACKAGE_ROOT, 'src')
const modules = (readdirSync(SRC, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).sort()
const parse = (file: string) => ts.createSourceFile(file, readFileSync(join(SRC, file), 'utf8'), ts.ScriptTarget.Latest, true)

/** What the checking core may import besides its own modules: pure libraries, no I/O. */
const CORE_MAY_IMPORT = new Set(['zod', 'idn-hostname', 'node:url'])
/** Entry points, tested by running them as processes: their path and the test that runs them. */
const ENTRY_POINTS: Record<string, string> = {
  'snapshot-lists.ts': 'test/dockerfile.test.ts (npm run build runs it, and the image starts on its snapshot)',
  'audit/main.ts': 'test/audit/audit.test.ts (runs the command)',
}

/** Every module a file names: static imports and exports, and import() calls. */
function specifiers(file: string): string[] {
  const found: string[] = []
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text)
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) found.push(ts.isStringLiteral(node.arguments[0]!) ? node.arguments[0].text : '(computed)')
    ts.forEachChild(node, visit)
  }
  visit(parse(file))
  return found
}

t.test('src/core imports nothing but itself and pure libraries', async (t) => {
  const core = modules.filter((f) => f.startsWith('core/'))
  t.ok(core.length > 10, `${core.length} core modules read`)
  for (const file of core) {
    for (const spec of specifiers(file)) {
      // A relative import must stay inside src/core.
      const inside = spec.startsWith('.') && normalize(join(dirname(file), spec)).startsWith('core/')
      t.ok(inside || CORE_MAY_IMPORT.has(spec), `${file} imports ${spec}`)
    }
  }
})

t.test('no function in src runs past 100 lines', async (t) => {
  for (const file of modules) {
    const source = parse(file)
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const lines = source.getLineAndCharacterOfPosition(node.getEnd()).line - source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1
        if (lines > 100) t.fail(`${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1} is a function of ${lines} lines`)
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  t.pass(`${modules.length} modules read`)
})

t.test('every module has its test file at the mirrored path', async (t) => {
  t.ok(modules.length > 40, `${modules.length} modules`)
  for (const file of modules) {
    const test = join('test', file.replace(/\.ts$/, '.test.ts'))
    if (ENTRY_POINTS[file]) t.ok(existsSync(join(PACKAGE_ROOT, ENTRY_POINTS[file].split(' ')[0]!)), `${file}: ${ENTRY_POINTS[file]}`)
    else t.ok(existsSync(join(PACKAGE_ROOT, test)), `${relative(PACKAGE_ROOT, join(SRC, file))}: ${test}`)
  }
})

t.test('src/app.ts reads as a list: well under 150 lines (under 100)', async (t) => {
  const lines = readFileSync(join(SRC, 'app.ts'), 'utf8').split('\n').length
  t.ok(lines < 100, `${lines} lines`)
})
