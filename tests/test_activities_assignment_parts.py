"""A part read as one piece of work that holds two or more persons' assignments (a record's 任务分配 part, its
paragraphs joined in a table cell) is their list: the assignments are the activities, each with its person. The
texts are written for this test."""

from __future__ import annotations

from cxzy_nlp.pipeline import analyse_text

RECORD = """项目组第三次例会纪要
一、会议内容
大家汇报了本周进度，讨论了下周安排。
二、工作任务
张明：需求说明书、接口测试  王丽：用户手册、部署脚本  陈刚：性能测试报告
三、下次会议
下周五下午在三楼会议室召开。
"""


def test_assignments_inside_a_part_taken_as_one_activity_are_the_activities() -> None:
    (doc,) = analyse_text(RECORD, "record.txt", stages="extract").documents
    owners = [a.owner for a in doc.activities if a.owner]
    assert {"张明", "王丽", "陈刚"} <= set(owners), [(a.name, a.owner) for a in doc.activities]
    part = RECORD.index("二、工作任务")
    assert not any(
        a.span[0] <= part + 8 and RECORD.index("陈刚") < a.span[1] and a.owner is None for a in doc.activities
    ), "the whole part is not also one activity"
