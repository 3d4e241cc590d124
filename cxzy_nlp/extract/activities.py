"""Activities: the items of task and content sections, and the rows of 月份安排 tables."""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Activity, DateMention, Span
from ..patternscan import finditer as gated_finditer
from ..patternscan import search as gated_search
from .dates import find_dates
from .items import Item
from .names import item_name, name_of
from .patterns import patterns
from .workwords import holds_doing_word

_OWNER_BY = re.compile(r"由([^，。；：\n]{2,30}?)(?:牵头|负责|组织实施|具体负责|承办)")
_HEADER_WORDS = re.compile(r"时间|日期|行程|月份|内容|项目|负责|责任|序号|活动|名称|备注|地点|参加|任务|事项|阶段|产出")
_WHEN_COL = re.compile(r"时间|日期|月份|时段|周次")
_NAME_COL = re.compile(r"内容|项目|活动|名称|事项|任务|行程")
_OWNER_COL = re.compile(r"负责|责任|牵头|承办")
_PART_COL = re.compile(r"参加|对象|人员")
_STAGE_COL = re.compile(r"^(?:工作|实施|项目)?(?:阶段|步骤)$")
_SENTENCE_MARK = re.compile(r"[，。；,;]")
_WHERE_COL = re.compile(r"地点|场所|地址|场地")
_WHERE_CUE = re.compile(r"(?:活动|实践|比赛|会议|举办|培训)?(?:地点|场所|场地)[：:]\s*")
_WHERE_AT = re.compile(
    r"(?:^|[，。；\s])(?:在|于)(?P<w>[^，。；：\n\d在于]{2,20}?)(?:举行|举办|召开|开展|进行|集合|集中)"
)


def _until_stop(text: str, start: int, end: int) -> str:
    """Words from ``start`` to the first ，；。 or line end, keeping a bracketed remark whole."""
    depth = 0
    for i in range(start, end):
        ch = text[i]
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            if depth == 0:
                return text[start:i]
            depth -= 1
        elif depth == 0 and ch in "，,；;。\n":
            return text[start:i]
    return text[start:end]


def owner_of(text: str, span: Span) -> str | None:
    p = patterns()
    inline = p.owner_inline.search(text, span[0], span[1])
    if inline:
        return inline.group(1).strip()
    cue = gated_search(p.owner_cue, text, span[0], span[1])
    if cue and cue.end() < span[1]:
        owner = _until_stop(text, cue.end(), span[1]).strip("，, ")
        if owner:
            return owner
    paren = p.owner_paren.search(text, span[0], span[1])
    if paren:
        return paren.group(1).strip()
    by = _OWNER_BY.search(text, span[0], span[1])
    return by.group(1) if by else None


def participants_of(text: str, span: Span) -> str | None:
    cue = gated_search(patterns().participant_cue, text, span[0], span[1])
    if cue:
        return _until_stop(text, cue.end(), span[1]).strip() or None
    return None


_DATED_LINE_MIN = 2  # a day-by-day calendar has at least two dated lines in a row


def calendar_lines(text: str, span: Span, year: int | None) -> list[Activity]:
    """Lines that open with a date and then say what happens (7月16日：材料准备…; 2019.5-2019.7 收集数据…),
    two or more in a row: a day-by-day calendar written as text. Lines run together into one paragraph
    (7月16日：材料准备；7月17日：参观…；) are parted where a dated entry opens after a ；."""
    out: list[Activity] = []
    run: list[Activity] = []
    for row in _entries(text, span, year):
        activity = _dated_line(text, row, year)
        if activity is not None and _states_target(activity):
            continue  # 2019年：贫困发生率降至2%以下: a year's target is a goal, not a thing to do; the run goes on
        if activity is None:
            if len(run) >= _DATED_LINE_MIN:
                out.extend(run)
            run = []
            continue
        run.append(activity)
    if len(run) >= _DATED_LINE_MIN:
        out.extend(run)
    return out


_ENTRY_STOP = re.compile(r"[；;]")


def _entries(text: str, span: Span, year: int | None) -> list[Span]:
    """The lines of ``text[span]``, each cut after a ；where the words that follow open with a date."""
    out: list[Span] = []
    for lo, hi in _lines_of(text, span):
        start = lo
        for m in _ENTRY_STOP.finditer(text, lo, hi):
            after = m.end() + len(text[m.end() : hi]) - len(text[m.end() : hi].lstrip(" \t　"))
            if _opens_with_date(text, (after, hi), year):
                out.append((start, m.start()))
                start = after
        out.append((start, hi))
    return out


def _calendar_date(d: DateMention, year: int | None) -> bool:
    """A date a calendar line may open with: a calendar date, or a day written without a year in a document
    that prints none (6月28日到7月2日：熟悉业务…)."""
    return d.valid and bool(d.start or d.end or (year is None and d.kind in ("day", "range") and "月" in d.text))


def _opens_with_date(text: str, row: Span, year: int | None) -> bool:
    if row[0] >= row[1] or not text[row[0]].isdigit():
        return False
    dates = [d for d in find_dates(text, (row[0], min(row[1], row[0] + 30)), year) if _calendar_date(d, year)]
    return bool(dates) and dates[0].span[0] == row[0]


# a first clause that says what a figure will reach (出栏数达到600万头, 计划实现0.6万贫困人口脱贫), not what is done
_TARGET_CLAUSE = re.compile(
    r"[^，。；,;：:]{0,16}?(?:达到|达|降至|降到|下降到|提高到|提升到|增加到|增长到|控制在|不低于|不少于|实现)"
    r"\s*[\d一二三四五六七八九十百千万]"
)


def _states_target(activity: Activity) -> bool:
    """Whether a dated line's words after its date open with a target (出栏数达到600万头), not work."""
    rest = activity.text[len(activity.when or "") :].lstrip(" ：:，,、")
    return bool(_TARGET_CLAUSE.match(rest))


