"""Well-formedness of the provisioning files of Grafana, Logstash, Kibana and Elasticsearch (run by check-static.sh).

No product runs here, so this checks what each product would reject first or what would silently not work:
parse errors, references between files, and the fields the saved searches and dashboards rely on existing in
the index template or the Prometheus config.
"""
import json
import pathlib
import re
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
INFRA = ROOT / "infra"
errors = []


def check(cond, message):
    if not cond:
        errors.append(message)


# Grafana: datasources and dashboard providers are YAML with apiVersion 1; dashboards are JSON whose panels use the
# provisioned datasource uid, and the provider path is where compose.yaml mounts the dashboards.
compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
grafana_volumes = compose["services"]["grafana"]["volumes"]
# Grafana's auth proxy trusts X-Auth-User only from the gateway: the whitelist is the gateway's fixed address on the
# internal network (the only network Grafana is on), inside that network's subnet.
import ipaddress


def default_of(value):
    """'${VAR:-default}' -> 'default' (what Compose substitutes when .env does not set it)."""
    m = re.fullmatch(r"\$\{[A-Z_]+:-([^}]*)\}", str(value))
    return m.group(1) if m else str(value)


env_file = dict(l.split("=", 1) for l in (ROOT / ".env").read_text().splitlines() if l and not l.startswith("#"))
gf_env = compose["services"]["grafana"]["environment"]
whitelist = gf_env.get("GF_AUTH_PROXY_WHITELIST")
gateway_internal = (compose["services"]["gateway"].get("networks") or {}).get("internal") or {}
check(compose["services"]["grafana"].get("networks") == ["internal"], "grafana must be on the internal network only")
check(whitelist is not None and whitelist == gateway_internal.get("ipv4_address"),
      "GF_AUTH_PROXY_WHITELIST must be the gateway's ipv4_address on the internal network")
ipam = compose["networks"]["internal"]["ipam"]["config"][0]
# Docker's default address pools: a subnet there may already belong to another network on the machine.
docker_pools = [ipaddress.ip_network("172.16.0.0/12"), ipaddress.ip_network("192.168.0.0/16")]
for name, ip, net, pool in [
        ("defaults", default_of(whitelist), default_of(ipam["subnet"]), default_of(ipam.get("ip_range"))),
        (".env", env_file.get("GATEWAY_INTERNAL_IP"), env_file.get("INTERNAL_SUBNET"),
         env_file.get("INTERNAL_IP_RANGE"))]:
    if ip is None or net is None or pool is None or pool == "None":
        check(False, f"{name}: GATEWAY_INTERNAL_IP, INTERNAL_SUBNET and INTERNAL_IP_RANGE (ip_range) must be set")
        continue
    ip, net, pool = ipaddress.ip_address(ip), ipaddress.ip_network(net), ipaddress.ip_network(pool)
    check(ip in net, f"{name}: the gateway's internal address {ip} must lie in the internal subnet {net}")
    check(pool.subnet_of(net), f"{name}: ip_range {pool} must lie in the internal subnet {net}")
    # Containers get addresses from ip_range only: outside it, the gateway's address cannot be taken by another.
    check(ip not in pool, f"{name}: the gateway's internal address {ip} must lie outside ip_range {pool}")
    check(not any(net.overlaps(p) for p in docker_pools),
          f"{name}: the internal subnet {net} must lie outside Docker's default address pools")
check(env_file.get("GATEWAY_BIND") == "127.0.0.1", ".env must bind the gateway to 127.0.0.1")
check("certs-ca:/ca" in compose["services"]["certs-init"]["volumes"]
      and not any("certs-ca" in v for v in compose["services"]["gateway"].get("volumes", [])),
      "the dev CA key volume (certs-ca) is mounted by certs-init only")

datasource_uids = set()
for f in sorted((INFRA / "grafana/provisioning/datasources").glob("*.yaml")):
    doc = yaml.safe_load(f.read_text())
    check(doc.get("apiVersion") == 1, f"{f}: apiVersion must be 1")
    for ds in doc.get("datasources", []):
        check({"name", "type", "url", "uid"} <= ds.keys(), f"{f}: datasource needs name, type, url, uid")
        datasource_uids.add(ds.get("uid"))
for f in sorted((INFRA / "grafana/provisioning/dashboards").glob("*.yaml")):
    doc = yaml.safe_load(f.read_text())
    check(doc.get("apiVersion") == 1, f"{f}: apiVersion must be 1")
    for p in doc.get("providers", []):
        path = p.get("options", {}).get("path")
        check(any(v.endswith(":" + path + ":ro") or v.endswith(":" + path) for v in grafana_volumes),
              f"{f}: provider path {path} is not mounted into grafana in compose.yaml")
dashboards = sorted((INFRA / "grafana/dashboards").glob("*.json"))
check(dashboards, "no Grafana dashboards")
for f in dashboards:
    d = json.loads(f.read_text())
    check(d.get("uid") and d.get("title"), f"{f}: dashboard needs uid and title")
    ids = [p["id"] for p in d.get("panels", [])]
    check(len(ids) == len(set(ids)), f"{f}: duplicate panel ids")
    for p in d.get("panels", []):
        if p.get("type") == "row":
            continue
        check(p.get("datasource", {}).get("uid") in datasource_uids, f"{f}: panel {p.get('title')} has an unknown datasource")
        check(p.get("targets"), f"{f}: panel {p.get('title')} has no queries")
        for t in p.get("targets", []):
            expr = t.get("expr", "")
            check(expr.count("(") == expr.count(")") and expr.count("{") == expr.count("}"),
                  f"{f}: unbalanced PromQL in panel {p.get('title')}: {expr}")

