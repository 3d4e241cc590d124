"""A notice sent and signed before the next title (issue 14, documents per file): the text from its 主送 line
(各…：) to its 落款 (issuer, date) is a document of its own, whether it has a title (a 转发 notice over the report
it forwards) or none (an untitled notice over the minutes it sends); a title after a preface is no such split."""

from __future__ import annotations

import pytest

from cxzy_nlp.pipeline import analyse_text
from cxzy_nlp.segment import closed_document_end

BODY = (
    "为做好协会筹建工作，现将有关表格印发给你们，请认真组织填报，并于七月底前寄回筹委会办公室。各单位要高度重视，按时完成。"
    * 2
)

UNTITLED_THEN_MINUTES = (
    "2015-06-18 11:14:30\n各有关单位：\n" + BODY + "\n星海市医疗协会（筹）\n二0一五年六月十五日\n"
    "星海市医疗协会筹备委员会\n第二次工作会议纪要\n一、成立大会\n时间定于九月。\n二、网站建设\n由秘书处负责。\n"
)
TITLED_THEN_REPORT = (
    "星海市人民政府办公室转发市环保局\n关于2024年环境治理工作的报告的通知\n各区人民政府，市各有关部门：\n"
    + BODY
    + "\n星海市人民政府办公室\n二〇二四年二月四日\n关于2024年环境治理工作的报告\n市人民政府：\n现报告如下：\n"
    "一、治理情况\n空气质量改善。\n二、下一步工作\n继续治理。\n"
)


@pytest.mark.parametrize("text", [UNTITLED_THEN_MINUTES, TITLED_THEN_REPORT], ids=["untitled", "titled"])
def test_a_signed_notice_before_a_title_is_a_document_of_its_own(text: str) -> None:
    first, second = analyse_text(text, stages="segment").documents
    assert first.doc_type == "notice" and not first.sections
    assert [s.heading for s in second.sections][:1] in (["成立大会"], ["治理情况"])


def test_control_a_preface_without_its_sender_s_close_stays_the_title_s_preface() -> None:
    unsigned = UNTITLED_THEN_MINUTES.replace("星海市医疗协会（筹）\n二0一五年六月十五日\n", "")
    assert len(analyse_text(unsigned, stages="segment").documents) == 1
    unsent = TITLED_THEN_REPORT.replace("各区人民政府，市各有关部门：\n", "")
    assert len(analyse_text(unsent, stages="segment").documents) == 1


def test_the_close_ends_at_the_next_title_s_first_lines() -> None:
    text = UNTITLED_THEN_MINUTES
    at = closed_document_end(text, text.index("第二次工作会议纪要"))
    assert at == text.index("星海市医疗协会筹备委员会")
