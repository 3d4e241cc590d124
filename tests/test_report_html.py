"""The HTML report's content, read from the page source: rule names, legend, links, clipping, timeline,
packed texts and the submission board. Rendering in a browser: test_report_html_render.py."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from test_report import _broken, _edu_analysis, _health_analysis

from cxzy_nlp.corpus.board import Board, submission_board
from cxzy_nlp.model import Analysis, Document, Finding, Period, Phase, Section, SourceInfo
from cxzy_nlp.report.html import render_html, rule_name
from cxzy_nlp.report.html_text import PACKED_TYPE, excerpt, unpacked
from cxzy_nlp.report.summary import CopyLink, Summary, summarise

LONG_HEADING = "目录" + "".join(
    f"第{i}章 总则与实施范围……{i}" for i in range(1, 80)
)  # a contents line read as one heading
LINES = [f"第{i}条：各单位要按照本方案要求，认真做好第{i}项重点工作的组织实施与督促检查。" for i in range(1, 161)]


def _finance_analysis() -> Analysis:
    """A long plan whose first 'section' is a whole contents line of 1,000+ characters; stages without a period."""
    title = "县财政局预算绩效管理工作方案"
    text = "\n".join([title, LONG_HEADING, *LINES])
    h0 = text.index(LONG_HEADING)
    section = Section(
        id="s1",
        number="",
        heading=LONG_HEADING,
        level=1,
        span=(h0, len(text)),
        heading_span=(h0, h0 + len(LONG_HEADING)),
        labels=("steps",),
    )
    quote = LINES[3]
    q0 = text.index(quote)
    doc = Document(
        title=title,
        span=(0, len(text)),
        doc_type="work_plan",
        sections=(section,),
        schedule=(
            Phase(phase="动员部署阶段", start="2024-03-01", end="2024-03-31", span=(q0, q0 + 4)),
            Phase(phase="总结验收阶段", start=None, end="2024-11-30", span=(q0, q0 + 4)),
        ),
        findings=(
            Finding(
                rule="vague-goal",
                severity="warn",
                message="目标没有数量、比例或完成时限，请写明做到多少、何时完成",
                span=(q0, q0 + len(quote)),
                section="s1",
                evidence=quote,
            ),
            Finding(rule="heading-style", severity="info", message="标题序号写法不规范", section="s1"),
        ),
    )
    return Analysis(
        source=SourceInfo(path="/in/财政局/plan.txt", format="txt", sha256="2" * 64, size=len(text.encode())),
        text=text,
        documents=(doc,),
    )


def _dated_only_analysis(date: str | None, period: Period | None, path: str) -> Analysis:
    text = "某某工作通知\n请各单位按时报送材料。"
    doc = Document(title="某某工作通知", span=(0, len(text)), doc_type="notice", date=date, period=period)
    return Analysis(source=SourceInfo(path=path, format="txt", sha256="3" * 64, size=1), text=text, documents=(doc,))


DEPARTMENTS = {
    "/in/教育局/plan.txt": "教育局",
    "/in/卫健委/plan.txt": "卫健委",
    "/in/卫健委/bad.pdf": "卫健委",
    "/in/财政局/plan.txt": "财政局",
    "/in/民政局/a.txt": "民政局",
    "/in/民政局/b.txt": "民政局",
    "/in/民政局/c.txt": "民政局",
}


def report_summary() -> Summary:
    """Four departments, five documents, a broken file, every kind of date, a 1,000-character heading."""
    analyses = [
        _edu_analysis(),
        _health_analysis(),
        _broken(),
        _finance_analysis(),
        _dated_only_analysis("2024-05-06", None, "/in/民政局/a.txt"),  # only a 成文日期
        _dated_only_analysis(None, Period("2024-01-01", "2024-06-30", source="derived"), "/in/民政局/b.txt"),
        _dated_only_analysis(None, None, "/in/民政局/c.txt"),  # no date at all
    ]
    link = CopyLink(a="d2-1", b="d1-1", share=0.4, passages=(((33, 40), (26, 33), "开展全员培训。", "开展全员培训。"),))
    return summarise(analyses, DEPARTMENTS, links=[link], copied_share={"d2-1": 0.4})


def report_board(summary: Summary) -> Board:
    return submission_board(summary, [("交通局/plan.docx", "交通局"), ("plan.txt", "教育局")])


def report_page() -> str:
    summary = report_summary()
    return render_html(summary, "测试报告", board=report_board(summary))


@pytest.fixture(scope="module")
def page() -> str:
    return report_page()


def _section(page: str, sid: str) -> str:
    start = page.index(f'<section id="{sid}"') if f'<section id="{sid}"' in page else page.index(f"<section id='{sid}'")
    return page[start : page.index("</section>", start)]


def _findings_rows(page: str) -> list[str]:
    return re.findall(r"<tr data-sev=.*?</tr>", _section(page, "findings"))


def test_rule_names_are_chinese_with_the_id_as_secondary_text(page: str) -> None:
    assert rule_name("missing-section") == "缺少必备章节" and rule_name("no-such-rule") == "no-such-rule"
    rows = _findings_rows(page)
    assert len(rows) == 5
    for row in rows:
        rule = re.search(r"data-rule='([^']+)'", row).group(1)  # type: ignore[union-attr]
        cell = re.findall(r"<td[^>]*>(.*?)</td>", row)[3]
        assert cell == f"{rule_name(rule)}<code class='rule-id'>{rule}</code>"
        assert rule_name(rule) != rule  # every rule of the fixture has a Chinese name in the catalogue
    # the chart of rules is labelled with the Chinese names, the id in the tooltip
    assert "<title>task-no-owner</title>" in _section(page, "overview") and rule_name("task-no-owner") in page


def test_severity_legend_and_tags(page: str) -> None:
    legend = re.search(r"<p class='legend sev-legend'>.*?</p>", _section(page, "findings")).group(0)  # type: ignore[union-attr]
    for word in ("错误", "警告", "提示"):
        assert word in legend
    assert all(re.search(r"<span class='tag tag-(error|warn|info)'>", row) for row in _findings_rows(page))


def test_message_is_a_link_only_when_it_has_a_target(page: str) -> None:
    for row in _findings_rows(page):
        msg = re.search(r"<td class='msg'>(.*?)</td>", row).group(1)  # type: ignore[union-attr]
        target = re.fullmatch(r"<a href='#([^']+)'>.*</a>", msg)
        if target:
            assert f'id="{target.group(1)}"' in page  # the excerpt it points to exists, outside any packed block
        else:
            assert "<a" not in msg
    linked = sum(1 for row in _findings_rows(page) if "<td class='msg'><a " in row)
    assert linked == 3  # placeholder, task-no-owner, vague-goal carry spans; missing-section and heading-style do not


def test_a_long_heading_is_clipped_with_a_tooltip(page: str) -> None:
    row = next(r for r in _findings_rows(page) if "vague-goal" in r)
    cell = re.findall(r"<td[^>]*>(.*?)</td>", row)[2]
    shown = re.sub(r"<[^>]+>", "", cell)
    assert len(shown) <= 60 and shown.endswith("…")
    tip = html.unescape(re.search(r'title="([^"]*)"', cell).group(1))  # type: ignore[union-attr]
    assert LONG_HEADING.startswith(tip.rstrip("…")) and len(tip) > 300
    assert LONG_HEADING not in page  # nowhere whole outside the packed text


def test_timeline_shows_every_document_with_any_date(page: str) -> None:
    overview = _section(page, "overview")
    svg = overview[overview.index("id='timeline'") :]
    summary = report_summary()
    keys = {d.title: d.key for d in summary.docs}
    listed = set(re.findall(r'<a href="#(d\d+-\d+)">', svg))
    dated = {d.key for d in summary.docs if d.document.period or d.document.schedule or d.document.date}
    assert listed == dated and len(dated) == 5
    assert keys["县财政局预算绩效管理工作方案"] in listed  # stages only, no period
    assert svg.count('class="tl-phase"') == 2 and svg.count('class="tl-derived"') == 1
    assert svg.count('class="tl-dated"') == 1 and svg.count('class="tl-stated"') == 2


def test_packed_parts_hold_the_whole_text(page: str) -> None:
    summary = report_summary()
    blocks = dict(re.findall(rf"<script type='{PACKED_TYPE}' id='([^']+)-packed'>([^<]*)</script>", page))
    assert set(blocks) == {d.key for d in summary.docs} | {"copying"}
    for d in summary.docs:
        fragment = unpacked(blocks[d.key])
        text = html.unescape(re.sub(r"<[^>]+>", "", fragment))
        body = summary.analysis_of(d).text[slice(*d.document.span)]
        assert body in text
    assert all(re.fullmatch(r"[A-Za-z0-9+/=]+", b) for b in blocks.values())
    assert "开展全员培训" in html.unescape(re.sub(r"<[^>]+>", "", unpacked(blocks["copying"])))
    assert LINES[100] not in page  # the text itself travels packed only


def test_excerpt_shows_the_finding_in_its_context() -> None:
    a = _finance_analysis()
    doc = a.documents[0]
    shown = excerpt(a.text, doc, doc.findings[0], "k-f1")
    assert f'<span class="hl-f-warn" id="k-f1">{LINES[3]}</span>' in shown
    assert shown.startswith("…") and shown.endswith("…") and LINES[2][-10:] in shown
    assert excerpt(a.text, doc, doc.findings[1], "k-f2") == ""  # no span, no excerpt


def test_board_section(page: str) -> None:
    board = _section(page, "board")
    rows = dict(re.findall(r"<tr><td>([^<]+)</td><td><span class='tag [^']+'>([^<]+)</span>", board))
    assert rows == {"交通局": "未报送", "卫健委": "已报送", "教育局": "已报送", "民政局": "已报送", "财政局": "已报送"}
    assert "plan.docx" in board and "未报送 1 个部门" in board
    assert "<section id='board'>" not in render_html(report_summary(), "无清单")  # no board given: no section


def test_self_contained_and_script_optional(page: str) -> None:
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page) and "<link" not in page
    assert "<script src" not in page
    # the controls that need the script are hidden without it; every row is in the source, in document order
    assert "<div id='filter' class='js-only'>" in page
    keys = re.findall(r"<tr data-sev='\w+' data-dept='[^']*' data-doc='(d\d+-\d+)'", page)
    assert keys == sorted(keys, key=lambda k: tuple(int(n) for n in k[1:].split("-")))


def test_report_of_a_folder_with_its_manifest(tmp_path: Path) -> None:
    from cxzy_nlp.corpus.report import report_summary, write_report

    folder = tmp_path / "收文"
    (folder / "教育局").mkdir(parents=True)
    (folder / "教育局" / "方案.txt").write_text(EDU_TEXT, encoding="utf-8")
    manifest = folder / "清单.csv"
    manifest.write_text("文件,部门\n教育局/方案.txt,教育局\n民政局/计划.docx,民政局\n", encoding="utf-8")
    summary = report_summary([folder], manifest=manifest)
    assert [Path(f.path).name for f in summary.files] == ["方案.txt"]  # the manifest is not a submission
    page = write_report(summary, tmp_path / "报告.html", manifest=manifest).read_text(encoding="utf-8")
    board = _section(page, "board")
    assert "民政局" in board and "未报送" in board and "计划.docx" in board


EDU_TEXT = (
    "县教育局2024年教师培训实施方案\n一、工作目标\n到2024年12月底，培训覆盖率达到95%。\n二、主要任务\n开展全员培训。\n"
)
