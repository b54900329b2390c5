"""One-change variants of the generated nginx.conf for scripts/bench/gateway-levers.sh (stdin -> stdout).

Each variant is a lever of issue 12, applied by text edits to the generator's output so it can be measured before
the renderers are changed. `--list` prints the variant names.
"""
import re
import sys


def log_buffered(c):
    return re.sub(r"access_log (\S+) gateway_json;", r"access_log \1 gateway_json buffer=64k flush=1s;", c)


def log_off(c):  # a bound, not an option: the gateway must log
    return re.sub(r"access_log (\S+) gateway_json;", "access_log off;", c)


def dispatch_as_before(c):
    """/api/status dispatched as before the generator served single-route locations in place: a method rewrite to
    an internal /__route/ location whose proxy_pass names $request_uri (parsed per request)."""
    path = re.search(r"(        location = /api/status \{\n)(.*?)(\n        \})", c, re.S)
    body = [l for l in path.group(2).split("\n") if "$gateway_allow" not in l and "return 405" not in l]
    body = [l.replace("proxy_pass http://api-service;", "proxy_pass http://api-service$request_uri;") for l in body]
    dispatch = ('        location = /api/status {\n            client_max_body_size 1m;\n'
                '            set $gateway_allow "GET, HEAD";\n'
                '            if ($request_method ~ ^(GET|HEAD)$) { rewrite ^ /__route/api-service.status last; }\n'
                '            return 405;\n        }\n'
                '        location = /__route/api-service.status {\n            internal;\n')
    return c[:path.start(1)] + dispatch + "\n".join(body) + path.group(3) + c[path.end(3):]


def timestamp_as_before(c):
    """The log's @timestamp from three maps ($time_iso8601 twice, $msec), as before one map read both."""
    c = c.replace("$gateway_log_timestamp", "$gateway_log_second.$gateway_log_millis$gateway_log_zone")
    old = re.search(r'    map "\$time_iso8601 \$msec" \$gateway_log_second\.\S+ \{\n.*?\n    \}\n', c, re.S)
    maps = ('    map $time_iso8601 $gateway_log_second {\n        default $time_iso8601;\n'
            '        "~^(?<gateway_log_s>.{19})" $gateway_log_s;\n    }\n'
            '    map $time_iso8601 $gateway_log_zone {\n        default "";\n'
            '        "~^.{19}(?<gateway_log_z>.*)$" $gateway_log_z;\n    }\n'
            '    map $msec $gateway_log_millis {\n        default 000;\n'
            '        "~\\\\.(?<gateway_log_ms>[0-9]{3})$" $gateway_log_ms;\n    }\n')
    return c[:old.start()] + maps + c[old.end():]


def request_id_off(c):  # a bound, not an option: nginx's random $request_id (OpenSSL's RAND_bytes) per request
    return c.replace("default $request_id;", "default $connection;", 1)


def path_guard_if_only(c):  # what named error locations would leave of the guard (not valid alone: see README)
    return re.sub(r"        set \$gateway_refuse_path .*?return 400; \}\n", "        if ($gateway_unsafe_path) { return 400; }\n",
                  c, count=1, flags=re.S)


def path_guard_off(c):  # a bound, not an option: the raw-path guard (one map, two server-level ifs)
    return re.sub(r"        set \$gateway_refuse_path .*?return 400; \}\n", "", c, count=1, flags=re.S)


def keepalive_as_before(c):
    """The generator's keepalive settings before issue 12: 16 idle upstream connections, nginx's 1,000-request cap."""
    c = re.sub(r"\n\s*keepalive_requests 100000;", "", c)
    return re.sub(r"keepalive 64;", "keepalive 16;", c)


def workers_1(c):
    return c.replace("worker_processes auto;", "worker_processes 1;")


def proxy_buffering_off(c):
    return c.replace("location = /api/status {\n", "location = /api/status {\n            proxy_buffering off;\n", 1)


def ssl_buffer_4k(c):
    return c.replace("ssl_session_tickets off;", "ssl_session_tickets off;\n        ssl_buffer_size 4k;")


def pcre_jit_off(c):
    """The generator's setting before it adopted PCRE's JIT for the maps' and locations' regexes (nginx's default)."""
    return c.replace("\npcre_jit on;", "", 1)


def tickets_on(c):
    return c.replace("ssl_session_tickets off;", "ssl_session_tickets on;")


VARIANTS = {
    "generated": lambda c: c,
    "log-buffered": log_buffered,
    "log-off": log_off,
    "dispatch-as-before": dispatch_as_before,
    "timestamp-as-before": timestamp_as_before,
    "request-id-off": request_id_off,
    "path-guard-off": path_guard_off,
    "path-guard-if-only": path_guard_if_only,
    "keepalive-as-before": keepalive_as_before,
    "workers-1": workers_1,
    "proxy-buffering-off": proxy_buffering_off,
    "ssl-buffer-4k": ssl_buffer_4k,
    "pcre-jit-off": pcre_jit_off,
    # Only handshakes use tickets; on keepalive connections this is a control: what it shows is the noise.
    "tickets-on": tickets_on,
    # The generated config before single-route locations were served in place and the timestamp read one map.
    "round-before": lambda c: timestamp_as_before(dispatch_as_before(c)),
}

if __name__ == "__main__":
    if sys.argv[1] == "--list":
        print("\n".join(v for v in VARIANTS if v != "generated"))
    else:
        sys.stdout.write(VARIANTS[sys.argv[1]](sys.stdin.read()))
