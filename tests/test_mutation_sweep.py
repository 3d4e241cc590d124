"""Mutation sweep: seeded truncations and byte flips of every format, through the batch.

Zero crashes (``internal-error``, ``worker-crashed``), hangs (``timeout``) or missing records, and
every empty or garbled result reported: a record without documents has an error or a problem, and
a text that is mostly unreadable characters comes with a problem. The CI sweep stays within about
a minute; ``CXZY_SWEEP=400`` (mutants per format) runs a long one on demand, ``CXZY_SWEEP_SEED``
another seed.
"""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

from hostile_kit import one_page_pdf, plan_docx, plan_html, plan_rtf, plan_text

from cxzy_nlp.config import Config
from cxzy_nlp.corpus.batch import run_batch

MUTANTS = int(os.environ.get("CXZY_SWEEP", "6"))  # per format and kind
SEED = int(os.environ.get("CXZY_SWEEP_SEED", "19"))
CRASHES = {"internal-error", "worker-crashed", "timeout", "memory-limit"}
_UNREADABLE = re.compile("[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _base_files(rng: random.Random) -> dict[str, bytes]:
    from test_read_doc import make_doc

    text = plan_text(rng.randrange(1 << 20))
    lines = [line for line in text.split("\n") if line.strip()]
    pdf_lines = b"".join(b"(%s) Tj 0 -14 Td\n" % line.encode("ascii", "replace")[:80] for line in lines[:30])
    return {
        "docx": plan_docx(rng.randrange(1 << 20)),
        "doc": make_doc([("\r".join(lines[:20]) + "\r", "utf-16")]),
        "wps": make_doc([("\r".join(lines[:10]) + "\r", "utf-16")]),
        "pdf": one_page_pdf(b"BT /F1 12 Tf 50 800 Td\n" + pdf_lines + b"ET\n"),
        "txt": text.encode("gb18030"),
        "rtf": plan_rtf(rng.randrange(1 << 20)),
        "html": plan_html(rng.randrange(1 << 20)),
    }


def _mutants(data: bytes, rng: random.Random) -> list[tuple[str, bytes]]:
    out = []
    for i in range(MUTANTS):
        cut = rng.randrange(1, len(data))
        out.append((f"cut{i}", data[:cut]))
        flipped = bytearray(data)
        for _ in range(rng.choice((1, 4, 32, len(data) // 50 + 1))):
            flipped[rng.randrange(len(flipped))] = rng.randrange(256)
        out.append((f"flip{i}", bytes(flipped)))
    return out


def test_mutation_sweep(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    paths = []
    for fmt, data in _base_files(rng).items():
        for name, mutant in _mutants(data, rng):
            path = tmp_path / f"{fmt}-{name}.{fmt}"
            path.write_bytes(mutant)
            paths.append(str(path))
    config = Config(jobs=2, time_limit=30.0, memory_limit_mb=1536)
    results = {a.source.path: a for a in run_batch(paths, config, stages="segment")}

    assert sorted(results) == sorted(paths)  # exactly one record each
    crashed = {Path(p).name: a.errors[0] for p, a in results.items() if a.errors and a.errors[0]["code"] in CRASHES}
    assert not crashed  # no crash, no hang
    silent = []
    for path, a in results.items():
        if a.errors or a.problems:
            continue
        unreadable = len(_UNREADABLE.findall(a.text)) / max(1, len(a.text))
        if not a.documents or not a.text.strip() or unreadable > 0.1:
            silent.append(Path(path).name)
    assert not silent  # every empty or garbled result is reported

    # control: every format is there and the mutants are not all refused at the door
    assert {Path(p).suffix for p in paths} == {".docx", ".doc", ".wps", ".pdf", ".txt", ".rtf", ".html"}
    assert sum(1 for a in results.values() if not a.errors) >= len(paths) // 4


def test_unknown_code_page_after_a_byte_flip_falls_back() -> None:
    """Found by the sweep (seed 6): ``\\ansicpg936`` flipped to ``\\ansicpg93`` gave internal-error."""
    from cxzy_nlp.read.codepages import codepage_codec
    from cxzy_nlp.read.rtf import read_rtf

    assert codepage_codec(93, "cp1252") == "cp1252"
    assert codepage_codec(936, "cp1252") == "gb18030"  # control: a known code page is kept
    data = plan_rtf(3).replace(b"\\ansicpg936", b"\\ansicpg93")
    assert b"\\ansicpg93\\" in data and read_rtf(data, Config()).blocks
