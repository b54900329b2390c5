#!/usr/bin/env node
// Usage: node check-series.mjs --names <names.json> <dashboard.json | rules.yml>...
// names.json is Prometheus's answer to GET /api/v1/label/__name__/values (after traffic). Exits 1 when any query
// of the given dashboards and rule files names a series Prometheus does not have, or does not parse.
import { readFileSync } from 'node:fs';
import { check, dashboardQueries, ruleQueries } from './series.mjs';

const args = process.argv.slice(2);
const at = args.indexOf('--names');
if (at < 0 || !args[at + 1]) {
  console.error('usage: check-series.mjs --names <names.json> <dashboard.json | rules.yml>...');
  process.exit(2);
}
const answer = JSON.parse(readFileSync(args[at + 1], 'utf8'));
if (answer.status !== 'success' || !Array.isArray(answer.data)) {
  console.error(`${args[at + 1]} is not a successful /api/v1/label/__name__/values answer`);
  process.exit(2);
}
const known = new Set(answer.data);
const files = args.filter((_, i) => i !== at && i !== at + 1);
const queries = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.json')) queries.push(...dashboardQueries(JSON.parse(text), file));
  else queries.push(...ruleQueries(text, file).queries);
}
const results = check(queries, known);
const bad = results.filter((r) => r.missing.length || r.errors.length);
for (const r of bad) {
  console.error(`${r.source}: ${r.expr}`);
  if (r.missing.length) console.error(`  series Prometheus does not have: ${r.missing.join(', ')}`);
  for (const e of r.errors) console.error(`  ${e}`);
}
const names = new Set(results.flatMap((r) => r.names));
console.log(`${queries.length} queries in ${files.length} files name ${names.size} series; `
  + `Prometheus has ${known.size} names; ${bad.length} queries at fault`);
process.exit(bad.length || queries.length === 0 ? 1 : 0);
