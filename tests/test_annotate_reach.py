"""Every finding reaches the department: one comment on its text, or one entry of the summary comment.

Counted from the written .docx (its comments part), over the examples and every file of
../shared/realdocs; the submitted file's bytes are unchanged. Comments begin with the rule's
Chinese name, never with its English id.
"""

from __future__ import annotations

import csv
import hashlib
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import REALDOCS, ROOT

from cxzy_nlp.model import Finding, Location
from cxzy_nlp.report.annotate import annotate_file
from cxzy_nlp.report.docx_comments import ENTRY_MARK, SUMMARY_HEAD, rule_name

EXAMPLES = ROOT / "examples"
REVIEWER = "测试审阅人"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def written_comments(docx: Path, author: str = REVIEWER) -> list[list[str]]:
    """The comments by ``author`` in a .docx, each as its list of paragraph texts."""
    from lxml import etree

    with zipfile.ZipFile(docx) as z:
        if "word/comments.xml" not in z.namelist():
            return []
        root = etree.fromstring(z.read("word/comments.xml"))
    out = []
    for comment in root.iter(f"{W}comment"):
        if comment.get(f"{W}author") != author:
            continue
        out.append(["".join(p.itertext()) for p in comment.iter(f"{W}p")])
    return out


def reach(docx: Path) -> tuple[int, int, list[str]]:
    """(comments on text, entries of the summary comment, first lines of the comments on text)."""
    comments = written_comments(docx)
    summaries = [c for c in comments if c and c[0].startswith(SUMMARY_HEAD)]
    assert len(summaries) == 1, "exactly one summary comment"
    entries = sum(1 for line in summaries[0] if line.startswith(ENTRY_MARK))
    on_text = [c for c in comments if c is not summaries[0]]
    return len(on_text), entries, [c[0] for c in on_text]


def _files() -> list[Path]:
    files = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".doc", ".docx", ".pdf", ".txt"))
    if REALDOCS.is_dir():
        with open(REALDOCS / "MANIFEST.tsv", encoding="utf-8") as fh:
            files += [REALDOCS / row["file"] for row in csv.DictReader(fh, delimiter="\t")]
    return files


@pytest.mark.slow
@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_every_finding_reaches_the_copy_once(path: Path, tmp_path: Path) -> None:
    before = _sha(path)
    out = tmp_path / "copy.docx"
    done = annotate_file(path, out, author=REVIEWER)
    findings = [f for d in done.analysis.documents for f in d.findings]
    on_text, entries, heads = reach(out)
    assert on_text + entries == len(findings) == done.reached
    assert on_text == len(done.placed)
    assert all(not re.match(r"[a-z]", h) for h in heads)
    assert all(h.startswith(rule_name(p.finding.rule)) for h, p in zip(heads, done.placed, strict=True))
    assert _sha(path) == before


def test_realdocs_are_present_or_skipped(realdocs: Path) -> None:
    assert (realdocs / "MANIFEST.tsv").is_file()


def test_a_finding_outside_every_paragraph_is_a_summary_entry(tmp_path: Path) -> None:
    """The control: a finding whose place is not in the file cannot be commented, so it is listed."""
    from cxzy_nlp.pipeline import analyse

    src = EXAMPLES / "青溪县教育局_校园安全专项整治实施方案.docx"
    analysis = analyse(src)
    doc = analysis.documents[0]
    lost = Finding(
        rule="placeholder",
        severity="error",
        message="模板占位符未填写，请填入实际内容",
        span=(0, 2),
        location=Location(paragraph=9999),  # a paragraph the file does not have
    )
    stray = Finding(rule="no-such-rule", severity="info", message="说明", location=Location())
    analysis = replace(analysis, documents=(replace(doc, findings=(*doc.findings, lost, stray)),))
    done = annotate_file(src, tmp_path / "copy.docx", analysis, author=REVIEWER)
    on_text, entries, _ = reach(tmp_path / "copy.docx")
    assert entries == 2 and on_text == len(doc.findings)
    summary = next(c for c in written_comments(tmp_path / "copy.docx") if c[0].startswith(SUMMARY_HEAD))
    listed = [line for line in summary if line.startswith(ENTRY_MARK)]
    assert listed[0].startswith(f"{ENTRY_MARK}模板占位符未填（placeholder") and "第9999段" in listed[0]
    assert listed[1].startswith(f"{ENTRY_MARK}其他问题（no-such-rule") and "位置：全文" in listed[1]
    assert done.listed == (lost, stray)


