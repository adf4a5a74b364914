#!/usr/bin/env bash
# End-to-end checks of `movemap momentum`: the tables written, their columns,
# the windows of a hand-built log (answers in tests/engine/temporal/
# indicators_test.cpp), calendar windows, errors and exit codes, and
# thread-count determinism on the shipped sample.
# The dynamic GEXF is checked against the GEXF 1.3 RelaxNG schema.
# Usage: momentum_test.sh PATH/TO/movemap DATA_SAMPLES_DIR [SCHEMA_DIR]
set -u
MM=$1
DATA=$2
SCHEMA=${3:-}
. "$(dirname "$0")/harness.sh"
gexf_valid() {  # true when valid (xmllint required when a schema folder is given)
  if [ -n "$SCHEMA" ] && [ -f "$SCHEMA/gexf-1.3/gexf.rng" ]; then
    xmllint --noout --relaxng "$SCHEMA/gexf-1.3/gexf.rng" "$1" 2>/dev/null
  fi
}

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
"$MM" momentum "$T/log.csv" --actors "$T/actors.csv" --undirected --window 10s --step 10s --anchor start --measures degree \
  --out "$T/h" >"$T/h.out" 2>"$T/h.err"; rc=$?
check "hand log exits 0 ($(cat "$T/h.err"))" test "$rc" -eq 0
for f in windows.csv windows.json by_role.csv cohorts.csv trajectories.csv rising.csv sensitivity.csv network.gexf; do
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
check "no static-map outputs (movemap map writes those)" test ! -e "$T/h/network.graphml"

check "GEXF dynamic" grep -q 'mode="dynamic"' "$T/h/network.gexf"
check "GEXF carries the per-window degree and rank" grep -q 'title="degree_window_rank"' "$T/h/network.gexf"
check "GEXF schema-valid" gexf_valid "$T/h/network.gexf"
# b's degree in window 0 ([0, 10) -> written over [0 s, 9 s]) is 2
check "GEXF: window 0 value of b" python3 - "$T/h/network.gexf" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"g": "http://gexf.net/1.3"}
root = ET.parse(sys.argv[1]).getroot()
ids = {a.get("title"): a.get("id") for a in root.iter("{http://gexf.net/1.3}attribute")}
node = [n for n in root.iter("{http://gexf.net/1.3}node") if n.get("id") == "b"][0]
vals = [(v.get("start"), v.get("value")) for v in node.iter("{http://gexf.net/1.3}attvalue")
        if v.get("for") == ids["degree_window"]]
sys.exit(0 if ("1970-01-01T00:00:00Z", "2") in vals else 1)
PY

# 2. Lapse: the gap 25 -> 41 is longer than 10 s.
"$MM" momentum "$T/log.csv" --actors "$T/actors.csv" --undirected --window 10s --step 10s --anchor start --lapse 10s \
  --measures none --no-gexf -q --out "$T/l"; rc=$?
check "lapse run exits 0" test "$rc" -eq 0
check "lapse: active (got $(col "$T/l/windows.csv" active))" test "$(col "$T/l/windows.csv" active)" = "4 4 4 2 2"
check "lapse: no trajectories" test "$(wc -l < "$T/l/trajectories.csv")" -eq 1
check "--no-gexf: no GEXF" test ! -e "$T/l/network.gexf"

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

# Bridging measures and communities per window.
"$MM" momentum "$T/log.csv" --actors "$T/actors.csv" --undirected --window 10s --step 10s --anchor start \
  --measures constraint,brokerage --communities --no-gexf -q --out "$T/b"; rc=$?
check "constraint, brokerage, communities: exit 0" test "$rc" -eq 0
check "communities per window (got $(col "$T/b/windows.csv" communities))" test "$(col "$T/b/windows.csv" communities)" = "2 1 1 0 1"
check "constraint and brokerage rows" test "$(cut -d, -f4 "$T/b/trajectories.csv" | sort -u | tr '\n' ' ')" = "brokerage constraint measure "

# Small-group suppression: roles with fewer than 2 actors in or just before
# a window are blanked (anchor d is alone in its role), cohorts too.
"$MM" momentum "$T/log.csv" --actors "$T/actors.csv" --undirected --window 10s --step 10s --anchor start \
  --measures none --no-gexf --min-group-size 2 -q --out "$T/k"; rc=$?
check "--min-group-size: exit 0" test "$rc" -eq 0
check "by_role: suppressed column" test "$(head -1 "$T/k/by_role.csv" | awk -F, '{print $NF}')" = suppressed
check "by_role: anchor in window 0 blanked" grep -q '^0,1970-01-01T00:00:00Z,anchor,,,,,,,,,,true$' "$T/k/by_role.csv"
check "by_role: window 0 has one actor per role: all four blanked" test "$(grep -c '^0,.*,true$' "$T/k/by_role.csv")" -eq 4
# window 2: citizen e new and a lapsed (2 actors) kept; champion c (1) and service b (1 lapsed) blanked
check "by_role: window 2 citizen kept" grep -q '^2,1970-01-01T00:00:20Z,citizen,1,1,0,0,1,1,1,0,1,false$' "$T/k/by_role.csv"
check "by_role: window 2 service blanked" grep -q '^2,1970-01-01T00:00:20Z,service,,,,,,,,,,true$' "$T/k/by_role.csv"
check "cohorts: the one cohort of 5 kept" test "$(sed -n 2p "$T/k/cohorts.csv")" = "1970-01,5,0,5,1,false"
# windows.csv: a window is a group of its active + lapsed actors. With K = 3,
# windows 3 (0 active + 2 lapsed) and 4 (2 active + 0 lapsed) are blanked;
# windows 0-2 (4, 4 and 4 actors) kept.
"$MM" momentum "$T/log.csv" --actors "$T/actors.csv" --undirected --window 10s --step 10s --anchor start \
  --measures none --no-gexf --min-group-size 3 -q --out "$T/k3"; rc=$?
check "--min-group-size 3: exit 0" test "$rc" -eq 0
check "windows.csv: suppressed column" test "$(head -1 "$T/k3/windows.csv" | awk -F, '{print $NF}')" = suppressed
check "windows.csv: windows 3 and 4 blanked" test "$(awk -F, 'NR > 1 && $NF == "true" {print $1}' "$T/k3/windows.csv" | tr '\n' ' ')" = "3 4 "
check "windows.csv: window 3 has no values" grep -q '^3,1970-01-01T00:00:30Z,1970-01-01T00:00:40Z,,,,' "$T/k3/windows.csv"
check "windows.csv: window 1 kept (2 active, 2 lapsed)" grep -q '^1,1970-01-01T00:00:10Z,1970-01-01T00:00:20Z,2,0,2,0,2,' "$T/k3/windows.csv"
check "windows.json: window 4 null and flagged" python3 -c "
import json, sys
w = json.load(open('$T/k3/windows.json'))['windows']
assert w[4]['suppressed'] is True and w[4]['active'] is None, w[4]
assert w[1]['suppressed'] is False and w[1]['active'] == 2, w[1]
"

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
