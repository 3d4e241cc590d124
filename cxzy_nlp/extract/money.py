"""Amounts of money (``100万人民币``, ``30万元``, ``1.5亿元``, ``￥2,000``) and the budget of a plan."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..chinese.numerals import to_number
from ..chinese.sentences import sentence_pattern
from ..model import Budget, BudgetItem, Span
from .items import Item, sentences

_CLAUSE = sentence_pattern("。；\n", "")  # amounts are read clause by clause
# 2,000 | 1.5 | 1万5千 | 一万五千, 壹万贰仟 (a whole Chinese numeral, its 万 inside) | 三点五
_NUM = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+万\d+千|\d+(?:\.\d+)?"
    r"|[〇零一二三四五六七八九十两壹贰叁肆伍陆柒捌玖拾][〇零一二三四五六七八九十两百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]*"
    r"(?:点[〇零一二三四五六七八九]+)?"
)
_FIGURE = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"  # a figure in arabic digits
_SCALE = {
    "": 1,
    "十": 10,
    "百": 100,
    "千": 1_000,
    "万": 10_000,
    "十万": 100_000,
    "百万": 1_000_000,
    "千万": 10_000_000,
    "亿": 100_000_000,
}
_AMOUNT_RE = re.compile(
    rf"(?P<sym>[￥¥]|RMB|CNY)\s*(?P<n1>{_NUM})(?P<s1>万|亿)?(?:元)?"
    rf"|(?P<n2>{_NUM})\s*(?P<s2>十万|百万|千万|万|亿|千|百)?\s*(?:余|多)?\s*(?P<cur>元人民币|元|人民币|块钱|RMB)"
    # the unit in brackets after the figure (3500（元）, 1.2（万元）); a year heading a column (2024（万元）) is none
    rf"|(?<![\d.,])(?!(?:19|20)\d{{2}}\s*[（(])(?P<n3>{_FIGURE})\s*[（(]\s*(?P<s3>万|亿)?元\s*[)）]"
)
_TOTAL_CUE = re.compile(
    r"总\s?计|合\s?计|共\s?计|总额|总预算|预算总|总经费|经费总|总投入|总投资|共需|共\s*\d|总费用|费用总|总金额|一共|总共"
    r"|所需(?:经费|资金|费用)|需(?:要)?投入|预计投入|(?:经费|资金)需求|总成本|成本总[计额]|总[开支]出|总开支"
)
_TABLE_TOTAL = re.compile(r"^\s*(?:合\s?计|总\s?计|共\s?计|小\s?计|总额)")
# a budget written as a sum: 交通费800+住宿费1200+餐费255=2255元
_INLINE_SUM = re.compile(
    r"(?P<terms>(?:[^\d\s=＝+＋，。；\n]{0,8}\d+(?:\.\d+)?\s*(?:万元|元|万)?\s*[+＋]\s*)+"
    r"[^\d\s=＝+＋，。；\n]{0,8}\d+(?:\.\d+)?\s*(?:万元|元|万)?)\s*[=＝]\s*(?P<total>\d+(?:\.\d+)?)\s*(?P<unit>万元|元|万)?"
)
_TERM = re.compile(r"(\d+(?:\.\d+)?)\s*(万元|万|元)?")
# a form field: 申请经费（元）<tab>8000, 经费预算（万元）<tab>2.5, 经费（元）：3000, 申请经费（元） 8000 (a PDF's
# spaces), the figure alone on the next line
# the name of a form's field for the money asked or granted: 申请经费, 项目总经费, 资助金额, 申请金额, 预算总额
_FIELD = (
    r"(?:(?:申请资助|项目总|申请|项目|预算|总|资助)?(?:经费|预算|资金)(?:总额|金额|预算|数额)?"
    r"|(?:申请|资助|预算|项目|经费)总?金额)"
)
_FORM_FIELD = re.compile(
    rf"(?:^|\t|\n)\s*{_FIELD}\s*[（(](?P<unit>万?元)[)）](?:\s*[：:])?\s*"
    r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)[ \t]*(?=\t|\n|$)"
)
_BUDGET_HEADER = re.compile(r"经费|预算|费用|金额|开支|支出|总价|单价")
_STRIP_MARKER = re.compile(
    r"^\s*(?:[（(]?\d+[)）.、．]|[（(][一二三四五六七八九十]+[）)]|[-•·●]|[一二三四五六七八九十]+、)\s*"
)


@dataclass(frozen=True)
class Amount:
    text: str
    span: Span
    yuan: float


def find_amounts(text: str, span: Span | None = None) -> list[Amount]:
    """Every amount of money in ``text[span]``, in yuan, in order."""
    lo, hi = span if span else (0, len(text))
    out: list[Amount] = []
    for m in _AMOUNT_RE.finditer(text, lo, hi):
        raw = m.group("n1") or m.group("n2") or m.group("n3")
        number = to_number(raw)
        if number is None:
            continue
        scale = _SCALE[m.group("s1") or m.group("s2") or m.group("s3") or ""]
        out.append(Amount(m.group(0), (m.start(), m.end()), number * scale))
    return out


_EQUALS = re.compile(r"[=＝]\s*(?:约|共|合计)?\s*$")


def _result(text: str, amounts: list[Amount]) -> Amount:
    """The amount an item comes to: the first, or the result of the arithmetic it shows (4人×3个月×2000元=24000元)."""
    for amount in reversed(amounts[1:]):
        if _EQUALS.search(text, max(0, amount.span[0] - 4), amount.span[0]):
            return amount
    return amounts[0]


def _purpose(text: str, item_span: Span, amount_start: int) -> str:
    """What the money is for: the item's words before the amount."""
    lead = text[item_span[0] : amount_start]
    lead = _STRIP_MARKER.sub("", lead)
    lead = re.split(r"[：:，,。]|\t|预算|约|为|共", lead)[0] if lead else lead
    return lead.strip(" \t：:，,")


