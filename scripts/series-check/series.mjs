// Which series a PromQL query names, found with the Prometheus project's own PromQL grammar
// (@prometheus-io/lezer-promql, the parser of Prometheus's web UI), not with regular expressions.
import { parser } from '@prometheus-io/lezer-promql';
import { parse as parseYaml } from 'yaml';

// Grafana replaces these before a query reaches Prometheus; any value of the right kind parses the same way.
const INTERVAL_VARIABLES = new Set(['__rate_interval', '__interval', '__range', '__range_s', '__interval_ms']);

/** A Grafana query with its variables replaced: intervals by 5m, everything else (label values) by "x". */
export function substituteGrafanaVariables(expr) {
  return expr.replace(/\$\{(\w+)(?::[^}]*)?\}|\$(\w+)|\[\[(\w+)\]\]/g, (_m, a, b, c) =>
    INTERVAL_VARIABLES.has(a ?? b ?? c) ? '5m' : 'x');
}

function unquote(literal) {
  // PromQL string literals: "..." and '...' with (mostly JSON-compatible) escapes, or `raw`.
  if (literal.startsWith('`')) return literal.slice(1, -1);
  if (literal.startsWith('"')) return JSON.parse(literal);
  return JSON.parse('"' + literal.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"') + '"');
}

/**
 * The metric names a PromQL expression selects: {names, errors}. A selector naming its metric only through a
 * regular expression (__name__=~"...") cannot be checked by name and is reported as an error, as is a syntax error.
 */
export function metricNames(expr) {
  const names = new Set();
  const errors = [];
  const tree = parser.parse(expr);
  tree.iterate({
    enter(node) {
      if (node.type.isError) {
        errors.push(`syntax error at ${node.from}: ${JSON.stringify(expr.slice(Math.max(0, node.from - 20), node.to + 20))}`);
        return;
      }
      if (node.name !== 'VectorSelector') return;
      const id = node.node.getChild('Identifier');
      if (id) {
        names.add(expr.slice(id.from, id.to));
        return;
      }
      const matchers = node.node.getChild('LabelMatchers');
      let named = false;
      for (const m of matchers ? matchers.getChildren('UnquotedLabelMatcher') : []) {
        const label = m.getChild('LabelName');
        if (!label || expr.slice(label.from, label.to) !== '__name__') continue;
        const op = m.getChild('MatchOp');
        const value = m.getChild('StringLiteral');
        if (op && expr.slice(op.from, op.to) === '=' && value) {
          names.add(unquote(expr.slice(value.from, value.to)));
          named = true;
        } else {
          errors.push(`selector ${expr.slice(node.from, node.to)} names its metric by a pattern; name it exactly`);
          named = true;
        }
      }
      if (!named) errors.push(`selector ${expr.slice(node.from, node.to)} names no metric`);
    },
  });
  return { names: [...names], errors };
}

/** Every PromQL query of a Grafana dashboard: panel targets (rows' nested panels included) and query variables. */
export function dashboardQueries(dashboard, source) {
  const queries = [];
  const walk = (panels) => {
    for (const p of panels ?? []) {
      for (const t of p.targets ?? []) {
        if (t.expr) queries.push({ source: `${source}: panel "${p.title}"`, expr: substituteGrafanaVariables(t.expr) });
      }
      walk(p.panels);
    }
  };
  walk(dashboard.panels);
  for (const v of dashboard.templating?.list ?? []) {
    if (v.type !== 'query') continue;
    const q = typeof v.query === 'string' ? v.query : v.query?.query;
    if (!q) continue;
    // label_values(<selector>, <label>) and query_result(<expr>) are Grafana's, the inside is PromQL.
    const inner = /^\s*(?:label_values|query_result)\((.*?)(?:,\s*\w+\s*)?\)\s*$/s.exec(q);
    if (inner && inner[1].trim()) {
      queries.push({ source: `${source}: variable "${v.name}"`, expr: substituteGrafanaVariables(inner[1]) });
    }
  }
  return queries;
}

/** Every expression of a Prometheus rule file, and the series its recording rules produce. */
export function ruleQueries(text, source) {
  const doc = parseYaml(text);
  const queries = [];
  const recorded = [];
  for (const group of doc?.groups ?? []) {
    for (const rule of group.rules ?? []) {
      const what = rule.alert ? `alert ${rule.alert}` : `record ${rule.record}`;
      queries.push({ source: `${source}: group ${group.name}, ${what}`, expr: String(rule.expr) });
      if (rule.record) recorded.push(rule.record);
    }
  }
  return { queries, recorded };
}

// Series Prometheus makes itself from alerting rules.
const BUILT_IN = new Set(['ALERTS', 'ALERTS_FOR_STATE']);

/** Each query with the names it selects that are not in {@code known}; a query is fine when both lists are empty. */
export function check(queries, known) {
  return queries.map((q) => {
    const { names, errors } = metricNames(q.expr);
    return { ...q, names, errors, missing: names.filter((n) => !known.has(n) && !BUILT_IN.has(n)) };
  });
}
