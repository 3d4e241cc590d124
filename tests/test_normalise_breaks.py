"""A Word line break before a numbered heading (``…要求。<br>二．工作感悟``) puts the heading on a line of its own
(cxzy_nlp.normalise.split_breaks, issue 14); other breaks stay inside their paragraph."""

from __future__ import annotations

from cxzy_nlp.model import Block, ReadResult, SourceInfo
from cxzy_nlp.normalise import normalise, split_breaks
from cxzy_nlp.segment import segment

PARAS = [
    "工作总结",
    "一．主要工作",
    "完成了三个岗位的学习。\n二．工作感悟",
    "认真对待每一份工作。",
    "三．下一步打算",
    "继续学习。",
]


def _read(fmt: str, paras: list[str]) -> ReadResult:
    source = SourceInfo(path=f"x.{fmt}", format=fmt, sha256="0", size=0)
    return ReadResult(source=source, blocks=tuple(Block(text=p, paragraph=i) for i, p in enumerate(paras)))


def test_a_heading_after_a_line_break_starts_its_own_line() -> None:
    normal = normalise(_read("docx", PARAS))
    assert "\n二．工作感悟\n" in normal.text
    tops = [s.heading for d in segment(normal) for s in d.sections]
    assert tops == ["主要工作", "工作感悟", "下一步打算"]


def test_control_other_breaks_stay_inside_the_paragraph() -> None:
    block = Block(text="地址：北京市\n海淀区\n电话：123", style="Heading 2", outline_level=1)
    assert split_breaks(block) == [block]
    parts = split_breaks(Block(text="正文一句。\n1、第一项", style="Heading 2", outline_level=1, paragraph=4))
    assert [p.text for p in parts] == ["正文一句。", "1、第一项"]
    assert parts[1].outline_level is None and parts[1].paragraph == 4


def test_control_a_pdf_keeps_its_lines() -> None:
    assert "\n二．工作感悟\n" not in normalise(_read("pdf", PARAS)).text


def test_a_plain_texts_title_is_not_joined_with_its_addressee_line() -> None:
    title = "关于开展二〇二四年暑期大学生志愿者社会实践活动的通知"
    paras = [title, "各二级团组织：", "为做好暑期社会实践工作，现将有关事项通知如下。"]
    lines = normalise(_read("txt", paras)).text.split("\n")
    assert lines[:2] == [title, "各二级团组织："]
    # control: a line wrapped at the same width mid-sentence is joined
    joined = normalise(_read("txt", [title, "二级团组织要认真组织。"])).text
    assert "\n" not in joined
