#!/usr/bin/env bash
# Hostile inputs through the movemap CLI (docs/trust.md): exit codes, one-line
# errors naming file and line, no output (and no temporary) left by a failed
# run, rows read = accepted + rejected in skip mode, and a full disk
# (RLIMIT_FSIZE with SIGXFSZ ignored, so writes fail with EFBIG as on a full
# file system) giving exit 4 and no partial file.
# Usage: hostile_test.sh PATH/TO/movemap
set -u
MM=$1
. "$(dirname "$0")/harness.sh"

# No file at all in DIR (a failed run may create the folder, nothing in it).
empty_dir() { test -z "$(ls -A "$1" 2>/dev/null)"; }
# stderr is one line without control bytes (NUL, ESC, ...).
clean_line() { test "$(wc -l < "$1")" -eq 1 && ! LC_ALL=C grep -q '[[:cntrl:]]' <(tr -d '\n' < "$1"); }
summary() {  # summary DIR -> "rows_read accepted rejected"
  python3 -c "import json,sys; i=json.load(open(sys.argv[1]))['input']; print(i['rows_read'], i['accepted'], i['rejected'])" "$1/summary.json"
}
records() {  # data records of a CSV file
  python3 -c "import csv,sys; csv.field_size_limit(sys.maxsize); print(sum(1 for _ in csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8', errors='replace'))))" "$1"
}

# 1. Empty file: exit 3, one line naming the file.
: > "$T/empty.csv"
"$MM" map "$T/empty.csv" --out "$T/o1" >/dev/null 2>"$T/e1"; rc=$?
check "empty file exits 3 (got $rc)" test "$rc" -eq 3
check "empty file: one clean line" clean_line "$T/e1"
check "empty file: names it" grep -q "empty.csv: the file is empty; expected a header row" "$T/e1"
check "empty file: no output" empty_dir "$T/o1"

# 2. Header only: a valid log of no interactions; an empty network is written.
printf 'time,source,target\n' > "$T/header.csv"
"$MM" map "$T/header.csv" --out "$T/o2" -q 2>"$T/e2"; rc=$?
check "header only exits 0 (got $rc: $(head -c 300 "$T/e2"))" test "$rc" -eq 0
check "header only: 0 rows counted" test "$(summary "$T/o2" 2>/dev/null)" = "0 0 0"

# 3. Missing required column: exit 3, the column named, even in skip mode.
printf 'time,source,whom\n2024-03-01,a,b\n' > "$T/missing.csv"
"$MM" map "$T/missing.csv" --out "$T/o3" --skip-invalid "$T/o3/rejects.csv" >/dev/null 2>"$T/e3"; rc=$?
check "missing column exits 3 (got $rc)" test "$rc" -eq 3
check "missing column: named with line 1" grep -q 'missing.csv:1: missing column "target"' "$T/e3"
check "missing column: no output, no rejects file" empty_dir "$T/o3"

# 4. Unterminated quote: exit 3 naming the line where the quote opens.
printf 'time,source,target\n2024-03-01,a,b\n2024-03-02,"a,b\n2024-03-03,c,d\n' > "$T/quote.csv"
"$MM" map "$T/quote.csv" --out "$T/o4" >/dev/null 2>"$T/e4"; rc=$?
check "unterminated quote exits 3 (got $rc)" test "$rc" -eq 3
check "unterminated quote: line 3 named" grep -q "quote.csv:3: unterminated quoted field" "$T/e4"
check "unterminated quote: no output" empty_dir "$T/o4"