def _dated_line(text: str, row: Span, year: int | None) -> Activity | None:
    lead = len(text[row[0] : row[1]]) - len(text[row[0] : row[1]].lstrip())
    start = row[0] + lead
    if "\t" in text[row[0] : row[1]]:
        return None  # table rows are read as tables
    dates = [d for d in find_dates(text, (start, row[1]), year) if _calendar_date(d, year)]
    if not dates or dates[0].span[0] != start:
        return None
    after = dates[0].span[1]
    rest = text[after : row[1]].lstrip(" ：:，,、")
    if len(rest) < 2 or after >= row[1] or text[after] not in "：: ，,、":
        return None
    first = dates[0]
    return Activity(
        name=name_of(rest) or rest[:30],
        text=text[start : row[1]],
        span=(start, row[1]),
        section=None,
        when=first.text,
        start=first.start,
        end=first.end,
        owner=owner_of(text, (after, row[1])),
        where=where_of(text, (after, row[1])),
    )


_STAGE_LINE = re.compile(
    r"[ \t]*(?P<name>第[一二三四五六七八九十\d]+阶段|(?!本|下|该|此|各|每)[\u4e00-\u9fff]{2,8}阶段)"
    r"(?:[（(][^）)\n]{1,30}[)）])?[：:][ \t]*(?=\S{2})"
)
_STAGE_LINES_MIN = 2  # the stages of a piece of work come in runs
# a line opening with the stretch of time its work takes (第1-2周：需求分析, 一周时间进行需求分析, 两周之内将数据库设计完毕)
_NUM = r"[一二两三四五六七八九十\d]+"
_SPAN_LINE = re.compile(
    rf"[ \t]*(?P<span>第{_NUM}(?:[-—~～至到]{_NUM})?(?:周|天|个月|课时|学时)"
    rf"|{_NUM}个?(?:周|天|个月|星期)(?:左右)?(?:的时间|时间|之内|以内|内)?(?:左右)?)"
    r"[：:，,\s]*(?=[\u4e00-\u9fff]{2})"
)


def stage_lines(text: str, span: Span, year: int | None, section: str | None = None) -> list[Activity]:
    """Lines that name a stage and say what is done in it (启动阶段：分析客户需求…；实施阶段：…；交付阶段：…), or open
    with the week or stretch of time their work takes (第1-2周：需求分析；一周时间进行页面设计…), two or more in a
    row: the stages of the work written as text, each an activity."""
    out: list[Activity] = []
    run: list[Activity] = []
    for row in [*_lines_of(text, span), None]:
        m = _STAGE_LINE.match(text, row[0], row[1]) if row is not None else None
        timed = _SPAN_LINE.match(text, row[0], row[1]) if row is not None and m is None else None
        if (m is None and timed is None) or row is None or "\t" in text[row[0] : row[1]]:
            if len(run) >= _STAGE_LINES_MIN:
                out.extend(run)
            run = []
            continue
        start = m.start("name") if m else row[0] + len(text[row[0] : row[1]]) - len(text[row[0] : row[1]].lstrip())
        after = m.end() if m else timed.end() if timed else start
        dates = [d for d in find_dates(text, (start, row[1]), year) if d.valid and (d.start or d.end)]
        when = dates[0] if dates else None
        words = text[after : row[1]]
        run.append(
            Activity(
                name=m.group("name") if m else name_of(words) or words[:30],
                text=text[start : row[1]],
                span=(start, row[1]),
                section=section,
                when=when.text if when else None,
                start=when.start if when else None,
                end=when.end if when else None,
                owner=owner_of(text, (after, row[1])),
            )
        )
    return out


_DOCUMENT_SHARE = re.compile(r"本文档|本文件|本报告|文档中")  # who wrote which part of the paper: no work of the plan
_PERSON_COL = re.compile(r"(?:成员|队员|组员)?姓\s*名")
_DUTY_COL = re.compile(r"分工|职责|承担的?(?:工作|任务)")
_PERSON = re.compile(r"[\u4e00-\u9fff]{2,4}")
_ROLE = re.compile(r"[员长组者队人]$")  # 信息员, 组长, 文宣组, 协调者, 领队: a role, not a duty


def duty_rows(text: str, span: Span) -> list[Activity]:
    """The rows of a members table with a duty column (姓名 | 性别 | … | 项目分工, 姓名 | 职责): each member's duty is an
    activity the member owns. The header names its own table only (rows parted by words are two tables); a table of
    who wrote which part of the document itself (本文档中承担的任务) is not one, nor is a cell naming a role (信息员)."""
    out: list[Activity] = []
    cols: tuple[int, int] | None = None
    last = span[0]
    for row, cells in _table_lines(text, span):
        if text[last : row[0]].strip():
            cols = None  # words between two rows: a new table
        last = row[1]
        person = [i for i, c in enumerate(cells) if _PERSON_COL.fullmatch(c)]
        duty = [i for i, c in enumerate(cells) if len(c) <= 12 and _DUTY_COL.search(c)]
        if person and duty:
            cols = None if any(_DOCUMENT_SHARE.search(c) for c in cells) else (person[0], duty[0])
            continue
        if cols is None or max(cols) >= len(cells):
            continue
        who, what = cells[cols[0]].replace(" ", ""), cells[cols[1]]
        if not _PERSON.fullmatch(who) or len(what) < 2 or _ROLE.search(what):
            continue
        at = text.find(what, row[0], row[1])
        where = (at, at + len(what)) if at >= 0 else row
        out.append(
            Activity(
                name=name_of(what) or what[:30], text=text[where[0] : where[1]], span=where, section=None, owner=who
            )
        )
    return out


