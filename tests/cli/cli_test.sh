#!/usr/bin/env bash
# End-to-end checks of the movemap CLI: exit codes, the one-line error for a
# malformed log, the rejects file, atomic outputs, thread-count determinism.
# Usage: cli_test.sh PATH/TO/movemap [SCHEMA_DIR]
set -u
MM=$1
SCHEMA=${2:-}
. "$(dirname "$0")/harness.sh"

# A log with bad rows on known physical lines (line 5 starts a record whose
# quoted field spans lines 5-6).
cat > "$T/log.csv" <<'CSV'
time,source,target,event,kind,weight
2024-01-01,ann,bob,,referral,1
2024-01-02T10:00:00+01:00,bob,ann,,meeting,2
2024-13-01,bob,carl,,meeting,1
2024-01-04,"Carl
Jr",ann,,message,1
2024-01-05,ann,bob,,message,-3
2024-01-06,dan,,walk-1,event,
2024-01-06,ann,,walk-1,event,
2024-01-07,ann,bob
CSV

# 1. Default: first bad row stops the run, exit 3, one line naming file:line and column.
"$MM" map "$T/log.csv" --out "$T/o1" >"$T/stdout" 2>"$T/stderr"; rc=$?
check "malformed log exits 3" test "$rc" -eq 3
check "error is one line" test "$(wc -l < "$T/stderr")" -eq 1
check "error names file, line 4 and column" grep -q "log.csv:4: column 1 'time'" "$T/stderr"
check "error says what was expected" grep -q "expected an ISO 8601" "$T/stderr"
check "no output written on error" test ! -e "$T/o1/network.graphml"
check "no temporary files left" test -z "$(ls -A "$T/o1" 2>/dev/null)"

# 2. --skip-invalid: exactly the bad rows (lines 4, 5, 7, 10) in the rejects file.
"$MM" map "$T/log.csv" --out "$T/o2" --skip-invalid "$T/o2/rejects.csv" -q; rc=$?
check "skip mode exits 0" test "$rc" -eq 0
lines=$(python3 -c "import csv,sys; print(' '.join(r['line'] for r in csv.DictReader(open(sys.argv[1], newline=''))))" "$T/o2/rejects.csv")
check "rejects are lines 4 5 7 10 (got: $lines)" test "$lines" = "4 5 7 10"
check "rejects keep the raw record" grep -q "2024-01-05,ann,bob,,message,-3" "$T/o2/rejects.csv"
acc=$(python3 -c "import json,sys; i=json.load(open(sys.argv[1]))['input']; print(i['rows_read'], i['accepted'], i['rejected'])" "$T/o2/summary.json")
check "rows read = accepted + rejected (8 = 4 + 4; got $acc)" test "$acc" = "8 4 4"
check "node table written" test -s "$T/o2/nodes.csv"
if [ -n "$SCHEMA" ] && [ -f "$SCHEMA/graphml/graphml.xsd" ] && command -v xmllint >/dev/null; then
  check "GraphML is schema-valid" xmllint --noout --schema "$SCHEMA/graphml/graphml.xsd" "$T/o2/network.graphml"
fi

# 3. Exit codes: usage 2, missing file 4, unknown command 2, help 0.
"$MM" map "$T/log.csv" >/dev/null 2>&1; check "missing --out is a usage error (2)" test $? -eq 2
"$MM" map "$T/nope.csv" --out "$T/o3" >/dev/null 2>&1; check "missing log is an I/O error (4)" test $? -eq 4
"$MM" frobnicate >/dev/null 2>&1; check "unknown command exits 2" test $? -eq 2
"$MM" map --help >/dev/null 2>&1; check "help exits 0" test $? -eq 0
"$MM" map "$T/log.csv" --out "$T/o4" --attendance sometimes >/dev/null 2>&1; check "bad option value exits 2" test $? -eq 2
printf 'when,who,whom\n2024-01-01,a,b\n' > "$T/mapped.csv"
"$MM" map "$T/mapped.csv" --out "$T/o5" -q 2>"$T/err5"; rc=$?
check "unmapped columns: exit 3" test "$rc" -eq 3
check "unmapped columns: message names the missing column" grep -q "missing column \"time\"" "$T/err5"
"$MM" map "$T/mapped.csv" --out "$T/o5" -q --columns time=when,source=who,target=whom; check "column mapping works" test $? -eq 0

# 4. Same bytes for any thread count.
"$MM" generate --actors 300 --interactions 5000 --seed 11 --out "$T/gen" -q
for t in 1 2 8; do "$MM" map "$T/gen/interactions.csv" --actors "$T/gen/actors.csv" --out "$T/t$t" --threads $t -q; done
for f in network.graphml nodes.csv ties.csv summary.json; do
  check "$f identical for 1/2/8 threads" sh -c "cmp -s '$T/t1/$f' '$T/t2/$f' && cmp -s '$T/t1/$f' '$T/t8/$f'"
done
"$MM" generate --actors 300 --interactions 5000 --seed 11 --out "$T/gen2" -q
check "generator is deterministic" cmp -s "$T/gen/interactions.csv" "$T/gen2/interactions.csv"

finish
