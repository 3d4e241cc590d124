"""missing-signoff judges the 落款 as a reviewer reads it (issue 15): a signature block with a month date is a
signoff; a page copied from a website (its layout lost, scrape-residue reports it) and a title the segmenter did
not take are not missing parts. Each case has a twin that differs only in the point at issue."""

from __future__ import annotations

import pytest

from cxzy_nlp.pipeline import analyse_text

BODY = """{top}关于开展2024年社区服务站建设情况检查的通知
各街道办事处：
为了解社区服务站建设进展，经研究，决定开展一次全面检查。现将有关事项通知如下：
一、检查内容
社区服务站的场地、人员、制度和服务开展情况。
二、检查方式
各街道先行自查，区民政局组织抽查。
三、工作要求
请各街道于2024年6月30日前将自查报告报送区民政局基层政权科。
{bottom}"""

# fmt: off
CASES = [
    # (top, bottom, fires, message fragment)
    ("", "", True, "落款"),                                                  # control: no 落款, no date
    ("", "某某区民政局\n2024年6月1日\n", False, ""),                         # signed and dated
    ("", "某某区社区服务站建设工作组委会\n2024年6月\n", False, ""),           # a month date is still a date
    ("", "2024年6月1日\n", True, "落款（发文机关署名）"),                    # dated, not signed
    ("当前位置：首页 > 通知公告\n", "", False, ""),                           # a web page copy: layout lost
]
# fmt: on


@pytest.mark.parametrize(("top", "bottom", "fires", "fragment"), CASES)
def test_missing_signoff_reads_the_signature_block(top: str, bottom: str, fires: bool, fragment: str) -> None:
    analysis = analyse_text(BODY.format(top=top, bottom=bottom), "notice.txt")
    found = [f for d in analysis.documents for f in d.findings if f.rule == "missing-signoff"]
    assert bool(found) == fires, [(f.message, [z.kind for d in analysis.documents for z in d.zones]) for f in found]
    assert all(fragment in f.message for f in found)


@pytest.mark.parametrize(("title", "fires"), [("", True), ("关于开展2024年社区服务站建设情况检查的通知\n", False)])
def test_a_web_page_copy_that_lost_its_title_is_still_told(title: str, fires: bool) -> None:
    page = BODY.replace("关于开展2024年社区服务站建设情况检查的通知\n", title)
    text = page.format(top="2024-06-01 10:20:30\n新闻来源：某某区民政局\n", bottom="")
    found = [f for d in analyse_text(text, "page.txt").documents for f in d.findings if f.rule == "missing-signoff"]
    assert bool(found) == fires, [f.message for f in found]
    assert all("缺少标题" in f.message for f in found)


# A page whose line breaks were lost glues the 落款 to the body's last line (…工作要求某某区民政局2024年6月1日) and
# the attachments after it; a date inside a sentence (结果将于2024年6月1日…) is no 落款.
@pytest.mark.parametrize(
    ("last_line", "fires"),
    [
        ("请各街道将自查报告报送区民政局基层政权科。某某区民政局2024年6月1日", False),
        ("请各街道将自查报告报送区民政局基层政权科某某区民政局办公室2024年6月1日附件检查表", False),
        ("请各街道将自查报告报送区民政局基层政权科。检查结果将于2024年6月1日", True),
        ("请各街道将自查报告报送区民政局基层政权科。某某区民政局2024年6月1日起施行检查办法。", True),
    ],
)
def test_a_signoff_glued_to_the_last_line_is_read(last_line: str, fires: bool) -> None:
    text = BODY.format(top="", bottom="").replace(
        "请各街道于2024年6月30日前将自查报告报送区民政局基层政权科。", last_line
    )
    found = [f for d in analyse_text(text, "notice.txt").documents for f in d.findings if f.rule == "missing-signoff"]
    assert bool(found) == fires, [f.message for f in found]