_ASSIGNED = re.compile(
    r"(?:^|(?<=[\n\t 　。；;]))(?P<n>[\u4e00-\u9fff]{2,4})[：:][ \t]*(?P<w>[\u4e00-\u9fffA-Za-z][^\n\t：:。；;]{1,39}?)"
    r"(?=[ \t　]+[\u4e00-\u9fff]{2,4}[：:]|[ \t　]+(?:\d{1,2}[、.．]|[（(]?[一二三四五六七八九十]+[、）)])|[ \t　]*(?:[\n\t。；;]|$))"
)
_NOT_A_NAME = re.compile(
    r"[人员长组师部处室科会方位期]$|时间|地点|内容|主题|备注|要求|目标|任务|说明|联系|电话|地址|邮箱|方式|附件|题目|名称"
    r"|日期|情况|安排|工作|问题|意见|结果|总结|计划|形式|对象|人数|成员|分工|阶段"
)
_ASSIGNED_MIN = 2  # assignments come as a list: 马某：…  李某：…


def assignments(text: str, span: Span, year: int | None = None) -> list[Activity]:
    """Work given to named people in a row (张某：技术说明书、测试  李某：用户手册  王某：编写测试文档): each an
    activity with its person as owner. Two or more in a run, most opening with a surname, none a field label
    (时间：, 地点：, 联系人：)."""
    out: list[Activity] = []
    run: list[Activity] = []
    last_end = -1
    surnames = patterns().surnames
    for m in [*_ASSIGNED.finditer(text, span[0], span[1]), None]:
        joined = m is not None and (last_end < 0 or not text[last_end : m.start()].strip(" \t　\n"))
        if m is None or not joined or _NOT_A_NAME.search(m.group("n")):
            people = sum(1 for a in run if a.owner and a.owner[0] in surnames)
            if len(run) >= _ASSIGNED_MIN and people * 2 >= len(run):
                out.extend(run)
            run, last_end = [], -1
            if m is None or _NOT_A_NAME.search(m.group("n")):
                continue
        words = m.group("w").strip()
        run.append(
            Activity(
                name=name_of(words) or words[:30],
                text=text[m.start("n") : m.end("w")],
                span=(m.start("n"), m.end("w")),
                section=None,
                when=None,
                owner=m.group("n"),
            )
        )
        last_end = m.end("w")
    return out


_SENTENCE_STOPS = "。；;！？!?\n"


def deadline_sentences(text: str, span: Span, year: int | None) -> list[Activity]:
    """Sentences that set a deadline for a piece of work (各省份要于2019年6月底前出台实施方案; 请于7月20日前报送):
    each an activity due by its date. A sentence that looks back (已于…完成) sets none; table rows are read as
    tables."""
    out: list[Activity] = []
    for e in find_dates(text, span, year):
        window = e.kind == "range" and bool(_WITHIN.match(text, e.span[1]))  # 在11月15日至20日内提交
        due = bool(_DUE_DAY.search(text, max(span[0], e.span[0] - _DUE_REACH), e.span[0]))  # 最迟期限为12月20日
        due = due or bool(_CLOCK_BEFORE.match(text, e.span[1]))  # 于6月20日18：00前报送: a day and an hour to meet
        if not (e.valid and e.end and e.kind != "festival" and (e.start is None or window or due)):
            continue
        stops = _SENTENCE_STOPS + ("\t" if _form_row(text, e.span[0]) else "")
        lo, hi = e.span
        while lo > span[0] and text[lo - 1] not in stops:
            lo -= 1
        while hi < span[1] and text[hi] not in stops:
            hi += 1
        lo += len(text[lo:hi]) - len(text[lo:hi].lstrip(" \t　"))
        words = text[lo:hi]
        if "\t" in words or patterns().looking_back.search(words) or (out and out[-1].span == (lo, hi)):
            continue
        if _RECURRING.search(words):  # 2020年起，每年3月底前完成以上工作: the work is listed once, at its first date
            continue
        if len(words) < _MIN_DEADLINE_WORDS:
            continue
        out.append(
            Activity(
                name=name_of(words) or words[:30],
                text=words,
                span=(lo, hi),
                section=None,
                when=e.text,
                end=e.end,
                owner=owner_of(text, (lo, hi)),
            )
        )
    return out


# work a measure sentence commits to, by its shape (README "Activities", 保障 parts): a body set up, an event held,
# a named programme run, training, a pilot or an acceptance organised, a named paper drawn up. A measure itself
# (加强组织领导, 完善协调机制, 加大投入力度) matches none: it says how the plan is upheld.
_CLAUSE = r"[^，。；;：:\n\t]"
_COMMITTED_WORK = re.compile(
    rf"(?:成立|组建|设立|筹建)(?!的){_CLAUSE}{{0,30}}?(?:小组|委员会|工作组|专班|联盟|协会|办公室|项目组|指挥部)"
    rf"|(?:举办|举行|召开|筹办)(?!的){_CLAUSE}{{0,30}}?"
    r"(?:论坛|大会|会议|大赛|比赛|竞赛|展会|博览会|研讨会|培训班|交流会|发布会|杂志)"
    rf"|(?:实施|启动){_CLAUSE}{{0,4}}?“[^”\n]{{2,24}}”{_CLAUSE}{{0,6}}?(?:专项|工程|行动|计划)"
    rf"|实施{_CLAUSE}{{2,20}}?专项"
    rf"|开展{_CLAUSE}{{0,16}}?(?:培训|试点|示范|测评|验收|回头看)"
    rf"|组织(?:开展|实施)?{_CLAUSE}{{0,16}}?(?:培训|测评|验收|回头看)"
    # a check the issuer will run (省政府将对…开展抽查, 对…进行综合评估, 开展线上巡查)
    rf"|(?:开展|进行|组织){_CLAUSE}{{0,16}}?(?:抽查|评估|督查|监测|核查)"
    rf"|(?:制定|出台|编制|印发)(?!的){_CLAUSE}{{0,24}}?(?:方案|标准|办法|细则|规划|指南|预案)"
)
_CLAUSE_STOPS = "，,。；;\n\t"
_PROHIBITED = re.compile(r"严禁|禁止|不得|不准|不允许|杜绝|避免")
_CONDITION = re.compile(r"^(?:对于|对|凡|如|若|经|为|根据|按照|依据)")
# a clause that points at the document itself (制定本方案, 现就开展…工作, 制定以下方案) opens it; one that leaves the
# work to others (鼓励地方出台…, 支持开展…, 引导行业协会编写…) commits to none; one that tells of work done (进行了专题
# 培训) or is the chrome of a web page (首页>…) is none either
_NOT_COMMITTED = re.compile(
    r"本(?:方案|意见|通知|办法|计划)|以下|如下|现就|^现|特制定|鼓励|支持|引导|指导|推动|了(?!解)|>|的通知"
    # a leading group is the plan's own 组织领导 measure (README: a measure upholds the plan), not a working body
    r"|领导小组"
    # a paper named only by the kind of plan (制定活动方案, 编制具体实施方案): the plan itself or its detailed copy
    r"|(?:制定|编制|出台)(?:详细|具体|各自|本单位)?的?(?:活动|工作|实施)?方案(?![\u4e00-\u9fff])"
)
_HEADING_LINE = re.compile(r"[ \t]*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十\d]{1,3}[、.．])")


