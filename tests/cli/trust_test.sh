#!/usr/bin/env bash
# Personal data and reproducibility through the movemap CLI (docs/trust.md):
# --pseudonymise (no original id or label in any output; same key, same
# pseudonyms; another key, others; the pseudonym is HMAC-SHA-256 as Python's
# hmac module computes it), --min-group-size, manifest.json (identical runs
# for 1 and 2 threads apart from timings and threads), all-or-nothing output
# folders, and the early memory check.
# Usage: trust_test.sh PATH/TO/movemap PATH/TO/data-samples
set -u
MM=$1
DATA=$2
. "$(dirname "$0")/harness.sh"
LOG=$DATA/interactions.csv
ACT=$DATA/actors.csv

head -c 32 /dev/urandom > "$T/key1"
head -c 32 /dev/urandom > "$T/key2"

# --- pseudonymise ----------------------------------------------------------
"$MM" map "$LOG" --actors "$ACT" --out "$T/p1" --pseudonymise "$T/key1" > "$T/p1.stdout" 2>&1; rc=$?
check "pseudonymised map: exit 0 (got $rc)" test "$rc" -eq 0
"$MM" centrality "$LOG" --actors "$ACT" --out "$T/p1c" --pseudonymise "$T/key1" \
  --measures degree,betweenness,tie_betweenness,pagerank,core > "$T/p1c.stdout" 2>&1; rc=$?
