"""Documents per file on project-written shapes (issue 14): a 关于印发…的通知 whose plan follows is two documents, the
notice keeping its own title and kind also when its 主送 line has commas or its headline no 《》, and an 附件 line
above the plan opens the plan; a notice's attachments stay in it, a short form (附件1 报名表: table rows) as an
attachment too. All texts are written for these tests."""

from __future__ import annotations

from conftest import normal_text

from cxzy_nlp.model import Block
from cxzy_nlp.pipeline import analyse_text
from cxzy_nlp.segment import segment

PLAN = (
    "城区垃圾分类推进工作方案\n为推进垃圾分类工作，制定本方案。\n一、工作目标\n到2024年底，居民小区分类覆盖率达到90%。\n"
    "二、主要任务\n（一）完善分类设施\n各街道负责，6月底前完成。\n（二）加强宣传引导\n区宣传部负责。\n三、保障措施\n加强组织领导。\n"
)
WRAPPER = (
    "关于印发《城区垃圾分类推进工作方案》的通知\n各街道办事处，区直各部门：\n"
    "现将《城区垃圾分类推进工作方案》印发给你们，请认真贯彻执行。\n附件：城区垃圾分类推进工作方案\n"
    "城区人民政府办公室\n2024年3月5日\n附件\n"
)


def test_a_wrapping_notice_whose_addressee_has_commas_keeps_its_title_line() -> None:
    notice, plan = analyse_text(WRAPPER + PLAN, "t.txt", stages="segment").documents
    assert (notice.title, notice.doc_type) == ("关于印发《城区垃圾分类推进工作方案》的通知", "notice")
    assert (plan.title, plan.doc_type, plan.parent) == ("城区垃圾分类推进工作方案", "work_plan", 0)


def test_the_attachment_line_above_a_wrapped_plan_opens_the_plan() -> None:
    notice, plan = analyse_text(WRAPPER + PLAN, "t.txt", stages="segment").documents
    assert notice.sections == ()  # no part named 附件 left in the notice
    assert [z.kind for z in notice.zones] == ["body", "attachment_list", "signature"]
    assert [s.heading for s in plan.sections] == ["工作目标", "主要任务", "保障措施"]


def test_a_wrapping_headline_without_quotes_is_the_notices_title() -> None:
    text = (
        "某县教育局关于印发2024年教师培训实施方案的通知\n各中小学：\n"
        "现将《2024年教师培训实施方案》印发给你们，请结合实际认真组织实施。\n县教育局\n2024年2月1日\n"
        "2024年教师培训实施方案\n一、工作目标\n全年培训教师800人次。\n二、主要任务\n开展全员培训。\n三、组织保障\n成立领导小组。\n"
    )
    notice, plan = analyse_text(text, "t.txt", stages="segment").documents
    assert (notice.title, notice.doc_type) == ("某县教育局关于印发2024年教师培训实施方案的通知", "notice")
    assert (plan.doc_type, plan.parent) == ("implementation_plan", 0)


def test_a_short_form_attached_to_a_notice_is_an_attachment() -> None:
    lines = [
        "关于开展第三届青年教师教学竞赛的通知",
        "各学院：",
        "为提升青年教师教学水平，学校决定开展第三届青年教师教学竞赛，现将有关事项通知如下。",
        "一、参赛对象",
        "40周岁以下专任教师。",
        "二、报名方式",
        "请于4月10日前报送报名表。",
        "特此通知。",
        "附件：1．青年教师教学竞赛报名表",
        "2．青年教师教学竞赛实施方案",
        "教务处",
        "2024年3月20日",
        "附件1",
        "青年教师教学竞赛报名表",
        "姓名\t\t性别\t",
        "所在学院\t\t职称\t",
        "参赛课程\t",
        "附件2",
        "青年教师教学竞赛实施方案",
        "一、竞赛目的",
        "提升青年教师教学能力。",
        "二、竞赛安排",
        "4月下旬初赛，5月中旬决赛。",
    ]
    blocks = [Block(x, kind="table_row" if "\t" in x else "paragraph") for x in lines]
    normal = normal_text(blocks)
    (doc,) = segment(normal)
    assert doc.doc_type == "notice"
    form_at = normal.text.index("附件1")
    assert any(z.kind == "attachment" and z.span[0] == form_at for z in doc.zones), doc.zones