def test_comment_names_the_rule_place_problem_and_fix(tmp_path: Path) -> None:
    src = EXAMPLES / "青溪县教育局_2024年读书月活动方案.txt"
    annotate_file(src, tmp_path / "copy.docx", author=REVIEWER)
    comments = written_comments(tmp_path / "copy.docx")
    budget = next(c for c in comments if c[0].startswith("经费合计不符"))
    assert budget[0] == "经费合计不符（budget-mismatch，警告）"
    assert budget[1].startswith("位置：7、活动预算，第") and budget[1].endswith("行")
    assert budget[2].startswith("问题：") and budget[3] == "建议：请核对预算"
    summary = next(c for c in comments if c[0].startswith(SUMMARY_HEAD))
    assert any(line.startswith("问题分布：") and "budget" not in line and "经费合计不符×1" in line for line in summary)


def test_author_and_initials_are_the_reviewers(tmp_path: Path) -> None:
    from lxml import etree

    src = EXAMPLES / "青溪县市场监督管理局_食品安全专项整治实施方案.docx"
    annotate_file(src, tmp_path / "copy.docx", author="张三")
    with zipfile.ZipFile(tmp_path / "copy.docx") as z:
        root = etree.fromstring(z.read("word/comments.xml"))
    people = {(c.get(f"{W}author"), c.get(f"{W}initials")) for c in root.iter(f"{W}comment")}
    assert people == {("张三", "张三")}


def _boxed_and_numbered(path: Path) -> Path:
    """A plan with a text box (VML) holding a placeholder and Word auto-numbered items."""
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    d.add_paragraph("县教育局2024年教师培训实施方案")
    d.add_paragraph("一、工作目标")
    d.add_paragraph("全年培训教师500人次。")
    p = d.add_paragraph("请见右侧说明。")
    p._p.append(
        parse_xml(
            '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
            ' xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape style="width:200pt;height:50pt">'
            "<v:textbox><w:txbxContent><w:p><w:r><w:t>联系人：XXX，电话：____</w:t></w:r></w:p>"
            "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
        )
    )
    d.add_paragraph("二、主要任务")
    d.add_paragraph("由XX单位负责组织培训。", style="List Number")
    d.add_paragraph("各校于2024年6月底前完成。", style="List Number")
    d.save(str(path))
    return path


def test_comments_reach_text_boxes_and_auto_numbered_paragraphs(tmp_path: Path) -> None:
    src = _boxed_and_numbered(tmp_path / "plan.docx")
    done = annotate_file(src, tmp_path / "copy.docx", author=REVIEWER)
    assert "1. 由XX单位" in done.analysis.text  # the number is Word's, rendered by the reader
    holes = {(p.paragraph_text, p.anchored_text) for p in done.placed if p.finding.rule == "placeholder"}
    assert ("联系人：XXX，电话：____", "XXX") in holes  # inside the text box
    assert ("由XX单位负责组织培训。", "XX") in holes  # on the words, the label is not text
    assert done.listed == ()
    on_text, entries, _ = reach(tmp_path / "copy.docx")
    assert on_text == len(done.placed) and entries == 0


@pytest.mark.libreoffice
def test_libreoffice_keeps_every_comment_of_the_boxed_plan(tmp_path: Path) -> None:
    import shutil
    import subprocess

    import pypdfium2 as pdfium
    from test_annotate_copy import pdf_notes

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs it)")
    src = _boxed_and_numbered(tmp_path / "plan.docx")
    annotate_file(src, tmp_path / "copy.docx", author=REVIEWER)
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}',
            "--outdir",
            str(tmp_path),
            str(tmp_path / "copy.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert pdf_notes(pdfium.PdfDocument(str(tmp_path / "copy.pdf"))) == len(written_comments(tmp_path / "copy.docx"))
