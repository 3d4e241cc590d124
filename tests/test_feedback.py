"""`cxzy feedback`: one zip per department (审阅意见单 + annotated copies) and the submission board."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from docx.shared import Mm
from typer.testing import CliRunner

from cxzy_nlp.cli import app
from cxzy_nlp.corpus.feedback import SUMMARY_NAME, OutputExists, feedback_files, pack_names
from cxzy_nlp.model import Finding
from cxzy_nlp.report.feedback import advice_of, finding_entry, rule_name, safe_name, unique_names

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """收文/: two departments with example plans, one with a broken file, and a manifest expecting a fourth."""
    root = tmp_path_factory.mktemp("inbox") / "收文"
    for dept, names in {
        "教育局": ("青溪县教育局_2024年读书月活动方案.txt", "青溪县教育局_校园安全专项整治实施方案.docx"),
        "=市场监管局": ("青溪县市场监督管理局_食品安全专项整治实施方案.docx",),
    }.items():
        (root / dept).mkdir(parents=True)
        for name in names:
            shutil.copy(EXAMPLES / name, root / dept / name)
    (root / "民政局").mkdir()
    (root / "民政局" / "损坏的方案.docx").write_bytes(b"PK\x03\x04 not a real archive")
    (root / "清单.csv").write_text(
        "文件,部门\n民政局/损坏的方案.docx,民政局\n财政局/预算方案.docx,财政局\n", encoding="utf-8"
    )
    return root


@pytest.fixture(scope="module")
def packed(inbox: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("out") / "反馈"
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in inbox.rglob("*") if p.is_file()}
    result = feedback_files([inbox], out, manifest=inbox / "清单.csv", reviewer="李审阅", date="2024年5月1日")
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in inbox.rglob("*") if p.is_file()}
    assert before == after  # the submitted files are never touched
    return result


@pytest.fixture(scope="module")
def one_department(inbox: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("one") / "收文"
    shutil.copytree(inbox / "教育局", root / "教育局")
    return root


def sheet_of(archive: zipfile.ZipFile) -> docx.document.Document:
    (name,) = [n for n in archive.namelist() if n.startswith("审阅意见单")]
    return docx.Document(io.BytesIO(archive.read(name)))


def style_font(document: docx.document.Document, style: str) -> str | None:
    fonts = document.styles[style].element.rPr.find(f"{W}rFonts")
    return fonts.get(f"{W}eastAsia") if fonts is not None else None


def test_one_zip_per_department_that_submitted(packed) -> None:
    names = sorted(p.name for p in packed.output.iterdir())
    assert names == sorted(["=市场监管局.zip", "教育局.zip", "民政局.zip", SUMMARY_NAME])  # 财政局 sent nothing
    statuses = {r.department: r.status for r in packed.board.rows}
    assert statuses == {"=市场监管局": "已报送", "教育局": "已报送", "民政局": "读取失败", "财政局": "未报送"}


def test_zip_entries_are_utf8_flagged_and_hold_the_copies(packed) -> None:
    with zipfile.ZipFile(packed.output / "教育局.zip") as archive:
        infos = archive.infolist()
        assert all(info.flag_bits & 0x800 for info in infos)
        assert sorted(i.filename for i in infos) == [
            "审阅意见单_教育局.docx",
            "审阅稿/青溪县教育局_2024年读书月活动方案.审阅.docx",
            "审阅稿/青溪县教育局_校园安全专项整治实施方案.审阅.docx",
        ]
        for info in infos:
            if info.filename.startswith("审阅稿/"):
                copy = docx.Document(io.BytesIO(archive.read(info)))
                assert copy.part.package is not None
                comments = archive.read(info)  # the copy carries Word comments
                with zipfile.ZipFile(io.BytesIO(comments)) as inner:
                    assert "word/comments.xml" in inner.namelist()


def test_sheet_is_a4_with_gongwen_fonts_in_its_styles(packed) -> None:
    with zipfile.ZipFile(packed.output / "教育局.zip") as archive:
        sheet = sheet_of(archive)
    section = sheet.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    assert style_font(sheet, "Normal") == "仿宋"
    assert style_font(sheet, "Heading 1") == "黑体"
    assert style_font(sheet, "Heading 2") == "楷体"
    text = "\n".join(p.text for p in sheet.paragraphs)
    assert "报送单位：教育局" in text and "审阅人：李审阅" in text and "审阅日期：2024年5月1日" in text


@pytest.mark.parametrize("department", ["教育局", "=市场监管局"])
def test_every_finding_of_the_department_is_in_its_sheet_once(packed, department: str) -> None:
    findings = [
        f
        for a in packed.analyses
        if f"/{department}/" in a.source.path.replace("\\", "/")
        for d in a.documents
        for f in d.findings
    ]
    assert findings  # the examples have findings: the test can fail
    with zipfile.ZipFile(packed.output / pack_names([department])[department]) as archive:
        paragraphs = [p.text for p in sheet_of(archive).paragraphs]
    entries = [p for p in paragraphs if re.match(r"问题\d+ 【", p)]
    assert len(entries) == len(findings)
    expected = Counter(re.sub(r"^问题\d+ ", "", finding_entry(0, f)) for f in findings)
    assert Counter(re.sub(r"^问题\d+ ", "", e) for e in entries) == expected
    reasons = Counter(p for p in paragraphs if p.startswith("问题："))
    assert reasons == Counter(f"问题：{rule_name(f.rule)}。{advice_of(f)[0]}" for f in findings)
    assert all(not re.search(r"[a-z]+-[a-z]+", e) for e in entries)  # Chinese rule names, no English ids


def test_unreadable_file_is_a_record_in_its_sheet(packed) -> None:
    with zipfile.ZipFile(packed.output / "民政局.zip") as archive:
        assert [n for n in archive.namelist() if n.startswith("审阅稿/")] == []
        text = "\n".join(p.text for p in sheet_of(archive).paragraphs)
    assert "无法读取" in text and "损坏的方案.docx" in text


def test_summary_docx_holds_the_board(packed) -> None:
    summary = docx.Document(packed.output / SUMMARY_NAME)
    rows = [[c.text for c in r.cells] for r in summary.tables[0].rows]
    assert rows[0][:2] == ["部门", "状态"]
    assert ["财政局", "未报送"] in [r[:2] for r in rows]
    assert ["民政局", "读取失败"] in [r[:2] for r in rows]
    section = summary.sections[0]
    assert section.page_width > section.page_height  # landscape A4 for the wide table
    assert abs(section.page_width - Mm(297)) < Mm(1)


def test_existing_output_is_not_overwritten_without_force(one_department: Path, tmp_path: Path) -> None:
    out = tmp_path / "反馈"
    out.mkdir()
    (out / "教育局.zip").write_bytes(b"earlier pack")
    with pytest.raises(OutputExists, match="--force"):
        feedback_files([one_department], out, reviewer="李审阅")
    assert (out / "教育局.zip").read_bytes() == b"earlier pack"
    assert sorted(p.name for p in out.iterdir()) == ["教育局.zip"]
    # control: with force the same call writes
    feedback_files([one_department], out, reviewer="李审阅", force=True)
    assert zipfile.is_zipfile(out / "教育局.zip")


def test_cli_feedback_and_refusal(one_department: Path, tmp_path: Path) -> None:
    out = tmp_path / "反馈"
    runner = CliRunner()
    first = runner.invoke(app, ["feedback", str(one_department), "-o", str(out), "--author", "王五"])
    assert first.exit_code == 0, first.output
    assert "部门反馈包" in first.output
    with zipfile.ZipFile(out / "教育局.zip") as archive:
        assert "审阅人：王五" in [p.text for p in sheet_of(archive).paragraphs]
    again = runner.invoke(app, ["feedback", str(one_department), "-o", str(out)])
    assert again.exit_code == 2 and "--force" in again.output
    forced = runner.invoke(app, ["feedback", str(one_department), "-o", str(out), "--force"])
    assert forced.exit_code == 0, forced.output


def test_reviewer_from_cxzy_toml(one_department: Path, tmp_path: Path) -> None:
    folder = tmp_path / "收文"
    shutil.copytree(one_department, folder)
    (folder / "cxzy.toml").write_text('reviewer = "赵审阅"\n', encoding="utf-8")
    result = feedback_files([folder], tmp_path / "out", date="2024年5月1日")
    with zipfile.ZipFile(result.packs[0].path) as archive:
        assert "审阅人：赵审阅" in [p.text for p in sheet_of(archive).paragraphs]
    assert [p.department for p in result.packs] == ["教育局"]  # cxzy.toml is no submission


# fmt: off
SAFE_NAMES = [
    ("教育局", "教育局"),
    ("../../etc/passwd", "_.._etc_passwd"),
    ('a:b*c?"d"<e>|f', "a_b_c__d__e__f"),
    ("CON", "_CON"),
    ("nul.txt", "_nul.txt"),
    ("  .隐藏.  ", "隐藏"),
    ("\u202etxt.exe", "_txt.exe"),
    ("", "未命名"),
    ("...", "未命名"),
    ("甲" * 100, "甲" * 80),
]
# fmt: on


@pytest.mark.parametrize(("raw", "safe"), SAFE_NAMES)
def test_safe_name(raw: str, safe: str) -> None:
    assert safe_name(raw) == safe


def test_pack_names_are_unique_and_stay_in_the_folder() -> None:
    names = pack_names(["a/b", "a:b", "A_B", "教育局", "教育局"])
    assert names == {"A_B": "A_B.zip", "a/b": "a_b（2）.zip", "a:b": "a_b（3）.zip", "教育局": "教育局.zip"}
    assert all("/" not in n and "\\" not in n and not n.startswith(".") for n in names.values())
    assert unique_names(["x.docx", "X.docx", "x.docx"]) == ["x.docx", "X（2）.docx", "x（3）.docx"]


# fmt: off
ADVICE = [
    ("在“7、活动预算”中，经费总额为9.7万元，但分项合计8.9万元，请核对预算", ("在“7、活动预算”中，经费总额为9.7万元，但分项合计8.9万元", "请核对预算")),
    ("标题编号“1、”不是标准层次序数，第 2 级建议写作“（一）”。", ("标题编号“1、”不是标准层次序数，第 2 级建议写作“（一）”。", "")),
    ("跳过了 “（一）” 层级；建议改为“（一）”式编号。", ("跳过了 “（一）” 层级", "建议改为“（一）”式编号")),
    ("缺少“实施步骤”部分", ("缺少“实施步骤”部分", "")),
]
# fmt: on


@pytest.mark.parametrize(("message", "expected"), ADVICE)
def test_advice_is_the_closing_clause(message: str, expected: tuple[str, str]) -> None:
    assert advice_of(Finding(rule="x", severity="info", message=message)) == expected


def test_public_api_writes_the_same_pack(one_department: Path, tmp_path: Path) -> None:
    import cxzy_nlp

    result = cxzy_nlp.feedback(one_department, tmp_path / "api", reviewer="李审阅")
    assert [p.path.name for p in result.packs] == ["教育局.zip"]
    assert [(r.department, r.status, r.files) for r in result.board.rows] == [("教育局", "已报送", 2)]
    assert result.summary == tmp_path / "api" / SUMMARY_NAME and result.summary.is_file()
