// Run by `npm run build` after compiling: writes the checked shipped lists beside the compiled
// lists module, so that the service does not check 130,000 packaged entries at every start.
import { LISTS_SNAPSHOT, writeListsSnapshot } from './io/lists.js'

await writeListsSnapshot()
process.stdout.write(`lists snapshot written to ${LISTS_SNAPSHOT}\n`)
