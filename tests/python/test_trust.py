"""movemap.load(..., pseudonymise=...): no original id or label reaches any
export; the pseudonym is HMAC-SHA-256 as Python's own hmac module computes it
(outside movemap's C++); same key, same ids; another key, others."""

from __future__ import annotations

import csv
import hashlib
import hmac
import re

import pytest

import movemap
from conftest import SAMPLES

LOG = SAMPLES / "interactions.csv"
ACTORS = SAMPLES / "actors.csv"
KEY = bytes(range(32))


def _sample_ids_and_labels():
    rows = list(csv.DictReader(open(ACTORS, newline="", encoding="utf-8")))
    return [r["id"] for r in rows], [r["label"] for r in rows if r["label"]]


def test_pseudonyms_are_hmac_sha256(tmp_path):
    keyfile = tmp_path / "key"
    keyfile.write_bytes(KEY)
    net = movemap.load(LOG, actors=ACTORS, pseudonymise=keyfile)
    ids, _ = _sample_ids_and_labels()
    expect = [hmac.new(KEY, i.encode(), hashlib.sha256).hexdigest()[:32] for i in ids]
    assert list(net.actors()[: len(ids)]) == expect
    assert set(net.attributes().columns) == {"role", "site"}
    # Bytes and a key file give the same network; so does a second run.
    again = movemap.load(LOG, actors=ACTORS, pseudonymise=KEY)
    assert list(again.actors()) == list(net.actors())
    other = movemap.load(LOG, actors=ACTORS, pseudonymise=bytes(range(1, 33)))
    assert not set(other.actors()) & set(net.actors())
    assert movemap._core.pseudonym(KEY, "a0001") == expect[0]


def test_no_id_or_label_in_any_export(tmp_path):
    net = movemap.load(LOG, actors=ACTORS, pseudonymise=KEY)
    paths = [tmp_path / n for n in ("n.graphml", "nodes.csv", "ties.csv", "summary.json")]
    net.write_graphml(paths[0])
    net.write_node_table(paths[1])
    net.write_tie_table(paths[2])
    net.write_summary(paths[3])
    texts = [p.read_text(encoding="utf-8") for p in paths]
    texts.append(net.ties().to_csv() + net.attributes().to_csv() + net.degree().to_csv())
    ids, labels = _sample_ids_and_labels()
    for text in texts:
        tokens = set(re.findall(r"[0-9A-Za-z]+", text))
        assert not [i for i in ids if i in tokens]
        assert not [lab for lab in labels if lab in text]
    # The same checks find them without pseudonymisation.
    plain = movemap.load(LOG, actors=ACTORS)
    plain.write_node_table(tmp_path / "plain.csv")
    text = (tmp_path / "plain.csv").read_text(encoding="utf-8")
    assert "a0001" in set(re.findall(r"[0-9A-Za-z]+", text)) and labels[0] in text


def test_keep_attributes_and_refusals(tmp_path):
    net = movemap.load(LOG, actors=ACTORS, pseudonymise=KEY, keep_attributes=["label"])
    assert set(net.attributes().columns) == {"role", "label"}
    with pytest.raises(movemap.UsageError, match="at least 16"):
        movemap.load(LOG, pseudonymise=b"short")
    short = tmp_path / "short.key"
    short.write_bytes(b"0123")
    with pytest.raises(movemap.UsageError, match="short.key"):
        movemap.load(LOG, pseudonymise=short)
    with pytest.raises(movemap.IoError):
        movemap.load(LOG, pseudonymise=tmp_path / "missing.key")
    with pytest.raises(movemap.UsageError, match="exclude each other"):
        movemap.load(LOG, pseudonymise=KEY, skip_invalid=tmp_path / "rejects.csv")
