#!/usr/bin/env bash
# Tests the demo plan (scripts/demo/postings.sh) without a stack, in a second (run by scripts/test.sh): the same
# day gives the same postings; an earlier day of the same month gives exactly the postings dated up to it (so a
# key always stands for the same request); keys are unique; every category is one api-service accepts
# (ReferenceData.CATEGORIES); every text is plain (seed.sh writes the JSON with printf).
set -euo pipefail
cd "$(dirname "$0")"
fail() { echo "postings-test: FAIL: $*" >&2; exit 1; }
late=$(./postings.sh 2026-03-31); again=$(./postings.sh 2026-03-31); early=$(./postings.sh 2026-03-09)
[ "$late" = "$again" ] || fail "two runs for the same day differ"
[ "$early" = "$(awk -F'\t' '$3 <= "2026-03-09"' <<<"$late")" ] || fail "an earlier day is not a prefix of a later one"
[ -z "$(cut -f2 <<<"$late" | sort | uniq -d)" ] || fail "duplicate Idempotency-Keys"
[ "$(cut -f3 <<<"$late" | cut -c1-7 | sort -u | xargs)" = "2025-09 2025-10 2025-11 2025-12 2026-01 2026-02 2026-03" ] \
    || fail "not the 6 months before March 2026 and March itself"
accepted=$(sed -n '/CATEGORIES = List.of(/,/);/p' ../../api-service/src/main/java/dev/gatewaystack/api/ledger/ReferenceData.java \
    | grep -o '"[a-z-]*"' | tr -d '"')
[ -n "$accepted" ] || fail "could not read ReferenceData.CATEGORIES"
for c in $(cut -f5 <<<"$late" | sort -u); do grep -qx "$c" <<<"$accepted" || fail "category $c is not accepted by api-service"; done
! grep -q '[^-A-Za-z0-9 ,.:	]' <<<"$(cut -f2-6 <<<"$late")" || fail "a posting has text seed.sh cannot send as is"
echo "postings-test: ok ($(wc -l <<<"$late") postings, deterministic, prefix-stable, unique keys, accepted categories)"
