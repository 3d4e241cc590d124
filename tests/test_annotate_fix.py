"""`--fix`: corrections the tool is certain of, written as Word revisions (修订).

LibreOffice decides what the revisions mean: a Basic macro in a private profile opens the copy,
runs "accept all changes" (or "reject all") and saves it as text. Accepting gives the corrected
text, rejecting gives the submitted text back. Word's automatic numbering is never touched.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import REALDOCS, ROOT

from cxzy_nlp.report.annotate import annotate_file

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TITLE = "县教育局关于开展读书月活动的实施方案"
LINES = [
    "青教发[2024]第09号",
    "根据《关于开展书香校园的通知》（青发［2023］5号）要求,结合实际,制定本方案。",
    "一、活动时间",
    "活动于2024.5.1开始，2024年06月30日结束。",
    "二、工作要求",
    "各校要高度重视,确保活动取得实效。",
]
FIXED = {
    "青教发[2024]第09号": "青教发〔2024〕9号",
    "（青发［2023］5号）": "（青发〔2023〕5号）",
    "要求,结合实际,制定": "要求，结合实际，制定",
    "2024.5.1": "2024年5月1日",
    "2024年06月30日": "2024年6月30日",
    "重视,确保": "重视，确保",
}

MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Revised(src As String, dst As String, mode As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(src), &quot;_blank&quot;, 0, args())
  helper = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  If mode = &quot;accept&quot; Then
    helper.executeDispatch(doc.CurrentController.Frame, &quot;.uno:AcceptAllTrackedChanges&quot;, &quot;&quot;, 0, Array())
  Else
    helper.executeDispatch(doc.CurrentController.Frame, &quot;.uno:RejectAllTrackedChanges&quot;, &quot;&quot;, 0, Array())
  End If
  Dim out(1) As New com.sun.star.beans.PropertyValue
  out(0).Name = &quot;FilterName&quot;
  out(0).Value = &quot;Text (encoded)&quot;
  out(1).Name = &quot;FilterOptions&quot;
  out(1).Value = &quot;UTF8&quot;
  doc.storeToURL(ConvertToURL(dst), out())
  doc.close(True)
End Sub
</script:module>
"""


def _plan_docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph(TITLE)
    for line in LINES:
        d.add_paragraph(line)
    d.save(str(path))
    return path


