#!/usr/bin/env python3
"""Derives a Docker Swarm stack file (version 3.8, for `docker stack deploy`) from the merged Compose model.

Input: the output of `docker-compose [-f ...] config` on stdin (variables interpolated, overrides and YAML anchors
merged). Output: the stack file on stdout. What Swarm ignores or refuses from Compose is translated, or dropped and
listed in README ("The stack on Docker Swarm"):

- build, depends_on, container_name, shm_size, ports' host_ip, networks' ipv4_address, network_mode: dropped (Swarm
  starts every service at once; services retry their dependencies and init jobs rerun on failure).
- mem_limit -> deploy.resources.limits.memory; restart -> deploy.restart_policy (one-shot *-init and certs-init
  services: on-failure; the rest: any).
- read-only bind mounts (repository files, the production TLS directory) -> Swarm configs (content-hashed names, so
  a changed file is a new config), directories file by file; private keys (*.key) -> Swarm secrets; other bind
  mounts are kept (single node only).
- networks: overlay; `internal: true` kept; the internal network gets SWARM_INTERNAL_SUBNET.
- stateful services (postgres, rabbitmq, kafka, elasticsearch, prometheus, grafana): placement on the node labelled
  gatewaystack.<service>=true, so their named volume stays where its data is.
- api-service: --replicas from SWARM_API_REPLICAS, endpoint_mode dnsrr (its name resolves to every task, as in
  Compose, so Prometheus' DNS discovery sees each replica), rolling updates start-first with rollback.
- the gateway: DISCOVERY_NAME_PREFIX=tasks. (its watcher resolves tasks.<service>); it waits up to
  SWARM_SYSLOG_WAIT_SECONDS (40: its healthcheck gives it about 55 s) for its syslog hosts instead of depends_on; no fixed address on
  Swarm, so auth-service trusts X-Real-IP from the internal subnet (AUTH_PROXY_TRUSTED) and Grafana's proxy
  whitelist is the subnet too.
- secrets (the production profile): kept as Swarm secrets (`file:` creates them at deploy time).
"""
import hashlib
import os
import re
import sys

import yaml

STATEFUL = {"postgres", "rabbitmq", "kafka", "elasticsearch", "prometheus", "grafana"}
DROPPED_SERVICE_KEYS = {"build", "depends_on", "container_name", "shm_size", "network_mode", "mem_limit", "restart",
                        "scale"}


def config_name(source, target):
    digest = hashlib.sha256(open(source, "rb").read()).hexdigest()[:12]
    base = re.sub(r"[^A-Za-z0-9_.-]", "_", os.path.basename(target))[:40]
    return f"cfg_{digest}_{base}"


def bind_to_configs(volume, configs, secrets):
    """A read-only bind mount of a file or directory as Swarm configs (private keys, *.key: Swarm secrets), as
    (config refs, secret refs), or None when it must stay a bind mount."""
    if isinstance(volume, str):
        parts = volume.split(":")
        if len(parts) < 2 or not parts[0].startswith("/"):
            return None
        source, target, mode = parts[0], parts[1], (parts[2] if len(parts) > 2 else "rw")
    else:
        if volume.get("type") != "bind":
            return None
        source, target, mode = volume["source"], volume["target"], "ro" if volume.get("read_only") else "rw"
    if "ro" not in mode.split(",") or not os.path.exists(source):
        return None
    files = []
    if os.path.isdir(source):
        for root, _, names in os.walk(source):
            for n in sorted(names):
                path = os.path.join(root, n)
                files.append((path, os.path.join(target, os.path.relpath(path, source))))
    else:
        files.append((source, target))
    refs, secret_refs = [], []
    for path, tgt in files:
        name = config_name(path, tgt)
        if path.endswith(".key"):
            secrets[name] = {"file": path}
            secret_refs.append({"source": name, "target": tgt, "mode": 0o400})
            continue
        configs[name] = {"file": path}
        mode_bits = 0o555 if os.access(path, os.X_OK) else 0o444
        refs.append({"source": name, "target": tgt, "mode": mode_bits})
    return refs, secret_refs


def port(p, mode="ingress"):
    """Long syntax without host_ip: the ingress routing mesh publishes on every interface of every node (mode host:
    only on the node the task runs on, for kernels without IPVS, which the routing mesh needs)."""
    if isinstance(p, dict):
        return {"target": int(p["target"]), "published": int(p["published"]), "protocol": "tcp", "mode": mode}
    spec, _, proto = str(p).partition("/")
    parts = spec.split(":")
    return {"target": int(parts[-1]), "published": int(parts[-2]), "protocol": proto or "tcp", "mode": mode}


