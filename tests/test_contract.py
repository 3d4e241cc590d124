"""The JSON output contract: fixed field names, the shipped schema, round trips."""

from __future__ import annotations

import json

import jsonschema

from cxzy_nlp.jsonio import SCHEMA_VERSION, analysis_from_dict, analysis_to_dict, schema
from cxzy_nlp.pipeline import analyse_text

PLAN = """某县教育局2024年教师培训实施方案
为提升教师专业能力，根据《关于加强教师队伍建设的意见》（教发〔2023〕5号）要求，制定本方案。
一、工作目标
到2024年12月底，全县教师培训覆盖率达到95%。
二、主要任务
（一）开展全员培训。由县教师进修学校牵头，2024年3月底前完成。
三、实施步骤
1.准备阶段（2024年1月至2月）：制定计划。
2.实施阶段（2024年3月至10月）：组织培训。
四、经费预算
本次培训经费共计10万元，其中培训费8万元，资料费2万元。
五、组织领导
成立领导小组，局长王明任组长。
"""


def test_record_validates_against_shipped_schema() -> None:
    record = analysis_to_dict(analyse_text(PLAN, "plan.txt"))
    jsonschema.validate(record, schema())
    assert record["schema_version"] == SCHEMA_VERSION == schema()["properties"]["schema_version"]["const"]
    assert set(record) >= {"schema_version", "source", "text", "documents", "errors"}
    assert record["source"]["sha256"] and record["source"]["format"] == "txt"
    doc = record["documents"][0]
    for key in (
        "title",
        "doc_type",
        "span",
        "issuer",
        "date",
        "doc_number",
        "sections",
        "goals",
        "activities",
        "period",
        "schedule",
        "budget",
        "leaders",
        "references",
        "findings",
    ):
        assert key in doc


def test_every_span_indexes_the_text() -> None:
    analysis = analyse_text(PLAN, "plan.txt")
    n = len(analysis.text)
    for doc in analysis.documents:
        assert 0 <= doc.span[0] <= doc.span[1] <= n
        for section in doc.all_sections():
            assert doc.span[0] <= section.span[0] <= section.span[1] <= doc.span[1]
        for item in (*doc.goals, *doc.activities, *doc.schedule, *doc.leaders, *doc.references):
            assert doc.span[0] <= item.span[0] <= item.span[1] <= doc.span[1]


def test_json_round_trip_is_lossless() -> None:
    record = analysis_to_dict(analyse_text(PLAN, "plan.txt"))
    again = analysis_to_dict(analysis_from_dict(json.loads(json.dumps(record, ensure_ascii=False))))
    assert again == record