def _revisions(docx_path: Path) -> list[tuple[str, str, str]]:
    """(kind, author, text) of every ``w:ins`` / ``w:del``, and their dates are set."""
    from lxml import etree

    with zipfile.ZipFile(docx_path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    out = []
    for kind in ("ins", "del"):
        for el in root.iter(f"{W}{kind}"):
            assert el.get(f"{W}date"), "a revision carries its date"
            out.append((kind, str(el.get(f"{W}author")), "".join(el.itertext())))
    return out


def xml_rejected(docx_path: Path) -> list[str]:
    """The paragraphs' text with every revision rejected, read from the XML (insertions out, deletions back)."""
    from lxml import etree

    with zipfile.ZipFile(docx_path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    texts = []
    for p in root.iter(f"{W}p"):
        parts = [
            t.text or ""
            for t in p.iter(f"{W}t", f"{W}delText")
            if not any(a.tag == f"{W}ins" for a in t.iterancestors())
        ]
        texts.append("".join(parts))
    return texts


def test_fix_writes_each_certain_correction_as_a_revision(tmp_path: Path) -> None:
    src = _plan_docx(tmp_path / "plan.docx")
    out = tmp_path / "out.docx"
    done = annotate_file(src, out, author="张三", fix=True)
    revisions = _revisions(out)
    assert {a for _, a, _ in revisions} == {"张三"}
    inserted = [t for k, _, t in revisions if k == "ins"]
    assert "〔2024〕" in inserted and "〔2023〕" in inserted and "年5月1日" in inserted and "6" in inserted
    assert inserted.count("，") == 3  # the ASCII commas of Chinese text
    assert done.revisions == len(inserted) == 7
    assert {f.rule for f in done.fixed} == {"docnum-format", "date-format"}
    assert xml_rejected(out) == xml_rejected(src)


def test_without_fix_nothing_is_revised(tmp_path: Path) -> None:
    src = _plan_docx(tmp_path / "plan.docx")
    annotate_file(src, tmp_path / "out.docx")
    assert _revisions(tmp_path / "out.docx") == []


def test_a_fix_never_touches_word_automatic_numbering(tmp_path: Path) -> None:
    """A fix at the start of a paragraph whose number Word renders is not written (the label is not text)."""
    from dataclasses import replace

    import docx

    from cxzy_nlp.model import Finding, Fix
    from cxzy_nlp.report.docx_revise import fix_in_unit

    d = docx.Document()
    p = d.add_paragraph("组织领导", style="List Number")
    assert fix_in_unit([p], "1.", 0) is None  # the label 1. is rendered, not typed
    typed = d.add_paragraph("1.组织领导")
    assert fix_in_unit([typed], "1.", 0) == (typed, 0)  # the control: typed text is found
    assert replace(Finding("x", "info", "m"), fix=Fix((0, 2), "（一）")).fix is not None


def _soffice() -> str:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs it)")
    return soffice


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """soffice and a private profile holding the accept/reject macro."""
    soffice = _soffice()
    profile = tmp_path_factory.mktemp("lo")
    subprocess.run(
        [soffice, "--headless", "--terminate_after_init", f"-env:UserInstallation=file://{profile}"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    assert module.parent.is_dir(), "LibreOffice made its profile"
    module.write_text(MACRO, encoding="utf-8")
    return soffice, profile


def revised_text(libreoffice: tuple[str, Path], docx_path: Path, mode: str) -> str:
    """The text LibreOffice gives after accepting (``accept``) or rejecting (``reject``) every revision."""
    soffice, profile = libreoffice
    out = docx_path.with_suffix(f".{mode}.txt")
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{profile}",
            f'macro:///Standard.Module1.Revised("{docx_path}","{out}","{mode}")',
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return out.read_text(encoding="utf-8-sig")


@pytest.mark.libreoffice
def test_libreoffice_accept_all_gives_the_corrected_text_and_reject_all_the_original(
    libreoffice: tuple[str, Path], tmp_path: Path
) -> None:
    src = _plan_docx(tmp_path / "plan.docx")
    out = tmp_path / "out.docx"
    annotate_file(src, out, fix=True)
    original = revised_text(libreoffice, src, "reject")
    assert original.split("\n")[:2] == [TITLE, LINES[0]]
    corrected = original
    for old, new in FIXED.items():
        corrected = corrected.replace(old, new)
    assert corrected != original
    assert revised_text(libreoffice, out, "accept") == corrected
    assert revised_text(libreoffice, out, "reject") == original


@pytest.mark.libreoffice
@pytest.mark.slow
def test_libreoffice_reject_all_gives_back_every_real_docx(libreoffice: tuple[str, Path], tmp_path: Path) -> None:
    files = sorted(ROOT.joinpath("examples").glob("*.docx"))
    if REALDOCS.is_dir():
        files += sorted(REALDOCS.glob("*.docx"))
    written = 0
    for src in files:
        out = tmp_path / f"{src.stem}.docx"
        done = annotate_file(src, out, fix=True)
        assert xml_rejected(out) == xml_rejected(src), src.name
        if done.revisions:
            written += 1
            local = tmp_path / f"{src.stem}.src.docx"
            shutil.copy(src, local)
            assert revised_text(libreoffice, out, "reject") == revised_text(libreoffice, local, "reject"), src.name
    assert written, "some file had a correction to write"


def test_a_built_copy_carries_the_fixes_as_revisions_too(tmp_path: Path) -> None:
    src = tmp_path / "plan.txt"
    src.write_text("\n".join([TITLE, *LINES]) + "\n", encoding="utf-8")
    out = tmp_path / "out.docx"
    done = annotate_file(src, out, fix=True)
    inserted = sorted(t for k, _, t in _revisions(out) if k == "ins")
    assert inserted == sorted(["〔2024〕", "〔2023〕", "年5月1日", "6"])  # the commas were read full-width already
    assert done.revisions == 4
    rejected = [t for t in xml_rejected(out) if t]
    assert rejected[:2] == [TITLE, LINES[0]] and "2024.5.1" in rejected[4]


@pytest.mark.parametrize(
    ("line", "fixed"),
    [
        ("活动于2024.5.1开始。", "年5月1日"),
        ("文档标识号：A2016-10-10-19-16", None),  # a code, not a date written out
        ("版本2024.5.1.3发布。", None),
    ],
)
def test_a_date_is_fixed_only_where_it_stands_alone(tmp_path: Path, line: str, fixed: str | None) -> None:
    from cxzy_nlp.pipeline import analyse

    src = tmp_path / "plan.txt"
    src.write_text(f"{TITLE}\n一、活动时间\n{line}\n二、工作要求\n各校要高度重视。\n", encoding="utf-8")
    analysis = analyse(src)
    fixes = [f.fix.text for d in analysis.documents for f in d.findings if f.rule == "date-format" and f.fix]
    assert fixes == ([fixed] if fixed else [])


# ---------------------------------------------------------------- typed heading numbers (heading-style)


def _numbered_docx(path: Path, *, level_one_auto: bool) -> Path:
    """A plan whose level-2 headings are typed ``1、`` and whose level-1 headings are ``一.``: Word's
    automatic numbering (``chineseCounting``, ``%1.``) when ``level_one_auto``, else typed."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="77"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))
    count = iter("一二三")

    def level_one(text: str) -> None:
        if not level_one_auto:
            d.add_paragraph(f"{next(count)}. {text}")
            return
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="77"/></w:numPr>')
        )

    d.add_paragraph(TITLE)
    d.add_paragraph("为推动全民阅读，结合我局实际，制定本方案。")
    level_one("活动目标")
    d.add_paragraph("1、提升阅读量")
    d.add_paragraph("全县中小学图书借阅量提高20%。")
    d.add_paragraph("2、培养阅读习惯")
    d.add_paragraph("每名学生每学期读书不少于5本。")
    level_one("主要任务")
    d.add_paragraph("1、组织读书分享会")
    d.add_paragraph("由县图书馆负责，每月开展1次。")
    level_one("工作要求")
    d.add_paragraph("各校要高度重视，确保活动取得实效。")
    d.save(str(path))
    return path


def _auto_numbered(docx_path: Path) -> list[tuple[str, str]]:
    """The numbering (``w:numPr`` XML) and shown text of each paragraph Word numbers itself."""
    from lxml import etree

    with zipfile.ZipFile(docx_path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    out = []
    for p in root.iter(f"{W}p"):
        numbering = p.find(f".//{W}numPr")
        if numbering is not None:
            out.append((etree.tostring(numbering, encoding="unicode"), "".join(t.text or "" for t in p.iter(f"{W}t"))))
    return out


def test_typed_heading_numbers_get_one_revision_each_and_word_numbering_none(tmp_path: Path) -> None:
    src = _numbered_docx(tmp_path / "plan.docx", level_one_auto=True)
    out = tmp_path / "out.docx"
    done = annotate_file(src, out, author="张三", fix=True)
    revisions = _revisions(out)
    assert [t for k, _, t in revisions if k == "ins"] == ["（一）", "（二）", "（一）"]  # each typed 1、 of level 2
    assert [t for k, _, t in revisions if k == "del"] == ["1、", "2、", "1、"]
    styled = [f for f in done.analysis.documents[0].findings if f.rule == "heading-style" and f.fix is not None]
    assert {f.fix.text for f in styled} == {"一、", "（一）"}  # the rule proposes both levels ...
    assert [f.fix.text for f in done.fixed if f.rule == "heading-style"] == ["（一）"]  # ... only typed text is revised
    assert len(_auto_numbered(out)) == 3 and _auto_numbered(out) == _auto_numbered(src)  # numbering untouched
    assert xml_rejected(out) == xml_rejected(src)


def test_control_typed_level_one_numbers_are_revised_too(tmp_path: Path) -> None:
    """The same plan with 一. typed: its level-1 fix is written, so the test above can tell numbering from text."""
    src = _numbered_docx(tmp_path / "plan.docx", level_one_auto=False)
    out = tmp_path / "out.docx"
    done = annotate_file(src, out, fix=True)
    assert [t for k, _, t in _revisions(out) if k == "ins"] == ["一、", "（一）", "（二）", "二、", "（一）", "三、"]
    assert sorted(f.fix.text for f in done.fixed if f.rule == "heading-style") == ["一、", "（一）"]
    assert _auto_numbered(out) == []


def test_a_level_fix_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    """One edit of the level cannot be written (it points at a number Word renders): none of the level is revised."""
    from dataclasses import replace

    from cxzy_nlp.pipeline import analyse

    src = _numbered_docx(tmp_path / "plan.docx", level_one_auto=True)
    analysis = analyse(str(src))
    doc = analysis.documents[0]
    (level_two,) = [f for f in doc.findings if f.rule == "heading-style" and f.fix and f.fix.text == "（一）"]
    assert level_two.fix is not None and len(level_two.fix.also) == 2
    numbered = next(f for f in doc.findings if f.fix and f.fix.text == "一、").fix  # 一. is Word's numbering
    assert numbered is not None
    far = replace(level_two.fix.also[-1], span=numbered.span)  # the last edit pointed at it: not text
    broken = replace(level_two, fix=replace(level_two.fix, also=(level_two.fix.also[0], far)))
    kept = [f for f in doc.findings if f.fix is None]
    analysis = replace(analysis, documents=(replace(doc, findings=(*kept, broken)),))
    done = annotate_file(src, tmp_path / "out.docx", analysis, fix=True)
    assert done.fixed == () and _revisions(tmp_path / "out.docx") == []
    control = replace(analysis, documents=(replace(doc, findings=(*kept, level_two)),))
    assert annotate_file(src, tmp_path / "control.docx", control, fix=True).fixed == (level_two,)


# fmt: off
RENUMBERING = [
    # text of a plan, the fix texts proposed for its typed level (None: not certain, no fix)
    ("一、目标\n1、提升借阅量\n正文。\n2、培养习惯\n正文。\n二、要求\n正文。", ["（一）", "（二）"]),
    ("一、目标\n1）提升借阅量\n正文。\n2）培养习惯\n正文。\n二、要求\n正文。", ["（一）", "（二）"]),
    # the new form is that of another level: （一） above 1、 would give two levels of （一）
    ("（一）目标\n1、提升借阅量\n正文。\n2、培养习惯\n正文。\n（二）要求\n正文。", None),
    # the level is numbered 1、 under one heading and 1. under another: which form wins is the reviewer's call
    ("一、目标\n1、提升借阅量\n正文。\n2、培养习惯\n正文。\n二、要求\n1.组织保障\n正文。\n2.经费保障\n正文。", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "fixes"), RENUMBERING)
def test_renumbering_is_proposed_only_where_the_ladder_is_certain(text: str, fixes: list[str] | None) -> None:
    from cxzy_nlp.pipeline import analyse_text

    doc = analyse_text(f"{TITLE}\n{text}", "plan.txt").documents[0]
    proposed = [f.fix for f in doc.findings if f.rule == "heading-style" and f.fix is not None]
    if fixes is None:
        assert proposed == []
        assert any(f.rule == "heading-style" for f in doc.findings)  # the finding stays, as a comment
        return
    assert [[e.text for e in fix.edits()] for fix in proposed] == [fixes]
    for fix in proposed:
        for edit in fix.edits():
            assert doc.span[0] <= edit.span[0] < edit.span[1] <= doc.span[1]


@pytest.mark.libreoffice
def test_libreoffice_accepts_the_renumbering_and_rejects_it_back(libreoffice: tuple[str, Path], tmp_path: Path) -> None:
    src = _numbered_docx(tmp_path / "plan.docx", level_one_auto=True)
    out = tmp_path / "out.docx"
    annotate_file(src, out, fix=True)
    original = revised_text(libreoffice, src, "reject")
    assert "1、提升阅读量" in original and "2、培养阅读习惯" in original and "1、组织读书分享会" in original
    corrected = (
        original.replace("1、提升", "（一）提升").replace("2、培养", "（二）培养").replace("1、组织", "（一）组织")
    )
    assert revised_text(libreoffice, out, "accept") == corrected
    assert revised_text(libreoffice, out, "reject") == original
