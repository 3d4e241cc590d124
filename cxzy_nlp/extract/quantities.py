"""Figures the checks compare: a 合计 against its items, a whole counted twice, a weekday against its date.

``quantities(text, span, dates)`` works them out once for a document:

- totals: a table row opening with 合计/总计/小计 against the sum of the rows it closes, column by column; an
  inline total (``A 20万元、B 30万元，合计60万元``; ``共投入60万元，其中……``) against the amounts it lists;
- counts of a whole (``全镇共有11个行政村``, ``行政村数：22``), so a whole stated twice with two figures shows;
- weekdays written beside a date (``5月1日（星期三）``) and the real weekday of that date;
- ``11年24日``: a 年 followed by a 日 with no 月 between, a date that cannot be read;
- the bodies a plan sets up (成立…领导小组) and the topic their names state, beside the title's own topic.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from ..model import CountMention, DateMention, GroupMention, Quantities, Span, TotalCheck, WeekdayMention
from ..patternscan import finditer as gated_finditer

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CELL_NUMBER = re.compile(rf"^\s*(?P<n>{_NUMBER})\s*(?P<unit>亿元|万元|元|万人|人次|人|个|项|次|户|所|家|场|名)?\s*$")
_TOTAL_LABEL = re.compile(r"^\s*(?P<label>合\s*计|总\s*计|共\s*计|小\s*计|总\s*额)\s*[:：]?\s*$")
_BREAKDOWN = re.compile(r"^\s*其中")
TOLERANCE = 0.005  # relative difference accepted as rounding

_MONEY = r"亿元|万元|元"
_COUNT = r"万人|人次|人|个|项|次|户|所|家|场|名"
_AMOUNT = re.compile(rf"(?<![\d.,])(?P<n>{_NUMBER})\s*(?P<unit>{_MONEY}|{_COUNT})(?![\d])")
_INLINE_TOTAL = re.compile(
    r"(?P<label>合计|总计|共计|总共|共有|共(?=投入|需|安排|筹集|拨付|支出|下达|使用))"
    rf"\s*[:：]?[^，。；、\d\n]{{0,6}}?(?P<n>{_NUMBER})\s*(?P<unit>{_MONEY}|{_COUNT})"
)
_ROUGH = re.compile(r"约|近|超过|不少于|不低于|以上|左右|余|多")
_SENTENCE = re.compile(r"[^。；！？\n]+")
# Prose sentences run on over line breaks (a PDF wraps its lines) unless a line ends a sentence or a label.
_PROSE_SENTENCE = re.compile(r"(?:[^。；！？\n]|\n(?<![。；！？：:]\n))+")
_MONEY_UNITS = ("亿元", "万元", "元")

# A whole counted: a scope word, then the figure and the counted noun (or NOUN数：figure).
_COUNTED = (
    r"行政村|贫困村|自然村|村|社区|乡镇|街道|学校|中小学|幼儿园|医院|卫生院|企业|合作社|贫困户|农户|基地|站点|服务站"
)
# (辖 is left out: a report describes several places, each 辖 its own villages)
_SCOPE = r"共有|总共|共计|合计|共|涉及|覆盖|全(?:县|市|区|乡|镇|省|州|旗|校|街道|村)(?:共有|共)?"
_COUNT_MENTION = re.compile(
    rf"(?:{_SCOPE})[^，。；、\n\d]{{0,4}}?(?P<n>\d+)\s*(?:个|所|家|户|座)?\s*(?P<noun>{_COUNTED})(?![民级委干务集组庄镇长])"
)
_COUNT_FIELD = re.compile(rf"(?P<noun>{_COUNTED})(?:总)?数(?:量)?(?:（个）|\(个\))?\s*[:：\t]\s*(?P<n>\d+)(?![\d.])")
_SAME_NOUN = {"行政村": "村"}  # 村数 counts 行政村 (a 自然村 or 贫困村 is another whole)
_QUALIFIED = re.compile(
    r"其中|第[一二三四五六七八九十\d]+[批期轮]|阶段|今年|明年|去年|当年|新增|已|累计|完成|达到|[0-9]{4}年"
)

_WEEKDAY = re.compile(r"(?:星期|礼拜|周)(?P<d>[一二三四五六日天1-7])")
_WEEKDAY_INDEX = (
    {c: i for i, c in enumerate("一二三四五六")} | {"日": 6, "天": 6} | {str(i): i - 1 for i in range(1, 8)}
)
_NO_MONTH = re.compile(r"(?<![\d年月])(?P<y>(?:19|20)?\d{2})年(?P<d>[1-9]|[12]\d|3[01])[日号](?![\d])")


def _value(raw: str) -> float:
    return float(raw.replace(",", ""))


def _lines(text: str, span: Span) -> Iterator[tuple[int, int]]:
    pos = span[0]
    while pos < span[1]:
        end = text.find("\n", pos, span[1])
        end = span[1] if end < 0 else end
        yield pos, end
        pos = end + 1


def _tables(text: str, span: Span, min_rows: int = 3) -> Iterator[list[tuple[int, int]]]:
    """Runs of consecutive lines holding a tab (table rows)."""
    run: list[tuple[int, int]] = []
    for start, end in _lines(text, span):
        if "\t" in text[start:end]:
            run.append((start, end))
            continue
        if len(run) >= min_rows:
            yield run
        run = []
    if len(run) >= min_rows:
        yield run


def _cells(text: str, row: tuple[int, int]) -> list[str]:
    return text[row[0] : row[1]].split("\t")


def _total_label(cells: list[str]) -> str | None:
    found = _label_cell(cells)
    return None if found is None else found[1]


def _label_cell(cells: list[str]) -> tuple[int, str] | None:
    """The index and the word of the cell naming the row a total (合计, 总计…), in the first two cells."""
    for i, cell in enumerate(cells[:2]):
        m = _TOTAL_LABEL.match(cell)
        if m:
            return i, re.sub(r"\s+", "", m.group("label"))
    return None


def _column_total(
    text: str, header: list[str] | None, items: list[tuple[int, int]], row: tuple[int, int], label: str
) -> Iterator[TotalCheck]:
    cells = _cells(text, row)
    rows = [_cells(text, r) for r in items]
    label_at = _label_cell(cells)
    for c, cell in enumerate(cells):
        m = _CELL_NUMBER.match(cell)
        if m is None or label_at is None or c <= label_at[0]:
            continue  # only the columns after the label: a 序号 before it is no figure to add
        values: list[float] = []
        units = {m.group("unit") or ""}
        for item in rows:
            if len(item) != len(cells):
                values = []
                break  # merged cells: the columns cannot be told apart
            if not item[c].strip():
                continue
            n = _CELL_NUMBER.match(item[c])
            if n is None:
                values = []
                break
            values.append(_value(n.group("n")))
            units.add(n.group("unit") or "")
        if len(values) < 2 or len(units) > 1:
            continue
        column = header[c].strip() if header and c < len(header) and header[c].strip() else None
        yield TotalCheck(
            label=label,
            total=_value(m.group("n")),
            items_sum=round(sum(values), 6),
            items=len(values),
            unit=units.pop(),
            span=row,
            items_span=(items[0][0], items[-1][1]),
            column=column,
        )


def table_totals(text: str, span: Span) -> Iterator[TotalCheck]:
    """Each 合计/总计/小计 row of a table against the rows it closes (after the header or the last total)."""
    for table in _tables(text, span):
        if any(_BREAKDOWN.match(_cells(text, r)[0]) or _BREAKDOWN.match(_cells(text, r)[-1]) for r in table):
            continue  # 其中 rows break a figure down: they are not items of the total
        first = _cells(text, table[0])
        header = first if not any(_CELL_NUMBER.match(c) for c in first[1:]) else None
        block: list[tuple[int, int]] = []
        subtotals: list[tuple[int, int]] = []
        for row in table[1:] if header else table:
            label = _total_label(_cells(text, row))
            if label is None:
                block.append(row)
                continue
            if label == "小计":
                if block:
                    yield from _column_total(text, header, block, row, label)
                subtotals.append(row)
            elif subtotals and not block:
                yield from _column_total(text, header, subtotals, row, label)
            elif block and not subtotals:
                yield from _column_total(text, header, block, row, label)
            block, subtotals = ([], []) if label != "小计" else ([], subtotals)


def inline_totals(text: str, span: Span) -> Iterator[TotalCheck]:
    """``A 20万元、B 30万元，合计60万元`` and ``共投入60万元，其中A 20万元、B 40万元``: the listed amounts
    against the total. A breakdown after 其中 counts for money only (head counts overlap: 党员, 女性)."""
    for s in _PROSE_SENTENCE.finditer(text, span[0], span[1]):
        sentence = s.group(0)
        if "\t" in sentence:
            continue  # a table row: table_totals reads it
        for t in _INLINE_TOTAL.finditer(sentence):
            unit = t.group("unit")
            before = sentence[: t.start()]
            after = sentence[t.end() :]
            money = unit in ("亿元", "万元", "元")
            if after.lstrip("，, ：:").startswith("其中") and money:
                listed, base = after, s.start() + t.end()
            elif not after.strip("，,。 ") or (after.lstrip().startswith(("，", ",")) and "其中" not in after):
                listed, base = before, s.start()
            else:
                continue
            kin = _MONEY_UNITS if money else (unit,)
            related = [a for a in _AMOUNT.finditer(listed) if a.group("unit") in kin]
            amounts = [
                a
                for a in related
                if a.group("unit") == unit and not _ROUGH.search(listed[max(0, a.start() - 3) : a.start()])
            ]
            amounts = _close_list(listed, amounts, at_end=listed is before)
            if len(amounts) < 2 or len(amounts) < len(related):
                continue  # an amount of the sentence outside the list (or in another unit): the list may be partial
            if _ROUGH.search(sentence[max(0, t.start() - 3) : t.start()] + t.group(0)):
                continue
            if any(_INLINE_TOTAL.match(listed, a.start() - 2) for a in amounts):
                continue
            yield TotalCheck(
                label=t.group("label"),
                total=_value(t.group("n")),
                items_sum=round(sum(_value(a.group("n")) for a in amounts), 6),
                items=len(amounts),
                unit=unit,
                span=(s.start() + t.start(), s.start() + t.end()),
                items_span=(base + amounts[0].start(), base + amounts[-1].end()),
            )


ITEM_GAP = 14  # characters between two listed amounts (the next item's name)
_LIST_SEPARATOR = re.compile(r"[、，,；;]")


def _close_list(listed: str, amounts: list[re.Match[str]], *, at_end: bool) -> list[re.Match[str]]:
    """The amounts that form one list: neighbours apart by an item name and a separator, and (items before
    their total) the last one right before the total (``…300元，合计``)."""
    if not amounts:
        return []
    if at_end:
        if len(listed) - amounts[-1].end() > 3:
            return []
        chain = [amounts[-1]]
        for a in reversed(amounts[:-1]):
            gap = listed[a.end() : chain[0].start()]
            if len(gap) > ITEM_GAP or not _LIST_SEPARATOR.search(gap):
                break
            chain.insert(0, a)
        return chain
    chain = [amounts[0]]
    if len(listed[: amounts[0].start()]) > ITEM_GAP + 4:
        return []
    for a in amounts[1:]:
        gap = listed[chain[-1].end() : a.start()]
        if len(gap) > ITEM_GAP or not _LIST_SEPARATOR.search(gap):
            break
        chain.append(a)
    return chain


_COUNT_HEADER = re.compile(rf"^\s*(?P<noun>{_COUNTED})(?:总)?数(?:量)?\s*(?:（个）|\(个\))?\s*$")


def table_counts(text: str, span: Span) -> Iterator[CountMention]:
    """A 村数 column's whole: the figure of its 合计 row, or of the only row under the header."""
    for table in _tables(text, span, min_rows=2):
        header, rows = _cells(text, table[0]), table[1:]
        totals = [r for r in rows if _total_label(_cells(text, r))]
        row = totals[-1] if totals else rows[0] if len(rows) == 1 else None
        if row is None:
            continue
        cells = _cells(text, row)
        for c, name in enumerate(header):
            m = _COUNT_HEADER.match(name)
            if m is None or c >= len(cells) or not cells[c].strip().isdigit():
                continue
            noun = m.group("noun")
            yield CountMention(
                noun=_SAME_NOUN.get(noun, noun),
                value=int(cells[c]),
                span=row,
                text=f"{name.strip()} {cells[c].strip()}",
                in_table=True,
            )


