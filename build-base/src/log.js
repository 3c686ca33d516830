// What the logs may say about a request. No address appears in clear: an address is logged
// as a keyed hash (the same address gives the same hash under one key, so a helpdesk can
// correlate reports without the log holding the address), and paths are cut of anything that
// looks like one.
import { createHmac, randomBytes } from 'node:crypto';
export function emailHasher(key) {
    // A random per-process key when none is configured: unkeyed hashes of addresses can be
    // reversed by hashing a list of candidate addresses.
    const k = key ?? randomBytes(32);
    return (email) => createHmac('sha256', k).update(email).digest('hex').slice(0, 16);
}
/**
 * The request path without its query string, and with any segment that holds an at sign
 * replaced: "@", the full-width "＠" an IME types, or the small "﹫", raw or percent-encoded.
 */
export function safePath(url) {
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    if (!path.includes('@') && !path.includes('%') && !path.includes('＠') && !path.includes('﹫'))
        return path;
    return path
        .split('/')
        .map((seg) => (AT.test(decodeSegment(seg)) ? '[redacted]' : seg))
        .join('/');
}
const AT = /[@＠﹫]/;
function decodeSegment(seg) {
    try {
        return decodeURIComponent(seg);
    }
    catch {
        // Not valid percent-encoding: judge it by its raw bytes, an encoded "@" included.
        return seg.replace(/%40/gi, '@');
    }
}
/**
 * A request's logger, made only when something is logged through it. Fastify gives every
 * request a pino child bound to its id, which costs more than a microsecond even when nothing
 * is logged; the access line is written by the app's logger with the id itself, so most
 * requests never need the child.
 */
export function lazyChildLogger(parent, bindings, options) {
    return new LazyChild(parent, bindings, options);
}
// A class, not an object of closures: one is made per request.
class LazyChild {
    parent;
    bindings;
    options;
    #child;
    constructor(parent, bindings, options) {
        this.parent = parent;
        this.bindings = bindings;
        this.options = options;
    }
    #made() {
        return (this.#child ??= this.parent.child(this.bindings, this.options));
    }
    get level() {
        return this.#made().level;
    }
    set level(level) {
        this.#made().level = level;
    }
    fatal(...args) {
        this.#made().fatal(...args);
    }
    error(...args) {
        this.#made().error(...args);
    }
    warn(...args) {
        this.#made().warn(...args);
    }
    info(...args) {
        this.#made().info(...args);
    }
    debug(...args) {
        this.#made().debug(...args);
    }
    trace(...args) {
        this.#made().trace(...args);
    }
    silent(...args) {
        this.#made().silent(...args);
    }
    child(bindings, options) {
        return this.#made().child(bindings, options);
    }
}
//# sourceMappingURL=log.js.map