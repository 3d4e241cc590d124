"""Document kinds and the documents of a file (issue 14): titles that name a kind, notices that wrap a plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxzy_nlp.pipeline import analyse, analyse_text


def _documents(text: str) -> list[tuple[str | None, str | None, int | None]]:
    return [(d.doc_type, d.title, d.parent) for d in analyse_text(text, stages="segment").documents]


# fmt: off
KIND_TEXTS = [
    # (text, kinds of its documents in order)
    ("关于公布2024年读书节评比结果的通知\n各学院：\n现将评比结果公布如下。\n一等奖：三名。\n校团委\n2024年5月6日\n",
     ["notice"]),  # 公布 results: the notice itself, no wrapped document
    ("策\n划\n书\n一、活动背景\n学生阅读时间偏少。\n二、活动内容\n开展共读。\n三、经费预算\n共计三千元。\n",
     ["activity_plan"]),  # a cover title set one character a line
    ("甲\n乙\n一、活动背景\n学生阅读时间偏少。\n二、活动内容\n开展共读。\n",
     ["other"]),  # control: one-character lines that name no kind are no title
    ("关于印发《2024年志愿服务工作计划\n管理办法》的通知\n各单位：\n现将《2024年志愿服务工作计划管理办法》印发给你们，请遵照执行。\n"
     "团委\n2024年3月1日\n2024年志愿服务工作计划管理办法\n第一章 总则\n第一条 为规范志愿服务，制定本办法。\n"
     "第二章 管理\n第二条 志愿服务由团委统一管理。\n", ["notice", "regulation"]),  # a headline broken inside 《》
]
# fmt: on


@pytest.mark.parametrize(("text", "kinds"), KIND_TEXTS, ids=["publish-results", "stacked", "stacked-control", "broken"])
def test_kinds_of_documents(text: str, kinds: list[str | None]) -> None:
    assert [kind for kind, _, _ in _documents(text)] == kinds


def test_a_notice_publishing_results_is_known_by_its_title() -> None:
    (doc,) = analyse_text(KIND_TEXTS[0][0], stages="segment").documents
    assert doc.doc_type_evidence == "标题文种“通知”"


def test_a_stacked_cover_title_is_joined() -> None:
    ((kind, title, _),) = _documents(KIND_TEXTS[1][0])
    assert (kind, title) == ("activity_plan", "策划书")


NOTICE_WITH_LIST = (
    "各区教育局，各学校：\n现将有关事项通知如下：\n一、申报条件\n学校须有独立法人资格。\n二、申报程序\n网上填报。\n"
    "附件：1.省教育厅关于组织申报2024年示范学校的通知\n2.平台注册操作指引\n3.填报注意事项\n市教育局\n2024年3月1日\n"
)


def test_a_numbered_attachment_list_starts_no_document() -> None:
    docs = _documents(NOTICE_WITH_LIST)
    assert [kind for kind, _, _ in docs] == ["notice"]


def test_control_an_attachment_with_a_body_is_still_an_attachment() -> None:
    text = NOTICE_WITH_LIST.replace("2.平台注册操作指引\n3.填报注意事项\n", "") + (
        "附件2\n平台注册操作指引\n一、注册\n打开平台首页，点击注册，填写单位名称和组织机构代码。\n"
        "二、登录\n用组织机构代码登录平台，修改初始密码后按提示完善单位信息。\n" * 2
    )
    analysis = analyse_text(text, stages="segment")
    assert any(s.number.startswith("附件") for d in analysis.documents for s in d.sections)


SCRAPED_PAGE = (
    "市教育局关于印发《城区学校绿化提升实施方案》的通知_某市教育网 首页 > 正文 "
    "市教育局关于印发《城区学校绿化提升实施方案》的通知 2024年03月02日 来源：市教育局 "
    "各学校：现将《城区学校绿化提升实施方案》印发给你们，请认真贯彻执行。 市教育局 2024年3月1日 "
    "城区学校绿化提升 实施方案 为进一步改善校园环境，制定本方案。 一、工作目标 年内新增绿地十处。 "
    "二、主要任务 （一）补种树木。 （二）建设花坛。 三、组织领导 成立工作专班。"
)


def test_a_notice_and_its_plan_on_one_line_are_two_linked_documents() -> None:
    docs = analyse_text(SCRAPED_PAGE, stages="segment").documents
    assert [(d.doc_type, d.parent) for d in docs] == [("notice", None), ("implementation_plan", 0)]
    plan = docs[1]
    assert [s.heading for s in plan.sections][:2] == ["工作目标", "主要任务"]
    assert plan.title is not None and plan.title.replace(" ", "") == "城区学校绿化提升实施方案"


def test_a_scraped_pages_headline_before_the_site_name_is_its_title() -> None:
    text = (
        "关于开展2024年校园安全月活动的通知_某市教育网 首页 > 正文 各学校：为做好校园安全工作，现将有关事项通知如下。"
    )
    (doc,) = analyse_text(text, stages="segment").documents
    assert (doc.doc_type, doc.title) == ("notice", "关于开展2024年校园安全月活动的通知")
    control = text.replace("_某市教育网", "某市教育网")  # no separator: the line is no title
    assert analyse_text(control, stages="segment").documents[0].title != doc.title


def test_control_a_notice_that_only_quotes_its_plan_stays_one_document() -> None:
    text = SCRAPED_PAGE.split(" 城区学校绿化提升 实施方案 ")[0]
    assert [parent for _, _, parent in _documents(text)] == [None]


# ------------------------------------------------------------------ real documents (development split)


@pytest.mark.realdocs
@pytest.mark.parametrize(
    ("name", "kinds"),
    [
        ("rd004.doc", ["notice", "regulation"]),  # letterhead + 文号, a headline broken inside 《》, the 办法
        ("rd019.pdf", ["notice"]),  # 关于公布…结果的通知
        ("rd029.docx", ["activity_plan"]),  # 策 / 划 / 书
        ("rd065.txt", ["notice"]),  # 附件：1.…的通知 / 2.… is its attachment list
        ("rd084.txt", ["notice", "implementation_plan"]),  # a scraped page on one line
    ],
)
def test_kinds_of_real_documents(realdocs: Path, name: str, kinds: list[str]) -> None:
    path = realdocs.parent / "realdocs2" / name
    if not path.is_file():
        pytest.skip("../shared/realdocs2 is not present on this machine")
    docs = analyse(path, stages="segment").documents
    assert [d.doc_type for d in docs] == kinds
    if len(kinds) == 2 and kinds[0] == "notice" and kinds[1] != "regulation":
        assert docs[1].parent == 0


# ------------------------------------------------------------------ dated entries


LOG = (
    "项目组会议记录\n2024/3/2\n讨论项目选题，确定开发方向。\n2024/3/9\n完成需求调研，整理用户意见。\n"
    "2024/3/16\n评审原型设计，分配编码任务。\n2024/3/23\n联调测试，修复缺陷。\n"
)


def test_dates_heading_entries_of_a_log_are_headings() -> None:
    (doc,) = analyse_text(LOG, stages="segment").documents
    assert [(s.heading, s.level) for s in doc.sections] == [
        ("2024/3/2", 1),
        ("2024/3/9", 1),
        ("2024/3/16", 1),
        ("2024/3/23", 1),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "\n".join(LOG.split("\n")[:5]) + "\n",  # two entries are no run (a 落款 date is one line)
        LOG.replace("2024/3/2\n", "一、选题\n2024/3/2\n").replace("2024/3/16\n", "二、设计\n2024/3/16\n"),  # a ladder
    ],
    ids=["two-dates", "numbered-ladder"],
)
def test_control_dates_are_no_headings_without_a_run_or_beside_a_ladder(text: str) -> None:
    docs = analyse_text(text, stages="segment").documents
    assert not any(s.heading.startswith("2024/") for d in docs for s in d.all_sections())


@pytest.mark.realdocs
def test_rd101_minutes_have_their_meeting_dates_as_headings(realdocs: Path) -> None:
    path = realdocs.parent / "realdocs2" / "rd101.docx"
    if not path.is_file():
        pytest.skip("../shared/realdocs2 is not present on this machine")
    (doc,) = analyse(path, stages="segment").documents
    assert len(doc.sections) >= 14 and doc.sections[0].heading == "2018/4/22"


# ------------------------------------------------------------------ kinds from weaker cues (stop 26)

STAGED = (
    "阶段一、宣传发动\n张贴海报，组织报名。\n阶段二、集中培训\n开展志愿者培训。\n阶段三、总结表彰\n评选优秀志愿者。\n"
)

# fmt: off
WEAK_KIND_TEXTS = [
    # (text, kind, evidence says)
    (STAGED, "work_schedule", "分阶段"),                          # untitled, laid out in stages
    ("两周任务\n6月1日到6月5日：熟悉产品操作。\n6月8日到6月12日：学习技术实现。\n", "work_schedule", "任务"),
    ("答辩稿\n各位评委老师好，我们的作品是校园导航系统。\n", "speech", "答辩稿"),
    ("PPT\n第一张：各位评委老师们好，我们组的作品是校园导航系统。\n第二张：系统分三个模块。\n", "speech", "各位评委"),
    ("校园商城开发计划书\n1 引言\n本计划说明开发安排。\n2 进度\n九月完成需求。\n", "technical_plan", "开发计划书"),
    ("节能项目研究总结报告\n一、项目背景\n校园用电偏多。\n二、项目成果\n节电一成。\n", "work_summary", "总结报告"),
]
# fmt: on


@pytest.mark.parametrize(
    ("text", "kind", "said"), WEAK_KIND_TEXTS, ids=["stages", "tasks", "defence", "ppt", "dev", "sum"]
)
def test_kinds_from_weaker_cues(text: str, kind: str, said: str) -> None:
    (doc,) = analyse_text(text, stages="segment").documents
    assert doc.doc_type == kind
    assert said in (doc.doc_type_evidence or "")


@pytest.mark.parametrize(
    "text",
    [
        STAGED.replace("阶段三、总结表彰\n评选优秀志愿者。\n", ""),  # two stages are no layout
        "两个问题\n6月1日到6月5日：熟悉产品操作。\n",  # a first line naming no work
        "PPT\n第一张：我们的作品是校园导航系统。\n",
    ],
    ids=["two-stages", "no-word", "no-audience"],
)
def test_control_no_kind_without_the_cue(text: str) -> None:
    (doc,) = analyse_text(text, stages="segment").documents
    assert doc.doc_type == "other"


def test_a_kind_from_weak_cues_runs_only_the_kind_agnostic_rules() -> None:
    (doc,) = analyse_text(STAGED, stages="segment").documents
    assert doc.profile == "default"


RULES_WITH_PLEDGE = (
    "创新项目管理细则\n一、申报\n项目每年申报一次。\n二、管理\n项目由指导教师负责管理。\n本细则自公布之日起实行。\n"
    "信息工程系\n2024.4.27\n信息工程系创新项目承诺书\n一、项目信息\n项目名称：\n项目负责人：\n负责人签名：\n日期： 年 月 日\n"
)


def test_a_pledge_form_after_the_signed_rules_is_a_document_of_its_own() -> None:
    analysis = analyse_text(RULES_WITH_PLEDGE, stages="segment")
    rules, pledge = analysis.documents
    assert (rules.doc_type, pledge.doc_type) == ("regulation", "application_form")
    assert ("signature", "信息工程系") in [
        (z.kind, analysis.text[z.span[0] : z.span[1]].split("\n")[0]) for z in rules.zones
    ]


def test_control_the_pledge_named_inside_a_sentence_starts_no_document() -> None:
    text = RULES_WITH_PLEDGE.replace(
        "信息工程系创新项目承诺书\n", "项目组成员须签署信息工程系创新项目承诺书，并按下表填写：\n"
    )
    assert len(analyse_text(text, stages="segment").documents) == 1


# ------------------------------------------------------------------ a 文种 word inside a name (stop 7)


def test_a_plan_word_inside_a_programme_s_name_gives_no_kind() -> None:
    # 计划 runs on into 项目: the name of a programme, not the document's kind
    text = "经费报销的说明\n现将大学生创新训练计划项目经费报销说明如下：\n一、范围\n资料费、打印费。\n二、材料\n发票和明细表。\n"
    (doc,) = analyse_text(text, stages="segment").documents
    assert doc.doc_type == "other"


def test_a_business_plan_named_in_the_opening_is_no_work_schedule() -> None:
    text = "\t\n团队：星火\n本创业计划书介绍我们的校园服务平台。\n产品\n一个校园跑腿平台。\n市场\n全校学生。\n"
    (doc,) = analyse_text(text, stages="segment").documents
    assert doc.doc_type == "other"


def test_control_a_plan_word_of_its_own_in_the_opening_still_gives_the_weak_kind() -> None:
    text = (
        "经费报销的说明\n现将本学期学习计划经费报销说明如下：\n一、范围\n资料费、打印费。\n二、材料\n发票和明细表。\n"
    )
    (doc,) = analyse_text(text, stages="segment").documents
    assert doc.doc_type == "work_schedule"