def count_mentions(text: str, span: Span) -> Iterator[CountMention]:
    """Counts of a whole, unqualified (no 其中, batch, year or 新增 in the clause), and table columns' wholes."""
    yield from table_counts(text, span)
    for s in _SENTENCE.finditer(text, span[0], span[1]):
        for regex in (_COUNT_MENTION, _COUNT_FIELD):
            for m in regex.finditer(s.group(0)):
                start = s.start() + m.start()
                clause_start = max(text.rfind(c, s.start(), start) for c in "，,：:\t")
                clause = text[max(clause_start, s.start()) : s.start() + m.end()]
                if _QUALIFIED.search(clause):
                    continue
                yield CountMention(
                    noun=_SAME_NOUN.get(m.group("noun"), m.group("noun")),
                    value=int(m.group("n")),
                    span=(start, s.start() + m.end()),
                    text=m.group(0),
                    in_table="\t" in s.group(0),
                )


def weekday_mentions(dates: tuple[DateMention, ...]) -> Iterator[WeekdayMention]:
    """Day dates written with one weekday, and the weekday the calendar gives."""
    for d in dates:
        if d.kind != "day" or not d.valid or d.start is None:
            continue
        marks = list(_WEEKDAY.finditer(d.text))
        if len(marks) != 1:
            continue
        try:
            day = date.fromisoformat(d.start[:10])
        except ValueError:
            continue
        yield WeekdayMention(
            text=d.text,
            span=d.span,
            date=day.isoformat(),
            written=_WEEKDAY_INDEX[marks[0].group("d")],
            actual=day.weekday(),
            year_inferred=d.year_inferred,
        )


