#!/usr/bin/env bash
# End-to-end checks of `movemap centrality` on the shipped sample: columns,
# schema-valid GraphML, the summary's centrality object, errors and exit
# codes, thread-count determinism, values against networkx (when installed)
# on a small generated log, the default set's handling of non-convergence,
# and Ctrl-C leaving no outputs.
# Usage: centrality_test.sh PATH/TO/movemap DATA_SAMPLES_DIR [SCHEMA_DIR]
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

# 1. The default set on the sample (directed).
"$MM" centrality "$LOG" --actors "$ACTORS" --out "$T/d" >"$T/d.out" 2>"$T/d.err"; rc=$?
check "default run exits 0" test "$rc" -eq 0
header=$(head -1 "$T/d/nodes.csv")
want="id,role,label,site,joined,in_degree,out_degree,degree,in_strength,out_strength,strength,component,degree_centrality,in_degree_centrality,out_degree_centrality,betweenness,closeness,harmonic,pagerank,eigenvector,core,clustering"
check "nodes.csv: map columns then measure columns (got $header)" test "$header" = "$want"
check "nodes.csv: one row per actor" test "$(($(wc -l < "$T/d/nodes.csv") - 1))" -eq 600
check "ties.csv: no betweenness column unless asked" test "$(head -1 "$T/d/ties.csv")" = "source,target,weight,count,first_seen,last_seen,kinds"
measures=$(json "$T/d/summary.json" "','.join(s['centrality']['measures'])")
check "summary: default measures (got $measures)" test "$measures" = "degree,betweenness,closeness,harmonic,pagerank,eigenvector,core,clustering"
netkeys=$(json "$T/d/summary.json" "','.join(s['centrality']['network'])")
check "summary: network-level values (got $netkeys)" test "$netkeys" = "degree_centralization,betweenness_centralization,transitivity,average_clustering"
check "summary: map sections kept" test "$(json "$T/d/summary.json" "s['input']['rows_read']")" = 12000
check "summary: iterations noted" test "$(json "$T/d/summary.json" "type(s['centrality']['notes']['pagerank_iterations']).__name__")" = int
check "GraphML has the measure keys" grep -q 'attr.name="pagerank" attr.type="double"' "$T/d/network.graphml"
check "GraphML: core is a long" grep -q 'attr.name="core" attr.type="long"' "$T/d/network.graphml"
check "GraphML (default set) schema-valid" schema_valid "$T/d/network.graphml"
check "prints the network-level values" grep -q "betweenness_centralization" "$T/d.out"
check "prints top actors" grep -q "top pagerank:" "$T/d.out"

# 2. Tie betweenness, undirected, inverse lengths, raw.
"$MM" centrality "$LOG" --actors "$ACTORS" --out "$T/t" --undirected --length inverse --raw \
  --measures betweenness,tie_betweenness -q; rc=$?
check "tie betweenness run exits 0" test "$rc" -eq 0
check "ties.csv gains a betweenness column" test "$(head -1 "$T/t/ties.csv")" = "source,target,weight,count,first_seen,last_seen,kinds,betweenness"
check "GraphML edge key e5 is betweenness" grep -q '<key id="e5" for="edge" attr.name="betweenness" attr.type="double"/>' "$T/t/network.graphml"
check "GraphML (tie column) schema-valid" schema_valid "$T/t/network.graphml"
opts=$(json "$T/t/summary.json" "s['centrality']['options']['length'], s['centrality']['options']['normalized']")
check "summary records the options (got $opts)" test "$opts" = "inverse False"
raw_max=$(python3 -c "import csv,sys; print(max(float(r['betweenness']) for r in csv.DictReader(open(sys.argv[1]))) > 1)" "$T/t/nodes.csv")
check "--raw gives un-normalised scores (> 1)" test "$raw_max" = True

