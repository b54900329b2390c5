// The load generator against a local server that fails the first attempt of every POST key with 503 and one GET in
// five with 502: keyed POSTs are retried with the same key until acknowledged, GET failures are counted (never
// retried), every attempt is a JSON line, and the exit status says whether anything failed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';

function server() {
    const seenKeys = new Map();
    let gets = 0;
    const s = http.createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
            if (req.method === 'POST') {
                const key = req.headers['idempotency-key'];
                const n = (seenKeys.get(key)?.n ?? 0) + 1;
                seenKeys.set(key, { n, body });
                res.writeHead(n === 1 ? 503 : 201, { 'Content-Type': n === 1 ? 'application/problem+json' : 'application/json' });
                return res.end(JSON.stringify({ key }));
            }
            gets++;
            res.writeHead(gets % 5 === 0 ? 502 : 200, { 'Content-Type': 'application/json' });
            res.end(JSON.stringify({ instance: `i${gets % 2}` }));
        });
    });
    return new Promise((r) => s.listen(0, '127.0.0.1', () => r({ s, seenKeys })));
}

function loadgen(args) {
    return new Promise((resolve) => {
        execFile(process.execPath, [path.join(import.meta.dirname, 'loadgen.mjs'), ...args], (err, stdout) =>
            resolve({ code: err ? err.code : 0, summary: JSON.parse(stdout) }));
    });
}

test('keyed POSTs are retried with the same key, GET failures counted, every attempt recorded', async () => {
    const { s, seenKeys } = await server();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadgen-'));
    const out = path.join(dir, 'attempts.jsonl');
    const { code, summary } = await loadgen(['--url', `http://127.0.0.1:${s.address().port}`, '--duration', '2',
        '--rate', '40', '--mix', 'GET /status=1;POST /items/${id}=1', '--var', 'id=42',
        '--body', '{"description":"${key}","n":${seq}}', '--record-field', 'instance', '--retry-delay', '10',
        '--out', out]);
    s.close();
    assert.equal(code, 1, 'a failed GET makes the exit status 1');
    assert.ok(summary.gets.failed > 0 && summary.gets.ok > 0);
    assert.equal(summary.posts.failed, 0);
    assert.equal(summary.posts.acknowledged, seenKeys.size);
    assert.equal(summary.posts.retried, seenKeys.size, 'each key needed a retry');
    for (const { n, body } of seenKeys.values()) {
        assert.equal(n, 2, 'acknowledged on the second attempt, never sent again');
        assert.match(body, /^\{"description":"[0-9a-f-]{36}","n":\d+\}$/);
    }
    assert.deepEqual(Object.keys(summary.fields.instance).sort(), ['i0', 'i1']);
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const acknowledged = lines.filter((l) => l.outcome === 'acknowledged').map((l) => l.key);
    assert.deepEqual(new Set(acknowledged), new Set(seenKeys.keys()));
    assert.ok(lines.some((l) => l.path === '/items/42' && l.attempt === 2 && l.status === 201));
    assert.equal(lines.filter((l) => l.method === 'GET').length, summary.gets.ok + summary.gets.failed);
    // The media type of every error answer is recorded (a 503 problem vs anything else), none of a success.
    assert.ok(lines.filter((l) => l.status === 503).every((l) => l.type === 'application/problem+json'));
    assert.ok(lines.filter((l) => l.status === 201).every((l) => l.type === undefined));
});

test('a GET whose kept-alive connection the server dropped is retried once on a new one, not counted failed', async () => {
    // The server drops (without answering) the second request of every connection: what a client sees when nginx
    // reloads or times out an idle keep-alive connection just as a request goes out on it.
    const s = http.createServer((req, res) => {
        req.socket.served = (req.socket.served ?? 0) + 1;
        if (req.socket.served === 2) return req.socket.destroy();
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{}');
    });
    await new Promise((r) => s.listen(0, '127.0.0.1', r));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadgen-'));
    const out = path.join(dir, 'attempts.jsonl');
    const { code, summary } = await loadgen(['--url', `http://127.0.0.1:${s.address().port}`, '--duration', '2',
        '--rate', '5', '--concurrency', '4', '--mix', 'GET /status=1', '--out', out]);
    s.close();
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const dropped = lines.filter((l) => l.error && l.reusedSocket);
    assert.ok(dropped.length > 0, 'the server dropped some reused connections');
    assert.ok(dropped.every((d) => lines.some((l) => l.seq === d.seq && l.attempt === 2)), 'each was retried');
    assert.equal(summary.gets.failed, 0, JSON.stringify(lines.filter((l) => l.error)));
    assert.equal(code, 0);
});