# 5. One log with many defects. Strict: exit 3 at the first (line 3). Skip:
# exit 0, rows read = accepted + rejected, the rejects file holds them all.
python3 - "$T/mix.csv" <<'PY'
import sys
rows = [
    b"time,source,target,event,kind,weight",
    b"2024-03-01,ann,bob,,meeting,1",            # 2 ok
    b"2024-03-01,a\x00b,bob,,meeting,1",          # 3 NUL in an id
    b"2024-03-01,\xc3(,bob,,meeting,1",           # 4 invalid UTF-8
    b"2024-03-01,ann,bob,,meeting,-1",            # 5 negative weight
    b"2024-03-01,ann,bob,,meeting,NaN",           # 6 NaN weight
    b"2024-03-01,ann,bob,,meeting,inf",           # 7 inf weight
    b"2024-03-01,ann,bob,,meeting,0",             # 8 zero weight
    b"0000-01-01,ann,bob,,meeting,1",             # 9 year out of range
    b"01/03/2024,ann,bob,,meeting,1",             # 10 ambiguous date format
    b"1709285400,ann,bob,,meeting,1",             # 11 ok (Unix seconds mixed in)
    b"2024-03-01,ann,ann,,note,1",                # 12 ok (self-interaction, counted)
    b"," * 1000000,                               # 13 a million commas
    b'2024-03-01,"ann"x,bob,,meeting,1',          # 14 text after a closing quote
    b"2024-03-01,ann,bob,e1,meeting,1",           # 15 both target and event
    b"2024-03-01,Ann,bob,,meeting,1",             # 16 ok (a different actor than ann)
    b"2024-03-01,ann,bob",                        # 17 truncated record, no final newline
]
open(sys.argv[1], "wb").write(b"\n".join(rows))
PY
"$MM" map "$T/mix.csv" --out "$T/o5" >/dev/null 2>"$T/e5"; rc=$?
check "hostile mix, strict: exits 3 (got $rc)" test "$rc" -eq 3
check "hostile mix, strict: first bad line 3 named" grep -q "mix.csv:3: column 2 'source'" "$T/e5"
check "hostile mix, strict: one clean line (NUL shown escaped)" clean_line "$T/e5"
check "hostile mix, strict: no output" empty_dir "$T/o5"
"$MM" map "$T/mix.csv" --out "$T/o6" --skip-invalid "$T/o6/rejects.csv" -q 2>"$T/e6"; rc=$?
check "hostile mix, skip: exits 0 (got $rc)" test "$rc" -eq 0
acc=$(summary "$T/o6" 2>/dev/null)
check "hostile mix, skip: 16 rows = 4 accepted + 12 rejected (got $acc)" test "$acc" = "16 4 12"
check "hostile mix, skip: 12 records in the rejects file" test "$(records "$T/o6/rejects.csv")" -eq 12

# 6. Actor table with a duplicate id: exit 3, both lines named.
printf 'id,role\nann,a\nbob,b\nann,c\n' > "$T/actors.csv"
printf 'time,source,target\n2024-03-01,ann,bob\n' > "$T/ok.csv"
"$MM" map "$T/ok.csv" --actors "$T/actors.csv" --out "$T/o7" >/dev/null 2>"$T/e7"; rc=$?
check "duplicate actor id exits 3 (got $rc)" test "$rc" -eq 3
check "duplicate actor id: lines named" grep -q 'actors.csv:4: duplicate actor id "ann" (first on line 2)' "$T/e7"
check "duplicate actor id: no output" empty_dir "$T/o7"

# 7. Full disk. The same run with and without a 256 kB file-size limit
# (bash's ulimit -f counts kB); with SIGXFSZ ignored a write past the limit
# fails with EFBIG, as on a full disk.
"$MM" generate --actors 3000 --interactions 200000 --seed 7 --out "$T/gen" -q 2>"$T/eg"; rc=$?
check "generate a 200000-row log (exit $rc)" test "$rc" -eq 0
LOG=$(ls "$T"/gen/*.csv 2>/dev/null | grep -v actors | head -1)
check "generated log found" test -n "$LOG"
"$MM" map "$LOG" --out "$T/ref" -q 2>/dev/null
( trap '' XFSZ; ulimit -f 256; exec "$MM" map "$LOG" --out "$T/full" -q ) 2>"$T/e8"; rc=$?
check "full disk: exit 4 (got $rc)" test "$rc" -eq 4
check "full disk: one clean line" clean_line "$T/e8"
check "full disk: says the write failed" grep -q "write failed: File too large" "$T/e8"
check "full disk: no temporary file left" test -z "$(ls "$T/full" | grep -F .tmp-)"
partial=0
for f in "$T/full"/*; do
  [ -e "$f" ] || continue
  cmp -s "$f" "$T/ref/$(basename "$f")" || { echo "  partial: $f"; partial=1; }
done
check "full disk: every file written is complete" test "$partial" -eq 0
# The rejects file on a full disk (every row of the log rejected by mapping
# the time to the source column).
( trap '' XFSZ; ulimit -f 256; exec "$MM" map "$LOG" --time-col source --out "$T/full2" --skip-invalid "$T/full2/rejects.csv" -q ) 2>"$T/e9"; rc=$?
check "full disk, rejects: exit 4 (got $rc)" test "$rc" -eq 4
check "full disk, rejects: no file left" empty_dir "$T/full2"
# generate itself on a full disk.
( trap '' XFSZ; ulimit -f 256; exec "$MM" generate --actors 3000 --interactions 200000 --seed 7 --out "$T/gen2" -q ) 2>"$T/e10"; rc=$?
check "full disk, generate: exit 4 (got $rc)" test "$rc" -eq 4
partial=0
for f in "$T/gen2"/*; do
  [ -e "$f" ] || continue
  cmp -s "$f" "$T/gen/$(basename "$f")" || { echo "  partial: $f"; partial=1; }
done
check "full disk, generate: no partial file" test "$partial" -eq 0
finish