def translate(model, env):
    configs, key_secrets = {}, {}
    services = {}
    skip = set(env.get("SWARM_SKIP_SERVICES", "").split())
    # Swarm has no profiles: a service under a Compose profile (demo, load) is left out unless SWARM_PROFILES names it.
    profiles = set(env.get("SWARM_PROFILES", "").split())
    no_ipvs = env.get("SWARM_NO_IPVS") == "1"
    internal_subnet = env.get("SWARM_INTERNAL_SUBNET", "10.230.81.0/24")
    for name, svc in model.get("services", {}).items():
        if name in skip or (svc.get("profiles") and not profiles & set(svc["profiles"])):
            continue
        out = {k: v for k, v in svc.items() if k not in DROPPED_SERVICE_KEYS | {"profiles"}}
        deploy = dict(svc.get("deploy") or {})
        one_shot = name.endswith("-init")
        restart = svc.get("restart", "no")
        deploy["restart_policy"] = ({"condition": "on-failure", "delay": "5s", "max_attempts": 30} if one_shot
                                    else {"condition": "any", "delay": "5s"})
        if restart == "no" and not one_shot:
            deploy["restart_policy"] = {"condition": "none"}
        if "mem_limit" in svc:
            deploy.setdefault("resources", {}).setdefault("limits", {})["memory"] = str(svc["mem_limit"])
        if name in STATEFUL:
            deploy["placement"] = {"constraints": [f"node.labels.gatewaystack.{name} == true"]}
        if name == "api-service":
            deploy["replicas"] = int(env.get("SWARM_API_REPLICAS", "2"))
            deploy["endpoint_mode"] = "dnsrr"
            deploy["update_config"] = {"parallelism": 1, "delay": "5s", "order": "start-first",
                                       "failure_action": "rollback", "monitor": "20s"}
            deploy["rollback_config"] = {"parallelism": 1, "order": "start-first"}
        out["deploy"] = deploy
        if name == "certs-init":
            out["networks"] = ["internal"]   # Swarm has no network_mode: none; it needs no peer all the same
        if isinstance(out.get("networks"), dict):
            out["networks"] = {n: ({k: v for k, v in (c or {}).items() if k != "ipv4_address"} or None)
                               for n, c in out["networks"].items()}
        if no_ipvs:
            # Swarm's service VIPs and routing mesh are IPVS; without it, names resolve to the tasks themselves.
            deploy["endpoint_mode"] = "dnsrr"
        if "ports" in out:
            out["ports"] = [port(p, "host" if no_ipvs else "ingress") for p in out["ports"]]
        volumes, refs, secret_refs = [], [], []
        for v in out.get("volumes", []):
            converted = bind_to_configs(v, configs, key_secrets)
            if converted is None:
                volumes.append(v)
            else:
                refs.extend(converted[0])
                secret_refs.extend(converted[1])
        if "volumes" in out:
            out["volumes"] = volumes
        if refs:
            out["configs"] = refs
        if secret_refs:
            out["secrets"] = list(out.get("secrets") or []) + secret_refs
        environment = dict(out.get("environment") or {})
        if name == "gateway":
            environment["DISCOVERY_NAME_PREFIX"] = "tasks."
            # Swarm has no depends_on: the gateway can start before gateway-metrics (mtail) has a task, and its
            # entrypoint ships the access log only to a syslog host that resolves within LOGSTASH_WAIT_SECONDS (5 s in
            # compose.yaml, where depends_on orders them; a run here started mtail later and lost every per-route
            # metric). Wait longer, and not for a syslog host the stack leaves out.
            environment["LOGSTASH_WAIT_SECONDS"] = env.get("SWARM_SYSLOG_WAIT_SECONDS", "40")
            for var, host in (("LOGSTASH_SYSLOG", "logstash"), ("MTAIL_SYSLOG", "gateway-metrics")):
                if host in skip:
                    environment.pop(var, None)
        if name == "auth-service":
            environment["AUTH_PROXY_TRUSTED"] = internal_subnet
        if name == "grafana":
            environment["GF_AUTH_PROXY_WHITELIST"] = internal_subnet
        if environment:
            out["environment"] = {k: ("" if v is None else str(v)) for k, v in environment.items()}
        services[name] = out
    networks = {}
    for name, net in (model.get("networks") or {}).items():
        n = {"driver": "overlay", "attachable": True}
        if (net or {}).get("internal"):
            n["internal"] = True
            n["ipam"] = {"config": [{"subnet": internal_subnet}]}
        networks[name] = n
    stack = {"version": "3.8", "services": services, "networks": networks,
             "volumes": {k: (v or {}) for k, v in (model.get("volumes") or {}).items()}}
    for key in ("name", "external"):
        for v in stack["volumes"].values():
            v.pop(key, None)
    if configs:
        stack["configs"] = configs
    all_secrets = {k: {"file": v["file"]} for k, v in (model.get("secrets") or {}).items()}
    all_secrets.update(key_secrets)
    if all_secrets:
        stack["secrets"] = all_secrets
    return stack


if __name__ == "__main__":
    print(yaml.safe_dump(translate(yaml.safe_load(sys.stdin), os.environ), sort_keys=False, width=120))
