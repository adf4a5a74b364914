#!/usr/bin/env bash
# End-to-end checks of the role-change table (--role-changes): the momentum
# outputs on the hand-built log of tests/engine/temporal/
# role_transitions_test.cpp (answers worked out there by hand), the static
# role in `map`, every validation rule (exit 3, file:line), the column
# mapping, --pseudonymise and --min-group-size, and the shipped sample.
# Usage: role_changes_test.sh PATH/TO/movemap DATA_SAMPLES_DIR
set -u
MM=$1
DATA=$2
. "$(dirname "$0")/harness.sh"
col() {  # col FILE NAME: the column's values joined by spaces
  python3 -c "import csv,sys; print(' '.join(r[sys.argv[2]] for r in csv.DictReader(open(sys.argv[1]))))" "$1" "$2"
}
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
a,,S1
b,service,S2
c,champion,S1
d,anchor,
e,champion,S1
CSV
cat >"$T/changes.csv" <<'CSV'
id,time,from,to
c,45,citizen,champion
a,15,citizen,champion
e,20,citizen,champion
c,30,champion,citizen
y,35,citizen,service
CSV
H=(--undirected --window 10s --step 10s --anchor start --measures degree --no-gexf)

# 1. The hand log: transitions per window, by role at each window's end.
"$MM" momentum "$T/log.csv" --actors "$T/actors.csv" --role-changes "$T/changes.csv" "${H[@]}" \
  --out "$T/h" >"$T/h.out" 2>"$T/h.err"; rc=$?
check "hand log exits 0 ($(cat "$T/h.err"))" test "$rc" -eq 0
check "role_changes per window (got $(col "$T/h/windows.csv" role_changes))" \
  test "$(col "$T/h/windows.csv" role_changes)" = "0 1 1 2 1"
check "role_transitions.csv header" test "$(head -1 "$T/h/role_transitions.csv")" = "window,start,end,from,to,count"
check "role_transitions rows (window 3: champion->citizen 1, citizen->service 1)" \
  grep -qx '3,1970-01-01T00:00:30Z,1970-01-01T00:00:40Z,champion,citizen,1' "$T/h/role_transitions.csv"
check "role_transitions counts" test "$(col "$T/h/role_transitions.csv" count)" = "0 0 0 0 1 0 0 1 0 1 0 1 0 1 0"
champ() { python3 -c "import csv,sys; print(' '.join(r[sys.argv[2]] for r in csv.DictReader(open(sys.argv[1])) if r['role']==sys.argv[3]))" "$T/h/by_role.csv" "$1" "$2"; }
check "champions active at each window end (got $(champ active champion))" test "$(champ active champion)" = "1 1 2 0 1"
check "citizens active" test "$(champ active citizen)" = "1 0 0 0 0"
check "citizen-service ties with end roles" test "$(col "$T/h/windows.csv" citizen_service_ties)" = "1 0 0 0 0"
check "role_changes.csv lists the changes in time order" \
  test "$(col "$T/h/role_changes.csv" actor)" = "a e c y c"
check "role_changes.csv times" grep -qx 'y,1970-01-01T00:00:35Z,citizen,service' "$T/h/role_changes.csv"
check "windows.json has role_transitions" \
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert len(d['role_transitions'])==15 and d['windows'][3]['role_changes']==2" "$T/h/windows.json"
check "role_cohorts.csv: a, e, c became champions in 1970-01, all active that month" \
  grep -qx 'citizen,champion,1970-01,3,0,3,1' "$T/h/role_cohorts.csv"
check "role_cohorts.csv: y never active" grep -qx 'citizen,service,1970-01,1,0,0,0' "$T/h/role_cohorts.csv"
check "printed summary" grep -q "role changes   5 (champion -> citizen 1, citizen -> champion 3, citizen -> service 1); in the last window 1" "$T/h.out"
check "manifest names the input" grep -q '"role_changes"' "$T/h/manifest.json"

# 2. Static outputs use the final role; y (only in the change table) is created.
"$MM" map "$T/log.csv" --actors "$T/actors.csv" --role-changes "$T/changes.csv" --out "$T/map" -q; rc=$?
check "map exits 0" test "$rc" -eq 0
check "a's final role fills the empty table role" grep -q '^a,.*champion' "$T/map/nodes.csv"
check "y created with its final role" grep -q '^y,.*service' "$T/map/nodes.csv"

# 3. Without the table: no transitions anywhere.
"$MM" momentum "$T/log.csv" --actors "$T/actors.csv" "${H[@]}" --out "$T/none" -q 2>/dev/null
check "no role_transitions.csv without --role-changes" test ! -e "$T/none/role_transitions.csv"
check "no role_changes column" test -z "$(head -1 "$T/none/windows.csv" | grep role_changes)"