def _total_in(text: str, span: Span, skip: tuple[Span, ...]) -> Amount | None:
    """The stated total: an amount after 总计/合计/共… outside the item lines (or a table's 合计 row);
    of several (a 合计 of one item's parts, then the grand total), the largest."""
    scale = _table_scale(text, span)
    found: list[Amount] = []
    for sent in _CLAUSE.finditer(text[span[0] : span[1]]):
        s = (span[0] + sent.start(), span[0] + sent.end())
        cue = _TOTAL_CUE.search(sent.group(0))
        at = s[0] + (cue.start() if cue else 0)
        if any(a <= at < b for a, b in skip) and not _TABLE_TOTAL.match(sent.group(0)):
            continue  # an item's own sum; a line opening with 合计 is the total even when a list item ran on into it
        if cue or _TABLE_TOTAL.match(sent.group(0)):
            # the total follows its cue: a rate before it (按每人月5000元计算，共需12人月) is no total
            amounts = find_amounts(text, (at, s[1]))
            if amounts:
                found.append(max(amounts, key=lambda a: a.yuan))
                continue
            bare = _row_amount(sent.group(0), scale) if "\t" in sent.group(0) else _bare_total(sent.group(0), scale)
            if bare is not None:
                found.append(Amount(sent.group(0), s, bare))
    return max(found, key=lambda a: a.yuan, default=None)


_MONEY_WORDS = re.compile(r"元|[￥¥]|金额|经费|费用|预算|资金|开支|支出|价")
# a count in another unit: 总计（天）, 工作量（人日）
_OTHER_UNIT = re.compile(
    r"[（(]\s*(?:天|人|人天|人日|人月|小时|个|项|次|周|月|学时|课时|行|页|份|名|人次|台|套)\s*[)）]"
)


