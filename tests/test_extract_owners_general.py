"""Owners in shapes met on documents not tuned to (issue 16, stop 10): a person's duty line with the role noted after
the name (张某（组长）：负责…), a division table whose columns are 分工 and 人员, and a table header whose 负责人
cell stands beside 时间 (a header, not a form row naming the person in charge). Project-written text."""

from __future__ import annotations

import pytest

from cxzy_nlp.extract.owners import find_owners

# fmt: off
CASES = [
    # (text, the owners found)
    ("张晓明（组长）：负责活动总体策划。\n李青（组员）：负责场地联系。\n", ["张晓明", "李青"]),
    ("分工\t人员\n采访\t赵敏、钱进\n摄影\t孙丽\n", ["赵敏", "钱进", "孙丽"]),
    ("工作内容\t负责人\t时间\n场地布置\t王明\t5月1日\n宣传推广\t刘洋\t5月2日\n", ["王明", "刘洋"]),
    # controls: a form row naming the person in charge, a duty line of a share of the work (no person)
    ("项目负责人\t周杰\n指导老师\t吴芳\n", ["周杰", "吴芳"]),
    ("文档：负责需求说明书。\n程序：负责编码。\n", []),
]
# fmt: on


@pytest.mark.parametrize(("text", "owners"), CASES)
def test_owners_of_duty_lines_and_tables(text: str, owners: list[str]) -> None:
    assert [o.name for o in find_owners(text, (0, len(text)))] == owners