# 4. Every rule: exit 3, file:line and what was expected.
bad() {  # bad NAME EXPECTED_PREFIX TABLE (printf format) (no pipeline: the counts stay in this shell)
  local name=$1 want=$2
  printf "$3" >"$T/bad.csv"
  "$MM" momentum "$T/log.csv" --actors "$T/actors.csv" --role-changes "$T/bad.csv" "${H[@]}" \
    --out "$T/bad" -q >/dev/null 2>"$T/bad.err"; local rc=$?
  check "$name: exit 3 (got $rc)" test "$rc" -eq 3
  check "$name: message (got: $(cat "$T/bad.err"))" grep -qF "$T/bad.csv:$want" "$T/bad.err"
}
bad "unknown column" "1: unknown column \"note\"" 'id,time,from,to,note\na,15,citizen,champion,x\n'
bad "missing column" "1: missing column 'from'" 'id,time,to\na,15,champion\n'
bad "empty id" "3: column 1 'id': empty" 'id,time,from,to\na,15,citizen,champion\n,20,citizen,champion\n'
bad "empty role" "2: column 3 'from': empty" 'id,time,from,to\na,15,,champion\n'
bad "bad time" "2: column 2 'time': \"2024-02-30\": day does not exist" 'id,time,from,to\na,2024-02-30,citizen,champion\n'
bad "two changes at one time" "3: actor 'a' has a second role change at the same time as line 2" 'id,time,from,to\na,15,citizen,champion\na,15,service,champion\n'
bad "broken chain" "3: actor 'a' changes from 'citizen', but its previous change (line 2) left it 'service'" 'id,time,from,to\na,15,citizen,service\na,18,citizen,champion\n'
bad "from == to" "2: actor 'a' changes from 'champion' to the same role" 'id,time,from,to\na,15,champion,champion\n'
bad "field count" "3: expected 4 fields" 'id,time,from,to\na,15,citizen,champion\na,10\n'
bad "final role against the actor table" "2: actor 'b' ends as 'champion'" 'id,time,from,to\nb,15,citizen,champion\n'
check "the actor table's file and line named too" grep -qF "$T/actors.csv:3 gives the role 'service'" "$T/bad.err"
check "nothing written on error" test ! -e "$T/bad"

# 5. Column mapping.
printf 'Person,When,Old,New\na,15,citizen,champion\n' >"$T/mapped.csv"
"$MM" momentum "$T/log.csv" --actors "$T/actors.csv" --role-changes "$T/mapped.csv" \
  --role-change-columns id=Person,time=When,from=Old,to=New "${H[@]}" --out "$T/m" -q 2>"$T/m.err"; rc=$?
check "mapped columns exit 0 ($(cat "$T/m.err"))" test "$rc" -eq 0
check "mapped columns read" test "$(col "$T/m/windows.csv" role_changes)" = "0 1 0 0 0"
"$MM" momentum "$T/log.csv" --role-changes "$T/mapped.csv" --role-change-columns person=Person "${H[@]}" \
  --out "$T/m2" -q 2>"$T/m2.err"; rc=$?
check "unknown mapping field: exit 2 (got $rc)" test "$rc" -eq 2

# 6. Privacy: pseudonymised ids in role_changes.csv; suppression of the counts.
head -c 32 /dev/urandom >"$T/key"
"$MM" momentum "$T/log.csv" --actors "$T/actors.csv" --role-changes "$T/changes.csv" "${H[@]}" \
  --pseudonymise "$T/key" --out "$T/p" -q
check "pseudonymised role_changes.csv: no raw id" \
  test -z "$(cut -d, -f1 "$T/p/role_changes.csv" | grep -xE 'a|c|e|y')"
check "pseudonyms are 32 hex digits" test "$(sed -n 2p "$T/p/role_changes.csv" | cut -d, -f1 | grep -cE '^[0-9a-f]{32}$')" = 1
"$MM" momentum "$T/log.csv" --actors "$T/actors.csv" --role-changes "$T/changes.csv" "${H[@]}" \
  --min-group-size 2 --out "$T/k" -q
check "no role_changes.csv under --min-group-size" test ! -e "$T/k/role_changes.csv"
check "transitions of 1 suppressed" grep -qx '1,1970-01-01T00:00:10Z,1970-01-01T00:00:20Z,citizen,champion,,true' "$T/k/role_transitions.csv"
check "role cohorts of 1 suppressed" grep -qx 'champion,citizen,1970-01,,0,,,true' "$T/k/role_cohorts.csv"
check "role cohort of 3 kept" grep -qx 'citizen,champion,1970-01,3,0,3,1,false' "$T/k/role_cohorts.csv"
check "role_changes cell of a window with 1 change blank" \
  test "$(python3 -c "import csv,sys; print([r['role_changes'] for r in csv.DictReader(open(sys.argv[1]))][1])" "$T/k/windows.csv")" = ""