# 3. Errors: unknown measure (2, before reading anything), unknown seed (2), bad length (2).
"$MM" centrality "$LOG" --out "$T/e1" --measures betweenness,pagerrank 2>"$T/e1.err"; rc=$?
check "unknown measure exits 2" test "$rc" -eq 2
check "unknown measure is named" grep -q '"pagerrank"' "$T/e1.err"
check "known measures are listed" grep -q "known measures: degree, betweenness, tie_betweenness" "$T/e1.err"
check "unknown measure: nothing written" test ! -e "$T/e1"
"$MM" centrality "$LOG" --actors "$ACTORS" --out "$T/e2" --measures pagerank --seeds c0001,nobody -q 2>"$T/e2.err"; rc=$?
check "unknown seed exits 2" test "$rc" -eq 2
check "unknown seed is named" grep -q 'unknown seed "nobody"' "$T/e2.err"
check "unknown seed: no outputs" test -z "$(ls -A "$T/e2" 2>/dev/null)"
"$MM" centrality "$LOG" --actors "$ACTORS" --out "$T/e3" --measures pagerank --seeds role=champoin -q 2>"$T/e3.err"; rc=$?
check "selector matching nobody exits 2" test "$rc" -eq 2
check "selector error lists the roles present" grep -q "anchor, champion, citizen, service" "$T/e3.err"
"$MM" centrality "$LOG" --out "$T/e4" --length miles 2>/dev/null; check "bad --length exits 2" test $? -eq 2
"$MM" centrality "$LOG" --out "$T/e5" --epsilon 2 --measures betweenness_sampled 2>/dev/null; check "bad --epsilon exits 2" test $? -eq 2
"$MM" centrality --help >"$T/help"; rc=$?
check "--help exits 0" test "$rc" -eq 0
check "--help has examples" grep -q "movemap centrality data-samples/interactions.csv" "$T/help"

# 4. role= seeds: personalised PageRank over the champions.
"$MM" centrality "$LOG" --actors "$ACTORS" --out "$T/s" --measures pagerank --seeds role=champion -q; rc=$?
check "role=champion seeds exit 0" test "$rc" -eq 0
check "summary notes 48 seeds" test "$(json "$T/s/summary.json" "s['centrality']['notes']['pagerank_seeds']")" = 48
check "personalised PageRank differs from plain" sh -c "! cmp -s '$T/s/nodes.csv' '$T/d/nodes.csv'"

# 5. Same bytes for any thread count.
for t in 1 2 4 8; do
  "$MM" centrality "$LOG" --actors "$ACTORS" --out "$T/th$t" --threads $t -q \
    --measures degree,betweenness,tie_betweenness,betweenness_sampled,closeness,pagerank,eigenvector,katz,core,clustering \
    --epsilon 0.05 --katz-alpha 0.001
done
for f in network.graphml nodes.csv ties.csv summary.json; do
  check "$f identical for 1/2/4/8 threads" sh -c "cmp -s '$T/th1/$f' '$T/th2/$f' && cmp -s '$T/th1/$f' '$T/th4/$f' && cmp -s '$T/th1/$f' '$T/th8/$f'"
done

# 6. Non-convergence: a NaN column and a warning in the default set, an error (1) when asked for.
"$MM" centrality "$LOG" --actors "$ACTORS" --out "$T/n1" --max-iterations 3 >/dev/null 2>"$T/n1.err"; rc=$?
check "default set survives non-convergence (exit 0)" test "$rc" -eq 0
check "non-convergence warned about" grep -q "warning: .*eigenvector.*did not converge" "$T/n1.err"
check "eigenvector column is nan" test "$(python3 -c "import csv,sys; print({r['eigenvector'] for r in csv.DictReader(open(sys.argv[1]))})" "$T/n1/nodes.csv")" = "{'nan'}"
check "note in summary" test "$(json "$T/n1/summary.json" "'eigenvector_error' in s['centrality']['notes']")" = True
check "GraphML with NaN schema-valid" schema_valid "$T/n1/network.graphml"
"$MM" centrality "$LOG" --out "$T/n2" --measures eigenvector --max-iterations 3 -q 2>"$T/n2.err"; rc=$?
check "explicit eigenvector that does not converge exits 1" test "$rc" -eq 1
check "the error says so" grep -q "did not converge" "$T/n2.err"
check "no outputs after the error" test ! -e "$T/n2/nodes.csv"

