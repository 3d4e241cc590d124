"""Zip archives of submissions in the batch: each member its own record, departments from the folders inside."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

from conftest import ROOT

from cxzy_nlp.corpus.batch import iter_inputs
from cxzy_nlp.corpus.owners import owner_from_folders
from cxzy_nlp.pipeline import analyse

EXAMPLES = ROOT / "examples"


def _zip_folder(folder: Path, target: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(target, "w") as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, prefix + path.relative_to(folder).as_posix())
    return target


def _summary(path: str) -> tuple:
    a = analyse(path)
    docs = tuple((d.title, d.doc_type, len(d.sections), tuple(sorted(f.rule for f in d.findings))) for d in a.documents)
    return a.source.sha256, a.source.format, docs, tuple(e["code"] for e in a.errors)


def test_a_zip_of_the_examples_gives_the_records_of_the_folder(tmp_path: Path) -> None:
    archive = _zip_folder(EXAMPLES, tmp_path / "examples.zip")
    members = [str(p) for p in iter_inputs([archive])]
    on_disk = [str(p) for p in iter_inputs([EXAMPLES]) if not getattr(p, "skip", "")]
    assert sorted(m.split("!", 1)[1] for m in members) == sorted(os.path.basename(p) for p in on_disk)
    by_name = {os.path.basename(p): p for p in on_disk}
    for member in members:
        assert _summary(member) == _summary(by_name[member.split("!", 1)[1]]), member


def test_folders_inside_an_archive_are_departments(tmp_path: Path) -> None:
    archive = tmp_path / "收文.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("教育局/2024/方案.txt", "关于开展读书月活动的实施方案\n一、活动目标\n到年底人均读书10本。\n")
        zf.writestr("财政局/方案.txt", "关于开展预算公开的工作方案\n一、工作目标\n全面公开。\n")
    members = [str(p) for p in iter_inputs([tmp_path])]
    owners = {m.split("!", 1)[1]: owner_from_folders(m, tmp_path) for m in members}
    assert owners["教育局/2024/方案.txt"].department == "教育局" and owners["教育局/2024/方案.txt"].year == 2024
    assert owners["财政局/方案.txt"].department == "财政局"
    # an archive without folders inside: its own name is the department
    single = tmp_path / "单独" / "卫健委.zip"
    single.parent.mkdir()
    with zipfile.ZipFile(single, "w") as zf:
        zf.writestr("方案.txt", "方案\n")
    (member,) = [str(p) for p in iter_inputs([single])]
    assert owner_from_folders(member, single).department == "卫健委"


def test_cli_records_name_the_member_and_a_broken_archive_gets_one_record(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cxzy_nlp.cli import app

    _zip_folder(EXAMPLES, tmp_path / "a.zip", prefix="教育局/")
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really a zip")
    out = CliRunner().invoke(app, ["extract", str(tmp_path), "--format", "jsonl", "--compact"])
    records = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    paths = [r["source"]["path"] for r in records]
    assert sum("a.zip!教育局/" in p for p in paths) == 6
    broken = [r for r in records if r["source"]["path"].endswith("broken.zip")]
    assert len(broken) == 1 and broken[0]["errors"] and broken[0]["documents"] == []


def test_time_limit_grows_with_pages_read_by_ocr(tmp_path: Path) -> None:
    import pytest

    from cxzy_nlp.config import DEFAULT_CONFIG
    from cxzy_nlp.corpus.batch import ocr_allowance
    from cxzy_nlp.read.ocr import SECONDS_PER_OCR_PAGE, ocr_available

    if not ocr_available():
        pytest.skip("the OCR extra is not installed: no page is read by OCR, the limit stays")
    from pdf_factory import ImagePage, Para, build_pdf

    scanned = tmp_path / "扫描件.pdf"
    scanned.write_bytes(build_pdf([Para("正文。"), ImagePage(), ImagePage()]))
    text = tmp_path / "方案.txt"
    text.write_text("方案\n", encoding="utf-8")
    base = DEFAULT_CONFIG.time_limit
    assert ocr_allowance(str(scanned), DEFAULT_CONFIG) == base + 2 * SECONDS_PER_OCR_PAGE
    assert ocr_allowance(str(text), DEFAULT_CONFIG) == base  # control: nothing to read by OCR
