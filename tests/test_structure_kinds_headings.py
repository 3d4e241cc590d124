"""Kinds told by headings and a contents page that ends where its entries repeat (issue 14).

A document whose title and body name no kind takes the kind its headings tell (工作完成情况, 存在问题 → a
summary), as weak evidence; a title ending in 分工 is a division of work. A contents page written with tabs ends
at the first entry the body repeats with a space (``1<tab>引言<tab>2`` then ``1 引言``)."""

from __future__ import annotations

from conftest import normal_text

from cxzy_nlp.kinds import WEAK, heading_kind
from cxzy_nlp.model import Block
from cxzy_nlp.pipeline import analyse_text
from cxzy_nlp.segment import segment

SUMMARY = "一、{a}\n本季度完成了三项培训。\n二、{b}\n人手不足，进度偏慢。\n三、{c}\n继续推进培训。\n"


def _kind(text: str) -> tuple[str | None, str | None]:
    doc = analyse_text(text, stages="segment").documents[0]
    return doc.doc_type, doc.doc_type_evidence


def test_headings_tell_an_unkinded_documents_kind() -> None:
    kind, evidence = _kind(SUMMARY.format(a="工作完成情况", b="存在问题", c="下一步打算"))
    assert kind == "work_summary"
    assert evidence is not None and "存在问题" in evidence and WEAK in evidence


def test_control_neutral_headings_tell_no_kind() -> None:
    assert _kind(SUMMARY.format(a="培训情况", b="人员情况", c="其他事项"))[0] == "other"


def test_one_heading_word_or_a_tie_tells_nothing() -> None:
    assert heading_kind(["存在问题", "人员情况"]) is None
    assert heading_kind(["存在问题", "下一步", "需求分析", "总体设计"]) is None
    assert heading_kind(["1 引言", "2 需求分析", "3 总体设计"]) == ("technical_plan", ["需求分析", "总体设计"])


def test_a_title_naming_a_division_of_work() -> None:
    assert _kind("答疑分工\n王明：负责招生政策。\n李华：负责专业介绍。\n")[0] == "work_schedule"


def test_a_tabbed_contents_page_ends_where_the_body_repeats_an_entry() -> None:
    rows = ["目录", "1\t引言\t2", "1.1\t编写目的\t2", "2\t需求分析\t3", "3\t总体设计\t4"]
    body = [
        "1 引言",
        "1.1 编写目的",
        "本文说明系统的设计。",
        "2 需求分析",
        "用户需要登录。",
        "3 总体设计",
        "采用三层结构。",
    ]
    docs = segment(normal_text([Block(text=t) for t in rows + body]))
    tops = [s.heading for s in docs[0].sections]
    assert tops == ["引言", "需求分析", "总体设计"]
    assert [z.kind for z in docs[0].zones][-1] == "body"


def test_a_short_heading_word_names_only_a_whole_heading() -> None:
    assert heading_kind(["项目目标", "数据输入", "结果输出"]) is None  # 目标, 输入, 输出 inside other headings
    assert heading_kind(["目标", "输入", "输出"]) == ("work_plan", ["目标", "输入", "输出"])
    assert heading_kind(["二〇二四年存在的问题", "下一步打算"]) == ("work_summary", ["存在的问题", "下一步"])
