"""Section labels of shapes seen in real documents: the unnamed items of a notice, and more. Project-written headings."""

from __future__ import annotations

from cxzy_nlp.classify import classify
from cxzy_nlp.model import Document, Section


def _doc(doc_type: str, text: str, headings: list[str]) -> tuple[Document, str]:
    """A document of ``doc_type`` whose level-1 sections are ``headings``, each followed by one body line."""
    sections: list[Section] = []
    body = text
    for i, heading in enumerate(headings):
        start = len(body)
        line = f"{'一二三四五六七八九'[i]}、{heading}\n"
        body += line + "请各单位确保对象范围准确、时间地点落实、经费到位。\n"
        sections.append(
            Section(
                id=f"s{i + 1}",
                number=f"{'一二三四五六七八九'[i]}、",
                heading=heading,
                level=1,
                span=(start, len(body)),
                heading_span=(start + 2, start + len(line) - 1),
            )
        )
    return Document(title="t", span=(0, len(body)), doc_type=doc_type, sections=tuple(sections)), body


# Unnamed top items of a notice or an opinion are the work it directs; the first sentence's keywords
# (对象, 时间, 经费 above) do not name the item.
DIRECTED = ["分类核查账号资质", "认真做好材料核验", "严禁违规变相收费"]


def test_unnamed_top_items_of_a_notice_are_its_tasks() -> None:
    for doc_type in ("notice", "opinion", "implementation_plan"):
        doc, text = _doc(doc_type, "关于规范账号管理的通知\n", DIRECTED)
        labelled = classify(doc, text, use_model=False)
        assert [s.labels for s in labelled.sections] == [("tasks",)] * 3, doc_type


def test_control_named_items_of_a_notice_keep_their_names() -> None:
    doc, text = _doc("notice", "关于举办运动会的通知\n", ["活动时间", "参加对象", "工作要求"])
    labelled = classify(doc, text, use_model=False)
    assert [s.labels for s in labelled.sections] == [("logistics",), ("logistics",), ("safeguards",)]


def test_control_a_report_gets_no_tasks_prior() -> None:
    doc, text = _doc("report", "调研报告\n", DIRECTED)
    labelled = classify(doc, text, use_model=False)
    assert [s.labels for s in labelled.sections] == [()] * 3