def committed_work(text: str, span: Span, year: int | None) -> list[Activity]:
    """The clauses of running text that commit to a piece of work by its shape, wherever the part sits and
    whatever its label (成立…工作小组, 举办…论坛, 实施“…”专项, 组织开展…培训, 组织…验收, 制定…方案): each clause
    an activity. A clause that looks back (已成立, 召开了), forbids (严禁召开…), sets a condition (经…验收合格的)
    or sits in a table row gives none."""
    out: list[Activity] = []
    p = patterns()
    for m in gated_finditer(_COMMITTED_WORK, text, span[0], span[1]):
        lo = m.start()
        while lo > span[0] and text[lo - 1] not in _CLAUSE_STOPS + "：:":
            lo -= 1
        hi = m.end()
        while hi < span[1] and text[hi] not in _CLAUSE_STOPS:
            hi += 1
        lo += len(text[lo:hi]) - len(text[lo:hi].lstrip(" \t　"))
        if lo >= hi or (out and out[-1].span[1] > lo):
            continue
        words = text[lo:hi]
        line = text[text.rfind("\n", 0, lo) + 1 : hi]
        if "\t" in line or p.looking_back.search(words) or _PROHIBITED.search(words) or _CONDITION.match(words):
            continue
        if _NOT_COMMITTED.search(words):
            continue
        line_start = text.rfind("\n", 0, lo) + 1
        marker = _HEADING_LINE.match(text, line_start, hi)
        closes = (
            hi >= span[1] or text[hi] in "。\n" or not text[hi : text.find("\n", hi) % (len(text) + 1)].strip(" ：:")
        )
        if marker and lo <= marker.end() and closes:
            continue  # （二）开展培训宣传。…: a part's or a paragraph's heading; the part is read as a part
        if words.rstrip().endswith(("的", "时")):  # 经…验收合格的, 召开会议时: a condition, not the work
            continue
        dates = [d for d in find_dates(text, (lo, hi), year) if d.valid]
        when = dates[0] if dates else None
        out.append(
            Activity(
                name=name_of(text[m.start() : hi]) or text[m.start() : hi][:30],
                text=words,
                span=(lo, hi),
                section=None,
                when=when.text if when else None,
                start=when.start if when else None,
                end=when.end if when else None,
                owner=owner_of(text, (lo, hi)),
            )
        )
    return out


_MIN_DEADLINE_WORDS = 8  # characters: a bare 截止日期：6月30日 names no work
# a day named as the last one for the whole work (此项目完成的最迟期限为2016年12月20日, 最后交付期限：…)
_DUE_DAY = re.compile(r"(?:最迟|最后|最终)(?:交付|完成)?(?:期限|日期|时间)[为是：:\s]*$")
_DUE_REACH = 12
_CLOCK_BEFORE = re.compile(
    r"\s*(?:[上下]午|中午|晚上?)?\s*\d{1,2}\s*(?:[:：]\s*\d{2}|[时点](?:\d{1,2}分|整|半)?)\s*(?:之前|以前|前)"
)
# a cycle set from a year on (2020年起，每年2月底前…) or work named by pointing back (完成上述工作): a deadline for work
# the plan has listed already, no new piece of work
_RECURRING = re.compile(
    r"(?:起|开始)[，,]?\s*[^，。；]{0,12}?每(?:年|季度|半年|月)|(?:完成|做好|开展)(?:上述|以上|前述|上面)(?:各项)?(?:工作|任务)"
)

_ORDINAL = re.compile(
    r"(?<![\u4e00-\u9fff])(?P<n>[一二三四五六七八九十]{1,2})是(?=[\u4e00-\u9fff“])"
    r"|(?<=[：:；;。，\s])(?P<c>[①-⑳])(?=[\u4e00-\u9fff“\d])"
)
# 部署了9个方面26项重点任务。 重点做好以下工作： (not 做好今年政府工作，要把握好以下几点: principles)
_LEAD_WORK = re.compile(r"任务|(?:以下|如下|几项|方面的?)(?:重点)?工作|工作(?:如下|有)|举措|措施|行动|部署")
_LEAD_NOT = re.compile(r"目标|要求|原则|做了|了(?:以下|如下|这些)|一年来|过去")  # aims, rules, work done
_LEAD_REACH = 120  # characters before 一是 where the lead sentence is looked for
_ORDINAL_STOPS = "。！？!?；;\n"


