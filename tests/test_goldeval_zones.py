"""Zone scoring of cxzy_nlp.goldeval: a gold zone is placed at the line its first words open, not at an earlier
place of those words inside the zone before it (the issuer named in the text, a contents entry)."""

from __future__ import annotations

from cxzy_nlp.goldeval import Locator, score_file
from cxzy_nlp.pipeline import analyse_text

NOTICE = (
    "关于做好防汛工作的通知\n"
    "各乡镇：\n"
    "根据某县人民政府防汛会议的部署，现就做好防汛工作通知如下。\n"
    "一、压实责任\n"
    "某县人民政府各部门要落实防汛责任。\n"
    "二、加强值守\n"
    "汛期实行24小时值班。\n"
    "某县人民政府\n"
    "2024年5月1日\n"
)


def test_a_zones_first_line_is_the_line_that_is_all_of_its_words() -> None:
    loc = Locator(NOTICE)
    where = loc.find_line("某县人民政府")
    assert where is not None and NOTICE[where[0] :].startswith("某县人民政府\n2024年")
    # control: the words alone are met first inside a sentence, then opening a longer line
    first = loc.find("某县人民政府")
    assert first is not None and first[0] < where[0] and NOTICE[first[0] - 2 : first[0]] == "根据"


def test_a_line_that_opens_with_the_words_comes_before_a_place_inside_a_line() -> None:
    text = "目录\n第一章 引言……1\n正文前言提到第一章 引言的写法。\n第一章 引言和背景\n本章介绍背景。\n"
    loc = Locator(text)
    where = loc.find_line("第一章 引言和背景", text.index("正文"))
    assert where is not None and text[where[0] :].startswith("第一章 引言和背景")
    opening = loc.find_line("第一章 引言", text.index("正文"))  # no line is all of it: the line it opens
    assert opening is not None and text[opening[0] :].startswith("第一章 引言和背景")
    assert loc.find("第一章 引言", text.index("正文")) == (text.index("第一章 引言的"), text.index("第一章 引言的") + 6)


def test_words_found_only_inside_a_line_are_still_placed() -> None:
    text = "通知正文一、压实责任\n某县人民政府 2024年5月1日\n"  # a reader that joined the lines
    where = Locator(text).find_line("一、压实责任")
    assert where is not None and text[where[0] :].startswith("一、压实责任")
    assert Locator(text).find_line("不在文中的一行") is None


def test_the_signature_zone_is_scored_at_its_own_line() -> None:
    analysis = analyse_text(NOTICE, "n.txt", stages="segment")
    (doc,) = analysis.documents
    assert any(z.kind == "signature" for z in doc.zones)
    gold = {
        "file": "n.txt",
        "documents": [
            {
                "kind": "notice",
                "zones": [
                    {"kind": "body", "first": "关于做好防汛工作的通知"},
                    {"kind": "signature", "first": "某县人民政府"},
                ],
            }
        ],
    }
    t = score_file(analysis, gold)
    assert (t.gold_zones, t.zone_hits) == (2, 2), t.misses
    # control: a signature the tool does not find is a miss (the scorer can fail)
    gold["documents"][0]["zones"][1]["kind"] = "cover"
    t = score_file(analysis, gold)
    assert (t.gold_zones, t.zone_hits) == (2, 1)


def test_a_zones_first_words_after_a_headings_number_are_its_line() -> None:
    text = "目录\n1\t引言\t2\n2\t需求\t3\n1 引言\n正文。"
    where = Locator(text).find_line("引言")
    assert where is not None and text[where[0] - 2 : where[0]] == "1 "  # not the contents entry 1<tab>引言


PLAN_WITH_ANNEX = (
    "社区读书节活动方案\n一、活动内容\n开展共读活动，每周一次。\n二、活动安排\n五月启动，六月总结。\n"
    "附件一：读书节场地说明\n" + "场地位于社区活动中心二楼，可容纳五十人，配有投影和音响设备。" * 8 + "\n"
)


def test_an_attachments_own_heading_is_no_top_level_heading_of_the_body() -> None:
    analysis = analyse_text(PLAN_WITH_ANNEX, "p.txt", stages="segment")
    tops = [s.heading for d in analysis.documents for s in d.sections]
    assert tops[-1] == "读书节场地说明"  # the tool heads the attachment with its name
    gold = {
        "file": "p.txt",
        "documents": [
            {
                "kind": "activity_plan",
                "zones": [{"kind": "attachment", "first": "附件一：读书节场地说明"}],
                "outline": [
                    {"number": "一、", "heading": "活动内容", "level": 1},
                    {"number": "二、", "heading": "活动安排", "level": 1},
                ],
            }
        ],
    }
    t = score_file(analysis, gold)
    assert (t.gold_top, t.found_top, t.top_hits, t.zone_hits) == (2, 2, 2, 1), t.misses
    gold["documents"][0]["outline"].append({"number": "附件一", "heading": "读书节场地说明", "level": 1})
    t = score_file(analysis, gold)  # control: listed by the gold, it counts (and is found)
    assert (t.gold_top, t.found_top, t.top_hits) == (3, 3, 3)
