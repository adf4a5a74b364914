#!/usr/bin/env python3
"""Regenerates the seed corpora tests/fuzz/corpus/<target>/ from the inputs
of the unit tests: the string literals of tests/io/*_test.cpp (adjacent
literals joined, C escapes decoded), the CLI test's log and the heads of
data-samples/. Each seed is named by the hash of its bytes, so running this
again adds nothing twice. The first byte of a csv_reader / interaction_log
seed is the fuzz target's mode byte (see the target's header comment)."""
import hashlib
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fuzz" / "corpus"
LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
ESCAPES = {"n": b"\n", "r": b"\r", "t": b"\t", "0": b"\0", '"': b'"', "\\": b"\\", "'": b"'"}


def decode(body):
    out, i = bytearray(), 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out += c.encode()
            i += 1
            continue
        n = body[i + 1]
        if n == "x":
            m = re.match(r"[0-9a-fA-F]+", body[i + 2:])
            out.append(int(m.group(0), 16) & 0xFF)
            i += 2 + len(m.group(0))
        else:
            out += ESCAPES.get(n, n.encode())
            i += 2
    return bytes(out)


def literals(path):
    """String literals of a C++ file, adjacent ones (only space between) joined."""
    text = path.read_text(encoding="utf-8", errors="replace")
    text = re.sub(r'R"\((.*?)\)"', lambda m: '"' + m.group(1).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"', text, flags=re.S)
    out, last_end, cur = [], None, None
    for m in LITERAL.finditer(text):
        if cur is not None and text[last_end:m.start()].strip() == "":
            cur += decode(m.group(1))
        else:
            if cur is not None:
                out.append(cur)
            cur = decode(m.group(1))
        last_end = m.end()
    if cur is not None:
        out.append(cur)
    return out


def put(target, data):
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


def head(path, lines):
    return b"".join(path.read_bytes().splitlines(keepends=True)[:lines])


tests = ROOT / "tests" / "io"
for s in literals(tests / "timestamp_parser_test.cpp"):
    if 0 < len(s) < 64:
        put("timestamp_parser", s)
for s in literals(tests / "column_mapping_test.cpp"):
    if 0 < len(s) < 200 and b"=" in s:
        put("column_mapping", s)
csv_like = [s for s in literals(tests / "csv_reader_test.cpp") if b"\n" in s or b"," in s]
logs = [s for s in literals(tests / "interaction_log_reader_test.cpp") if b"time" in s]
actors = [s for s in literals(tests / "actor_table_reader_test.cpp") if b"id" in s]
cli = (ROOT / "tests" / "cli" / "cli_test.sh").read_text()
cli_log = cli.split("<<'CSV'\n", 1)[1].split("\nCSV\n", 1)[0].encode() + b"\n"
samples = [head(ROOT / "data-samples" / "interactions.csv", 40), head(ROOT / "data-samples" / "actors.csv", 20)]

for s in csv_like + samples + [cli_log]:
    put("csv_reader", b"\x00" + s)   # ',' quote-aware, normal sizes
    put("csv_reader", b"\x18" + s)   # ',' quote-aware, 7-byte blocks, 3-byte pieces
for s in logs + [samples[0], cli_log]:
    st = s.lstrip()
    if st.startswith(b"["):
        modes = [b"\x03", b"\x0b"]        # JSON array, strict and skip
    elif st.startswith(b"{"):
        modes = [b"\x02", b"\x0a"]        # JSON Lines
    elif b"\t" in s:
        modes = [b"\x01", b"\x09"]        # TSV
    else:
        modes = [b"\x00", b"\x08"]        # CSV
    for m in modes:
        put("interaction_log", m + s)
for s in actors + [samples[1]]:
    put("interaction_log", (b"\x07" if s.lstrip().startswith((b"[", b"{")) else b"\x06") + s)
for t in sorted(CORPUS.iterdir()):
    print(t.name, len(list(t.iterdir())))
