#!/usr/bin/env node
// A small open-loop HTTP load generator for the stack (Node 20, no dependencies): sends a mix of requests at a fixed
// rate for a duration, records every attempt as a JSON line, retries keyed POSTs with the same Idempotency-Key as a
// real client would, and prints a summary (JSON) at the end. Used by `scripts/e2e.sh scale` and `scripts/swarm.sh`;
// meant to be reused (e.g. chaos tests). Usage: node loadgen.mjs --help
import https from 'node:https';
import http from 'node:http';
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';

const HELP = `loadgen: --url <base> [options]
  --url <base>            target origin, e.g. https://localhost:28443 (env LOADGEN_URL)
  --duration <s>          how long to send (default 30); SIGTERM/SIGINT stop it earlier (in-flight work finishes)
  --rate <n>              requests started per second, all kinds together (default 20)
  --concurrency <n>       most requests in flight; a start beyond it is counted as "skipped" (default 64)
  --token <t>             bearer token sent with every request (env LOADGEN_TOKEN)
  --mix <spec>            ';'-separated "METHOD path=weight"; a POST sends --body with an Idempotency-Key
                          (default "GET /api/status=1"); "\${var}" in a path is replaced by --var values
  --body <json>           POST body template; \${key}, \${seq} and --var values are substituted
  --var name=value        a template variable (repeatable)
  --record-field <f>      a top-level JSON field of 2xx answers to record (repeatable), e.g. instance
  --post-retries <n>      retries of a POST with the same key after a network error, 429 or 5xx (default 20)
                          (other methods: one retry only when a kept-alive connection was closed under the request)
  --retry-delay <ms>      first retry delay, doubled up to 2 s (default 100)
  --timeout <ms>          per attempt (default 10000)
                          (a GET is retried once, only when a kept-alive connection failed under it)
  --ca <file>             PEM CA the server certificate must chain to; --insecure accepts any
  --out <file>            JSON lines, one per attempt (+ one "outcome" line per POST), each with "at" (epoch ms)
  --summary <file>        also write the summary there
Exit status: 0 when every GET answered 2xx and every POST was acknowledged (2xx), else 1.`;

const { values: opt } = parseArgs({
    options: {
        url: { type: 'string', default: process.env.LOADGEN_URL },
        duration: { type: 'string', default: '30' },
        rate: { type: 'string', default: '20' },
        concurrency: { type: 'string', default: '64' },
        token: { type: 'string', default: process.env.LOADGEN_TOKEN },
        mix: { type: 'string', default: 'GET /api/status=1' },
        body: { type: 'string', default: '{}' },
        var: { type: 'string', multiple: true, default: [] },
        'record-field': { type: 'string', multiple: true, default: [] },
        'post-retries': { type: 'string', default: '20' },
        'retry-delay': { type: 'string', default: '100' },
        timeout: { type: 'string', default: '10000' },
        ca: { type: 'string' },
        insecure: { type: 'boolean', default: false },
        out: { type: 'string' },
        summary: { type: 'string' },
        help: { type: 'boolean', default: false },
    },
});
if (opt.help || !opt.url) {
    console.error(HELP);
    process.exit(opt.help ? 0 : 2);
}

const vars = Object.fromEntries(opt.var.map((v) => [v.slice(0, v.indexOf('=')), v.slice(v.indexOf('=') + 1)]));
const fill = (template, extra = {}) =>
    template.replace(/\$\{(\w+)\}/g, (m, name) => (name in extra ? extra[name] : name in vars ? vars[name] : m));
const mix = opt.mix.split(';').map((s) => s.trim()).filter(Boolean).map((entry) => {
    const m = entry.match(/^(GET|HEAD|POST|PUT|PATCH|DELETE)\s+(\S+?)(?:=(\d+))?$/);
    if (!m) throw new Error(`bad --mix entry "${entry}": write "METHOD /path=weight"`);
    return { method: m[1], path: fill(m[2]), weight: Number(m[3] ?? 1), kind: `${m[1]} ${m[2]}` };
});
const totalWeight = mix.reduce((a, e) => a + e.weight, 0);
const pick = () => {
    let r = Math.random() * totalWeight;
    for (const e of mix) if ((r -= e.weight) < 0) return e;
    return mix[mix.length - 1];
};

const base = new URL(opt.url);
const tls = base.protocol === 'https:';
const tlsOptions = tls ? { ca: opt.ca ? fs.readFileSync(opt.ca) : undefined, rejectUnauthorized: !opt.insecure } : {};
const agent = new (tls ? https : http).Agent({ keepAlive: true, maxSockets: Number(opt.concurrency), ...tlsOptions });
// For the retry after a kept-alive connection was closed under a request: always a new connection.
const freshAgent = new (tls ? https : http).Agent({ keepAlive: false, ...tlsOptions });
const out = opt.out ? fs.createWriteStream(opt.out) : null;
// Every line carries `at` (epoch ms) so runs can be lined up with events outside (scaling, restarts).
const record = (r) => out?.write(JSON.stringify({ at: Date.now(), ...r }) + '\n');
const t0 = Date.now();