check "pseudonymised centrality: exit 0 (got $rc)" test "$rc" -eq 0
# Every output file and the printed text, for every id and label of the
# sample. An id is searched as a token (not inside a longer run of letters
# and digits): ids such as a0001 are hex and may occur by chance inside a
# 32-hex-digit pseudonym, which leaks nothing.
leaks() {  # leaks FILE... -> prints "FILE: value" per leak
  python3 - "$ACT" "$@" <<'PY'
import csv, re, sys
actors = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
ids = [a['id'] for a in actors]
labels = [a['label'] for a in actors if a['label']]
for path in sys.argv[2:]:
    text = open(path, encoding='utf-8', errors='replace').read()
    tokens = set(re.findall(r'[0-9A-Za-z]+', text))
    for i in ids:
        if (i in tokens if i.isalnum() else
                re.search(r'(?<![0-9A-Za-z])' + re.escape(i) + r'(?![0-9A-Za-z])', text)):
            print(f'{path}: id {i}')
    for l in labels:
        if l in text:
            print(f'{path}: label {l}')
PY
}
files=$(ls "$T"/p1/* "$T"/p1c/* "$T"/p1.stdout "$T"/p1c.stdout)
check "pseudonymised outputs: 12 files searched" test "$(echo "$files" | wc -l)" -eq 12
leaks $files > "$T/leaks"
check "no original id or label in any output" test ! -s "$T/leaks"
head -5 "$T/leaks"
# The search does find them in an ordinary run (a test that cannot fail is a defect).
"$MM" map "$LOG" --actors "$ACT" --out "$T/plain" -q
leaks "$T"/plain/* > "$T/leaks_plain"
check "the leak search finds ids and labels in a plain run" grep -q "label" "$T/leaks_plain"
check "... in nodes.csv, ties.csv and network.graphml" \
  test "$(cut -d: -f1 "$T/leaks_plain" | sort -u | wc -l)" -eq 3
check "nodes.csv keeps id, role, site and no label/joined" \
  test "$(head -1 "$T/p1/nodes.csv" | cut -d, -f1-4)" = "id,role,site,in_degree"
# The pseudonym is HMAC-SHA-256(key, id), first 16 bytes, hex: computed by
# Python's hmac module for the first actor of the table.
expect=$(python3 -c "
import hmac, hashlib, sys
print(hmac.new(open(sys.argv[1], 'rb').read(), b'a0001', hashlib.sha256).hexdigest()[:32])" "$T/key1")
check "first node's id is HMAC-SHA-256(key, 'a0001')[:16 bytes]" \
  test "$(sed -n 2p "$T/p1/nodes.csv" | cut -d, -f1)" = "$expect"
# Same key: the same outputs (the manifest apart from its timings and out).
"$MM" map "$LOG" --actors "$ACT" --out "$T/p2" --pseudonymise "$T/key1" -q
for f in network.graphml nodes.csv ties.csv summary.json; do
  check "same key, identical $f" cmp -s "$T/p1/$f" "$T/p2/$f"
done
"$MM" map "$LOG" --actors "$ACT" --out "$T/p3" --pseudonymise "$T/key2" -q
check "another key: other pseudonyms" test "$(cut -d, -f1 "$T/p1/nodes.csv" | tail -n +2 | sort | comm -12 - <(cut -d, -f1 "$T/p3/nodes.csv" | tail -n +2 | sort) | wc -l)" -eq 0
check "another key: same structure" cmp -s <(cut -d, -f2- "$T/p1/nodes.csv") <(cut -d, -f2- "$T/p3/nodes.csv")
check "manifest: key file path, no key bytes" \
  python3 -c "
import json, sys
m = json.load(open(sys.argv[1])); key = open(sys.argv[2], 'rb').read()
assert m['pseudonymisation']['key_file'] == sys.argv[2]
assert key.hex() not in open(sys.argv[1]).read()" "$T/p1/manifest.json" "$T/key1"
# Labels kept only when named.
"$MM" map "$LOG" --actors "$ACT" --out "$T/p4" --pseudonymise "$T/key1" --attributes role,label -q
check "--attributes role,label keeps the label" test "$(head -1 "$T/p4/nodes.csv" | cut -d, -f1-3)" = "id,role,label"
# Refusals.
printf 'short' > "$T/shortkey"
"$MM" map "$LOG" --out "$T/e1" --pseudonymise "$T/shortkey" 2>"$T/e1.err"; rc=$?
check "short key: exit 2 (got $rc)" test "$rc" -eq 2
check "short key: names the file" grep -q "shortkey" "$T/e1.err"
check "short key: no output folder" test ! -e "$T/e1"
"$MM" map "$LOG" --out "$T/e2" --pseudonymise "$T/nokey" 2>"$T/e2.err"; rc=$?
check "missing key file: exit 4 (got $rc)" test "$rc" -eq 4
"$MM" map "$LOG" --out "$T/e3" --pseudonymise "$T/key1" --skip-invalid "$T/e3/rejects.csv" 2>"$T/e3.err"; rc=$?
check "--pseudonymise with --skip-invalid: exit 2 (got $rc)" test "$rc" -eq 2

# --- min-group-size ----------------------------------------------------------
# The sample: anchor 24, champion 48, citizen 480, service 48 actors.
"$MM" map "$LOG" --actors "$ACT" --out "$T/g" --min-group-size 30 > "$T/g.stdout"; rc=$?
check "--min-group-size 30: exit 0" test "$rc" -eq 0
check "anchor (24 < 30) null, champion suppressed too (secondary), others kept" python3 -c "
import json, sys
a = json.load(open(sys.argv[1]))['actors']
assert a['by_role'] == {'anchor': None, 'champion': None, 'citizen': 480, 'service': 48}, a['by_role']
assert a['by_role_suppressed'] == ['anchor', 'champion'] and a['min_group_size'] == 30" "$T/g/summary.json"
check "printed as suppressed" grep -q "anchor (suppressed), champion (suppressed), citizen 480" "$T/g.stdout"
check "no suppression keys without the option" python3 -c "
import json, sys
a = json.load(open(sys.argv[1]))['actors']
assert 'by_role_suppressed' not in a and a['by_role']['anchor'] == 24, a" "$T/plain/summary.json"

# --- manifest: identical runs for 1 and 2 threads -----------------------------
same_run() {  # same_run VERB ARGS...: --threads 1 then 2 into the same folder
  local verb=$1; shift
  rm -rf "$T/r" "$T/r1"
  "$MM" "$verb" "$LOG" --actors "$ACT" --out "$T/r" --threads 1 -q "$@" && cp -r "$T/r" "$T/r1" &&
  "$MM" "$verb" "$LOG" --actors "$ACT" --out "$T/r" --threads 2 -q "$@" || return 1
  test "$(ls "$T/r1")" = "$(ls "$T/r")" || return 1
  for f in "$T"/r/*; do
    [ "$(basename "$f")" = manifest.json ] && continue
    cmp -s "$f" "$T/r1/$(basename "$f")" || { echo "  differs: $f"; return 1; }
  done
  norm='del(.timings) | del(.threads) | .command |= (map(if . == "1" or . == "2" then "N" else . end))'
  cmp -s <(jq -S "$norm" "$T/r1/manifest.json") <(jq -S "$norm" "$T/r/manifest.json") || return 1
  # ... and the manifest does differ in threads (the comparison is not vacuous)
  test "$(jq .threads.requested "$T/r1/manifest.json")" = 1 && test "$(jq .threads.requested "$T/r/manifest.json")" = 2
}
check "map: 1 and 2 threads give identical outputs and manifests" same_run map
check "centrality (default measures + seeded sampling): identical for 1 and 2 threads" \
  same_run centrality --measures degree,betweenness,betweenness_sampled,closeness,harmonic,pagerank,eigenvector,core,clustering,tie_betweenness --seed 11
check "manifest: inputs with size and SHA-256, columns, options, seeds" python3 -c "
import hashlib, json, os, sys
m = json.load(open(sys.argv[1]))
log = m['inputs'][0]
assert log['what'] == 'log' and log['bytes'] == os.path.getsize(sys.argv[2])
assert log['sha256'] == hashlib.sha256(open(sys.argv[2], 'rb').read()).hexdigest()
assert m['log_columns']['source'] == 'source' and m['actor_columns']['id'] == 'id'
assert m['options']['measures'].startswith('degree,') and m['random_seeds'] == {'seed': 11}
assert m['outputs'] == ['network.graphml', 'nodes.csv', 'ties.csv', 'summary.json', 'manifest.json']
assert m['command'][0] == 'centrality' and 'total' in m['timings']" "$T/r/manifest.json" "$LOG"

# --- all-or-nothing output folder ------------------------------------------
# A directory named nodes.csv makes the run fail after network.graphml was
# written: no new file may appear, and files already there stay as they were.
mkdir -p "$T/a/nodes.csv"
echo "kept" > "$T/a/notes.txt"
echo "old" > "$T/a/ties.csv"
before=$(ls -A "$T/a")
"$MM" map "$LOG" --actors "$ACT" --out "$T/a" -q 2>"$T/a.err"; rc=$?
check "directory in the way: exit 4 (got $rc)" test "$rc" -eq 4
check "directory in the way: says so" grep -q "nodes.csv: cannot write the output: a directory" "$T/a.err"
check "directory in the way: no new file, no temporary" test "$(ls -A "$T/a")" = "$before"
check "directory in the way: old files untouched" test "$(cat "$T/a/ties.csv") $(cat "$T/a/notes.txt")" = "old kept"
# A failed run into a folder that did not exist leaves no folder.
printf 'time,source\n' > "$T/bad.csv"
"$MM" map "$T/bad.csv" --out "$T/new/deeper" -q 2>/dev/null; rc=$?
check "bad input: exit 3 (got $rc), output folder not left behind" test "$rc" -eq 3 -a ! -e "$T/new/deeper"
# A successful run over an older one replaces its files, keeps others.
"$MM" map "$LOG" --out "$T/b" -q && echo mine > "$T/b/mine.txt" && "$MM" map "$LOG" --out "$T/b" --undirected -q
check "rerun: other files kept, outputs replaced" \
  test "$(cat "$T/b/mine.txt")" = mine -a "$(jq .network.directed "$T/b/summary.json")" = false

# --- memory limit -----------------------------------------------------------
MOVEMAP_MEMORY_LIMIT=1M "$MM" map "$LOG" --actors "$ACT" --out "$T/m" -q 2>"$T/m.err"; rc=$?
check "memory limit 1M: exit 4 (got $rc)" test "$rc" -eq 4
check "memory limit: says how much it needs" grep -q "not enough memory: .* needs at least [0-9]* MiB; 1 MiB available (MOVEMAP_MEMORY_LIMIT)" "$T/m.err"
check "memory limit: nothing written" test ! -e "$T/m"
MOVEMAP_MEMORY_LIMIT=1G "$MM" map "$LOG" --actors "$ACT" --out "$T/m" -q; rc=$?
check "memory limit 1G: runs (got $rc)" test "$rc" -eq 0
MOVEMAP_MEMORY_LIMIT=lots "$MM" map "$LOG" --out "$T/m2" -q 2>/dev/null; rc=$?
check "MOVEMAP_MEMORY_LIMIT=lots: usage error (got $rc)" test "$rc" -eq 2
finish
