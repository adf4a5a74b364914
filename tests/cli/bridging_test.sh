#!/usr/bin/env bash
# End-to-end checks of `movemap bridging` on the shipped sample: per-actor
# columns in nodes.csv and GraphML, is_bridge in ties.csv, the group tables
# (CSV) and bridging.json, errors and exit codes, thread-count determinism,
# values against networkx (when installed) on a small generated log, and
# Ctrl-C leaving no outputs.
# Usage: bridging_test.sh PATH/TO/movemap DATA_SAMPLES_DIR [SCHEMA_DIR]
set -u
MM=$1
DATA=$2
SCHEMA=${3:-}
. "$(dirname "$0")/harness.sh"
LOG=$DATA/interactions.csv
ACTORS=$DATA/actors.csv
json() {  # json FILE PYTHON-EXPRESSION-ON-s
  python3 -c "import json,sys; s=json.load(open(sys.argv[1])); print($2)" "$1"
}
schema_valid() {  # schema_valid FILE: true when valid or when no schema / xmllint
  if [ -n "$SCHEMA" ] && [ -f "$SCHEMA/graphml/graphml.xsd" ] && command -v xmllint >/dev/null; then
    xmllint --noout --schema "$SCHEMA/graphml/graphml.xsd" "$1" 2>/dev/null
  fi
}

# 1. The default set on the sample (directed), with 3 key players.
"$MM" bridging "$LOG" --actors "$ACTORS" --out "$T/d" --key-players 3 --permutations 200 >"$T/d.out" 2>"$T/d.err"; rc=$?
check "default run exits 0 ($(head -c 300 "$T/d.err"))" test "$rc" -eq 0
header=$(head -1 "$T/d/nodes.csv")
for col in constraint effective_size efficiency hierarchy brokerage_role_coordinator brokerage_role_liaison_z \
           brokerage_site_total is_articulation_point cut_off community participation within_module_z key_player_rank; do
  check "nodes.csv has $col" sh -c "echo '$header' | tr ',' '\n' | grep -qx '$col'"
done
check "nodes.csv starts with the map columns" sh -c "echo '$header' | grep -q '^id,role,label,site,joined,in_degree,out_degree,degree,in_strength,out_strength,strength,component,constraint,'"
check "nodes.csv: one row per actor" test "$(($(wc -l < "$T/d/nodes.csv") - 1))" -eq 600
check "ties.csv gains is_bridge" test "$(head -1 "$T/d/ties.csv")" = "source,target,weight,count,first_seen,last_seen,kinds,is_bridge"
for f in mixing_role mixing_site ei_index_role ei_index_site brokerage_role brokerage_site key_players; do
  check "$f.csv written" test -s "$T/d/$f.csv"
done
check "mixing header" test "$(head -1 "$T/d/mixing_role.csv")" = "group_from,group_to,ties,weight"
check "ei_index header" test "$(head -1 "$T/d/ei_index_role.csv")" = "group,actors,internal,external,ei,expected,p_value"
check "brokerage header" test "$(head -1 "$T/d/brokerage_role.csv")" = "group,actors,role,count,expected,sd,z"
check "key_players: 3 rows" test "$(($(wc -l < "$T/d/key_players.csv") - 1))" -eq 3
check "mixing ties sum to the tie count" test "$(python3 -c "import csv,sys; print(sum(int(r['ties']) for r in csv.DictReader(open(sys.argv[1]))))" "$T/d/mixing_role.csv")" = "$(json "$T/d/summary.json" "s['network']['ties']")"
check "bridging.json measures" test "$(json "$T/d/bridging.json" "','.join(s['measures'])")" = "holes,brokerage,cut_points,communities,community_roles,mixing,assortativity,ei_index,key_players"
check "bridging.json group_by" test "$(json "$T/d/bridging.json" "','.join(s['group_by'])")" = "role,site"
check "bridging.json roles" test "$(json "$T/d/bridging.json" "','.join(g['group'] for g in s['groups']['role'])")" = "anchor,champion,citizen,service"
check "bridging.json modularity in (0, 1)" test "$(json "$T/d/bridging.json" "0 < s['network']['modularity'] < 1")" = True
check "bridging.json has every table" test "$(json "$T/d/bridging.json" "len(s['tables'])")" = 7
check "summary.json is the map summary" test "$(json "$T/d/summary.json" "s['input']['rows_read']")" = 12000
check "GraphML has constraint" grep -q 'attr.name="constraint" attr.type="double"' "$T/d/network.graphml"
check "GraphML has is_bridge on ties" grep -q 'for="edge" attr.name="is_bridge"' "$T/d/network.graphml"
check "GraphML: community is a long" grep -q 'attr.name="community" attr.type="long"' "$T/d/network.graphml"
check "GraphML schema-valid" schema_valid "$T/d/network.graphml"
check "prints the groups" grep -q "role (4 groups)" "$T/d.out"
check "prints key players" grep -q "key players" "$T/d.out"

# 2. A subset, undirected, grouped by community, Leiden.
"$MM" bridging "$LOG" --actors "$ACTORS" --out "$T/c" --undirected --measures communities,mixing,ei_index \
  --group-by community,site --algorithm leiden --resolution 0.8 --permutations 0 -q; rc=$?
check "community grouping exits 0" test "$rc" -eq 0
check "mixing_community.csv written" test -s "$T/c/mixing_community.csv"
check "no brokerage table unless asked" test ! -e "$T/c/brokerage_site.csv"
check "no p-value without permutations" test "$(json "$T/c/bridging.json" "s['network']['ei_index_site_p_value']")" = None
check "options recorded" test "$(json "$T/c/bridging.json" "s['options']['algorithm'], s['options']['resolution']")" = "leiden 0.8"