def misdated(text: str, span: Span) -> Iterator[tuple[Span, str]]:
    """``11年24日``: a day straight after a year, the month left out (a typo for 11月24日)."""
    for m in gated_finditer(_NO_MONTH, text, span[0], span[1]):
        yield (m.start(), m.end()), m.group(0)


_GROUP_KIND = r"领导小组|工作小组|指挥部|工作专班|领导机构"
_GROUP = re.compile(
    rf"(?:成立|组建|设立)(?:了)?(?:以[^，。；\n]{{2,20}}?为组长的)?(?P<name>[^，。；、：:\n“”（）()]{{2,30}}?(?:{_GROUP_KIND}))"
)
_PLACE_PREFIX = re.compile(r"^[一-龥]{1,8}?(?:自治州|自治县|省|市|县|区|旗|镇|乡|街道|村|社区)(?=[一-龥]{2})")
_YEAR = re.compile(r"(?:19|20)\d{2}(?:[—\-~～至](?:19|20)?\d{2})?年度?|[（(][^）)]*[）)]")
_GENERIC = re.compile(
    r"领导小组|工作小组|指挥部|工作专班|领导机构|实施方案|工作方案|活动方案|行动方案|工作计划|工作要点|方案|计划|"
    r"关于|印发|开展|深入|推进|进一步|全面|做好|加强|组织|实施|工作|活动|专项|行动|的|通知|意见|和|与|及"
)


