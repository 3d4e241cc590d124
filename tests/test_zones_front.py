"""The front matter of a technical document (cover, members and version tables, contents page), a sentence that
speaks of signing, and table rows that are no contents entries (cxzy_nlp.zones, cxzy_nlp.segment)."""

from __future__ import annotations

from conftest import normal_text

from cxzy_nlp.model import Block
from cxzy_nlp.segment import segment


def _row(text: str) -> Block:
    return Block(text, kind="table_row")


BODY = [
    Block("1 引言"),
    Block("1.1 标识"),
    Block("本文档适用于校园导航系统。"),
    Block("2 项目计划"),
    Block("2.1 进度"),
    Block("项目共分三个阶段完成，每个阶段结束时评审。"),
]
CONTENTS = [Block("目录"), Block("1 引言\t1"), Block("1.1 标识\t1"), Block("2 项目计划\t2"), Block("2.1 进度\t2")]


def _zones(blocks: list[Block]) -> list[tuple[str, str]]:
    normal = normal_text(blocks)
    (doc,) = segment(normal)
    return [(z.kind, normal.text[z.span[0] : z.span[1]].split("\n")[0][:8]) for z in doc.zones]


def test_a_cover_with_its_tables_above_the_contents_page() -> None:
    cover = [Block("校园导航系统"), Block("软件开发计划"), Block("负责人：张明"), Block("学号：2024001")]
    tables = [_row("项目组成员信息"), _row("学号\t姓名\t分工"), _row("2024001\t张明\t组长，负责前端")]
    tables += [Block("版本变更历史"), _row("版本\t日期\t说明"), _row("1.0\t2024.3.1\t初版，完成全部章节")]
    assert _zones(cover + tables + CONTENTS + BODY) == [
        ("cover", "校园导航系统"),
        ("form", "项目组成员信息"),
        ("contents", "目录"),
        ("body", "1 引言"),
    ]


def test_a_cover_set_in_a_table_with_its_members_on_one_line() -> None:
    cover = [_row("校园导航系统软件开发计划 项目组成员信息 小组名称 导航小组 张明 组长，撰写者 李华 组员，撰写者")]
    cover += [Block("版本变更历史"), _row("版本\t日期\t说明"), _row("1.0\t2024.3.1\t初版")]
    assert [k for k, _ in _zones(cover + CONTENTS + BODY)] == ["cover", "form", "contents", "body"]


def test_control_a_paragraph_of_text_above_the_contents_is_no_cover() -> None:
    text = [Block("校园导航系统软件开发计划"), Block("本计划说明导航系统的开发安排，供项目组成员和指导教师使用。")]
    assert _zones(text + CONTENTS + BODY)[0][0] != "cover"


def test_a_sentence_that_speaks_of_signing_is_no_signature() -> None:
    body = [*BODY, Block("采用用户签字制度，使用户在需求调研中保持积极负责的态度。"), Block("定期向用户汇报进度。")]
    assert "signature" not in [k for k, _ in _zones([Block("校园导航系统软件开发计划"), *body])]
    # control: a line that opens with a label to sign is a signature
    signed = [*BODY, Block("项目验收组（签字） 导航组（张明，李华） 日期：2024.06.27")]
    assert "signature" in [k for k, _ in _zones([Block("校园导航系统软件开发计划"), *signed])]


def test_rows_of_a_task_table_are_no_contents_entries() -> None:
    table = [
        _row("1.1.2\t收集素材\t2"),
        _row("1.1.3\t撰写开发计划\t2"),
        _row("1.2\t分析阶段\t9"),
        _row("1.2.1\t需求分析\t2"),
    ]
    blocks = [Block("校园导航系统软件开发计划"), *BODY[:3], Block("工作分解如下（天）："), *table, *BODY[3:]]
    assert "contents" not in [k for k, _ in _zones(blocks)]
    # control: the same entries as paragraphs of two cells are a contents page
    entries = [
        Block(r.text.rsplit("\t", 2)[0] + " " + r.text.split("\t")[1] + "\t" + r.text.split("\t")[2]) for r in table
    ]
    assert "contents" in [k for k, _ in _zones([Block("校园导航系统软件开发计划"), *entries, *BODY])]


