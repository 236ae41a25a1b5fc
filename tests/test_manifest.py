"""Manifests (timeline/_manifest.py, read_manifest) on odd input: bad lines are named, huge
CSV cells and Unicode line separators inside a text are read. More manifest tests are in
tests/test_documents.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import timeline

PUB = "2023-09-12"


# --- odd lines and cells ----------------------------------------------------------------------------


def test_manifest_oddities_name_their_line(tmp_path: Path) -> None:
    m = tmp_path / "m.jsonl"
    m.write_text(
        json.dumps({"id": "ok", "text": "on Monday", "published": PUB}) + "\n"
        + "[" * 100_000 + "\n"
        + json.dumps({"id": "nul", "path": "a\x00b.txt", "published": PUB}) + "\n"
        + json.dumps({"id": "zone", "text": "x", "published": "2023-09-12T02:00+25:00"}) + "\n"
        + json.dumps({"id": "sur", "text": "\ud800 on Monday", "published": PUB}) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(timeline.ManifestError) as info:
        timeline.read_manifest(m)
    assert info.value.line == 2 and str(info.value).startswith(f"{m}:2: ")
    items = list(timeline._manifest.iter_manifest(m))
    assert [getattr(i, "line", None) for i in items] == [None, 2, 3, 4, None]
    assert "+25:00" in str(items[3])
    docs = timeline.read_manifest(m, skip_bad=True)
    assert [d.id for d in docs] == ["ok", "sur"] and docs[1].text == "\ufffd on Monday"


def test_csv_manifest_with_a_whole_article_in_a_cell(tmp_path: Path) -> None:
    import csv

    article = "The strike began on Monday. " * 20_000  # 560 kB: over the csv module's default limit
    m = tmp_path / "m.csv"
    with m.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerows([["id", "text", "published"], ["long", article, PUB], ["short", "on Monday", PUB]])
    limit = csv.field_size_limit()
    assert [d.id for d in timeline.read_manifest(m)] == ["long", "short"]
    assert csv.field_size_limit() == limit  # the process-wide setting is restored



@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\u0085"])
def test_manifests_keep_unicode_line_separators_inside_their_text(tmp_path: Path, sep: str) -> None:
    import csv

    text = f"The strike began on Monday.{sep}Talks resumed on Friday."
    jsonl = tmp_path / "m.jsonl"
    jsonl.write_text("\n".join(json.dumps({"id": i, "text": text, "published": PUB}, ensure_ascii=False) for i in ("a", "b")), encoding="utf-8")
    assert sep in jsonl.read_text(encoding="utf-8")  # written raw, as ensure_ascii=False does
    m = tmp_path / "m.csv"
    with m.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["id", "text", "published"], ["a", text, PUB], ["b", text, PUB]])
    for path in (jsonl, m):
        docs = timeline.read_manifest(path)
        assert [d.id for d in docs] == ["a", "b"] and all(d.text == text for d in docs), path