def topic(name: str) -> str:
    """What a title or a body's name is about: place, year and generic words taken off (社区服务提升)."""
    name = _YEAR.sub("", "".join(name.split()))
    name = _PLACE_PREFIX.sub("", name)
    return _GENERIC.sub("", name)


def groups(text: str, span: Span) -> Iterator[GroupMention]:
    """Bodies the document sets up: ``成立青溪县食品安全专项整治工作领导小组``."""
    for m in _GROUP.finditer(text, span[0], span[1]):
        name = m.group("name")
        yield GroupMention(name=name, topic=topic(name), span=m.span("name"))


def quantities(text: str, span: Span, dates: tuple[DateMention, ...] = (), title: str | None = None) -> Quantities:
    """The figures and names of ``text[span]`` the checks compare."""
    return Quantities(
        totals=tuple(sorted([*table_totals(text, span), *inline_totals(text, span)], key=lambda t: t.span)),
        counts=tuple(sorted(count_mentions(text, span), key=lambda c: c.span)),
        weekdays=tuple(weekday_mentions(dates)),
        misdated=tuple(misdated(text, span)),
        groups=tuple(groups(text, span)),
        title_topic=topic(title or ""),
    )


__all__ = [
    "count_mentions",
    "groups",
    "inline_totals",
    "misdated",
    "quantities",
    "table_totals",
    "topic",
    "weekday_mentions",
]
