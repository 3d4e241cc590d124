"""A web page's copy of a 公文 (issue 14): the 文号 printed right above the 主送 line opens the text (body), while
the same 文号 in the page's metadata block is furniture; the scorer places a zone whose first line is met twice
before the next zone at either place."""

from __future__ import annotations

from cxzy_nlp.goldeval import score_file
from cxzy_nlp.pipeline import analyse_text

# a scraped page written for this test: headline, breadcrumb, metadata block, headline, 文号, 主送, text, 落款
PAGE = (
    "某市教育局关于做好暑期安全工作的通知\n"
    "首页\n>\n文件发布\n"
    "发文机关：\n某市教育局\n"
    "发文字号：\n某教发〔2024〕12号\n"
    "成文日期：\n2024-06-20\n"
    "某市教育局关于做好暑期安全工作的通知\n"
    "发布时间：2024-06-21 09:30\n"
    "某教发〔2024〕12号\n"
    "各区教育局：\n"
    "为确保学生度过安全的暑假，现就有关工作通知如下。\n"
    "一、加强安全教育\n各校要在放假前开展一次安全教育。\n"
    "二、落实值班制度\n假期实行领导带班制度。\n"
    "某市教育局\n2024年6月20日\n"
)


def _zone_of(text: str, line: str, first: bool = False) -> str:
    (doc,) = analyse_text(text, "p.txt", stages="segment").documents
    at = text.index(line + "\n") if first else text.rindex(line + "\n")
    return next(z.kind for z in doc.zones if z.span[0] <= at < z.span[1])


def test_the_number_above_the_addressee_opens_the_text() -> None:
    assert _zone_of(PAGE, "某教发〔2024〕12号") == "body"
    assert _zone_of(PAGE, "某教发〔2024〕12号", first=True) == "furniture"  # the metadata block's


def test_a_number_not_above_the_addressee_stays_furniture() -> None:
    # control: a line of text between the 文号 and the 主送 line
    page = PAGE.replace("某教发〔2024〕12号\n各区", "某教发〔2024〕12号\n（此件公开发布）\n各区")
    assert _zone_of(page, "某教发〔2024〕12号") != "body"


def test_a_zone_met_twice_is_placed_at_either_place() -> None:
    analysis = analyse_text(PAGE, "p.txt", stages="segment")
    gold = {
        "file": "p.txt",
        "documents": [
            {
                "kind": "notice",
                "zones": [
                    {"kind": "furniture", "first": "某市教育局关于做好暑期安全工作的通知"},
                    {"kind": "body", "first": "某教发〔2024〕12号"},
                    {"kind": "signature", "first": "某市教育局"},
                ],
            }
        ],
    }
    t = score_file(analysis, gold)
    assert (t.zone_hits, t.gold_zones) == (3, 3), t.misses


def test_a_number_broken_over_lines_above_the_addressee_opens_the_text() -> None:
    # the same page, its 文号 broken into pieces (代字 / 〔 / year / 〕 / 序号号), as some page copies print it
    page = PAGE.replace(
        "发布时间：2024-06-21 09:30\n某教发〔2024〕12号\n", "发布时间：2024-06-21 09:30\n某教发\n〔\n2024\n〕\n12号\n"
    )
    long_line = "各校要在放假前开展一次安全教育，讲清防溺水、交通安全和网络安全的要求，并通知到每一位家长。\n"
    page = page.replace("各校要在放假前开展一次安全教育。\n", long_line * 4)  # the page's usual line width
    (doc,) = analyse_text(page, "p.txt", stages="segment").documents
    at = page.index("某教发\n")
    assert next(z.kind for z in doc.zones if z.span[0] <= at < z.span[1]) == "body"
    assert all(z.kind != "body" or z.span[0] >= at for z in doc.zones)  # the headline and metadata stay furniture