# a total whose unit is left to the context: 合计 8000 (a PDF's table row), 总预算：5万, 共需经费约3.5万
_BARE_TOTAL = re.compile(
    r"(?:合\s?计|总\s?计|共\s?计|总额|总预算|预算总额|总经费|共需经费|共需|总成本)[^\d\n]{0,8}?"
    r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<wan>万)?\s*(?=$|[，,。；;）)\s])"
)


def _bare_total(clause: str, scale: float | None) -> float | None:
    """The figure after a total cue written without 元: in 万 when it says so, else in the table's unit."""
    m = _BARE_TOTAL.search(clause)
    if m is None:
        return None
    n = float(m.group("n").replace(",", ""))
    if m.group("wan"):
        return n * 10_000
    return n * scale if scale is not None else None


def _table_scale(text: str, span: Span) -> float | None:
    """Bare numbers of a budget table are yuan, or 万元 when its header says so; none at all when
    nothing in it speaks of money (a 工作量估算 table counts days)."""
    words = text[span[0] : span[1]]
    if not _MONEY_WORDS.search(words):
        return None
    return 10_000.0 if re.search(r"[（(]?(?:单位[：:])?\s*万元[）)]?", words) else 1.0


def budget_from(text: str, span: Span, items: list[Item]) -> Budget | None:
    """The budget of a budget section (or paragraph): total, itemised lines, whether they add up.

    Items are the list items of the section, else its sentences that carry one amount and no total.
    """
    if statement(text, span):
        return None
    if not items:
        items = _item_sentences(text, span)
    lines: list[BudgetItem] = []
    for item in items:
        amounts = find_amounts(text, item.span)
        if not amounts or _TABLE_TOTAL.match(text[item.span[0] : item.span[1]]):
            continue
        first = amounts[0]
        lines.append(
            BudgetItem(
                purpose=_purpose(text, item.span, first.span[0]), amount=_result(text, amounts).yuan, span=item.span
            )
        )
    lines.extend(_table_rows(text, span, {b.span for b in lines}))
    lines.sort(key=lambda b: b.span)
    total = _total_in(text, span, tuple(b.span for b in lines))
    if total is None and not lines:
        return None
    if total is None and len(lines) == 1 and not _rate(text, lines[0].span):
        # the one sum a budget section names (活动所需经费约1.2万元) is its total
        return Budget(total=lines[0].amount, span=span)
    items_sum = sum(b.amount for b in lines) if lines else None
    adds_up = None if total is None or items_sum is None else abs(items_sum - total.yuan) < 0.5
    return Budget(
        total=total.yuan if total else None, items=tuple(lines), span=span, items_sum=items_sum, adds_up=adds_up
    )


def summed_total(budget: Budget, text: str) -> Budget:
    """A budget list that prints no total: its items add up to it, as a reader sums them (宣传海报：200元 /
    奖品：500元 → 700元); not when an item is a rate (每人50元), which a sum would misread."""
    if budget.total is not None or len(budget.items) < _SUMMED_MIN or budget.items_sum is None:
        return budget
    if any(_rate(text, item.span) for item in budget.items):
        return budget
    return replace(budget, total=budget.items_sum)


def _rate(text: str, span: Span) -> bool:
    """Whether an item states a rate (每人50元, 3000元/人月) and not what the rate comes to (…=18000元)."""
    if not _PER_UNIT.search(text, *span):
        return False
    amounts = find_amounts(text, span)
    return not amounts or _result(text, amounts) is amounts[0]


_SUMMED_MIN = 2  # items of a list whose sum stands for the total a plan does not print
# a rate (每人50元, 300元/间/天, 80元/课时), a price (单价, 票价) or a pay (月工资3000元, 年薪): what one unit costs
_PER_UNIT = re.compile(
    r"每(?:人|队|支|组|位|名|个|次|天|晚|间|场|项|户|生|课时|学时|小时|月|年)|人均|标准"
    r"|[/／](?:人|队|组|天|晚|间|次|场|项|课时|学时|小时|件|份|本|套|台|个|月|年)"
    r"|单价|售价|票价|月工资|月薪|年薪|时薪|日薪|底薪"
)

