"""Reports reviewers open: HTML comparison, Excel workbook, reviewed Word copy with comments."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from cxzy_nlp.model import Activity, Analysis, Budget, Document, Finding, Goal, Period, Section, SourceInfo
from cxzy_nlp.normalise import normalise
from cxzy_nlp.read import read_path
from cxzy_nlp.report.annotate import annotate_docx, annotate_text
from cxzy_nlp.report.html import render_html
from cxzy_nlp.report.summary import CopyLink, summarise
from cxzy_nlp.report.xlsx import write_xlsx

EDU = "县教育局2024年教师培训实施方案\n一、工作目标\n到2024年12月底，培训覆盖率达到95%。\n二、主要任务\n开展全员培训。\n三、实施步骤\n准备阶段：____年制定计划。"
HEALTH = "区卫健委健康宣传工作方案\n一、指导思想\n坚持预防为主。\n二、主要任务\n进一步加强健康宣传。"


def _sec(text: str, sid: str, heading: str, number: str, labels: tuple[str, ...], end: int) -> Section:
    h = text.index(number + heading)
    return Section(
        id=sid,
        number=number,
        heading=heading,
        level=1,
        span=(h, end),
        heading_span=(h, h + len(number + heading)),
        labels=labels,
        label_source="rule",
    )


def _edu_analysis() -> Analysis:
    t = EDU
    s1 = _sec(t, "s1", "工作目标", "一、", ("goals",), t.index("二、"))
    s2 = _sec(t, "s2", "主要任务", "二、", ("tasks",), t.index("三、"))
    s3 = _sec(t, "s3", "实施步骤", "三、", ("steps",), len(t))
    goal_text = "到2024年12月底，培训覆盖率达到95%。"
    g0 = t.index(goal_text)
    act = "开展全员培训。"
    a0 = t.index(act)
    ph = t.index("____年")
    doc = Document(
        title="县教育局2024年教师培训实施方案",
        span=(0, len(t)),
        doc_type="implementation_plan",
        year=2024,
        sections=(s1, s2, s3),
        goals=(
            Goal(text=goal_text, span=(g0, g0 + len(goal_text)), section="s1", measurable=True, indicators=("95%",)),
        ),
        activities=(Activity(name="全员培训", text=act, span=(a0, a0 + len(act)), section="s2"),),
        period=Period(start="2024-01-01", end="2024-12-31"),
        budget=Budget(total=100000.0),
        findings=(
            Finding(
                rule="placeholder",
                severity="error",
                message="在“三、实施步骤”中有未填写的占位符“____年”，请填写具体年份",
                span=(ph, ph + 5),
                section="s3",
                evidence="____年",
            ),
            Finding(
                rule="task-no-owner",
                severity="warn",
                message="在“二、主要任务”中任务未写明责任单位，请补充牵头单位",
                span=(a0, a0 + len(act)),
                section="s2",
                evidence=act,
            ),
        ),
    )
    return Analysis(
        source=SourceInfo(path="/in/教育局/plan.txt", format="txt", sha256="0" * 64, size=len(t.encode())),
        text=t,
        documents=(doc,),
    )


def _health_analysis() -> Analysis:
    t = HEALTH
    s1 = _sec(t, "s1", "指导思想", "一、", ("guiding_ideology",), t.index("二、"))
    s2 = _sec(t, "s2", "主要任务", "二、", ("tasks",), len(t))
    doc = Document(
        title="区卫健委健康宣传工作方案",
        span=(0, len(t)),
        doc_type="work_plan",
        sections=(s1, s2),
        period=Period(start="2023-03-01", end="2023-10-31"),
        findings=(
            Finding(
                rule="missing-section",
                severity="error",
                message="缺少“工作目标”部分，请补充可考核的目标",
                evidence=None,
            ),
        ),
    )
    return Analysis(
        source=SourceInfo(path="/in/卫健委/plan.txt", format="txt", sha256="1" * 64, size=len(t.encode())),
        text=t,
        documents=(doc,),
    )


def _broken() -> Analysis:
    return Analysis(
        source=SourceInfo(path="/in/卫健委/bad.pdf", format="pdf", sha256="", size=1),
        text="",
        errors=({"code": "corrupt", "message": "文件已损坏，无法读取"},),
    )


def _summary():  # type: ignore[no-untyped-def]
    analyses = [_edu_analysis(), _health_analysis(), _broken()]
    depts = {"/in/教育局/plan.txt": "教育局", "/in/卫健委/plan.txt": "卫健委", "/in/卫健委/bad.pdf": "卫健委"}
    link = CopyLink(a="d2-1", b="d1-1", share=0.4, passages=(((33, 40), (26, 33), "开展全员培训。", "开展全员培训。"),))
    return summarise(analyses, depts, links=[link], copied_share={"d2-1": 0.4})


def test_summary_figures_per_department() -> None:
    s = _summary()
    by = {d.department: d for d in s.departments}
    assert by["教育局"].goals == 1 and by["教育局"].measurable == 1 and by["教育局"].activities == 1
    assert by["教育局"].budget == 100000.0
    assert by["卫健委"].files == 2 and by["卫健委"].failed == 1 and by["卫健委"].documents == 1
    assert by["卫健委"].findings["error"] == 1 and by["卫健委"].copied_share == 0.4
    # the missing cells are exactly those of the missing-section findings (goals; steps has no finding here)
    health = next(d for d in s.docs if d.department == "卫健委")
    assert health.missing == ("goals",) and health.missing_names == ("工作目标",)
    edu = next(d for d in s.docs if d.department == "教育局")
    assert "goals" not in edu.missing


def test_html_report_content(tmp_path: Path) -> None:
    page = render_html(_summary(), "测试报告")
    # self-contained: no external scripts, styles, fonts or images
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "<link" not in page
    # coverage matrix: one row per document, the missing goals cell marked for 卫健委 only
    matrix = page[page.index("id='coverage-matrix'") : page.index("</table>", page.index("id='coverage-matrix'"))]
    rows = re.findall(r"<tr data-doc='(d\d+-\d+)'>(.*?)</tr>", matrix)
    assert [key for key, _ in rows] == ["d1-1", "d2-1"]
    assert "cov-miss" not in rows[0][1].split("</td>")[3]  # 教育局 has goals
    assert rows[1][1].count("cov-miss") == 1  # 卫健委: the one missing-section finding (工作目标)
    # findings table rows link into the highlighted text, whose anchors exist
    assert page.count("<tr data-sev=") == 3
    assert "href='#d1-1-f1'" in page and 'id="d1-1-f1"' in page
    assert 'class="hl-f-error"' in page and "hl-g" in page and "hl-a" in page
    # charts and the copy matrix are there; the unreadable file is listed
    assert page.count("<svg") >= 3
    assert "id='copy-matrix'" in page and "40%" in page
    assert "bad.pdf" in page and "[corrupt]" in page
    (tmp_path / "r.html").write_text(page, encoding="utf-8")


def test_xlsx_workbook_content(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "r.xlsx"
    write_xlsx(_summary(), out)
    wb = load_workbook(out)
    assert wb.sheetnames == ["概览", "章节覆盖", "问题清单", "目标", "活动", "雷同段落", "无法读取"]
    findings = list(wb["问题清单"].iter_rows(values_only=True))
    assert findings[0][:6] == ("部门", "文件", "文档", "章节", "规则", "级别")
    assert findings[0][11] == "规则编号"  # the Chinese rule name in 规则, the id beside it
    rules = sorted((r[0], r[11], r[5]) for r in findings[1:])
    assert rules == [
        ("卫健委", "missing-section", "错误"),
        ("教育局", "placeholder", "错误"),
        ("教育局", "task-no-owner", "警告"),
    ]
    placeholder = next(r for r in findings[1:] if r[11] == "placeholder")
    assert placeholder[4] == "模板占位符未填"
    assert placeholder[3] == "三、实施步骤" and placeholder[7] == "____年"
    cov = list(wb["章节覆盖"].iter_rows(values_only=True))
    header = cov[0]
    health = next(r for r in cov[1:] if r[0] == "卫健委")
    assert health[header.index("工作目标")] == "缺"
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
    assert wb["问题清单"].auto_filter.ref == "A1:L4"
    assert list(wb["无法读取"].iter_rows(values_only=True))[1][2] == "corrupt"


def _make_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("县教育局2024年教师培训实施方案")
    d.add_paragraph("一、工作目标")
    p = d.add_paragraph("进一步加强教师培训，")
    p.add_run("努力提升").bold = True
    p.add_run("教师能力。")
    d.add_paragraph("二、实施步骤")
    d.add_paragraph("准备阶段：____年制定计划。")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "负责单位"
    table.cell(0, 1).text = "XX单位"
    d.save(str(path))


def _docx_analysis(path: Path) -> Analysis:
    result = read_path(path)
    normal = normalise(result)
    t = normal.text
    vague = "进一步加强教师培训，努力提升教师能力。"
    v0 = t.index(vague)
    ph = t.index("____年")
    xx = t.index("XX单位")
    doc = Document(
        title="县教育局2024年教师培训实施方案",
        span=(0, len(t)),
        findings=(
            Finding(
                rule="vague-goal",
                severity="warn",
                message="目标不可考核",
                span=(v0 + 10, v0 + 14),
                section=None,
                evidence="努力提升",
            ),
            Finding(rule="placeholder", severity="error", message="占位符未填写", span=(ph, ph + 5), evidence="____年"),
            Finding(
                rule="placeholder", severity="error", message="单位名称未填写", span=(xx, xx + 4), evidence="XX单位"
            ),
            Finding(rule="missing-section", severity="error", message="缺少“组织领导”部分"),
        ),
    )
    return Analysis(source=result.source, text=t, documents=(doc,), normal=normal)


def test_annotate_docx_places_comments_on_their_text(tmp_path: Path) -> None:
    import docx

    src = tmp_path / "plan.docx"
    _make_docx(src)
    out = tmp_path / "plan.审阅.docx"
    placed = annotate_docx(src, _docx_analysis(src), out)
    assert [p.anchored_text for p in placed] == ["努力提升", "____年", "XX单位"]
    reviewed = docx.Document(str(out))
    comments = list(reviewed.comments)
    assert len(comments) == 4  # three findings and the summary
    assert all(c.author == "cxzy" for c in comments)
    summary = next(c for c in comments if "审阅意见" in c.text)
    assert "缺少“组织领导”部分" in summary.text
    # the original text is untouched: same paragraphs, same table text
    original = docx.Document(str(src))
    assert [p.text for p in reviewed.paragraphs] == [p.text for p in original.paragraphs]
    assert reviewed.tables[0].cell(0, 1).text == "XX单位"
    # each comment range sits on the paragraph holding its text
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    for para_text, quote in (("努力提升", "努力提升"), ("____年", "____年")):
        para = next(p for p in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S) if para_text in p)
        start = para.index("commentRangeStart")
        assert quote in para[start : para.index("commentRangeEnd")]


def test_annotate_builds_docx_for_plain_text(tmp_path: Path) -> None:
    import docx

    analysis = _edu_analysis()
    result = read_path(_write(tmp_path / "plan.txt", EDU))
    normal = normalise(result)
    analysis = Analysis(source=result.source, text=normal.text, documents=analysis.documents, normal=normal)
    out = tmp_path / "plan.审阅.docx"
    placed = annotate_text(analysis, out)
    assert sorted(p.anchored_text for p in placed) == ["____年", "开展全员培训。"]
    reviewed = docx.Document(str(out))
    assert "\n".join(p.text for p in reviewed.paragraphs) == normal.text
    assert len(list(reviewed.comments)) == 3


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.libreoffice
def test_reviewed_copy_opens_in_libreoffice_with_comments(tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs it)")
    src = tmp_path / "plan.docx"
    _make_docx(src)
    out = tmp_path / "reviewed.docx"
    annotate_docx(src, _docx_analysis(src), out)
    proc = subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "fodt",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    converted = tmp_path / "reviewed.fodt"
    assert converted.exists(), proc.stderr
    xml = converted.read_text(encoding="utf-8")
    assert len(re.findall(r"<office:annotation[ >]", xml)) == 4
    assert "<dc:creator>cxzy</dc:creator>" in xml
    assert "占位符未填写" in xml and "单位名称未填写" in xml


def test_highlight_classes_match_the_spans_over_each_character() -> None:
    import random

    from cxzy_nlp.report.html import highlighted_text

    rng = random.Random(7)
    for _ in range(300):
        n = rng.randint(1, 50)
        text = "".join(rng.choice("一二三四五") for _ in range(n))

        def span(n: int = n) -> tuple[int, int]:
            a, b = rng.randint(0, n), rng.randint(0, n)
            return (min(a, b), max(a, b))

        goals = tuple(Goal(text="", span=span(), section=None, measurable=False) for _ in range(rng.randint(0, 3)))
        findings = tuple(
            Finding(rule="r", severity=rng.choice(["error", "warn"]), message="m", span=span())
            for _ in range(rng.randint(0, 3))
        )
        doc = Document(title=None, span=(0, n), goals=goals, findings=findings)
        page = re.sub(r'<a id="[^"]*"></a>', "", highlighted_text(text, doc, "k"))
        got: list[set[str]] = []
        for classes, piece, plain in re.findall(r'<span class="([^"]*)">([^<]*)</span>|([^<]+)', page):
            got.extend([set(classes.split()) if piece else set()] * len(piece or plain))
        want = [
            {
                cls
                for (s, e), cls in [
                    *((g.span, "hl-g") for g in goals),
                    *((f.span, f"hl-f-{f.severity}") for f in findings if f.span),
                ]
                if s <= i < e
            }
            for i in range(n)
        ]
        assert got == want
