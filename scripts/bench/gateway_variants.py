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


def direct_location(c):
    """/api/status served in its path location (method check by `if ... return 405`), no rewrite to /__route/."""
    route = re.search(r"\n(\s*)location = /__route/api-service\.status \{\n(.*?)\n\1\}", c, re.S)
    body = re.sub(r"            (internal|client_max_body_size [^;]*);\n", "", route.group(2))
    path = re.search(r"(location = /api/status \{\n)(.*?)(\n        \})", c, re.S)
    lines = [l for l in path.group(2).split("\n") if "rewrite" not in l and "return 405" not in l]
    lines.append('            if ($request_method !~ ^(GET|HEAD)$) { return 405; }')
    return c[:path.start(2)] + "\n".join(lines) + "\n" + body + c[path.end(2):]


def keepalive_as_before(c):
    """The generator's keepalive settings before issue 12: 16 idle upstream connections, nginx's 1,000-request cap."""
    c = re.sub(r"\n\s*keepalive_requests 100000;", "", c)
    return re.sub(r"keepalive 64;", "keepalive 16;", c)


def workers_1(c):
    return c.replace("worker_processes auto;", "worker_processes 1;")


def proxy_buffering_off(c):
    return c.replace("location = /__route/api-service.status {\n",
                     "location = /__route/api-service.status {\n            proxy_buffering off;\n", 1)


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
    "direct-location": direct_location,
    "keepalive-as-before": keepalive_as_before,
    "workers-1": workers_1,
    "proxy-buffering-off": proxy_buffering_off,
    "ssl-buffer-4k": ssl_buffer_4k,
    "pcre-jit-off": pcre_jit_off,
    # Only handshakes use tickets; on keepalive connections this is a control: what it shows is the noise.
    "tickets-on": tickets_on,
    "log-buffered+direct-location": lambda c: direct_location(log_buffered(c)),
}

if __name__ == "__main__":
    if sys.argv[1] == "--list":
        print("\n".join(v for v in VARIANTS if v != "generated"))
    else:
        sys.stdout.write(VARIANTS[sys.argv[1]](sys.stdin.read()))