# the words of a financial statement (资产负债表, 利润表, 非经常性损益, 货币资金 notes): its 合计 rows are a company's
# accounts, not what a plan will spend
_STATEMENT_WORDS = re.compile(
    r"期初余额|期末余额|年初余额|期初数|期末数|本期发生额|上期发生额|本期金额|上期金额|上年同期|报告期末?|上年度末|财务报表"
    r"|资产总计|负债合计"
    r"|所有者权益|股东权益|营业收入|营业成本|营业外|净利润|利润总额|损益|货币资金|库存现金|银行存款|应收账款|应付账款"
)
_STATEMENT_MIN = 2  # different words of a statement in or before a table that make it one
_STATEMENT_REACH = 600  # characters before a table where its caption and the statement's other rows stand


def statement_words(text: str, span: Span) -> int:
    """How many different words of a financial statement ``text[span]`` holds."""
    return len({m.group(0) for m in _STATEMENT_WORDS.finditer(text, span[0], span[1])})


def statement(text: str, span: Span) -> bool:
    """Whether ``text[span]`` (with the text just before it) is part of a financial statement or its notes."""
    lo = max(0, span[0] - _STATEMENT_REACH)
    return len({m.group(0) for m in _STATEMENT_WORDS.finditer(text, lo, span[1])}) >= _STATEMENT_MIN


_PIECE_SPLIT = re.compile(r"[，,；;、（(）)]|其中[：:]?|具体如下[：:]?|分别为[：:]?")


def _pieces(text: str, span: Span) -> list[Span]:
    """The clauses of a sentence that each carry one amount (``其中：场地费5000元，物料费8000元``)."""
    out, lo = [], span[0]
    for m in [*_PIECE_SPLIT.finditer(text, span[0], span[1]), None]:
        hi = m.start() if m else span[1]
        amounts = find_amounts(text, (lo, hi))
        if len(amounts) == 1 or (amounts and _result(text, amounts) is not amounts[0]):
            out.append((lo, hi))
        lo = m.end() if m else hi
    return out


def _item_sentences(text: str, span: Span) -> list[Item]:
    """Sentences that carry one amount and no total; of a sentence with several amounts (or a total's),
    its clauses that carry one amount and no total (``预算总计为10万元，其中：宣传费3万元，奖品2万元``)."""
    out = []
    for s in sentences(text, span):
        a, b = s.span
        total = _TOTAL_CUE.search(text, a, b)
        amounts = find_amounts(text, s.span)
        if not total and (len(amounts) <= 1 or _result(text, amounts) is not amounts[0]):
            out.append(s)
            continue
        for lo, hi in _pieces(text, s.span):
            if not _TOTAL_CUE.search(text, lo, hi):
                colon = max(text.rfind("：", lo, hi), text.rfind(":", lo, hi))
                start = colon + 1 if colon >= lo and not find_amounts(text, (lo, colon)) else lo
                out.append(Item((start, hi), "", None, s.section, start))
    return out


_OWN_BUDGET = re.compile(r"(?:本次|此次|本)(?:活动|项目|工作|方案)?[^。，]{0,6}(?:预算|经费|资金|费用)")
# a clause that opens with the money of the event itself: 活动经费预算为3000元, 活动所需资金1.5万元由…拨付
_EVENT_MONEY = re.compile(
    r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）.、．]\s*)?(?:活动|项目|比赛|大赛|竞赛|培训|会议)"
    r"(?:所需|总|的)?(?:经费|资金|费用)(?:预算)?(?:总额)?"
)
_STATED_CUE = re.compile(r"预算(?:为|约)|(?:经费|资金|费用)(?:为|约)|预计(?:花费|支出|投入|需要)")


