#!/usr/bin/env bash
# Type-checks, runs the whole tap suite, and ends with a plain "N passed, N failed" line.
set -uo pipefail
npx tsc --noEmit -p . || exit 1
log=$(mktemp)
npx tap "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
summary=$(grep -E '^# \{ total: [0-9]+' "$log" | tail -n 1)
pass=$(sed -nE 's/.*pass: ([0-9]+).*/\1/p' <<<"$summary")
fail=$(sed -nE 's/.*fail: ([0-9]+).*/\1/p' <<<"$summary")
rm -f "$log"
echo "tests: ${pass:-0} passed, ${fail:-0} failed"
exit "$status"