def _ordinal_value(m: re.Match[str]) -> int:
    from ..chinese.numerals import to_int

    if m.group("c"):
        return ord(m.group("c")) - ord("①") + 1
    return to_int(m.group("n")) or 0


def ordinal_items(text: str, span: Span, year: int | None) -> list[Activity]:
    """Work enumerated in running text after a lead naming tasks (部署了9个方面重点任务。一是夯实…基础。二是…;
    主要工作任务如下：①完成…；②加大…): each 一是…, 二是… clause to the end of its sentence, each ①… to the next
    marker, is an activity. A lead that looks back (一年来主要做了以下工作, 完成了以下工作任务：①…) reports work
    done; a lead naming aims or requirements (目标, 要求) lists none."""
    out: list[Activity] = []
    marks = list(gated_finditer(_ORDINAL, text, span[0], span[1]))
    i = 0
    while i < len(marks):
        if _ordinal_value(marks[i]) != 1:
            i += 1
            continue
        run = [marks[i]]
        for m in marks[i + 1 :]:
            if bool(m.group("c")) == bool(run[0].group("c")) and _ordinal_value(m) == len(run) + 1:
                run.append(m)
            elif _ordinal_value(m) == 1:
                break  # a new list starts: its own lead decides
        i += max(1, len(run))
        if len(run) < 2 or not _work_lead(text, run[0].start(), span[0]):
            continue
        for k, m in enumerate(run):
            hi = m.end()
            limit = run[k + 1].start() if k + 1 < len(run) else span[1]
            stops = "\n" if m.group("c") and k + 1 < len(run) else _ORDINAL_STOPS  # ① runs to ②
            while hi < limit and text[hi] not in stops:
                hi += 1
            hi = m.end() + len(text[m.end() : hi].rstrip("；;，, \t"))
            words = text[m.start() : hi]
            dates = [d for d in find_dates(text, (m.start(), hi), year) if d.valid]
            when = dates[0] if dates else None
            out.append(
                Activity(
                    name=name_of(text[m.end() : hi]) or text[m.end() : hi][:30],
                    text=words,
                    span=(m.start(), hi),
                    section=None,
                    when=when.text if when else None,
                    start=when.start if when else None,
                    end=when.end if when else None,
                    owner=owner_of(text, (m.start(), hi)),
                )
            )
    return out


def _work_lead(text: str, pos: int, floor: int) -> bool:
    """Whether the sentence before ``pos`` announces work to do (not aims, rules or work done)."""
    lo = max(floor, pos - _LEAD_REACH)
    before = text[lo:pos].rstrip()
    if not before:
        return False
    end = len(before) - 1 if before[-1] in "。：:；" else len(before)
    start = max(before.rfind(c, 0, end) for c in "。！？\n") + 1
    lead = before[start:]
    p = patterns()
    return bool(_LEAD_WORK.search(lead)) and not _LEAD_NOT.search(lead) and not p.looking_back.search(lead)


_WITHIN = re.compile(r"\s*(?:之内|以内|内)")
_FORM_LABEL = 12  # characters: the label cell of a form row (中期报告, 提交成果)


def _form_row(text: str, pos: int) -> bool:
    """Whether ``pos`` lies in the value cell of a two-cell form row (中期报告<tab>本项目在…提交…): the cell is
    a sentence of its own, while a row of a many-column table is read as a table."""
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    row = text[lo : len(text) if hi < 0 else hi]
    cells = row.split("\t")
    return len(cells) == 2 and 0 < len(cells[0].strip()) <= _FORM_LABEL and lo + len(cells[0]) < pos


_INLINE_MIN = 3  # a schedule table flattened into one line holds at least three dated entries
# a caption or label before the first entry of a flattened table (表2 进度安排, 2进度安排)
_TABLE_CAPTION = re.compile(r"[ \t]*(?:表\s*)?\d*\s*[\u4e00-\u9fff]{0,4}(?:进度|时间|日程|工作)(?:安排|计划)表?\s*")


def inline_calendar(text: str, span: Span, year: int | None, section: str | None = None) -> list[Activity]:
    """A schedule table flattened into running text, three dated entries or more on one line.

    Dates standing apart (a blank or a line end after them: 2019.4 调研与准备 2019.5-2019.7 收集数据… 2020.4 结题答辩,
    also glued to the words before when a PDF ran the cells together: …准备阶段2019.5-2019.7 收集数据) each open an
    entry that runs to the next one. A line that ends with a date and whose dates are glued on both sides (调研与准备
    阶段2019.4收集数据…2019.5-2019.7…结题答辩2020.4) had its dates in the second column: each entry runs from the date
    before it to its own date."""
    out: list[Activity] = []
    for row in _lines_of(text, span):
        dated = [d for d in find_dates(text, row, year) if d.valid and (d.start or d.end)]
        entries = _date_first(text, row, [d for d in dated if _apart(text, d.span, row)], section)
        if len(entries) < _INLINE_MIN and len(dated) >= _INLINE_MIN and not text[dated[-1].span[1] : row[1]].strip():
            entries = _date_last(text, row, dated, section)
        if len(entries) >= _INLINE_MIN:
            out.extend(entries)
    return out


def _date_first(text: str, row: Span, dates: list[DateMention], section: str | None) -> list[Activity]:
    entries: list[Activity] = []
    for i, d in enumerate(dates):
        end = dates[i + 1].span[0] if i + 1 < len(dates) else row[1]
        words = text[d.span[1] : end].strip()
        if len(words) < 2:
            continue
        stop = d.span[1] + len(text[d.span[1] : end].rstrip())
        entries.append(_entry(text, (d.span[0], stop), words, d, section))
    return entries