# Logstash: balanced braces outside strings/comments, known sections, the ports compose and the gateway use, and
# the index the template covers.
for f in sorted((INFRA / "logstash/pipeline").glob("*.conf")):
    text = f.read_text()
    depth = 0
    stripped = re.sub(r'"(?:\\.|[^"\\])*"', '""', "\n".join(l.split("#")[0] for l in text.splitlines()))
    for ch in stripped:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        check(depth >= 0, f"{f}: closing brace without an opening one")
    check(depth == 0, f"{f}: unbalanced braces")
    for section in ("input", "filter", "output"):
        check(re.search(rf"^{section}\s*{{", text, re.M), f"{f}: no {section} section")
    check("port => 5000" in text and "json_lines" in text, f"{f}: no tcp json_lines input on 5000 (LOGSTASH_PORT)")
    check("port => 5140" in text, f"{f}: no udp input on 5140 (the gateway's LOGSTASH_SYSLOG)")
    check('index => "gatewaystack-logs-' in text, f"{f}: output index is not gatewaystack-logs-*")
    # A pass-through: the lines arrive with their final field names (ECS), so nothing renames or adds fields; the
    # log-search test indexes the lines as written and would not see what a rename did.
    for word in ("rename", "date {", "copy", "replace", "update"):
        check(word not in stripped, f"{f}: the pipeline transforms fields ({word}); keep it a pass-through")
    for added in re.findall(r'add_field\s*=>\s*\{\s*"([^"]+)"', text):
        check(added.startswith("[@metadata]"), f"{f}: the pipeline adds field {added}; keep it a pass-through")
env = compose["services"]["gateway"]["environment"]
check(env.get("LOGSTASH_SYSLOG") == "logstash:5140", "gateway LOGSTASH_SYSLOG is not logstash:5140")

# Elasticsearch template, and Kibana saved objects: NDJSON, one object per line, references resolve, and every
# field a saved search shows or queries is mapped by the template.
template = json.loads((INFRA / "elasticsearch/index-template.json").read_text())
def field_paths(properties, prefix=""):
    """Mapped field names, dotted: properties may be written nested or with dotted names (ES expands both)."""
    for name, spec in properties.items():
        yield prefix + name
        yield from field_paths(spec.get("properties", {}), prefix + name + ".")


mapped = set(field_paths(template["template"]["mappings"]["properties"]))
check(template["index_patterns"] == ["gatewaystack-logs-*"], "index template pattern")
objects = [json.loads(line) for line in (INFRA / "kibana/saved-objects.ndjson").read_text().splitlines() if line.strip()]
by_id = {(o["type"], o["id"]): o for o in objects}
titles = set()
for o in objects:
    check({"type", "id", "attributes", "references"} <= o.keys(), f"saved object {o.get('id')}: missing keys")
    for r in o.get("references", []):
        check((r["type"], r["id"]) in by_id, f"saved object {o['id']}: reference {r} does not resolve")
    if o["type"] == "index-pattern":
        check(o["attributes"]["title"] == "gatewaystack-logs-*", "data view must cover gatewaystack-logs-*")
        check(o["attributes"]["timeFieldName"] in mapped, "data view time field is not mapped")
    if o["type"] == "search":
        titles.add(o["attributes"]["title"])
        source = json.loads(o["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])
        check(source["query"]["language"] == "lucene", f"{o['id']}: queries are Lucene so tests can run them in ES")
        for field in o["attributes"]["columns"] + re.findall(r"([\w.@]+):", source["query"]["query"]):
            check(field in mapped, f"{o['id']}: field {field} is not in the index template")
check({"Errors by service", "One request across all services (X-Request-ID)"} <= titles, "saved searches missing")

# Prometheus scrapes every long-running service that serves metrics, and the gateway through the exporter.
prom = yaml.safe_load((INFRA / "prometheus/prometheus.yml").read_text())
targets = {t for job in prom["scrape_configs"] for sc in job.get("static_configs", []) for t in sc["targets"]}
# Scaled services are found through DNS (every replica): name:port like a static target.
targets |= {f"{n}:{sd['port']}" for job in prom["scrape_configs"] for sd in job.get("dns_sd_configs", [])
            for n in sd["names"]}
# The services' metrics are on their observe socket (server.sockets in application.yaml), not the public port.
observe_port = None
for svc in ("api-service", "auth-service"):
    app = yaml.safe_load((ROOT / svc / "src/main/resources/application.yaml").read_text())
    ports = {s["port"] for s in app["server"].get("sockets", []) if s.get("name") == "observe"}
    check(len(ports) == 1, f"{svc}: application.yaml needs one server.sockets entry named observe")
    observe_port = next(iter(ports), None)
for needed in (f"api-service:{observe_port}", f"auth-service:{observe_port}",
               "nginx-exporter:9113", "localhost:9090"):
    check(needed in targets, f"prometheus.yml does not scrape {needed}")
check(not any(t.endswith(":8080") for t in targets), "prometheus.yml scrapes a public service port (8080)")

if errors:
    print("\n".join("check-static: FAIL: " + e for e in errors), file=sys.stderr)
    sys.exit(1)