/** One attempt; resolves to {status, ms, fields} or {error, ms}. Never rejects. */
function attempt(method, path, headers, body, via = agent) {
    return new Promise((resolve) => {
        const start = Date.now();
        const req = (tls ? https : http).request(new URL(path, base), {
            method, agent: via, timeout: Number(opt.timeout),
            headers: { ...(opt.token ? { Authorization: `Bearer ${opt.token}` } : {}), ...headers },
        }, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => {
                const fields = {};
                if (res.statusCode < 300 && opt['record-field'].length) {
                    try {
                        const json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
                        for (const f of opt['record-field']) if (json && f in json) fields[f] = json[f];
                    } catch { /* not JSON: nothing to record */ }
                }
                // An error's media type tells a problem+json 503 from an HTML or empty one (chaos checks).
                const type = res.statusCode >= 300 ? res.headers['content-type'] : undefined;
                resolve({ status: res.statusCode, ms: Date.now() - start, fields, upstream: res.headers['x-request-id'], type });
            });
            res.on('error', (e) => resolve({ error: e.code || e.message, ms: Date.now() - start }));
        });
        req.on('timeout', () => req.destroy(new Error('timeout')));
        // reusedSocket: the request went out on a kept-alive connection the server may have closed meanwhile.
        req.on('error', (e) => resolve({ error: e.code || e.message, ms: Date.now() - start, reusedSocket: req.reusedSocket }));
        if (body !== undefined) req.end(body); else req.end();
    });
}

const retryable = (r) => r.error || r.status === 429 || r.status >= 500;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const stats = {
    started: 0, skipped: 0, byKind: {}, latencies: [], gets: { ok: 0, failed: 0, reusedSocketRetries: 0 },
    posts: { acknowledged: 0, failed: 0, retried: 0, attempts: 0 }, fields: {},
};
const kindStats = (kind) => (stats.byKind[kind] ??= { requests: 0, statuses: {} });

async function run(entry, seq) {
    const kind = kindStats(entry.kind);
    kind.requests++;
    if (entry.method !== 'POST') {
        let r = await attempt(entry.method, entry.path, {});
        record({ t: Date.now() - t0, seq, kind: entry.kind, method: entry.method, path: entry.path, attempt: 1, ...r });
        if (r.error && r.reusedSocket) {
            // The server closed an idle kept-alive connection as this request went out on it (e.g. nginx reloading):
            // retried once on a new connection, as HTTP clients do for idempotent requests (RFC 9112 9.3.1).
            stats.gets.reusedSocketRetries++;
            r = await attempt(entry.method, entry.path, {}, undefined, freshAgent);
            record({ t: Date.now() - t0, seq, kind: entry.kind, method: entry.method, path: entry.path, attempt: 2, ...r });
        }
        const label = r.error ?? String(r.status);
        kind.statuses[label] = (kind.statuses[label] ?? 0) + 1;
        stats.latencies.push(r.ms);
        if (!r.error && r.status < 300) stats.gets.ok++; else stats.gets.failed++;
        for (const [f, v] of Object.entries(r.fields ?? {})) {
            (stats.fields[f] ??= {})[v] = (stats.fields[f][v] ?? 0) + 1;
        }
        return;
    }
    // A keyed POST: the same key (and body) on every retry, until acknowledged or out of retries.
    const key = randomUUID();
    const body = fill(opt.body, { key, seq: String(seq) });
    let delay = Number(opt['retry-delay']);
    for (let n = 1; ; n++) {
        const r = await attempt('POST', entry.path, { 'Content-Type': 'application/json', 'Idempotency-Key': key }, body);
        stats.posts.attempts++;
        record({ t: Date.now() - t0, seq, kind: entry.kind, method: 'POST', path: entry.path, key, attempt: n, ...r });
        const label = r.error ?? String(r.status);
        kind.statuses[label] = (kind.statuses[label] ?? 0) + 1;
        stats.latencies.push(r.ms);
        if (!retryable(r) || n > Number(opt['post-retries'])) {
            const ok = !r.error && r.status < 300;
            record({ t: Date.now() - t0, seq, kind: entry.kind, outcome: ok ? 'acknowledged' : 'failed', key, attempts: n,
                status: r.status, error: r.error });
            if (ok) stats.posts.acknowledged++; else stats.posts.failed++;
            if (n > 1) stats.posts.retried++;
            return;
        }
        await sleep(delay);
        delay = Math.min(delay * 2, 2000);
    }
}

// SIGTERM / SIGINT end the run early: nothing new is sent, in-flight requests (and POST retries) finish.
let stopped = false;
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => { stopped = true; });
const inFlight = new Set();
const interval = 1000 / Number(opt.rate);
const end = t0 + Number(opt.duration) * 1000;
let seq = 0;
for (let next = t0; next < end && !stopped; next += interval) {
    const wait = next - Date.now();
    if (wait > 0) await sleep(wait);
    if (stopped) break;
    seq++;
    if (inFlight.size >= Number(opt.concurrency)) {
        stats.skipped++;
        record({ t: Date.now() - t0, seq, outcome: 'skipped' });
        continue;
    }
    stats.started++;
    const p = run(pick(), seq).finally(() => inFlight.delete(p));
    inFlight.add(p);
}
await Promise.all(inFlight);
agent.destroy();
freshAgent.destroy();
if (out) await new Promise((r) => out.end(r));

const sorted = stats.latencies.sort((a, b) => a - b);
const q = (p) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : null;
const summary = {
    seconds: (Date.now() - t0) / 1000, started: stats.started, skipped: stats.skipped,
    gets: stats.gets, posts: stats.posts, byKind: stats.byKind, fields: stats.fields,
    latencyMs: { p50: q(0.5), p95: q(0.95), p99: q(0.99), max: sorted.at(-1) ?? null },
};
const text = JSON.stringify(summary, null, 2);
console.log(text);
if (opt.summary) fs.writeFileSync(opt.summary, text + '\n');
process.exit(stats.gets.failed === 0 && stats.posts.failed === 0 && stats.skipped === 0 ? 0 : 1);