def _date_last(text: str, row: Span, dates: list[DateMention], section: str | None) -> list[Activity]:
    entries: list[Activity] = []
    for i, d in enumerate(dates):
        lo = dates[i - 1].span[1] if i else row[0]
        if not i:
            caption = _TABLE_CAPTION.match(text, lo, d.span[0])
            lo = caption.end() if caption else lo
        lo += len(text[lo : d.span[0]]) - len(text[lo : d.span[0]].lstrip())
        words = text[lo : d.span[0]].strip()
        if len(words) < 2:
            continue
        entries.append(_entry(text, (lo, d.span[1]), words, d, section))
    return entries


def _entry(text: str, where: Span, words: str, d: DateMention, section: str | None) -> Activity:
    return Activity(
        name=name_of(words) or words[:30],
        text=text[where[0] : where[1]],
        span=where,
        section=section,
        when=d.text,
        start=d.start,
        end=d.end,
        owner=owner_of(text, where),
    )


def _lines_of(text: str, span: Span) -> list[Span]:
    out = []
    pos = span[0]
    for line in text[span[0] : span[1]].split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _apart(text: str, where: Span, row: Span) -> bool:
    """A date with a blank after it and a blank, the line start or words (not a figure) before it."""
    before = where[0] == row[0] or text[where[0] - 1] in " \t\u3000" or "\u4e00" <= text[where[0] - 1] <= "\u9fff"
    after = where[1] < row[1] and text[where[1]] in " \t\u3000"
    return before and after


def where_of(text: str, span: Span) -> str | None:
    """The place of an activity: 地点：…, or 在…举行."""
    cue = gated_search(_WHERE_CUE, text, span[0], span[1])
    if cue and cue.end() < span[1]:
        place = _until_stop(text, cue.end(), span[1]).strip()
        if place:
            return place
    at = gated_search(_WHERE_AT, text, span[0], span[1])
    return at.group("w") if at else None


def sets_deadline(text: str, span: Span, year: int | None) -> bool:
    """Whether the words of ``span`` set a date by which something is done (于2024年12月10日前, 4月底前) or a stretch
    of time to do it in (2024年6月至12月); a single day (the 落款 date a closing item runs into) sets neither."""
    return any(
        d.valid and d.end and (d.start is None or (d.kind == "range" and d.start != d.end))
        for d in find_dates(text, span, year)
    )


def make_activity(text: str, item: Item, year: int | None, section: str | None) -> Activity:
    dates = [d for d in find_dates(text, item.span, year) if d.valid]
    when = dates[0] if dates else None
    return Activity(
        name=item_name(text, item),
        text=text[item.span[0] : item.span[1]],
        span=item.span,
        section=item.section or section,
        when=when.text if when else None,
        start=when.start if when else None,
        end=when.end if when else None,
        owner=owner_of(text, item.span),
        participants=participants_of(text, item.span),
        where=where_of(text, item.span),
    )


# the title of a text and no more (《…文选》第一卷, 《…纲要（2025年版）》): a thing read or studied, not a thing done
_TITLE_ONLY = re.compile(r"《[^》\n]{2,60}》(?:第[一二三四五六七八九十\d]+[卷册部分辑篇章])?")


def names_work(name: str) -> bool:
    """Whether a name may say something is done or held; ``False`` for the name of a thing, a place,
    a person or a deliverable (教学楼网络, 重点产品, 软件环境, 近3年知识产权材料): a noun phrase
    ending as things end (``thing_heads``), with no verb in it (jieba's tags, :mod:`.workwords`)."""
    words = name.strip(' “”"《》')
    if not words or not patterns().thing_heads.search(words):
        return True
    return holds_doing_word(words)


def is_work(activity: Activity) -> bool:
    """An item of a task part that is a thing to do: dated, owned, or named as work or an event; an item saying
    what something must be (软件系统应是模块化结构, 界面应具有一致性) is a requirement, not work."""
    if _CODE.search(activity.text) or (_RULE_OR_CRITERION.match(activity.text) and _one_sentence(activity.text)):
        return False
    if activity.start or activity.end or activity.owner:
        return True
    if _CITES.search(activity.text):
        return False  # 强调知识的广度[3]。: a survey of the literature
    if _TITLE_ONLY.fullmatch(activity.text.strip(" 。；;，,")):
        return False  # a list of texts to read (《…文选》第一卷), not of work
    return (
        names_work(activity.name)
        and not _PROPERTY.match(activity.text)
        and not defines(activity.name, activity.text)
        and not expounds(activity.name, activity.text)
    )


_LONE_MARKER = re.compile(
    r"\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．])?\s*"
)


def bare_heading(text: str) -> bool:
    """Whether an item is a heading's own words and nothing more (总实施章程 ↵ 二、: its body a stray marker)."""
    first, _, rest = text.strip().partition("\n")
    return bool(rest) and bool(_LONE_MARKER.fullmatch(rest)) and not _SENTENCE_MARK.search(first)


# an item of one sentence that forbids (严禁…, 不得…; 不得晚于… sets a deadline) is a rule of conduct; one scored (创新性（20分）：…, 满分10分) is a criterion an
# entry is judged by: neither is work, whatever date or unit it names
_RULE_OR_CRITERION = re.compile(
    r"\s*(?:严禁|禁止|不得|不准|不允许|杜绝)(?!晚于|迟于|少于|低于|超过|超出)"
    r"|[^，。；\n]{1,16}?(?:[（(]\s*\d{1,3}(?:\.\d)?\s*分\s*[)）]|[（(]?满分\s*\d{1,3}\s*分|\d{1,3}\s*分[)）]?[：:])"
)


def _one_sentence(text: str) -> bool:
    """Whether ``text`` is one sentence: a rule or a criterion is; a task part headed 严禁… and saying in further
    sentences what is done about it is work."""
    return not re.search(r"[。！!？?；;]\s*\S", text.strip())


