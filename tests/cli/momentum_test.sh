#!/usr/bin/env bash
# End-to-end checks of `movemap momentum`: the tables written, their columns,
# the windows of a hand-built log (answers in tests/engine/temporal/
# indicators_test.cpp), calendar windows, errors and exit codes, and
# thread-count determinism on the shipped sample.
# Usage: momentum_test.sh PATH/TO/movemap DATA_SAMPLES_DIR
set -u
MM=$1
DATA=$2
. "$(dirname "$0")/harness.sh"

# 1. Hand log (times in Unix seconds), tumbling windows of 10 s.
cat >"$T/log.csv" <<'CSV'
time,source,target,event
0,a,b,
0,b,c,
5,d,,e1
12,a,b,
25,c,e,
41,a,b,
CSV
cat >"$T/actors.csv" <<'CSV'
id,role,site
a,citizen,S1
b,service,S2
c,champion,S1
d,anchor,
e,citizen,S1
CSV
"$MM" momentum "$T/log.csv" --actors "$T/actors.csv" --undirected --window 10s --step 10s --measures degree \
  --out "$T/h" >"$T/h.out" 2>"$T/h.err"; rc=$?
check "hand log exits 0 ($(cat "$T/h.err"))" test "$rc" -eq 0
for f in windows.csv windows.json by_role.csv cohorts.csv trajectories.csv rising.csv sensitivity.csv \
         network.graphml nodes.csv ties.csv summary.json; do
  check "wrote $f" test -s "$T/h/$f"
done
col() {  # col FILE NAME: the column's values joined by spaces
  python3 -c "import csv,sys; print(' '.join(r[sys.argv[2]] for r in csv.DictReader(open(sys.argv[1]))))" "$1" "$2"
}
check "active per window (got $(col "$T/h/windows.csv" active))" test "$(col "$T/h/windows.csv" active)" = "4 2 2 0 2"
check "new" test "$(col "$T/h/windows.csv" new)" = "4 0 1 0 0"
check "reactivated" test "$(col "$T/h/windows.csv" reactivated)" = "0 0 1 0 2"
check "lapsed" test "$(col "$T/h/windows.csv" lapsed)" = "0 2 2 2 0"
check "renewed ties" test "$(col "$T/h/windows.csv" renewed_ties)" = "0 0 0 0 1"
check "momentum (got $(col "$T/h/windows.csv" momentum))" test "$(col "$T/h/windows.csv" momentum)" = "1 0.25 0.125 -0.4375 0.28125"
check "window start in ISO form" test "$(col "$T/h/windows.csv" start | cut -d' ' -f2)" = "1970-01-01T00:00:10Z"
check "JSON rows = windows" test "$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['windows']))" "$T/h/windows.json")" = 5
check "JSON growth_rate of window 0 is null" test "$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['windows'][0]['growth_rate'])" "$T/h/windows.json")" = None
check "by_role header" test "$(head -1 "$T/h/by_role.csv")" = "window,start,role,active,new,retained,reactivated,lapsed,ties,new_ties,renewed_ties,lapsed_ties"
check "trajectories header" test "$(head -1 "$T/h/trajectories.csv")" = "window,start,actor,measure,value,rank"
check "degree of b in window 0 ranks first" grep -q '^0,1970-01-01T00:00:00Z,b,degree,2,1$' "$T/h/trajectories.csv"
check "cohorts: everyone joined in 1970-01, one row" test "$(col "$T/h/cohorts.csv" cohort)" = "1970-01"
check "summary printed" grep -q "momentum" "$T/h.out"

# 2. Lapse: the gap 25 -> 41 is longer than 10 s.
"$MM" momentum "$T/log.csv" --actors "$T/actors.csv" --undirected --window 10s --step 10s --lapse 10s \
  --measures none -q --out "$T/l"; rc=$?
check "lapse run exits 0" test "$rc" -eq 0
check "lapse: active (got $(col "$T/l/windows.csv" active))" test "$(col "$T/l/windows.csv" active)" = "4 4 4 2 2"
check "lapse: no trajectories" test "$(wc -l < "$T/l/trajectories.csv")" -eq 1

# 3. Calendar months on the sample; determinism across thread counts.
"$MM" momentum "$DATA/interactions.csv" --actors "$DATA/actors.csv" --windows month -q -t 1 --out "$T/m1"; rc=$?
check "months exit 0" test "$rc" -eq 0
"$MM" momentum "$DATA/interactions.csv" --actors "$DATA/actors.csv" --windows month -q -t 2 --out "$T/m2"
for f in windows.csv by_role.csv cohorts.csv trajectories.csv rising.csv; do
  check "$f identical for 1 and 2 threads" cmp -s "$T/m1/$f" "$T/m2/$f"
done
check "month windows start on the 1st" test -z "$(col "$T/m1/windows.csv" start | tr ' ' '\n' | grep -v -- '-01T00:00:00Z')"
"$MM" momentum "$DATA/interactions.csv" --actors "$DATA/actors.csv" -q --out "$T/s"; rc=$?
check "sliding default exits 0" test "$rc" -eq 0
check "sensitivity: 3 width pairs x 2 measures" test "$(($(wc -l < "$T/s/sensitivity.csv") - 1))" -eq 6

# 4. Errors.
"$MM" momentum "$T/log.csv" --window 10x --out "$T/e" 2>"$T/e.err"; rc=$?
check "bad duration: exit 2" test "$rc" -eq 2
check "bad duration: message names the option" grep -q -- "--window" "$T/e.err"
"$MM" momentum "$T/log.csv" --windows weekly --out "$T/e" 2>/dev/null; rc=$?
check "bad scheme: exit 2" test "$rc" -eq 2
"$MM" momentum "$T/log.csv" --measures closeness --out "$T/e" 2>/dev/null; rc=$?
check "unknown measure: exit 2" test "$rc" -eq 2
"$MM" --help | grep -q "momentum"; check "main help lists momentum" test $? -eq 0

finish
