"""One folder layout, one manifest: the same departments and years through report, dedup, index add and check."""

from __future__ import annotations

from pathlib import Path

import pytest
from dedup_helpers import COPIED, OTHER_A, OTHER_B, STOCK

from cxzy_nlp.config import Config
from cxzy_nlp.corpus.owners import Owner, read_manifest, resolve_owners

IN_PROCESS = Config(isolate=False)

# fmt: off
LAYOUT = {  # file under the named folder → its owner by the folder rule alone
    "教育局/a.txt":        Owner("教育局", None),
    "2024/财政局/b.txt":   Owner("财政局", 2024),
    "民政局/2023/c.txt":   Owner("民政局", 2023),
    "民政局/社区/d.txt":   Owner("民政局", None),
    "e.txt":               Owner(None, None),
}
MANIFEST = "文件,部门,年份\ne.txt,水利局,2022\n教育局/a.txt,,2021\n"
WITH_MANIFEST = {**LAYOUT, "e.txt": Owner("水利局", 2022), "教育局/a.txt": Owner("教育局", 2021)}
# fmt: on

BODIES = {
    "教育局/a.txt": "教育局读书活动方案\n一、工作目标\n" + OTHER_A + COPIED,
    "2024/财政局/b.txt": "财政局预算公开工作方案\n一、工作目标\n" + OTHER_B + COPIED,
    "民政局/2023/c.txt": "民政局养老服务实施方案\n一、主要任务\n" + STOCK + "民政局负责建设社区食堂三处。",
    "民政局/社区/d.txt": "社区志愿服务活动方案\n一、活动内容\n每月组织志愿者入户走访独居老人一次。",
    "e.txt": "水利局防汛工作方案\n一、主要任务\n汛前完成全部水库的安全检查和隐患整改。",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("owners") / "收文"
    for name, body in BODIES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(body, encoding="utf-8")
    (root.parent / "清单.csv").write_text(MANIFEST.replace("\n", "\n收文/").removesuffix("收文/"), encoding="utf-8")
    return root


def _by_name(root: Path, owners: dict[str, Owner]) -> dict[str, Owner]:
    return {Path(p).relative_to(root).as_posix(): o for p, o in owners.items()}


def _expected(manifest: bool) -> dict[str, Owner]:
    return WITH_MANIFEST if manifest else LAYOUT


def test_the_rule_itself(folder: Path) -> None:
    files = [str(folder / n) for n in BODIES]
    assert _by_name(folder, resolve_owners(files, [folder])) == LAYOUT
    listed = read_manifest(folder.parent / "清单.csv")
    assert _by_name(folder, resolve_owners(files, [folder], listed)) == WITH_MANIFEST
    # a bare file name in a manifest matches wherever the file lies
    (folder.parent / "名单.csv").write_text("e.txt,水利局,2022\n", encoding="utf-8")
    assert resolve_owners([str(folder / "e.txt")], [folder], folder.parent / "名单.csv")[str(folder / "e.txt")] == (
        Owner("水利局", 2022)
    )


@pytest.mark.parametrize("manifest", [False, True], ids=["folders", "manifest"])
def test_report_dedup_index_and_check_agree(folder: Path, tmp_path: Path, manifest: bool) -> None:
    from cxzy_nlp.corpus.check import check_files
    from cxzy_nlp.corpus.dedup import dedup_files
    from cxzy_nlp.corpus.index import SubmissionIndex, index_add, index_list
    from cxzy_nlp.corpus.report import report_summary

    listed = folder.parent / "清单.csv" if manifest else None
    expected = _expected(manifest)

    summary = report_summary([folder], manifest=listed, config=IN_PROCESS)
    report = {
        Path(d.path).relative_to(folder).as_posix(): Owner(
            d.department if d.department != "（未分组）" else None, d.year
        )
        for d in summary.docs
    }
    # a document's own inferred year stands in where folders and manifest say nothing
    assert {k: o.department for k, o in report.items()} == {k: o.department for k, o in expected.items()}
    assert all(report[k].year == o.year for k, o in expected.items() if o.year is not None)

    result = dedup_files([folder], manifest=listed, config=IN_PROCESS)
    dedup = {Path(d.path).relative_to(folder).as_posix(): d.department for d in result.corpus.docs}
    assert dedup == {k: o.department for k, o in expected.items()}

    db = tmp_path / "index.sqlite"
    added = list(index_add([folder], db, manifest=listed, config=IN_PROCESS))
    assert _by_name(folder, {a.path: a.owner for a in added}) == expected
    stored = {Path(s.path).relative_to(folder).as_posix(): Owner(s.department, s.year) for s in index_list(db)}
    assert stored == expected

    empty = tmp_path / "empty.sqlite"
    SubmissionIndex(empty).close()
    run = check_files([folder], IN_PROCESS, against=empty, manifest=listed)
    assert _by_name(folder, run.owners) == expected
    checked = {Path(a.source.path).relative_to(folder).as_posix(): a for a in run.results}
    copies = [f.message for d in checked["教育局/a.txt"].documents for f in d.findings if f.rule == "near-duplicate"]
    assert copies and all("财政局2024年" in m for m in copies)  # b's owner, named in a's finding


def test_control_another_layout_gives_other_departments(folder: Path) -> None:
    # the same files named one by one (no folder named): only the year-anchored folders still tell
    files = [str(folder / n) for n in BODIES]
    owners = _by_name(folder, resolve_owners(files, []))
    assert owners != LAYOUT
    assert owners["教育局/a.txt"] == Owner(None, None) and owners["民政局/2023/c.txt"] == Owner("民政局", 2023)


def test_cli_index_add_with_one_folder_per_department(folder: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cxzy_nlp.cli import app

    db = tmp_path / "i.sqlite"
    res = CliRunner().invoke(app, ["index", "add", str(folder), "--index", str(db)])
    assert res.exit_code == 0, res.output
    listing = CliRunner().invoke(app, ["index", "list", "--index", str(db)]).output
    assert "\t教育局\t" in listing and "\t财政局\t2024" in listing and "\t民政局\t2023" in listing