def stated_total(text: str, span: Span) -> Budget | None:
    """A budget stated in passing when the plan has no budget section: total only — the total of this event's
    money (本次活动预算总计为30万元), or a clause that opens with the event's money and gives its sum
    (活动经费预算为3000元，由社区承担; 活动所需资金1.5万元由街道拨付); not a rate (报名费每人20元)."""
    for sent in _CLAUSE.finditer(text[span[0] : span[1]]):
        words = sent.group(0)
        first = re.split(r"[，,]", words, maxsplit=1)[0]
        opens = _EVENT_MONEY.match(first) and (_TOTAL_CUE.search(first) or _STATED_CUE.search(first))
        if opens and not _PER_UNIT.search(first):
            s = (span[0] + sent.start(), span[0] + sent.start() + len(first))
            amounts = find_amounts(text, s)
            if len(amounts) == 1:
                return Budget(total=amounts[0].yuan, span=s)
        if _OWN_BUDGET.search(words) and _TOTAL_CUE.search(words):
            s = (span[0] + sent.start(), span[0] + sent.end())
            amounts = find_amounts(text, s)
            if amounts:
                return Budget(total=max(a.yuan for a in amounts), span=s)
    return None


_TOTAL_BEFORE = re.compile(
    r"(?:总计|合计|共计|总额|总预算|预算总|共需|总投入|总经费|共投入|总计为|一共|总成本)[^。；\n\d]{0,8}$"
)


def amounts_budget(text: str, body: Span, whole: Span) -> Budget | None:
    """A budget section read amount by amount, the last resort: the first amount after a total cue
    is the total, every other amount an item (at least two)."""
    total: Amount | None = None
    items: list[BudgetItem] = []
    for amount in find_amounts(text, body):
        if total is None and _TOTAL_BEFORE.search(text[max(body[0], amount.span[0] - 12) : amount.span[0]]):
            total = amount
        else:
            items.append(BudgetItem(purpose="", amount=amount.yuan, span=amount.span))
    if total is None or len(items) < 2 or statement(text, body):
        return None
    items_sum = sum(i.amount for i in items)
    return Budget(
        total=total.yuan, items=tuple(items), span=whole, items_sum=items_sum, adds_up=abs(items_sum - total.yuan) < 0.5
    )


def _table_rows(text: str, span: Span, taken: set[Span]) -> list[BudgetItem]:
    """Tab-separated budget table rows: a purpose cell and an amount cell."""
    scale = _table_scale(text, span)
    out: list[BudgetItem] = []
    pos = span[0]
    counts = False  # under a header giving another unit (估计值（人天）): a table of counts, not of money
    for line in text[span[0] : span[1]].split("\n"):
        row = (pos, pos + len(line))
        pos = row[1] + 1
        if "\t" not in line:
            counts = False
            continue
        if _OTHER_UNIT.search(line) and not find_amounts(line):
            counts = True
            continue
        if counts or row in taken or _TABLE_TOTAL.match(line):
            continue
        amount = _row_amount(line, scale)
        if amount is not None:
            purpose = next((c.strip() for c in line.split("\t") if c.strip() and not c.strip().isdigit()), "")
            out.append(BudgetItem(purpose=purpose, amount=amount, span=row))
    return out


def _row_amount(line: str, scale: float | None = 1.0) -> float | None:
    amounts = find_amounts(line)
    if amounts:
        return amounts[-1].yuan
    if scale is None or _OTHER_UNIT.search(line):
        return None
    cells = [c.strip() for c in line.split("\t")]
    for cell in reversed(cells[1:]):
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", cell):
            return float(cell.replace(",", "")) * scale
    return None


_LABEL_FIGURE = re.compile(
    r"^[ \t]*(?P<label>[^：:\t\n\d]{1,16})[：:][ \t]*(?:(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)[ \t]*$|[^\n]*$)"
)
_COST_WORDS = re.compile(r"成本|费用|经费|预算|开支|支出|资金")
_LABEL_LINES_MIN = 2  # figures in a run of label lines that make it a cost list