# an entry of a program's interface or data (GET http://…, PUT /api/…, { "city": …): the document's content, no work
_CODE = re.compile(r"\b(?:GET|POST|PUT|DELETE|PATCH)\s+(?:https?://|/)|\{\s*\"[A-Za-z_]+\"\s*:")


# a claim closed by a reference to the literature (…知识的广度[3]。, …[12,15]；): an item so written reviews what
# is known, as a research form's survey does; it is no work of the plan (阅读论文[1]-[5]，撰写综述 is)
_CITES = re.compile(r"[\u4e00-\u9fff）)]\[\d{1,3}(?:[,，\-–]\d{1,3})*\](?=[。；;]|\s*$)")
# a term glossed in Latin letters and said to be or to do something (网络爬虫（Web Crawler），是…; 分布式数据集（RDD）
# 可以…): a textbook's exposition; the plan's own work in it is marked (本项目用…, 我们将…)
_GLOSSED = re.compile(r"[\u4e00-\u9fff]{2,12}[（(][A-Za-z][A-Za-z .,，\-]{1,48}[)）][，,]?\s*(?:是|可以|指|即|就是)")
_OWN_WORK = re.compile(r"本项目|本课题|本团队|本组|我们|我组")


def expounds(name: str, text: str) -> bool:
    """Whether an item explains a technique rather than setting work: its words after the name open with a term
    glossed in Latin letters and said to be something (网络爬虫（Web Crawler），是按照规则抓取网页的程序), and
    nothing in it says the plan's own team will use it."""
    at = text.find(name) if name else -1
    body = text[at + len(name) :] if at >= 0 else text
    first = body.lstrip("：:。.， \t\n").split("。")[0]
    return bool(_GLOSSED.match(first)) and not _OWN_WORK.search(text)


# a subject said to be something: 是指, 是用于…, 作为一种…, （Sales Management）是…
_IS = re.compile(r"\s*(?:[（(][^）)\n]{1,40}[)）])?[，,]?\s*(?:是|指|作为一种|作为一个|就是)")
_DEFINED_AS = re.compile(r"定义为|是指|指的是")
_DEFINING_CLAUSE = 40  # characters after the name where the defining words stand


def defines(name: str, text: str) -> bool:
    """Whether an item says what its subject is rather than what is done: its words after the name open with the
    name (or its first word) said to be something (销售管理（Sales Management）是为了…, 人员推销作为一种…, 本体构建：
    本体是用于描述…), or define it (本项目将实体对齐定义为…): a description, as a business plan or a research form
    explains its terms."""
    at = text.find(name) if name else -1
    if at < 0:
        return False
    body = text[at + len(name) :].lstrip("：:。.， \t\n")
    clause = body[:_DEFINING_CLAUSE].split("。")[0]
    if _DEFINED_AS.search(clause):
        return True
    for k in range(len(name), 1, -1):  # the name, or a head of it of two characters or more
        if body.startswith(name[:k]):
            return bool(_IS.match(body, k))
    return False


# a subject and what it must be or have: 软件系统应是…, 系统应不依赖于…, 界面应具有…, 数据应满足…
_PROPERTY = re.compile(r"[^，。；\n]{1,12}?应(?:当)?(?:是|有|具有|具备|满足|符合|不依赖|不低于|不超过|能够|能)")


def _table_lines(text: str, span: Span) -> list[tuple[Span, list[str]]]:
    """Tab-separated rows with their cells (letter-spaced header cells such as 教 学 内 容 closed up)."""
    out = []
    pos = span[0]
    for line in text[span[0] : span[1]].split("\n"):
        row = (pos, pos + len(line))
        pos = row[1] + 1
        if "\t" in line:
            out.append((row, [_close_up(c.strip()) for c in line.split("\t")]))
    return out


def _close_up(cell: str) -> str:
    return re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", cell)


def _columns(header: list[str]) -> dict[str, int]:
    cols: dict[str, int] = {}
    for i, cell in enumerate(header):
        columns = (
            ("when", _WHEN_COL),
            ("where", _WHERE_COL),
            ("name", _NAME_COL),
            ("owner", _OWNER_COL),
            ("participants", _PART_COL),
            ("stage", _STAGE_COL),
        )
        for key, rx in columns:
            if key not in cols and rx.search(cell):
                cols[key] = i
                break
            if key == "when" and _DAY_COL.search(cell) and _WEEK_COL.search(header[cols.get("when", i)]):
                cols["when"] = i  # 周次<tab>日期: the dates of a teaching calendar are in its date column
                break
    return cols


_WEEK_COL = re.compile(r"周次|^周$")
_DAY_COL = re.compile(r"时间|日期")


