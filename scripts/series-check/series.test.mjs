import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, dashboardQueries, metricNames, ruleQueries, substituteGrafanaVariables } from './series.mjs';

const sorted = (q) => metricNames(q).names.sort();

test('names inside functions, aggregations, ranges, offsets and both sides of binary operators', () => {
  assert.deepEqual(
    sorted('histogram_quantile(0.99, sum by (le) (rate(a_bucket{x="1"}[5m]))) / on() group_left b + c offset 1h'),
    ['a_bucket', 'b', 'c']);
  assert.deepEqual(sorted('sum(rate(x_total[5m:1m]))'), ['x_total']);
  assert.deepEqual(sorted('{__name__="by_label", job="j"}'), ['by_label']);
  assert.deepEqual(sorted("{__name__='single_quoted'}"), ['single_quoted']);
});

test('label names, label values, function and aggregation names are not series', () => {
  assert.deepEqual(sorted('sum by (rate) (rate(m{sum="count"}[1m]))'), ['m']);
  assert.deepEqual(sorted('vector(1) + time()'), []);
});

test('a syntax error or a metric named only by a pattern is an error, never a silent pass', () => {
  assert.ok(metricNames('sum(rate(x[5m])').errors.length > 0);
  assert.ok(metricNames('{__name__=~"x_.*"}').errors.length > 0);
  assert.ok(metricNames('{job="a"}').errors.length > 0);
  assert.equal(metricNames('up').errors.length, 0);
});

test("Grafana's variables are replaced before parsing", () => {
  assert.equal(substituteGrafanaVariables('rate(a{s=~"$service",r="${route:regex}"}[$__rate_interval])'),
    'rate(a{s=~"x",r="x"}[5m])');
  assert.deepEqual(sorted(substituteGrafanaVariables('rate(a{s=~"$service"}[$__rate_interval])')), ['a']);
});

test('dashboard queries: panels, panels nested in rows, query variables', () => {
  const d = {
    panels: [{ title: 'p', targets: [{ expr: 'one' }] },
      { type: 'row', title: 'r', panels: [{ title: 'q', targets: [{ expr: 'two{a="$v"}' }] }] }],
    templating: { list: [{ type: 'query', name: 'v', query: { query: 'label_values(three, service)' } },
      { type: 'custom', name: 'c', query: 'a,b' }] },
  };
  assert.deepEqual(dashboardQueries(d, 'd').map((q) => q.expr), ['one', 'two{a="x"}', 'three']);
});

test('rule files: every expression, and the names recording rules produce', () => {
  const r = ruleQueries('groups:\n- name: g\n  rules:\n  - record: r:x:rate5m\n    expr: rate(x[5m])\n'
    + '  - alert: A\n    expr: r:x:rate5m > 1\n', 'f');
  assert.deepEqual(r.queries.map((q) => q.expr), ['rate(x[5m])', 'r:x:rate5m > 1']);
  assert.deepEqual(r.recorded, ['r:x:rate5m']);
});

test('check reports exactly the names Prometheus lacks; ALERTS is built in', () => {
  const [ok, bad] = check([{ source: 's', expr: 'a + ALERTS' }, { source: 't', expr: 'a / b' }], new Set(['a']));
  assert.deepEqual(ok.missing, []);
  assert.deepEqual(bad.missing, ['b']);
});

test('the command exits 1 on a missing series and 0 when every series exists', () => {
  const dir = mkdtempSync(join(tmpdir(), 'series-check-'));
  const dash = join(dir, 'd.json');
  writeFileSync(dash, JSON.stringify({ panels: [{ title: 'p', targets: [{ expr: 'rate(a_total[$__rate_interval])' }] }] }));
  const names = (list) => {
    const f = join(dir, `names-${list.length}.json`);
    writeFileSync(f, JSON.stringify({ status: 'success', data: list }));
    return f;
  };
  const run = (f) => {
    try {
      execFileSync(process.execPath, ['check-series.mjs', '--names', f, dash], { stdio: 'pipe' });
      return 0;
    } catch (e) {
      return e.status;
    }
  };
  assert.equal(run(names(['a_total', 'up'])), 0);
  assert.equal(run(names(['up'])), 1);
});