def label_lines_budget(text: str, span: Span) -> Budget | None:
    """A cost estimate written as ``label：figure`` lines with no unit (素材寻找：200 / 代码编写：3000 / 其他：1000)
    under a lead or heading that speaks of costs: the figures are yuan (万元 when the lead says 单位：万元) and,
    no total being printed, their sum is the total. Lines saying something else in words (服务器：借用，暂定免费)
    may sit among them."""
    if statement(text, span):
        return None
    lines: list[tuple[Span, str]] = []
    pos = span[0]
    for line in text[span[0] : span[1]].split("\n"):
        lines.append(((pos, pos + len(line)), line))
        pos += len(line) + 1
    for i, (_, line) in enumerate(lines):
        if not _COST_WORDS.search(line) or _LABEL_FIGURE.match(line):
            continue
        run: list[BudgetItem] = []
        for row, words in lines[i + 1 :]:
            m = _LABEL_FIGURE.match(words)
            if m is None:
                break
            if m.group("n"):
                run.append(
                    BudgetItem(purpose=m.group("label").strip(), amount=float(m.group("n").replace(",", "")), span=row)
                )
        if len(run) >= _LABEL_LINES_MIN and not find_amounts(text, (run[0].span[0], run[-1].span[1])):
            scale = 10_000.0 if re.search(r"万元", line) else 1.0
            items = tuple(BudgetItem(b.purpose, b.amount * scale, b.span) for b in run)
            total = sum(b.amount for b in items)
            return Budget(total=total, items=items, span=(run[0].span[0], run[-1].span[1]), items_sum=total)
    return None


def inline_sum(text: str, span: Span) -> Budget | None:
    """A budget written as a sum (``800+1200+255=2255元``): the total with its addends, checked."""
    best: Budget | None = None
    if text.find("+", *span) < 0 and text.find("＋", *span) < 0:
        return None  # no sum written (the pattern needs a plus sign; scanning for it costs a full pass)
    for m in _INLINE_SUM.finditer(text, span[0], span[1]):
        if "元" not in m.group(0):
            continue  # 30+20=50人 is not money
        unit = m.group("unit") or ""
        scale = 10_000 if unit.startswith("万") else 1
        total = float(m.group("total")) * scale
        terms = [float(n) * (10_000 if (u or unit).startswith("万") else 1) for n, u in _TERM.findall(m.group("terms"))]
        items_sum = sum(terms)
        items = tuple(BudgetItem(purpose="", amount=t, span=m.span("terms")) for t in terms)
        found = Budget(
            total=total, items=items, span=m.span(), items_sum=items_sum, adds_up=abs(items_sum - total) < 0.5
        )
        if best is None or (best.total or 0) < total:
            best = found
    return best


# a form field whose cell holds the sum with its unit: 经费预算<tab>3000元
_FORM_CELL = re.compile(rf"(?:^|\t|\n)\s*{_FIELD}\s*[：:]?\s*\t\s*(?P<cell>[^\t\n]{{1,20}})")
# a field of the money asked whose cell is a bare figure (申请经费<tab>8000): yuan
_FORM_BARE = re.compile(
    r"(?:^|\t|\n)\s*(?:申请资助|申请|资助|项目)(?:经费|资金)(?:预算|总额|金额)?\s*[：:]?\s*\t\s*"
    r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{3,}(?:\.\d+)?)[ \t]*(?=[\t\n]|$)"
)


# a field written as label：figure in one cell (审批经费：8000, 申请经费：2.5万元): a bare figure is in yuan
_FORM_COLON = re.compile(
    r"(?:^|\t|\n)[ \t]*(?:(?:申请|审批|批准|核定|资助|项目|预算|总)?(?:经费|资金)(?:总额|金额|数额|预算)?"
    r"|(?:申请|资助|预算|项目)总?金额|预算总额)[ \t]*[：:][ \t]*(?:共计|合计|总计|约)?[ \t]*"
    r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)[ \t]*(?P<unit>万元|元)?[ \t]*(?=[\t\n]|$)"
)


