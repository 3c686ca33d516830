// Prometheus metrics, through prom-client, in a registry of the app's own (tests build many
// apps in one process; a global registry would mix them up).
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { REASON_CODES } from './core/messages.js';
export function createMetrics() {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const registers = [registry];
    const labels = ['method', 'route', 'status'];
    const requests = tally({ name: 'http_requests_total', help: 'HTTP requests answered, by method, route and status.', labelNames: labels, registers });
    const duration = new Histogram({
        name: 'http_request_duration_seconds',
        help: 'Time to answer an HTTP request, by method, route and status.',
        labelNames: labels,
        buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
        registers,
    });
    const verdicts = tally({ name: 'email_verdicts_total', help: 'Verdicts given, by result (accepted or refused).', labelNames: ['result'], registers });
    const reasons = tally({ name: 'email_verdict_reasons_total', help: 'Reasons given in verdicts, by reason code.', labelNames: ['code'], registers });
    for (const code of REASON_CODES)
        reasons.counter.inc({ code }, 0);
    for (const result of ['accepted', 'refused'])
        verdicts.counter.inc({ result }, 0);
    const partners = new Gauge({ name: 'partner_registry_partners', help: 'Partners in the registry that is serving.', registers });
    const domains = new Gauge({ name: 'partner_registry_domains', help: 'Partner domains in the registry that is serving.', registers });
    const loads = new Counter({
        name: 'partner_registry_loads_total',
        help: 'Registry loads, by result: success (swapped in), unchanged (same content), failure (the previous registry still serves).',
        labelNames: ['result'],
        registers,
    });
    for (const result of ['success', 'unchanged', 'failure'])
        loads.inc({ result }, 0);
    const lastLoad = new Gauge({ name: 'partner_registry_last_load_timestamp_seconds', help: 'When the registry was last loaded or tried.', registers });
    const lastOk = new Gauge({ name: 'partner_registry_last_load_success', help: '1 when the last load succeeded, 0 when it failed and the previous registry still serves.', registers });
    const lastDuration = new Gauge({ name: 'partner_registry_last_load_duration_seconds', help: 'How long the last registry load took.', registers });
    const servingSince = new Gauge({ name: 'partner_registry_serving_since_timestamp_seconds', help: 'When the registry that is serving was loaded.', registers });
    return {
        registry,
        watchDnsLookups(count) {
            new Gauge({
                name: 'deliverability_dns_lookups',
                help: 'Domains looked up in DNS by the deliverability check since start (cached and shared lookups not counted).',
                registers,
                collect() {
                    this.set(count());
                },
            });
        },
        request(method, route, status, seconds) {
            const l = { method, route, status: String(status) };
            requests.add(`${method} ${route} ${status}`, l);
            duration.observe(l, seconds);
        },
        verdict(v) {
            const result = v.accepted ? 'accepted' : 'refused';
            verdicts.add(result, { result });
            for (const r of v.reasons)
                reasons.add(r.code, { code: r.code });
        },
        registryLoad(result, current) {
            loads.inc({ result: !result.ok ? 'failure' : result.unchanged ? 'unchanged' : 'success' });
            lastLoad.set(result.at.getTime() / 1000);
            lastOk.set(result.ok ? 1 : 0);
            lastDuration.set(result.durationMs / 1000);
            if (result.ok && !result.unchanged)
                servingSince.set(result.at.getTime() / 1000);
            partners.set(current.partners.length);
            domains.set(current.domainCount);
        },
    };
}
/**
 * A counter counted in plain numbers on the request path and handed to prom-client when
 * scraped: prom-client hashes the labels on every increment, and a verdict makes several.
 * `key` stands for the labels; the label sets are few (routes, statuses, reason codes).
 */
function tally(config) {
    const pending = new Map();
    const counter = new Counter({
        ...config,
        collect() {
            for (const p of pending.values()) {
                if (p.n === 0)
                    continue;
                this.inc(p.labels, p.n);
                p.n = 0;
            }
        },
    });
    return {
        counter,
        add(key, labels) {
            const p = pending.get(key);
            if (p)
                p.n++;
            else
                pending.set(key, { labels, n: 1 });
        },
    };
}
//# sourceMappingURL=metrics.js.map