"""Locations: offsets to 第3页 / 第41段 / 第12行 and the enclosing section, in every output."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import jsonschema
import pytest
from conftest import normal_text

from cxzy_nlp.errors import ConfigError
from cxzy_nlp.jsonio import SCHEMA_VERSION, analysis_from_dict, analysis_to_dict, schema
from cxzy_nlp.locate import Locator, describe, places_of, section_path
from cxzy_nlp.model import Block, BlockSpan, Location, NormalText, Section
from cxzy_nlp.pipeline import analyse, analyse_text
from cxzy_nlp.read import read_path
from cxzy_nlp.read.doc import ParagraphProps, RawParagraph, paragraphs_to_blocks

PLAN = """某县教育局2024年教师培训实施方案
为提升教师专业能力，制定本方案。
一、工作目标
到2024年12月底，全县教师培训覆盖率达到95%。
二、主要任务
（一）开展全员培训
由XX单位负责组织全员培训，____年完成。
（二）组织骨干研修
由县教师进修学校负责，2024年10月底前完成。
三、组织领导
成立领导小组，局长王明任组长。
"""


def _normal(*blocks: Block) -> NormalText:
    return normal_text(list(blocks))


# ---------------------------------------------------------------- the locator


def test_word_blocks_give_paragraphs_and_table_cells_count_one_each() -> None:
    normal = _normal(
        Block("标题", paragraph=0),
        Block("负责单位\t县教育局\t2024年", kind="table_row", paragraph=1),
        Block("正文", paragraph=4),
    )
    loc = Locator.of_text(normal, "docx")
    text = normal.text
    assert loc.place(0).paragraph == 1
    assert loc.place(text.index("负责单位")).paragraph == 2
    assert loc.place(text.index("县教育局") + 1).paragraph == 3  # second cell of the row
    assert loc.place(text.index("2024年")).paragraph == 4
    assert loc.place(text.index("正文")).paragraph == 5
    assert loc.place(len(text) + 10).paragraph == 5  # past the end: the last block


def test_pdf_blocks_give_pages_and_text_blocks_give_lines() -> None:
    normal = _normal(Block("一", page=1), Block("二", page=1), Block("三", page=2))
    assert [Locator.of_text(normal, "pdf").place(i).page for i in (0, 2, 4)] == [1, 1, 2]
    lines = _normal(Block("甲", paragraph=0), Block("乙", paragraph=3))  # a blank line or two between them
    assert [Locator.of_text(lines, "txt").place(i).line for i in (0, 2)] == [1, 4]
    html = _normal(Block("甲"), Block("乙"))
    assert [Locator.of_text(html, "html").place(i).line for i in (0, 2)] == [1, 2]


def test_section_path_is_the_chain_of_enclosing_sections() -> None:
    inner = Section("s2", "（三）", "经费保障", 2, (10, 20), (10, 16))
    outer = Section("s1", "二、", "保障措施", 1, (5, 30), (5, 9), children=(inner,))
    other = Section("s3", "三、", "附则", 1, (30, 40), (30, 34))
    assert [s.id for s in section_path((outer, other), 12)] == ["s1", "s2"]
    assert [s.id for s in section_path((outer, other), 25)] == ["s1"]
    assert [s.id for s in section_path((outer, other), 2)] == []
    located = Locator.of_text(_normal(Block("x" * 40, page=3)), "pdf").locate(12, (outer, other))
    assert located == Location(page=3, section_number="二、（三）", section_heading="经费保障")
    assert describe(located) == "第3页 · 二、（三）"
    assert describe(Location(paragraph=41)) == "第41段"
    assert describe(None) == ""


def test_every_element_of_an_analysis_is_located_and_the_record_validates() -> None:
    analysis = analyse_text(PLAN, "plan.txt")
    doc = analysis.documents[0]
    elements = [*doc.all_sections(), *doc.goals, *doc.activities, *doc.findings]
    assert doc.findings and doc.goals and elements
    assert all(x.location is not None and x.location.line for x in elements)
    vague = next(f for f in doc.findings if f.evidence and "XX单位" in f.evidence)
    assert vague.location is not None
    assert vague.location.line == PLAN.splitlines().index("由XX单位负责组织全员培训，____年完成。") + 1
    assert vague.location.section_number == "二、（一）"
    record = analysis_to_dict(analysis)
    jsonschema.validate(record, schema())
    assert record["schema_version"] == SCHEMA_VERSION == "2"
    assert record["documents"][0]["sections"][0]["location"] == {
        "line": 3,
        "section_number": "一、",
        "section_heading": "工作目标",
    }
    again = analysis_from_dict(json.loads(json.dumps(record, ensure_ascii=False)))
    assert analysis_to_dict(again) == record  # locations and the map survive the JSON round trip


def test_a_version_1_record_still_loads_without_locations() -> None:
    record = analysis_to_dict(analyse_text(PLAN, "plan.txt"))
    record["schema_version"] = "1"
    record.pop("places")
    for doc in record["documents"]:
        for key in ("goals", "activities", "findings"):
            for item in doc[key]:
                item.pop("location")
    analysis = analysis_from_dict(record)
    assert analysis.documents[0].findings[0].location is None


def test_an_unknown_stage_is_an_error_not_a_silent_skip(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="chek"):
        analyse_text(PLAN, stages="chek")
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    with pytest.raises(ConfigError, match="chek"):
        analyse(path, stages="chek")
    assert analyse(path, stages="extract").documents  # control: a known stage runs


# ---------------------------------------------------------------- the readers number paragraphs by the definition


def _docx_with_table(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("县教育局2024年工作方案")
    d.add_paragraph("")  # empty: not counted
    d.add_paragraph("一、工作目标")
    table = d.add_table(rows=2, cols=3)
    table.cell(0, 0).text = "项目"
    table.cell(0, 2).text = "负责单位"  # the middle cell stays empty: not counted
    a, b = table.cell(1, 0), table.cell(1, 1)
    a.merge(b).text = "培训"  # a merged cell counts once
    table.cell(1, 2).text = "教师进修学校"
    d.add_paragraph("二、保障措施")
    d.save(str(path))


def test_docx_reader_numbers_non_empty_paragraphs_and_cells(tmp_path: Path) -> None:
    path = tmp_path / "t.docx"
    _docx_with_table(path)
    analysis = analyse(path, stages="segment")
    where = {text: loc.paragraph for text, loc in _placed(analysis)}
    assert where == {
        "县教育局2024年工作方案": 1,
        "一、工作目标": 2,
        "项目": 3,
        "负责单位": 4,
        "培训": 5,
        "教师进修学校": 6,
        "二、保障措施": 7,
    }


def _placed(analysis) -> list[tuple[str, Location]]:  # type: ignore[no-untyped-def]
    text = analysis.text
    starts = [start for start, _ in analysis.places] + [len(text)]
    return [
        (re.split(r"[\t\n]", text[start:end])[0], loc)
        for (start, loc), end in zip(analysis.places, starts[1:], strict=True)
    ]


def test_doc_reader_numbers_cells_like_the_docx_reader() -> None:
    cell, row_end = ParagraphProps(in_table=True), ParagraphProps(in_table=True, row_end=True)
    paragraphs = [
        RawParagraph("标题", "\r", ParagraphProps()),
        RawParagraph("", "\r", ParagraphProps()),  # empty
        RawParagraph("项目", "\x07", cell),
        RawParagraph("", "\x07", cell),  # an empty cell
        RawParagraph("负责单位", "\x07", cell),
        RawParagraph("", "\x07", row_end),
        RawParagraph("正文", "\r", ParagraphProps()),
    ]
    blocks = paragraphs_to_blocks(iter(paragraphs), has_papx=True)
    assert [(b.text, b.paragraph) for b in blocks] == [("标题", 0), ("项目\t\t负责单位", 1), ("正文", 3)]
    normal = NormalText(
        "标题\n项目\t负责单位\n正文",  # normalisation folds the tabs of empty cells into one
        (BlockSpan(0, 2, blocks[0]), BlockSpan(3, 10, blocks[1]), BlockSpan(11, 13, blocks[2])),
    )
    loc = Locator.of_text(normal, "doc")
    assert [loc.place(normal.text.index(t)).paragraph for t in ("标题", "项目", "负责单位", "正文")] == [1, 2, 3, 4]


def test_places_cover_every_block_in_text_order(tmp_path: Path) -> None:
    path = tmp_path / "t.docx"
    _docx_with_table(path)
    result = read_path(path)
    from cxzy_nlp.normalise import normalise

    places = places_of(normalise(result), "docx")
    assert [s for s, _ in places] == sorted(s for s, _ in places)
    assert [loc.paragraph for _, loc in places] == list(range(1, 8))


# ---------------------------------------------------------------- outputs show them


def test_text_csv_and_sarif_show_the_location(tmp_path: Path) -> None:
    import csv
    import io

    from cxzy_nlp.report.csvout import CSV_COLUMNS, analysis_rows
    from cxzy_nlp.report.sarif import to_sarif
    from cxzy_nlp.report.text import place_of

    analysis = analyse_text(PLAN, "plan.txt")
    finding = next(f for f in analysis.documents[0].findings if f.evidence and "XX单位" in f.evidence)
    line = PLAN.splitlines().index("由XX单位负责组织全员培训，____年完成。") + 1
    assert place_of(finding, analysis.text) == f"第{line}行 · 二、（一）"
    out = io.StringIO()
    csv.writer(out).writerows(analysis_rows(analysis))
    rows = [dict(zip(CSV_COLUMNS, r, strict=True)) for r in csv.reader(io.StringIO(out.getvalue()))]
    row = next(r for r in rows if "XX单位" in r["evidence"])
    assert (row["line"], row["section_number"], row["place"]) == (str(line), "二、（一）", f"第{line}行 · 二、（一）")
    result = next(
        r
        for r in to_sarif([analysis])["runs"][0]["results"]
        if "努力提升" in r["locations"][0]["message"]["text"]
        or r["locations"][0].get("properties", {}).get("line") == line
    )
    loc = result["locations"][0]
    assert loc["physicalLocation"]["region"]["startLine"] == line
    assert loc["logicalLocations"][0]["fullyQualifiedName"] == "二、（一）"


def test_sarif_gives_a_pdf_finding_its_page_and_no_line(tmp_path: Path) -> None:
    from dataclasses import replace

    from cxzy_nlp.report.sarif import to_sarif

    analysis = analyse_text(PLAN, "plan.txt")
    doc = analysis.documents[0]
    paged = replace(doc, findings=tuple(replace(f, location=Location(page=2)) for f in doc.findings))
    result = to_sarif([replace(analysis, documents=(paged,))])["runs"][0]["results"][0]
    assert "region" not in result["locations"][0]["physicalLocation"]
    assert result["locations"][0]["properties"] == {"page": 2}
    assert result["locations"][0]["message"]["text"] == "第2页"


def test_annotate_anchors_on_the_located_paragraph_not_the_first_match(tmp_path: Path) -> None:
    import docx

    from cxzy_nlp.report.annotate import annotate

    src = tmp_path / "plan.docx"
    d = docx.Document()
    d.add_paragraph("县教育局2024年教师培训实施方案")
    d.add_paragraph("一、工作目标")
    d.add_paragraph("由XX单位负责组织培训。")  # the same words, twice
    d.add_paragraph("二、主要任务")
    d.add_paragraph("由XX单位负责组织培训。")
    d.save(str(src))
    out, analysis, placed = annotate(src, tmp_path / "out.docx")
    holes = [f for doc in analysis.documents for f in doc.findings if f.rule == "placeholder"]
    assert sorted(f.location.paragraph for f in holes if f.location) == [3, 5]
    assert [p.anchored_text for p in placed if p.finding.rule == "placeholder"] == ["XX", "XX"]
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    paras = re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S)
    commented = [i + 1 for i, p in enumerate(paras) if re.search(r'commentRangeStart w:id="\d+"/><w:r><w:t>XX<', p)]
    assert commented == [3, 5]  # each on its own paragraph; a text search would put both on paragraph 3
