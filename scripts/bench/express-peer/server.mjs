// The Express peer of scripts/bench.sh (Node cluster, PEER_WORKERS workers, default 2): what api-service answers on
// the two compared routes, done the idiomatic Express way so the bench compares runtimes, not features.
//   GET /api/status            the same JSON as api-service's StatusHandler
//   GET /api/reference-data    the bytes in PEER_REFERENCE_DATA (api-service's answer, saved by bench.sh)
//   GET /api/accounts/:id      the same JWT check as service-support's AccessTokenVerifier (RS256, typ JWT, iss,
//                              aud, required claims, scope "ledger") and the same one-row SELECT as AccountStore
// It also publishes the bench's signing key as a JWKS and an empty revocation list, which api-service is pointed at
// (AUTH_JWKS_dash_URI, AUTH_REVOCATIONS_dash_URI): both peers check the very same tokens.
import cluster from 'node:cluster';
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import express from 'express';
import pg from 'pg';
import { createLocalJWKSet, exportJWK, jwtVerify } from 'jose';

const env = (name, fallback) => process.env[name] ?? fallback;
const port = Number(env('PEER_PORT', '18300'));
const workers = Number(env('PEER_WORKERS', '2'));

if (cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (w, code) => { console.error(`worker ${w.process.pid} exited (${code})`); process.exit(1); });
} else {
  const publicJwk = { ...(await exportJWK(createPublicKey(readFileSync(env('PEER_SIGNING_KEY'))))), kid: 'bench', alg: 'RS256', use: 'sig' };
  const jwks = { keys: [publicJwk] };
  const keys = createLocalJWKSet(jwks);
  const issuer = env('PEER_ISSUER', 'https://localhost');
  const audience = 'gatewaystack-api';
  const requiredClaims = ['sub', 'exp', 'iat', 'jti', 'scope', 'client_id'];
  // The same pool size as api-service's db.connection.maximumPoolSize, split over the workers.
  const pool = new pg.Pool({ connectionString: env('PEER_DATABASE_URL'), max: Math.max(1, Math.floor(10 / workers)) });
  const iso = (c) => `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  const accountSql = `SELECT id, name, currency, is_default, status, balance_minor, ${iso('created_at')} AS created_at, `
    + `${iso('closed_at')} AS closed_at FROM accounts WHERE id = $1::uuid AND user_id = $2`;
  const uuid = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
  const instance = env('PEER_INSTANCE', 'express-peer');
  // Read on first use: bench.sh saves api-service's answer after this peer has started.
  let referenceData;
  const problem = (res, status, title, detail) =>
    res.status(status).type('application/problem+json').send(JSON.stringify({ type: 'about:blank', title, status, detail }));

  const app = express();
  app.disable('x-powered-by');
  app.disable('etag'); // api-service sends no ETag either
  app.get('/api/status', (req, res) => res.json({ service: 'api-service', status: 'UP', instance }));
  app.get('/api/reference-data', (req, res) => {
    referenceData ??= readFileSync(env('PEER_REFERENCE_DATA'));
    res.set('Cache-Control', 'public, max-age=3600').type('application/json').send(referenceData);
  });
  app.get('/api/accounts/:id', async (req, res, next) => {
    try {
      const header = req.get('authorization') ?? '';
      if (!/^bearer /i.test(header)) return problem(res, 401, 'Unauthorized', 'A bearer access token is required');
      let claims;
      try {
        ({ payload: claims } = await jwtVerify(header.slice(7).trim(), keys,
          { algorithms: ['RS256'], typ: 'JWT', issuer, audience, requiredClaims, clockTolerance: 30 }));
      } catch (e) {
        return problem(res, 401, 'Unauthorized', `The token is not valid: ${e.code ?? e.message}`);
      }
      if (!String(claims.scope).split(' ').includes('ledger')) return problem(res, 403, 'Forbidden', 'The access token lacks the scope ledger');
      if (!uuid.test(req.params.id)) return problem(res, 400, 'Bad Request', 'id must be a UUID');
      const { rows } = await pool.query({ name: 'account', text: accountSql, values: [req.params.id, claims.sub] });
      if (rows.length === 0) return problem(res, 404, 'Not Found', `Account ${req.params.id}`);
      const r = rows[0];
      res.json({ id: r.id, name: r.name, currency: r.currency, isDefault: r.is_default, status: r.status,
        balanceMinor: Number(r.balance_minor), createdAt: r.created_at, closedAt: r.closed_at });
    } catch (e) {
      next(e);
    }
  });
  // The bench's key and revocation list, for api-service.
  app.get('/bench/jwks', (req, res) => res.json(jwks));
  app.get('/bench/revoked', (req, res) => res.json({ tokens: [] }));
  app.listen(port, '127.0.0.1');
}
