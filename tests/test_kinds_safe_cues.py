"""The two title-less body cues of kinds (issue 14) stay tie-breakers: a form needs its prompts of how much to write
in its fields (a bracket closing a field's label, a table's cell), and an account of work done is a 总结 only when
the text names no other kind it may be (a notice, a plan, a meeting, a news story). Documents of other kinds that
quote word limits or narrate past work keep their kind (or stay unkinded). All texts are written for these tests."""

from __future__ import annotations

from conftest import normal_text

from cxzy_nlp.model import Block, Document
from cxzy_nlp.pipeline import analyse_text
from cxzy_nlp.segment import segment

# a call for essays whose title names no kind: its limits are rules in sentences, not fields to fill
ESSAY_CALL = (
    "“书香满园”校园读书征文\n"
    "为营造浓厚的读书氛围，校团委面向全校学生征集读书心得。\n"
    "一、征集对象\n"
    "全校在校学生。\n"
    "二、作品要求\n"
    "1．题目自拟，体裁不限，字数不少于1500字，诗歌不超过60行。\n"
    "2．作品简介（300字以内）与正文一并发送至团委邮箱。\n"
    "三、截止时间\n"
    "作品请于5月20日前提交。\n"
)
# a contest's rules with several limits, each in a sentence
CONTEST_RULES = (
    "第三届青年教师说课大赛参赛须知\n"
    "参赛教师提交说课稿一份，说课稿不超过3000字，配套课件不超过20页。\n"
    "教学反思不少于800字，须结合本人课堂实际撰写。\n"
    "评委当场打分，成绩于比赛结束后公布。\n"
)
# an account of last year's work at a meeting: a speech or a minutes record, not a 总结
MEETING_SPEECH = (
    "今天召开这次会议，主要是回顾去年的工作，部署今年的任务。\n"
    "过去一年，全区上下完成了既定目标，新建了三所学校，改造了十二条道路，解决了一批群众关心的问题，"
    "开展了环境整治，提高了服务水平，得到了群众的认可。\n"
    "下一步，各部门要按照会议要求，抓好落实。\n"
)
MINUTES_TEXT = (
    "本次例会由办公室主任主持。\n"
    "会议听取了各科室上月工作情况的汇报，研究了近期重点工作。各科室完成了台账整理，"
    "开展了安全检查，更新了值班表，落实了整改措施，处理了群众来信。\n"
    "会议要求，下一步各科室要加强协作，按时报送材料。\n"
)
# a news story of a unit's work with the unit's plans at its close
NEWS_STORY = (
    "近日，记者从区文旅局了解到，今年以来该局开展了十余场惠民演出，建成了五个城市书房，"
    "举办了两届读书节，吸引了大批市民参与，收到了良好效果。\n"
    "据悉，下一步该局将继续丰富文化供给，更好满足群众需求。\n"
)


def _doc(text: str) -> Document:
    (doc,) = analyse_text(text, "t.txt", stages="segment").documents
    return doc


def test_word_limits_in_sentences_of_a_call_for_essays_make_no_form() -> None:
    assert _doc(ESSAY_CALL).doc_type != "application_form"


def test_word_limits_in_a_contests_rules_make_no_form() -> None:
    assert _doc(CONTEST_RULES).doc_type != "application_form"


def test_control_prompts_in_a_forms_table_cells_make_a_form() -> None:
    blocks = [
        Block("第五届校园文化节优秀团队材料"),
        Block("团队名称\t", kind="table_row"),
        Block("团队简介（不超过300字）\t", kind="table_row"),
        Block("主要活动及效果\t（1000字左右）", kind="table_row"),
    ]
    (doc,) = segment(normal_text(blocks))
    assert doc.doc_type == "application_form"


def test_a_speech_at_a_meeting_narrating_past_work_is_no_summary() -> None:
    assert _doc(MEETING_SPEECH).doc_type != "work_summary"


def test_a_minutes_record_narrating_reports_is_no_summary() -> None:
    assert _doc(MINUTES_TEXT).doc_type != "work_summary"


def test_a_news_story_of_a_units_work_is_no_summary() -> None:
    assert _doc(NEWS_STORY).doc_type != "work_summary"


def test_control_the_same_account_without_a_meeting_is_a_summary() -> None:
    # the speech's account of the year in the writer's unit, closing with a look ahead, no meeting named
    text = MEETING_SPEECH.replace("今天召开这次会议，主要是回顾去年的工作，部署今年的任务。\n", "").replace(
        "按照会议要求", "按照年初安排"
    )
    assert _doc(text).doc_type == "work_summary"


def test_control_a_summary_telling_of_meetings_held_stays_a_summary() -> None:
    # meetings held are work done, not the text's own kind
    text = (
        "支部今年召开了党员大会四次，组织了三次主题党日，参加了上级会议两次，完善了发展党员的程序，"
        "开展了结对帮扶，走访了二十户困难家庭，解决了一批实际问题。\n"
        "在今后的工作中，支部将继续加强自身建设。\n"
    )
    assert _doc(text).doc_type == "work_summary"
