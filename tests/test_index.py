"""The submissions index: add, list, remove; owners from options, manifest and folders; --against."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from dedup_helpers import COPIED, OTHER_A, OTHER_B, analysis
from typer.testing import CliRunner

from cxzy_nlp.cli import app
from cxzy_nlp.corpus.check import corpus_findings
from cxzy_nlp.corpus.index import SCHEMA_VERSION, SubmissionIndex
from cxzy_nlp.corpus.owners import Owner, owner_from_folders, read_manifest, resolve_owner

# fmt: off
FOLDER_CASES = [
    ("财政局/2024/plan.docx", Owner("财政局", 2024)),
    ("2023/教育局/plan.docx", Owner("教育局", 2023)),
    ("submissions/2022/plan.docx", Owner("submissions", 2022)),
    ("教育局/plan.docx", Owner(None, None)),
    ("plan.docx", Owner(None, None)),
    ("2021/2022/plan.docx", Owner(None, 2022)),
]
# fmt: on


@pytest.mark.parametrize(("path", "owner"), FOLDER_CASES)
def test_owner_from_folder_names(path: str, owner: Owner) -> None:
    assert owner_from_folders(path) == owner


# fmt: off
ROOT_CASES = [  # folders below the folder named on the command line
    ("收文/教育局/plan.docx", Owner("教育局", None)),
    ("收文/教育局/2024/plan.docx", Owner("教育局", 2024)),
    ("收文/2024/教育局/plan.docx", Owner("教育局", 2024)),
    ("收文/教育局/小学/plan.docx", Owner("教育局", None)),
    ("收文/plan.docx", Owner(None, None)),
    ("收文/2024/plan.docx", Owner("收文", 2024)),  # no department below: the year folder and its parent (rule 4)
]
# fmt: on


@pytest.mark.parametrize(("path", "owner"), ROOT_CASES)
def test_owner_from_folders_below_the_named_root(tmp_path: Path, path: str, owner: Owner) -> None:
    assert owner_from_folders(tmp_path / path, tmp_path / "收文") == owner
    assert owner_from_folders(tmp_path / path, tmp_path / "其他") == owner_from_folders(tmp_path / path)


def test_options_then_manifest_then_folders(tmp_path: Path) -> None:
    manifest = tmp_path / "list.csv"
    manifest.write_text("file,department,year\n财政局/2024/a.txt,审计局,2021\nb.txt,民政局,\n", encoding="utf-8")
    listed = read_manifest(manifest)
    a, b = str(tmp_path / "财政局/2024/a.txt"), str(tmp_path / "b.txt")
    assert resolve_owner(a, manifest=listed) == Owner("审计局", 2021)
    assert resolve_owner(a, department="水利局", manifest=listed) == Owner("水利局", 2021)
    assert resolve_owner(b, year=2020, manifest=listed) == Owner("民政局", 2020)
    assert resolve_owner(str(tmp_path / "卫健委/2019/c.txt"), manifest=listed) == Owner("卫健委", 2019)


def test_bad_manifest_year_is_refused(tmp_path: Path) -> None:
    from cxzy_nlp.errors import ConfigError

    manifest = tmp_path / "list.csv"
    manifest.write_text("a.txt,财政局,去年\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="年份"):
        read_manifest(manifest)


def test_add_list_remove(tmp_path: Path) -> None:
    db = tmp_path / "index.sqlite"
    with SubmissionIndex(db) as index:
        first = index.add(analysis("old/a.txt", "甲方案\n" + OTHER_A + COPIED), "财政局", 2023)
        again = index.add(analysis("elsewhere/a.txt", "甲方案\n" + OTHER_A + COPIED), "财政局", 2023)
        index.add(analysis("old/b.txt", "乙方案\n" + OTHER_B), None, None)
        subs = index.submissions()
        assert [s.path for s in subs] == ["elsewhere/a.txt", "old/b.txt"]  # same bytes replace the earlier row
        assert first != again and subs[0].department == "财政局" and subs[0].year == 2023
        assert subs[0].titles == ("甲方案",)
        assert index.passage_count() > 0
        assert index.remove("old/b.txt") == 1 and index.remove("nothing") == 0
        assert index.remove(subs[0].sha256[:10]) == 1
        assert index.submissions() == [] and index.passage_count() == 0


def test_file_without_documents_is_not_indexed(tmp_path: Path) -> None:
    from cxzy_nlp.model import Analysis, SourceInfo

    empty = Analysis(source=SourceInfo("x.txt", "txt", "0" * 64, 0), text="", documents=())
    with SubmissionIndex(tmp_path / "i.sqlite") as index:
        assert index.add(empty) is None


def test_other_schema_version_is_set_aside(tmp_path: Path) -> None:
    db = tmp_path / "index.sqlite"
    SubmissionIndex(db).close()
    with sqlite3.connect(db) as con:
        con.execute("UPDATE meta SET value='999' WHERE key='schema_version'")
    warnings: list[str] = []
    with SubmissionIndex(db, warn=warnings.append) as index:  # renamed, with a warning; a new index starts
        assert index.submissions() == []
    assert len(warnings) == 1 and "999" in warnings[0]
    aside = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert len(aside) == 1
    with sqlite3.connect(aside[0]) as con:  # the old file is kept as it was
        assert con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == "999"
    assert SCHEMA_VERSION == "1"
    SubmissionIndex(db, warn=warnings.append).close()
    assert len(warnings) == 1  # control: a sound index opens without a warning


def test_against_index_finds_copy_of_an_earlier_year(tmp_path: Path) -> None:
    db = tmp_path / "index.sqlite"
    with SubmissionIndex(db) as index:
        index.add(analysis("2023/财政局/plan.txt", "财政局方案\n" + OTHER_A + COPIED), "财政局", 2023)
    new = analysis("2024/教育局/plan.txt", "教育局方案\n" + OTHER_B + COPIED.replace("青山区", "白河县"))
    findings = corpus_findings([new], against=str(db))["2024/教育局/plan.txt"]
    assert len(findings) == 1
    assert "财政局2023年" in findings[0].message and findings[0].severity == "warn"
    assert corpus_findings([new]) == {}  # without the index there is nothing to compare with


def test_cli_index_and_dedup_against(tmp_path: Path) -> None:
    old = tmp_path / "财政局" / "2023"
    old.mkdir(parents=True)
    (old / "plan.txt").write_text("财政局方案\n" + OTHER_A + COPIED, encoding="utf-8")
    new = tmp_path / "new.txt"
    new.write_text("教育局方案\n" + OTHER_B + COPIED, encoding="utf-8")
    db = tmp_path / "i.sqlite"
    runner = CliRunner()
    res = runner.invoke(app, ["index", "add", str(tmp_path / "财政局"), "--index", str(db)])
    assert res.exit_code == 0, res.output
    listing = runner.invoke(app, ["index", "list", "--index", str(db)])
    assert listing.exit_code == 0 and "财政局\t2023" in listing.output
    res = runner.invoke(app, ["dedup", str(new), "--against", str(db)])
    assert res.exit_code == 0 and "财政局2023年" in res.output and "青山区农业农村局" in res.output
    assert runner.invoke(app, ["index", "rm", "1", "--index", str(db)]).exit_code == 0
    assert runner.invoke(app, ["index", "rm", "1", "--index", str(db)]).exit_code == 2
    assert runner.invoke(app, ["index", "list", "--index", str(tmp_path / "none.sqlite")]).exit_code == 2


def test_cli_index_add_with_options_and_manifest(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("甲方案\n" + OTHER_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text("乙方案\n" + OTHER_B, encoding="utf-8")
    (tmp_path / "m.csv").write_text("b.txt,民政局,2022\n", encoding="utf-8")
    db = tmp_path / "i.sqlite"
    runner = CliRunner()
    res = runner.invoke(
        app, ["index", "add", str(tmp_path / "a.txt"), "-d", "财政局", "-y", "2024", "--index", str(db)]
    )
    assert res.exit_code == 0, res.output
    res = runner.invoke(
        app, ["index", "add", str(tmp_path / "b.txt"), "--manifest", str(tmp_path / "m.csv"), "--index", str(db)]
    )
    assert res.exit_code == 0, res.output
    with SubmissionIndex(db) as index:
        assert [(s.department, s.year) for s in index.submissions()] == [("财政局", 2024), ("民政局", 2022)]


def test_unchanged_resubmission_is_reported_against_its_earlier_entry(tmp_path: Path) -> None:
    db = tmp_path / "index.sqlite"
    text = "财政局方案\n" + OTHER_A + COPIED
    with SubmissionIndex(db) as index:
        index.add(analysis("2023/财政局/plan.txt", text), "财政局", 2023)
    again = analysis("2024/财政局/plan.txt", text)  # the same bytes, submitted again a year later
    findings = corpus_findings([again], against=str(db))["2024/财政局/plan.txt"]
    assert findings and "财政局2023年" in findings[0].message
    # the same file checked again (same path and text) is not a copy of itself
    assert corpus_findings([analysis("2023/财政局/plan.txt", text)], against=str(db)) == {}