def table_activities(
    text: str, span: Span, section: str | None, year: int | None, *, require_header: bool = False
) -> list[Activity]:
    """Rows of a tab-separated schedule table (月份安排, 行事历, 教学日历) as activities.

    With ``require_header`` only rows under a header naming a time (or a stage) and a content column count
    (a table found outside any schedule section). Rows under a merged stage cell (一阶段 over 立项, 项目计划, …)
    take the stage of the row above.
    """
    rows = _table_lines(text, span)
    cols: dict[str, int] = {}
    width = 0
    out: list[Activity] = []
    day: int | None = None  # the activity of the day whose merged date cell the rows below share
    stage: list[str] = []  # the last full row of a table whose first column names stages
    last = span[0]
    for row, cells in rows:
        if _new_table(text, last, row[0]):  # a header names the columns of its own table only
            cols, width, day, stage = {}, 0, None, []
        last = row[1]
        dated = any(find_dates(text, row, year))
        # in a table of stages, a row under merged cells (项目计划 | …, or an empty first cell) or with a sentence in
        # a cell is no header
        shifted = "stage" in cols and (
            len(cells) < width or not cells[0] or any(_SENTENCE_MARK.search(c) for c in cells)
        )
        if not dated and not shifted and sum(bool(_HEADER_WORDS.search(c)) for c in cells if _label(c)) >= 2:
            cols, width, day, stage = _columns(cells), len(cells), None, []
            continue
        if require_header and not (("when" in cols or "stage" in cols) and "name" in cols):
            continue
        if cols.get("stage") == 0:
            if _STAGE_CELL.search(cells[0]):
                stage = cells
            elif stage and 0 < len(cells) < width:
                cells = stage[: width - len(cells)] + cells  # under a merged stage cell, dropped
            elif stage and not cells[0]:
                cells = [stage[0], *cells[1:]]  # ... or left empty
        if not cols and not dated and _figures_only(cells):  # 交通费 425: a budget line, not a schedule row
            continue
        if not dated and "when" not in cols and not _timed(text, row, cells):
            continue  # 硬件环境 | 服务器…, 宣传组 | 姓名 | 队员: a table of things or people, not of times
        if day is not None and not dated and len(cells) < width:  # 8:30-9:00 例会 under 7月16日: one day
            out[day] = replace(out[day], span=(out[day].span[0], row[1]), text=text[out[day].span[0] : row[1]])
            continue
        if "name" in cols and not _cell(cells, cols, "name") and (len(cells) >= width or _stub(cells, dated)):
            continue  # an empty row of a form, or a stub shifted under merged cells (郭 慧娜 队员)
        activity = _row_activity(text, row, cells, cols, section, year)
        day = len(out) if cols.get("when") == 0 and len(cells) == width and activity.start else None
        if year and out and _went_back(out[-1], activity):  # 9月…12月, then 1月: the next year
            year += 1
            activity = _row_activity(text, row, cells, cols, section, year)
        out.append(activity)
    return out


_HEADER_CELL = 12  # characters: a column label (活动内容及要求, 负责单位/责任人); a longer cell is a row's words


def _label(cell: str) -> bool:
    """A cell short enough to name a column: 启动阶段 | 领取课题任务并开展调研 / 配置编程环境 … is a row, not a header."""
    return len(cell.replace(" ", "")) <= _HEADER_CELL


_CAPTION = re.compile(r"(?m)^\s*(?:表|图|附表)\s*[\d一二三四五六七八九十]|[。：:]\s*$")
_PROSE_GAP = 60  # characters of text between two rows that make them rows of two tables


def _new_table(text: str, last: int, start: int) -> bool:
    """Whether the text between two tab rows parts two tables: a caption (表8.1…), a sentence or a lead
    ending in 。or ：, or a stretch of prose; a wrapped cell (在线推广) between rows does not."""
    gap = text[last:start].strip()
    return bool(gap) and (len(gap) > _PROSE_GAP or bool(_CAPTION.search(gap)))


_STAGE_CELL = re.compile(r"阶段|时期|^[前中后初末]期$|^第[一二三四五六七八九十\d]+(?:步|周|天|课时)")


def _timed(text: str, row: Span, cells: list[str]) -> bool:
    """An undated row that still says when: a clock time or a time word (8:30-9:00, 上午, 暑假), or a
    first cell naming a stage (准备阶段, 第二步)."""
    return bool(patterns().time_words.search(text, row[0], row[1]) or (cells and _STAGE_CELL.search(cells[0])))


_FIGURE = re.compile(r"[\d.,，]+\s*(?:万?元)?")
_LABEL = re.compile(r"[\u4e00-\u9fff ]{1,8}")


def _figures_only(cells: list[str]) -> bool:
    """A row of a short label and figures (交通费 425, 合 计 2965): a budget line."""
    filled = [c for c in cells if c]
    figures = [c for c in filled if _FIGURE.fullmatch(c)]
    return bool(figures) and len(filled) <= 3 and all(c in figures or _LABEL.fullmatch(c) for c in filled)


_STUB_CELL = 4  # cells no longer than this (a name, a role) say nothing to do


def _stub(cells: list[str], dated: bool) -> bool:
    """An undated row of short cells only: a name and a role under merged cells, not a thing to do."""
    return not dated and all(len(c.replace(" ", "")) <= _STUB_CELL for c in cells)


def _went_back(before: Activity, after: Activity) -> bool:
    """A calendar row dated months before the row above it (the table crossed into a new year)."""
    a, b = before.start or before.end, after.start or after.end
    return bool(a and b and b < a and int(a[5:7]) - int(b[5:7]) >= 6)


def _cell(cells: list[str], cols: dict[str, int], key: str) -> str | None:
    i = cols.get(key)
    return cells[i] or None if i is not None and i < len(cells) else None


def _row_activity(
    text: str, row: Span, cells: list[str], cols: dict[str, int], section: str | None, year: int | None
) -> Activity:
    dates = [d for d in find_dates(text, row, year) if d.valid]
    when = _cell(cells, cols, "when") or (dates[0].text if dates else None)
    name = _cell(cells, cols, "name") or next(
        (c for c in cells if c and not find_dates(c) and not c.isdigit()), cells[0]
    )
    return Activity(
        name=name_of(name) or name[:30],
        text=text[row[0] : row[1]],
        span=row,
        section=section,
        when=when,
        start=dates[0].start if dates else None,
        end=dates[-1].end if dates else None,
        owner=_cell(cells, cols, "owner"),
        participants=_cell(cells, cols, "participants"),
        where=_cell(cells, cols, "where"),
    )


__all__ = [
    "assignments",
    "bare_heading",
    "calendar_lines",
    "committed_work",
    "deadline_sentences",
    "defines",
    "duty_rows",
    "expounds",
    "inline_calendar",
    "is_work",
    "make_activity",
    "names_work",
    "owner_of",
    "sets_deadline",
    "stage_lines",
    "table_activities",
    "where_of",
]
