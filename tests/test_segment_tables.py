"""Tables written as text are not headings (issue 14).

Financial statements and their notes read from a PDF or an OCR come as lines: numbered rows that carry
amounts (``3.本期减少 2,000.00``), short numbered labels among them (``二、折旧``), the 附注 column's
indexes (``五、1``) and label columns read out of order. They stay body text; the real headings around
them (``2. 房屋设备``, ``（2）未办证情况``) keep their places and their sequence. All texts are written
for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cxzy_nlp.cli import app
from cxzy_nlp.model import Document
from cxzy_nlp.pipeline import analyse_text
from cxzy_nlp.zones import numeric_cells, table_text_lines

NOTES = (
    "某某公司财务报表附注\n"
    "一、财务报表项目注释\n"
    "1. 存放款项\n"
    "项 目 期末余额 期初余额\n"
    "银行存款 1,200,000.00 980,000.00\n"
    "合 计 1,200,000.00 980,000.00\n"
    "2. 房屋设备\n"
    "（1）设备情况\n"
    "项 目 房屋 设备 合计\n"
    "一、原值\n"
    "1.期初余额 500,000.00 － 500,000.00\n"
    "2.本期增加 20,000.00 3,000.00 23,000.00\n"
    "3.本期减少 － － －\n"
    "二、折旧和摊\n"
    "销\n"
    "1.期初余额 100,000.00 － 100,000.00\n"
    "2.本期增加 10,000.00 600.00 10,600.00\n"
    "三、减值准备 － － －\n"
    "四、净值\n"
    "1.期末净值 410,000.00 2,400.00 412,400.00\n"
    "（2）未办证情况\n"
    "项 目 账面价值 原因\n"
    "办公楼 300,000.00 正在办理\n"
    "3. 短期借款\n"
    "本期末无逾期未还的短期借款。\n"
    "4. 应付款项\n"
    "本期应付款项均在一年以内。\n"
    "二、或有事项\n"
    "本期无重大或有事项。\n"
)
NOTES_HEADINGS = [
    "一、财务报表项目注释",
    "1.存放款项",
    "2.房屋设备",
    "（1）设备情况",
    "（2）未办证情况",
    "3.短期借款",
    "4.应付款项",
]

# an OCR's balance sheet: one cell a line, the 附注 column between the item and its amounts
OCR_SHEET = (
    "资产负债表\n编制单位：某某公司\n项\n目\n附注\n2023年12月31日\n"
    "一、流动资产\n货币资金\n五、1\n1,234,567.89\n1,100,000.00\n应收账款\n五、2\n345,678.90\n300,000.00\n"
    "二、非流动资产\n固定资产\n五、3\n2,000,000.00\n2,100,000.00\n三、资产总计\n3,580,246.79\n3,500,000.00\n"
)

# the label column of a statement of changes read out of order
SCRAMBLED = (
    "一、总体要求\n坚持稳中求进。\n二、重点任务\n完成年度目标。\n"
    "2 本年使用\n（五）专项储备\n5. 其他结转\n4. 计划变动额结转\n1. 本年提取\n6. 其他\n3. 弥补亏损\n"
    "三、保障措施\n加强组织领导。\n"
)


def _outline(doc: Document) -> list[str]:
    return [f"{s.number}{s.heading}" for top in doc.sections for s in top.walk()]


@pytest.mark.parametrize(
    ("name", "text", "headings", "not_headings"),
    [
        (
            "notes",
            NOTES,
            NOTES_HEADINGS,
            ["一、原值", "二、折旧和摊", "三、减值准备", "四、净值", "1.期初余额", "3.本期减少"],
        ),
        ("ocr sheet", OCR_SHEET, [], ["五、1", "五、2", "一、流动资产", "二、非流动资产", "三、资产总计"]),
        (
            "scrambled",
            SCRAMBLED,
            ["一、总体要求", "二、重点任务", "三、保障措施"],
            ["（五）专项储备", "5.其他结转", "1.本年提取"],
        ),
    ],
)
def test_table_text_stays_out_of_the_section_tree(
    name: str, text: str, headings: list[str], not_headings: list[str]
) -> None:
    analysis = analyse_text(text, stages="segment")
    outline = [h.replace(" ", "") for doc in analysis.documents for h in _outline(doc)]
    for heading in headings:
        assert heading in outline, (name, heading, outline)
    for row in not_headings:
        assert not any(h.startswith(row) for h in outline), (name, row, outline)
    assert [h for h in outline if h in headings] == headings  # the real headings keep their order


def test_real_headings_around_a_table_keep_their_sequence() -> None:
    analysis = analyse_text(NOTES, stages="segment")
    (doc,) = analysis.documents
    assert not [f for f in doc.findings if f.rule == "heading-sequence"], doc.findings
    top = doc.sections[0]
    assert [f"{s.number}{s.heading}" for s in doc.sections] == ["一、财务报表项目注释", "二、或有事项"]
    assert [f"{s.number}{s.heading}".replace(" ", "") for s in top.children] == NOTES_HEADINGS[1:3] + NOTES_HEADINGS[5:]


def test_control_without_amounts_the_labels_are_headings() -> None:
    """The same lines with their amounts taken away are a list, which the segmenter keeps (the test can fail)."""
    bare = "\n".join(numeric_cells(line)[2] or line for line in NOTES.split("\n"))
    analysis = analyse_text(bare, stages="segment")
    outline = [h.replace(" ", "") for doc in analysis.documents for h in _outline(doc)]
    assert any(h.startswith("二、折旧") for h in outline), outline


def test_control_an_ordered_list_is_no_scrambled_run() -> None:
    ordered = SCRAMBLED.replace(
        "2 本年使用\n（五）专项储备\n5. 其他结转\n4. 计划变动额结转\n1. 本年提取\n6. 其他\n3. 弥补亏损\n",
        "1. 本年提取\n2. 本年使用\n3. 弥补亏损\n4. 计划变动额结转\n5. 其他结转\n",
    )
    outline = [h.replace(" ", "") for doc in analyse_text(ordered, stages="segment").documents for h in _outline(doc)]
    assert "5.其他结转" in outline, outline


@pytest.mark.parametrize(
    ("line", "cells", "table"),
    [
        ("3.本期减少金额 10,182,509.30", 1, True),
        ("三、减值准备 － － －", 3, True),
        ("（1）计提 84,752,569.11 194,739.65 －", 3, True),
        ("1.期初余额 2,314,829.41\t－\t26,152.86", 3, True),
        ("二、活动时间 2024", 1, False),  # a year is no amount
        ("（一）准备阶段 2024.03", 1, False),
        ("一、活动背景", 0, False),
        ("5. 预算 12.5万元", 0, False),
    ],
)
def test_numeric_cells(line: str, cells: int, table: bool) -> None:
    count, is_table, _ = numeric_cells(line)
    assert (count, is_table) == (cells, table)


def test_a_heading_followed_by_its_tables_column_heads_stays_a_heading() -> None:
    lines = [
        "合 计 781,110.33 570,265.25",
        "18. 投资用房",
        "（1）按成本计量",
        "项 目 房屋 土地 合计",
        "一、原值",
        "1.期初余额 2,314.41 － 2,340.27",
    ]
    assert table_text_lines(lines) == {4, 5}


def test_outline_cli_leaves_table_rows_out(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(NOTES, encoding="utf-8")
    result = CliRunner().invoke(app, ["outline", str(path), "-f", "text"])
    assert result.exit_code == 0, result.output
    assert "房屋设备" in result.output and "未办证情况" in result.output
    assert "减值准备" not in result.output and "期初余额" not in result.output


TEAMS = (
    "一、比赛介绍\n比赛面向全省高校。\n二、日程安排\n五月报名，六月决赛。\n三、参赛队伍信息\n"
    "一、本科组\n序号\t作品名称\t参赛单位\n1\t智能导盲杖\t某某大学\n"
    "二、中学组\n序号\t作品名称\t参赛单位\n1\t节水灌溉装置\t某某中学\n"
)


def test_a_list_restarting_right_under_a_later_heading_is_its_child() -> None:
    (doc,) = analyse_text(TEAMS, stages="segment").documents
    assert [s.heading for s in doc.sections] == ["比赛介绍", "日程安排", "参赛队伍信息"]
    assert [s.heading for s in doc.sections[2].children] == ["本科组", "中学组"]
    assert not [f for f in doc.findings if f.rule == "heading-sequence"], doc.findings


def test_control_a_slip_right_under_the_second_heading_stays_a_sibling() -> None:
    text = TEAMS.replace("三、参赛队伍信息\n", "").replace("二、日程安排\n五月报名，六月决赛。\n", "二、日程安排\n")
    (doc,) = analyse_text(text, stages="segment").documents
    assert "本科组" in [s.heading for s in doc.sections], [s.heading for s in doc.sections]
