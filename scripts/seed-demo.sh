#!/usr/bin/env bash
# Demo data for a development stack through its gateway: see scripts/demo/seed.sh.
exec "$(dirname "$0")/demo/seed.sh" "$@"