"$MM" momentum "$T/log.csv" --actors "$T/actors.csv" --role-changes "$T/changes.csv" "${H[@]}" \
  --min-group-size 2 --out "$T/k2" >"$T/k2.out" 2>/dev/null
check "printed summary under --min-group-size (got: $(grep 'role changes' "$T/k2.out"))" \
  grep -qF "role changes   5 (champion -> citizen (suppressed), citizen -> champion 3, citizen -> service (suppressed)); in the last window (suppressed)" "$T/k2.out"

# 6a. Suppression counts distinct actors, not changes: p goes citizen ->
# champion -> citizen -> champion in [0,10): 2 changes of each type by one
# actor, hidden at K = 2 (cells and the window's role_changes).
printf 'id,time,from,to\np,1,citizen,champion\np,2,champion,citizen\np,3,citizen,champion\np,4,champion,citizen\n' >"$T/pchanges.csv"
"$MM" momentum "$T/log.csv" --role-changes "$T/pchanges.csv" "${H[@]}" --min-group-size 2 --out "$T/pk" -q 2>"$T/pk.err"; rc=$?
check "back and forth exits 0 ($(cat "$T/pk.err"))" test "$rc" -eq 0
check "2 changes by 1 actor hidden" \
  grep -qx '0,1970-01-01T00:00:00Z,1970-01-01T00:00:10Z,citizen,champion,,true' "$T/pk/role_transitions.csv"
check "the window's 4 changes by 1 actor hidden (got $(col "$T/pk/windows.csv" role_changes))" \
  test "$(python3 -c "import csv,sys; print(repr([r['role_changes'] for r in csv.DictReader(open(sys.argv[1]))][0]))" "$T/pk/windows.csv")" = "''"

# 6b. Cohort suppression per cohort month (K = 2): in 1970-01 citizen->anchor
# has 1 actor and citizen->champion 3; in 1970-02 citizen->anchor has 2. The
# month's 1 is hidden and so is its 3 (secondary rule within the month: the
# month's total is published by monthly windows), while 1970-02's 2 stays.
printf 'time,source,target,event\n0,a,b,\n2700000,a,b,\n' >"$T/mlog.csv"
printf 'id,time,from,to\np,100,citizen,anchor\nq,100,citizen,champion\nr,200,citizen,champion\ns,300,citizen,champion\nt,2700000,citizen,anchor\nu,2700000,citizen,anchor\n' >"$T/mchanges.csv"
"$MM" momentum "$T/mlog.csv" --role-changes "$T/mchanges.csv" --undirected --windows month --measures degree \
  --no-gexf --min-group-size 2 --out "$T/mk" -q 2>"$T/mk.err"; rc=$?
check "monthly cohorts exit 0 ($(cat "$T/mk.err"))" test "$rc" -eq 0
check "cohort of 1 in 1970-01 hidden" grep -qx 'citizen,anchor,1970-01,,0,,,true' "$T/mk/role_cohorts.csv"
check "cohort of 3 in 1970-01 hidden too (secondary, within the month)" \
  grep -qx 'citizen,champion,1970-01,,0,,,true' "$T/mk/role_cohorts.csv"
check "cohort of 2 in 1970-02 kept" grep -qx 'citizen,anchor,1970-02,2,0,0,0,false' "$T/mk/role_cohorts.csv"

# 7. The shipped sample: transitions shown, identical for 1 and 2 threads.
S=("$DATA/interactions.csv" --actors "$DATA/actors.csv" --role-changes "$DATA/role_changes.csv" --windows quarter
   --measures degree,pagerank,brokerage --no-gexf)
"$MM" momentum "${S[@]}" --threads 1 --out "$T/s1" -q && "$MM" momentum "${S[@]}" --threads 2 --out "$T/s2" -q
check "sample: changes in the quarters (got $(col "$T/s1/windows.csv" role_changes))" \
  test "$(col "$T/s1/windows.csv" role_changes)" = "0 3 0 10 8 1 0 0"
for f in windows.csv windows.json by_role.csv role_transitions.csv role_cohorts.csv role_changes.csv trajectories.csv; do
  check "sample $f identical for 1 and 2 threads" cmp -s "$T/s1/$f" "$T/s2/$f"
done
finish