# 7. Values against networkx on a small generated movement (skipped without networkx).
if python3 -c "import networkx" 2>/dev/null; then
  "$MM" generate --actors 120 --interactions 1500 --seed 3 --out "$T/g" -q
  "$MM" centrality "$T/g/interactions.csv" --actors "$T/g/actors.csv" --out "$T/gv" -q --length inverse \
    --measures degree,betweenness,tie_betweenness,closeness,harmonic,pagerank,eigenvector,core,clustering
  python3 - "$T/gv" >"$T/nx.out" 2>&1 <<'PY'
import csv, sys, networkx as nx
d = sys.argv[1]
nodes = list(csv.DictReader(open(d + "/nodes.csv")))
ties = list(csv.DictReader(open(d + "/ties.csv")))
G = nx.DiGraph()
G.add_nodes_from(r["id"] for r in nodes)
for t in ties:
    w = float(t["weight"])
    G.add_edge(t["source"], t["target"], weight=w, distance=1 / w)
H = G.copy(); H.remove_edges_from(nx.selfloop_edges(H))
ref = {
    "degree_centrality": nx.degree_centrality(G),
    "betweenness": nx.betweenness_centrality(G, weight="distance"),
    "closeness": nx.closeness_centrality(G, distance="distance"),
    "harmonic": nx.harmonic_centrality(G, distance="distance"),
    "pagerank": nx.pagerank(G, tol=1e-10, max_iter=1000),
    "eigenvector": nx.eigenvector_centrality(G, tol=1e-10, max_iter=1000, weight="weight"),
    "core": nx.core_number(H),
    "clustering": nx.clustering(H.to_undirected()),
}
bad = 0
for k, m in ref.items():
    for r in nodes:
        a, b = float(r[k]), float(m[r["id"]])
        if abs(a - b) > 1e-9 * max(1.0, abs(b)):
            print("mismatch", k, r["id"], a, b); bad += 1; break
eb = nx.edge_betweenness_centrality(G, weight="distance")
for t in ties:
    if abs(float(t["betweenness"]) - eb[(t["source"], t["target"])]) > 1e-9:
        print("mismatch tie betweenness", t["source"], t["target"]); bad += 1; break
net = {k: v for k, v in __import__("json").load(open(d + "/summary.json"))["centrality"]["network"].items()}
U = H.to_undirected()
for k, v in (("transitivity", nx.transitivity(U)), ("average_clustering", nx.average_clustering(U))):
    if abs(net[k] - v) > 1e-9:
        print("mismatch", k, net[k], v); bad += 1
print("ok" if bad == 0 else "bad")
PY
  check "columns equal networkx's (inverse lengths): $(tail -3 "$T/nx.out" | tr '\n' ' ')" test "$(tail -1 "$T/nx.out")" = ok
fi

# 8. Ctrl-C during the computation: exit 130, no outputs, no temporary files.
"$MM" generate --actors 15000 --interactions 120000 --seed 5 --out "$T/big" -q
"$MM" centrality "$T/big/interactions.csv" --actors "$T/big/actors.csv" --out "$T/c" --measures betweenness -q \
  2>"$T/c.err" &
pid=$!
sleep 1
kill -INT "$pid"
wait "$pid"; rc=$?
check "Ctrl-C exits 130 (got $rc)" test "$rc" -eq 130
check "Ctrl-C says cancelled" grep -q "cancelled" "$T/c.err"
check "Ctrl-C leaves no files" test -z "$(ls -A "$T/c" 2>/dev/null)"

finish
