// The deliverability check's DNS client: MX, else A/AAAA (RFC 5321 5.1), a null MX (RFC 7505)
// and a missing domain recognised, every answer cached for its TTL, every lookup within one time
// budget. Node's own resolver gives no TTL for MX records, hence a small client of our own over
// UDP with dns-packet. A lookup never throws and never outlives its budget.
import { createSocket } from 'node:dgram';
import { getServers } from 'node:dns';
import { isIPv6 } from 'node:net';
/** "1.2.3.4", "1.2.3.4:5353", "::1", "[::1]:5353" to host and port. */
export function parseResolver(s) {
    const v6 = /^\[(.+)\](?::(\d+))?$/.exec(s);
    if (v6)
        return { host: v6[1], port: Number(v6[2] ?? 53) };
    const colons = s.split(':').length - 1;
    if (colons === 1) {
        const [host, port] = s.split(':');
        return { host: host, port: Number(port) };
    }
    return { host: s, port: 53 };
}
const MIN_TTL = 1;
const MAX_TTL = 3600;
const NEGATIVE_TTL = 60;
const CACHE_SIZE = 10_000;
export class DeliverabilityChecker {
    timeoutMs;
    now;
    cacheSize;
    #servers;
    #cache = new Map();
    #inflight = new Map();
    /** Lookups that went to DNS (cache misses not shared with one in flight), for the metrics. */
    lookups = 0;
    constructor(servers, timeoutMs, now = Date.now, cacheSize = CACHE_SIZE) {
        this.timeoutMs = timeoutMs;
        this.now = now;
        this.cacheSize = cacheSize;
        this.#servers = (servers.length ? servers : getServers()).map(parseResolver);
    }
    /** Looks a lower-case ASCII domain up; repeated and concurrent lookups of one domain share one. */
    async check(domain) {
        const hit = this.#cache.get(domain);
        if (hit && hit.expires > this.now())
            return { ...hit.result, cached: true };
        let pending = this.#inflight.get(domain);
        if (!pending) {
            this.lookups++;
            pending = this.#lookup(domain).finally(() => this.#inflight.delete(domain));
            this.#inflight.set(domain, pending);
        }
        const { ttl, ...result } = await pending;
        if (result.status !== 'unknown') {
            if (this.#cache.size >= this.cacheSize)
                this.#cache.delete(this.#cache.keys().next().value);
            this.#cache.set(domain, { result, expires: this.now() + ttl * 1000 });
        }
        return { ...result, cached: false };
    }
    async #lookup(domain) {
        const deadline = this.now() + this.timeoutMs;
        const mx = await this.#query(domain, 'MX', deadline);
        if (typeof mx === 'string')
            return { status: 'unknown', detail: mx, mailHosts: [], ttl: 0 };
        if (mx.rcode === 'NXDOMAIN')
            return { status: 'no-mail-server', detail: 'no-domain', mailHosts: [], ttl: negativeTtl(mx) };
        const records = mx.answers.filter((a) => a.type === 'MX');
        if (records.length > 0) {
            const ttl = clamp(Math.min(...records.map((r) => r.ttl)));
            const hosts = records
                .map((r) => r.data)
                .sort((a, b) => a.preference - b.preference)
                .map((d) => d.exchange.replace(/\.$/, ''));
            // RFC 7505: a single MX of preference 0 with the root as exchange says "no mail here".
            if (hosts.length === 1 && hosts[0] === '')
                return { status: 'no-mail-server', detail: 'null-mx', mailHosts: [], ttl };
            return { status: 'deliverable', detail: 'mx', mailHosts: hosts.filter(Boolean), ttl };
        }
        // No MX: the domain's own address is its mail host (RFC 5321 5.1).
        const both = await Promise.all([this.#query(domain, 'A', deadline), this.#query(domain, 'AAAA', deadline)]);
        const answered = both.filter((r) => typeof r !== 'string');
        const addresses = answered.flatMap((r) => r.answers).filter((x) => ADDRESS_TYPES.includes(x.type));
        if (addresses.length > 0)
            return { status: 'deliverable', detail: 'address-fallback', mailHosts: [], ttl: clamp(Math.min(...addresses.map((x) => x.ttl))) };
        /* c8 ignore next -- MX answered but neither A nor AAAA within the budget: no test server does that on cue */
        if (answered.length === 0)
            return { status: 'unknown', detail: both[0], mailHosts: [], ttl: 0 };
        return { status: 'no-mail-server', detail: 'no-records', mailHosts: [], ttl: negativeTtl(mx) };
    }
    /**
     * One question, tried on each resolver in turn until one answers or the deadline passes:
     * the answer, or why there is none (no answer in time, or only errors such as SERVFAIL).
     */
    async #query(name, type, deadline) {
        const perAttempt = Math.max(100, Math.floor(this.timeoutMs / (2 * this.#servers.length)));
        let failure = 'timeout';
        for (let attempt = 0; attempt < 2 * this.#servers.length; attempt++) {
            const left = deadline - this.now();
            if (left <= 0)
                break;
            const server = this.#servers[attempt % this.#servers.length];
            const packet = await udpQuery(await dnsCodec(), server, name, type, Math.min(perAttempt, left));
            if (packet?.rcode === 'NOERROR' || packet?.rcode === 'NXDOMAIN')
                return packet;
            if (packet)
                failure = 'dns-error';
        }
        return failure;
    }
}
const ADDRESS_TYPES = ['A', 'AAAA'];
const clamp = (ttl) => Math.min(MAX_TTL, Math.max(MIN_TTL, ttl));
/** RFC 2308: a negative answer is cached for the SOA's minimum, within bounds. */
export function negativeTtl(packet) {
    const soa = packet.authorities.find((a) => a.type === 'SOA');
    return clamp(soa ? Math.min(soa.ttl, soa.data.minimum) : NEGATIVE_TTL);
}
let codec;
// Loaded on the first lookup: the check is opt-in, and the module costs a cold start ~15 ms.
const dnsCodec = () => (codec ??= import('dns-packet').then((m) => m.default));
function udpQuery(dnsPacket, server, name, type, timeoutMs) {
    return new Promise((resolve) => {
        const socket = createSocket(isIPv6(server.host) ? 'udp6' : 'udp4');
        const id = Math.floor(Math.random() * 65535);
        // Called once: the timer is cleared and the listeners are gone after the first call.
        const finish = (value) => {
            clearTimeout(timer);
            socket.removeAllListeners();
            socket.close();
            resolve(value);
        };
        const timer = setTimeout(() => finish(null), timeoutMs);
        socket.on('error', () => finish(null));
        socket.on('message', (msg) => {
            try {
                const answer = dnsPacket.decode(msg);
                if (answer.id === id)
                    finish(answer);
            }
            catch {
                // A malformed packet is no answer; wait for the real one or the timeout.
            }
        });
        const query = dnsPacket.encode({
            type: 'query',
            id,
            flags: dnsPacket.RECURSION_DESIRED,
            questions: [{ type, name }],
            // EDNS0 with a 4 KB buffer, so that long MX lists are not truncated.
            additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 4096 }],
        });
        socket.send(query, server.port, server.host);
    });
}
//# sourceMappingURL=dns.js.map