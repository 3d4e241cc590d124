"""attachment-mismatch (issue 15): the 附件说明, the attachments the text cites and those the file carries.

Table-driven through the whole pipeline (the 附件说明 is a zone the structure stage finds); each case that
fires has a twin that does not. The documents are written for the test."""

from __future__ import annotations

import pytest

from cxzy_nlp.pipeline import analyse_text

NOTICE = """关于开展2024年社区服务站建设情况检查的通知
各街道办事处：
为了解社区服务站建设进展，经研究，决定开展一次全面检查。现将有关事项通知如下：
一、检查内容
社区服务站的场地、人员、制度和服务开展情况{cite}。
二、工作要求
请各街道于2024年6月30日前将自查报告报送区民政局基层政权科。
{listed}
某某区民政局
2024年6月1日
{attached}"""
TWO = "附件：1.社区服务站自查表\n2.社区服务站情况汇总表"
THREE = "附件：1.社区服务站自查表\n2.社区服务站情况汇总表\n3.社区服务站检查评分表"
FORM1 = "附件1\n社区服务站自查表\n站名\t面积\t人员\n"
FORM2 = "附件2\n社区服务站情况汇总表\n街道\t站数\t人员\n"
FORM3 = "附件3\n社区服务站检查评分表\n项目\t分值\t得分\n"

# fmt: off
CASES = [
    # (cite, listed, attached, message fragments; [] when nothing is to be reported)
    ("（见附件2）", TWO, "", []),                                         # cited and listed; sent apart
    ("（见附件3）", TWO, "", ["附件3", "只列了附件1、附件2"]),                # cited, not listed
    ("", TWO, FORM1 + FORM2, []),                                        # listed and attached
    ("", TWO, FORM1 + FORM2 + FORM3, ["附有“附件3”"]),                    # attached, not listed
    ("", THREE, FORM1 + FORM3, ["缺少附件2"]),                            # one of the listed left out
    ("", THREE, FORM1 + FORM2 + FORM3, []),
    ("（见附件3）", "附件：1.", "", []),                                   # the list's names lost: not judged
]
# fmt: on


@pytest.mark.parametrize(("cite", "listed", "attached", "fragments"), CASES)
def test_attachments_cited_listed_and_attached_agree(
    cite: str, listed: str, attached: str, fragments: list[str]
) -> None:
    analysis = analyse_text(NOTICE.format(cite=cite, listed=listed, attached=attached), "notice.txt")
    found = [f for d in analysis.documents for f in d.findings if f.rule == "attachment-mismatch"]
    zones = [(z.kind, analysis.text[z.span[0] : z.span[1]][:12]) for d in analysis.documents for z in d.zones]
    assert bool(found) == bool(fragments), ([f.message for f in found], zones)
    for fragment in fragments:
        assert any(fragment in f.message for f in found), ([f.message for f in found], fragment)
    assert all(f.severity == "warn" for f in found)