def form_total(text: str, span: Span) -> Budget | None:
    """The amount of a form's 申请经费（元） field, of a 审批经费：8000 field, or of a 经费预算 field whose cell
    says 3000元."""
    m = _FORM_FIELD.search(text, span[0], span[1]) or _FORM_COLON.search(text, span[0], span[1])
    if m is None and (bare := _FORM_BARE.search(text, span[0], span[1])) is not None:
        return Budget(total=float(bare.group("n").replace(",", "")), span=bare.span("n"))
    if m is None:
        for cell in _FORM_CELL.finditer(text, span[0], span[1]):
            amounts = find_amounts(text, cell.span("cell"))
            if len(amounts) == 1 and not _PER_UNIT.search(cell.group("cell")):
                return Budget(total=amounts[0].yuan, span=amounts[0].span)
        return None
    scale = 10_000 if (m.group("unit") or "").startswith("万") else 1
    return Budget(total=float(m.group("n").replace(",", "")) * scale, span=m.span("n"))


def table_total(text: str, span: Span) -> Budget | None:
    """A budget table anywhere (header naming 经费/预算/费用): its rows and its 合计 row."""
    pos = span[0]
    header_at: int | None = None
    loose = 0  # short lines without a tab inside the table (a cell wrapped onto its own line)
    found: Budget | None = None
    lines = text[span[0] : span[1]].split("\n")
    for line in lines:
        row = (pos, pos + len(line))
        pos = row[1] + 1
        if "\t" not in line:
            loose += 1
            if header_at is not None and (found is not None or loose > _LOOSE_LINES or len(line) > _LOOSE_LEN):
                if found is not None:
                    return found
                header_at = None
            continue
        loose = 0
        if header_at is None and _BUDGET_HEADER.search(line) and not _TABLE_TOTAL.match(line):
            header_at = row[0]
            continue
        if header_at is not None and _TABLE_TOTAL.match(line):
            table = (header_at, row[1])
            if statement(text, table):
                continue
            total = _row_amount(line, _table_scale(text, table))
            if total is None:
                continue
            items = tuple(
                b for b in _table_rows(text, (header_at, row[0]), set()) if not _SUBTOTAL.match(text, b.span[0])
            )
            items_sum = sum(i.amount for i in items) if items else None
            adds_up = None if items_sum is None else abs(items_sum - total) < 0.5
            budget = Budget(total=total, items=items, span=table, items_sum=items_sum, adds_up=adds_up)
            if not _SUBTOTAL.match(line):
                return budget  # 合计/总计: the table's total
            # 小计 of one part: read on for the 合计; without one, the parts' subtotals add up to the total
            found = budget if found is None else replace(budget, total=(found.total or 0) + total, adds_up=None)
    return found


_SUBTOTAL = re.compile(r"\s*小\s?计")
_LOOSE_LINES = 2  # wrapped cells between two rows of one table
_LOOSE_LEN = 20  # characters: a longer line is text after the table


def total_after(text: str, pos: int, hi: int) -> Amount | None:
    """A 合计 line right after a budget list (a segmenter may give it to the next heading)."""
    while pos < hi and text[pos].isspace():
        pos += 1
    end = text.find("\n", pos, hi)
    line = text[pos : hi if end < 0 else end]
    if not _TABLE_TOTAL.match(line):
        return None
    amounts = find_amounts(text, (pos, pos + len(line)))
    return max(amounts, key=lambda a: a.yuan) if amounts else None


__all__ = [
    "Amount",
    "budget_from",
    "find_amounts",
    "form_total",
    "inline_sum",
    "label_lines_budget",
    "stated_total",
    "statement",
    "statement_words",
    "summed_total",
    "table_total",
    "total_after",
]