# 3. Errors: unknown measure, unknown attribute, bad algorithm, key_players without k.
"$MM" bridging "$LOG" --out "$T/e1" --measures holes,brokrage 2>"$T/e1.err"; rc=$?
check "unknown measure exits 2" test "$rc" -eq 2
check "unknown measure is named" grep -q '"brokrage"' "$T/e1.err"
check "known measures are listed" grep -q "known measures: holes, constraint" "$T/e1.err"
check "unknown measure: nothing written" test ! -e "$T/e1"
"$MM" bridging "$LOG" --actors "$ACTORS" --out "$T/e2" --group-by role,postcode -q 2>"$T/e2.err"; rc=$?
check "unknown attribute exits 2" test "$rc" -eq 2
check "unknown attribute: known ones listed" grep -q 'unknown group attribute "postcode"; known attributes: role, label, site, joined, community' "$T/e2.err"
check "unknown attribute: no outputs" test -z "$(ls -A "$T/e2" 2>/dev/null)"
"$MM" bridging "$LOG" --out "$T/e3" --algorithm infomap 2>/dev/null; check "bad --algorithm exits 2" test $? -eq 2
"$MM" bridging "$LOG" --out "$T/e4" --measures key_players 2>/dev/null; check "key_players without k exits 2" test $? -eq 2
"$MM" bridging "$LOG" --out "$T/e5" --resolution -1 2>/dev/null; check "bad --resolution exits 2" test $? -eq 2
"$MM" bridging --help >"$T/help"; rc=$?
check "--help exits 0" test "$rc" -eq 0
check "--help has examples" grep -q "movemap bridging data-samples/interactions.csv" "$T/help"
"$MM" --help | grep -q "bridging"; check "movemap --help lists bridging" test $? -eq 0

# 4. Same bytes for any thread count.
for t in 1 2 4; do
  "$MM" bridging "$LOG" --actors "$ACTORS" --out "$T/th$t" --threads $t -q --key-players 2 --permutations 100
done
for f in network.graphml nodes.csv ties.csv bridging.json mixing_role.csv ei_index_site.csv brokerage_role.csv key_players.csv; do
  check "$f identical for 1/2/4 threads" sh -c "cmp -s '$T/th1/$f' '$T/th2/$f' && cmp -s '$T/th1/$f' '$T/th4/$f'"
done

# 5. Values against networkx on a small generated movement (skipped without networkx).
if python3 -c "import networkx" 2>/dev/null; then
  "$MM" generate --actors 150 --interactions 1200 --seed 3 --out "$T/g" -q
  "$MM" bridging "$T/g/interactions.csv" --actors "$T/g/actors.csv" --out "$T/gv" -q --undirected \
    --measures holes,cut_points,communities,assortativity --group-by role
  python3 - "$T/gv" >"$T/nx.out" 2>&1 <<'PY'
import csv, json, sys, networkx as nx
d = sys.argv[1]
nodes = list(csv.DictReader(open(d + "/nodes.csv")))
ties = list(csv.DictReader(open(d + "/ties.csv")))
G = nx.Graph()
for r in nodes:
    G.add_node(r["id"], role=r["role"])
for t in ties:
    G.add_edge(t["source"], t["target"], weight=float(t["weight"]))
bad = 0
def close(a, b):
    return (a != a and b != b) or abs(a - b) <= 1e-9 * max(1.0, abs(b))
# effective_size with an explicit node list: networkx 3.6's all-nodes path
# normalises by the wrong maximum on weighted graphs (structural_holes.hpp).
for name, ref in (("constraint", nx.constraint(G, weight="weight")),
                  ("effective_size", nx.effective_size(G, nodes=list(G), weight="weight"))):
    for r in nodes:
        if not close(float(r[name]), float(ref[r["id"]])):
            print("mismatch", name, r["id"], r[name], ref[r["id"]]); bad += 1; break
H = G.copy(); H.remove_edges_from(nx.selfloop_edges(H))
aps = set(nx.articulation_points(H))
if {r["id"] for r in nodes if r["is_articulation_point"] == "1"} != aps:
    print("articulation points differ"); bad += 1
bridges = {frozenset(e) for e in nx.bridges(H)}
if {frozenset((t["source"], t["target"])) for t in ties if t["is_bridge"] == "1"} != bridges:
    print("bridges differ"); bad += 1
b = json.load(open(d + "/bridging.json"))["network"]
parts = {}
for r in nodes:
    parts.setdefault(r["community"], set()).add(r["id"])
q = nx.community.modularity(G, parts.values(), weight="weight")
if not close(b["modularity"], q):
    print("modularity", b["modularity"], q); bad += 1
a = nx.attribute_assortativity_coefficient(G, "role")
if not close(b["assortativity_role"], a):
    print("assortativity", b["assortativity_role"], a); bad += 1
print("ok" if bad == 0 else "bad")
PY
  check "values equal networkx's: $(tail -3 "$T/nx.out" | tr '\n' ' ')" test "$(tail -1 "$T/nx.out")" = ok
fi

# 6. Ctrl-C during the computation: exit 130, no outputs, no temporary files.
"$MM" generate --actors 30000 --interactions 300000 --seed 5 --out "$T/big" -q
"$MM" bridging "$T/big/interactions.csv" --actors "$T/big/actors.csv" --out "$T/x" --measures holes,brokerage -q \
  2>"$T/x.err" &
pid=$!
sleep 1
kill -INT "$pid"
wait "$pid"; rc=$?
check "Ctrl-C exits 130 (got $rc)" test "$rc" -eq 130
check "Ctrl-C says cancelled" grep -q "cancelled" "$T/x.err"
check "Ctrl-C leaves no files" test -z "$(ls -A "$T/x" 2>/dev/null)"

finish
