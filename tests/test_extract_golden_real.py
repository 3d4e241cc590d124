"""Extraction on the dev split of the real golden files: floors under the figures measured for issue 16.

The held-back split is reported, never used as a floor here (it must not be tuned against).
"""

from __future__ import annotations

import pytest

# measured 2026-12-06 (rules alone), second stop of issue 16: goals 0.786, activities 0.438/0.344,
# period 0.562, budget 1.0, owners 0.904. (Activity precision had fallen from 0.350 to 0.234 when the structure
# work paired more gold documents: the items of 背景/预期效果 parts inside task sections, hour-by-hour itinerary
# rows and the items of 评选条件 parts were taken as activities; those are now left out.)
# 2026-12-07: 21 dev files of shapes the set lacked were added (annual report, business plans, software plan, forms,
# minutes, summaries, a scraped notice); on the 54 files: goals 0.724, activities 0.574/0.379, period 0.632,
# budget 0.857, owners 0.891. The floors sit just under those.
# 2026-12-07, third stop of issue 16 (54 files): goals 0.886 (93/105), activities 0.670 (181/270) / 0.534 (156/292),
# period 0.789 (15/19), budget 1.0 (7/7), owners 0.990 (100/101): target sentences and 目标是： leads, a header per
# table, description parts, stage lines, assignments, deadline sentences, cost lists of label：figure lines.
# 2026-12-07, fourth stop: 15 more dev files written blind (scraped notices, 意见, minutes, a 立项报告, summaries, a
# 分工 list): on the 69 files goals 0.850, activities 0.641 / 0.593, period 0.714, budget 1.0, owners 0.861.
# 2026-12-07, fifth stop, on the 54 files before the blind ones: goals 0.886, activities 0.748 (202/270) / 0.637
# (181/284), period 0.842 (16/19): 一是…二是… tasks after a lead, a business plan's descriptive parts, a derived
# period starting with the document's year. On the 69 files after this stop's work: goals 0.857 (126/147),
# activities 0.691 (279/404) / 0.698 (254/364), period 0.762 (16/21), budget 1.0 (7/7), owners 0.861 (149/173);
# the blind readers list the measures of 保障措施 parts headed by a verb of work (加强组织领导) as activities.
# 2026-12-07, sixth stop (69 files): goals 0.884, activities 0.782 / 0.711: circled ①… items after a lead naming
# tasks, day-by-day entries run into one paragraph or written without a year, rows under a merged stage cell, the
# list of a summary's next steps; label-line goal parts (目标：) and the closing aims of a 指导思想 sentence.
# 2026-12-07, seventh stop: 37 dev files written blind during the stop joined (notices, 意见, forms, summaries,
# minutes, project plans); on the 106 files: goals 0.803, activities 0.765 / 0.693, period 0.806, budget 1.0,
# owners 0.896 (the 37 alone, measured before they joined: goals 0.675, activities 0.654 / 0.694, period 0.700,
# budget 1.0, owners 0.724).
# 2026-12-07, eighth stop: aims stated anywhere (拟构建…, 目的是…, 经过N年…), form result cells; undated 保障 measures
# no longer activities, schedules run into one PDF line, member duty tables; attached papers' dates, form start/end
# fields, summaries' periods from their titles, financial statements no budget. 18 more files written blind during
# the stop joined (mostly not plans); on the 124 files: goals 0.884, activities 0.802 / 0.738, period 0.909,
# budget 1.0, owners 0.966 (the 18 alone, before they joined: goals 0.345 → 0.690 over the stop).
# 2026-12-07, ninth stop: activities conventions written and dev gold re-read to them (precision of the start's code
# on the re-read gold 0.766); figures in task clauses, role lines; technical plans' schedules, final deadlines, stage
# tables; on the 124 files: goals 0.918, activities 0.828 / 0.829, period 0.939, budget 1.0, owners 0.966.
# 2026-12-07, tenth stop: goal tables with a target column, target headings whatever their label, 到…年 leads run to
# their paragraph's end; committed work (成立…工作小组, 举办…, 组织…验收) in 保障 parts, rules and criteria no work;
# notices that only set due dates have no period (period_none_right 0.762 → 0.842); on the 124 files: goals 0.928,
# activities 0.848 / 0.838, period 0.939, budget 1.0, owners 0.966.
# 2026-12-08, eleventh stop: parts that describe (functions, selling, materials to hand in) list no work, parts of two
# kinds read whole, goal parts found by name whatever their label, owners in brackets and lead-ins; on the 124 files:
# goals 0.932, activities 0.882 / 0.883, period 0.939 (none right 0.881), budget 1.0, owners 0.985.
FLOORS = {
    "goals_recall": 0.92,
    "activities_recall": 0.86,
    "activities_precision": 0.86,
    "period_exact": 0.92,
    "budget_exact": 0.95,
    "owners_recall": 0.96,
}


@pytest.mark.parametrize(("field", "floor"), sorted(FLOORS.items()))
def test_dev_extraction_figure_holds(dev_golden_figures: dict[str, float | None], field: str, floor: float) -> None:
    value = dev_golden_figures[field]
    assert value is not None and value >= floor, f"{field} fell to {value} (floor {floor})"
