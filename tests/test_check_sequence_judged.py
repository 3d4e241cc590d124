"""heading-sequence as a reviewer judges it (issue 15): a number right by its place after a number used twice
is not a second fault, and a run of numbered lines with nothing under any of them is a list, not headings.

Each case has a twin that differs only in the point at issue, so every test can fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cxzy_nlp.model import Finding
from cxzy_nlp.pipeline import analyse

FORM = """某学院大学生创新训练项目申报书
1、项目名称
校园垃圾分类智能回收箱的设计与实现。
2、项目背景
校园垃圾分类推进缓慢，学生投放准确率不高。
3、研究内容
设计一种能识别垃圾种类的回收箱，并在两栋宿舍楼试用。
4、研究方法
采用图像识别与称重传感器结合的方法，先做样机再试用。
5、进度安排
2024年3月完成样机，2024年6月完成试用，2024年9月完成总结。
6、预期成果
样机一台，研究报告一份，申请实用新型专利一项。
7、项目特色
成本低，便于在宿舍楼推广。
{seventh}、项目经费预算
材料费2000元，测试费1000元，共计3000元。
{ninth}、研究基础
项目组已完成前期调研，收集垃圾图片三千张。
"""

# fmt: off
FOLLOW_ON_CASES = [
    # (the second 7 written as, the next written as, evidence that must be reported, evidence that must not)
    ("7", "9", "7、项目经费预算", "9、研究基础"),    # 7、7、9、: the 9 is right by its place
    ("8", "10", "10、研究基础", None),             # control: 8、10、 skips 9
]
# fmt: on


def _raised(tmp_path: Path, text: str) -> list[Finding]:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return [
        f
        for d in analyse(path).documents
        for f in d.findings
        if f.rule == "heading-sequence" and f.severity in ("error", "warn")
    ]


@pytest.mark.parametrize(("seventh", "ninth", "reported", "not_reported"), FOLLOW_ON_CASES)
def test_a_number_right_by_its_place_after_a_repeat_is_not_a_skip(
    tmp_path: Path, seventh: str, ninth: str, reported: str, not_reported: str | None
) -> None:
    found = _raised(tmp_path, FORM.format(seventh=seventh, ninth=ninth))
    evidence = [" ".join((f.evidence or "").split()) for f in found]
    assert any(reported in e for e in evidence), evidence
    if not_reported:
        assert not any(not_reported in e for e in evidence), evidence


NOTICE = """关于召开全区社区服务工作会议的通知
各街道办事处：
为做好社区服务工作，经研究，决定召开全区社区服务工作会议。现将有关事项通知如下：
一、会议时间
2024年5月20日上午9时。
二、会议地点
区政府三楼会议室。
三、参会人员
各街道分管负责同志。
四、会议名单
{items}
"""
UNITS = ["东城街道", "西城街道", "南湖街道", "北山街道", "新华街道", "解放街道"]


def _numbered(bodies: bool) -> str:
    numbers = [1, 2, 3, 5, 6, 7]  # 4 skipped
    lines = []
    for n, unit in zip(numbers, UNITS, strict=True):
        lines.append(f"{n}.{unit}")
        if bodies:
            lines.append(f"由{unit}主任带队参会，负责汇报本街道社区服务站建设进展。")
    return "\n".join(lines)


@pytest.mark.parametrize(("bodies", "reported"), [(False, False), (True, True)])
def test_a_bare_numbered_list_of_names_is_not_an_outline(tmp_path: Path, bodies: bool, reported: bool) -> None:
    found = _raised(tmp_path, NOTICE.format(items=_numbered(bodies)))
    assert any("南湖" in (f.evidence or "") or "北山" in (f.evidence or "") for f in found) == reported, [
        (f.evidence, f.message) for f in found
    ]