def test_a_long_entry_between_two_contents_entries_is_contents() -> None:
    long_entry = Block(
        "项目计划的编写说明，包括进度、人员和资源安排的全部内容以及它们之间的关系和依赖。"
        "开发者应该将这些信息记录在软件开发文件中，供评审使用。\t2"
    )  # a paragraph pulled into the contents page, longer than an entry
    contents = [*CONTENTS[:3], long_entry, *CONTENTS[3:], Block("2.2 人员\t3")]
    assert _zones([Block("校园导航系统软件开发计划"), *contents, *BODY])[1:] == [
        ("contents", "目录"),
        ("body", "1 引言"),
    ]


def test_a_box_to_sign_glued_after_a_paragraph_is_its_signature() -> None:
    pledge = "以上内容本人已认真阅读，若项目获得立项，本人承诺严格遵照执行。 项目负责人签名： 年 月 日"
    blocks = [Block("校园导航项目申报书"), *BODY, Block(pledge), Block("导师意见： 签名： 年 月 日")]
    assert ("signature", "项目负责人签名：") in _zones(blocks)
    # control: a sentence asking for a signature is text, not a box to sign
    blocks[-2] = Block("以上内容请认真阅读，并请项目负责人签名后交回学院。")
    assert "signature" not in [k for k, _ in _zones(blocks)]


def test_a_forms_cover_ends_at_its_first_table_row_or_sentence() -> None:
    # a 合同书 with no numbered part: cover fields, then a preamble sentence, then the form's table
    cover = [Block("校级科研训练项目"), Block("合 同 书"), Block("项目编号：2024-017"), Block("项目负责人：张明")]
    cover += [Block("指导教师：李华"), Block("2024年")]
    rest = [Block("为保证项目顺利进行，学院与项目负责人订立合同如下：")]
    rest += [_row("项目名称\t校园导航小程序"), _row("研究内容\t完成地图、搜索和路线规划三个功能，并在校内试用。")]
    zones = _zones(cover + rest)
    assert zones[0] == ("cover", "校级科研训练项目"), zones
    assert ("form", "为保证项目顺利进") in zones, zones


def test_an_acceptance_or_a_supervisors_opinion_opens_the_approval_box() -> None:
    from cxzy_nlp.zones import opens_approval

    assert opens_approval("项目验收意见 系主任（签字）： 系（盖章）： 年 月 日")
    assert opens_approval("导师对课题研究进展的意见：")
    assert not opens_approval("对项目研究进展情况提出的意见和建议如下：")  # a sentence of the text, no role
    form = [Block("科研训练项目结题表"), _row("项目名称\t校园导航小程序"), _row("负责人\t张明")]
    form += [_row("项目简介\t本项目完成了地图、搜索和路线规划三个功能，已在校内试用两个月，用户反馈良好。")]
    form += [_row("项目验收意见 验收组长（签字）： 年 月 日"), _row("学校意见 负责人（签字）： 年 月 日")]
    zones = _zones(form)
    assert ("approval", "项目验收意见 验") in zones, zones


def test_a_forms_closing_note_is_form_notes() -> None:
    form = [Block("科研训练项目中期检查表"), _row("项目名称\t校园导航小程序"), _row("负责人\t张明")]
    form += [_row("进展情况\t地图和搜索功能已完成，路线规划正在开发，预计下月完成全部功能。")]
    form += [_row("指导教师意见： 签名： 年 月 日"), Block("注：表格不够可另附页。")]
    zones = _zones(form)
    assert zones[-1] == ("form_notes", "注：表格不够可另"), zones


def test_control_a_note_inside_a_plan_is_no_form_notes() -> None:
    plan = [Block("读书月活动方案"), Block("一、活动内容"), Block("开展好书推荐和读书分享会。")]
    plan += [Block("二、活动要求"), Block("各班按时报送名单。"), Block("注：名单请发送至团委邮箱。")]
    assert "form_notes" not in [k for k, _ in _zones(plan)]
