"""Owners: the units and persons a plan makes responsible, wherever it names them.

- ``column``: the cells of a 牵头/责任单位/负责人 column of a table, or the person column of a division
  table (姓名 beside 分工/职责);
- ``cue``: 牵头单位：…, 责任人：…, （…负责）, 由…牵头, units listed one a line under such a label, a
  项目负责人/指导教师 form row, members or a working group listed by name (团队成员：…, 宣传组：…);
- ``subject``: a unit opening its clause and followed by what it must do (各省人民政府要…, 校团委负责…),
  or a person taking on a piece of work (张三负责联系场地);
- ``activity``: the owner already read for an activity.

Leaders stay on ``Document.leaders``; owners are the ones that carry tasks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Literal

from ..model import Activity, Owner, Span
from ..patternscan import finditer as gated_finditer
from .patterns import patterns
from .workwords import lexicon

_LIST_SPLIT = re.compile(r"[、，,；;/／]|\s+")
_AND = re.compile(r"(?<=[\u4e00-\u9fff]{2})[和及与](?=[\u4e00-\u9fff]{2})")
_TAIL = re.compile(r"(?:等(?:部门|单位)?|分别|共同|一同|一起|具体|主要)$")
_NOT_OWNER = re.compile(
    r"^(?:全部|内部|外部|局部|本部|各部|总部|我部|本单位|该单位|上述|以上|以下|有关|相关|其他|其中|各级|各类|各项|各种|各个"
    r"|对|在|为|把|将|按|根据|通过|围绕|结合|坚持|加强|建立|完善|推进|开展|组织|做好|落实|经(?![济信开贸管营发委])|请示)"
)
_OWNER_BY = re.compile(
    r"由([^，。；：\n由]{2,30}?)(?:牵头|负责|组织实施|具体负责|主办|承办|组织|另行|统一|统筹|安排|一同承担|共同承担|承担|完成"
    r"|自愿申|自主|自筹|自行)"
)
# a long list of units that carry the work: 由所涉及的A厅、B委、…、C局等省级主管部门（单位）牵头完成 (the list, its
# opening words and the 等… that sums it up left out)
_OWNER_BY_LIST = re.compile(
    r"由(?:所涉及的|相关的?|有关的?)?(?P<list>(?:[^，。；：、\n由]{2,20}、){2,}[^，。；：、\n由等]{2,20}?)"
    r"(?:等[^，。；：、\n]{0,16}?)?(?:按职责分工|分别|共同|具体)?(?:牵头|负责|组织实施|承担|完成)"
)
# work handed to a unit (委托某研究所承担) and a unit a subject works with (某局会同某部加强…)
_ENTRUSTED = re.compile(r"委托([^，。；：\n]{2,30}?)(?:具体)?(?:承担|负责)")
# a unit stated to be in charge: 某办公厅（室）是本地区某工作的主管单位
_IN_CHARGE = re.compile(
    r"(?:^|(?<=[\n。；;，,]))[ \t]*(?P<o>[^，。；;：:\n]{2,30}?)是[^，。；;\n]{0,24}?"
    r"(?:主管单位|主管部门|责任主体|第一责任人|责任单位|牵头单位)"
)
_PARTNER = re.compile(r"(?:会同|协同)(?P<o>[^，。；：、\n]{2,20}?)(?=共同|加强|根据|开展|做好|组织|推进|制定|建立|对)")
# a group set up to carry the work: 成立城镇小区配套幼儿园治理工作小组, 由专家组成的专家委员会
_GROUP = re.compile(
    r"(?:成立|组建|设立|组成的)(?P<g>[^，。；：、\n（(]{2,30}?(?:领导小组|工作小组|小组|委员会|工作组|专班|指挥部|项目组|办公室))"
)
# a division of work line: 赵满刚：市场营销及日常琐事处理
_MARKER = r"(?:[（(]?[\d一二三四五六七八九十]{1,2}[)）、.．]\s*)?"  # 1. （1） 一、 before an item's words
_PERSON_DUTY = re.compile(
    rf"(?:^|(?<=\n))[ \t]*{_MARKER}(?P<n>[\u4e00-\u9fff]{{2,3}})"
    r"(?:[（(](?:副?组长|副?队长|负责人|组员|队员|成员|项目经理|指导(?:老师|教师))[）)])?[：:][ \t]*(?=[\u4e00-\u9fff])",
    re.M,
)
# a unit heading its duties: 市教育局：负责统筹协调 / 2.县财政局：负责资金保障
_UNIT_DUTY = re.compile(
    rf"(?:^|(?<=\n))[ \t]*{_MARKER}(?P<o>[\u4e00-\u9fff（）()、]{{2,30}}?)[：:][ \t]*"
    r"(?=(?:主要|具体)?(?:负责|牵头|承担|配合|协助|统筹))",
    re.M,
)
# a person's name alone on its line, the duties below it (a division sheet: 张三：↵ 主要负责…)
_NAME_LINE = re.compile(r"^[ \t]*(?P<n>[\u4e00-\u9fff]{2,3})[：:][ \t]*$", re.M)
_ROLE_NOTE = re.compile(r"[（(](?:副?组长|副?队长|负责人|组员|队员|成员|指导(?:老师|教师))[）)]$")  # 刘一（组长）
_HEADER_HINT = re.compile(
    r"序号|名称|内容|时间|单位|负责|责任|姓名|分工|职责|任务|备注|角色|岗位|^工作$|^(?:人员|成员)$"
)
_MAX_OWNER = 30
_MAX_CELL = 60  # a longer cell is running text, not a list of owners
_SENTENCE_MARKS = re.compile(r"[。！？!?：:；;“”《》]|^[\d（(]|^[^（(]*[)）]$")  # 各乡镇（街道） is a name


def _clean(name: str) -> str:
    name = name.strip(' \t:：“”"').lstrip("（(")
    if name.endswith(("）", ")")) and not re.search(r"[（(]", name):
        name = name[:-1]
    name = re.sub(r"[（(][^）)]*$", "", name)  # 张三（组长 → 张三: a bracket left open is a note cut off
    name = _ROLE_NOTE.sub("", name)
    name = name.rsplit("由", 1)[-1]  # 该专项活动由校学工部 → 校学工部
    name = re.sub(r"^请(?=[\u4e00-\u9fff]{2})", "", name)  # 请各学院 → 各学院
    name = name.rsplit("组成的", 1)[-1]  # 专家组成的专家委员会 → 专家委员会
    name = _TAIL.sub("", name).strip()
    if len(name) > _MAX_OWNER and (regions := _REGIONS.match(name)):  # the unit after a long list of regions
        name = name[regions.end() :]
    return name


_LEVELS = re.compile(r"^各级(?!各类)[\u4e00-\u9fff]{2}")  # 各级网信部门 is a unit; 各级 alone is not


def _valid(name: str) -> bool:
    return (
        2 <= len(name) <= _MAX_OWNER
        and (not _NOT_OWNER.match(name) or bool(_LEVELS.match(name) and patterns().owner_unit_end.search(name)))
        and not _SENTENCE_MARKS.search(name)
        and not re.search(r"\d{3}|[A-Za-z]{3}", name)
    )


How = Literal["column", "cue", "subject", "activity"]


def _split(text: str, span: Span, how: How) -> Iterator[Owner]:
    """Each owner of a list (教育部、民政部等部门 → 教育部, 民政部) with its own span."""
    pos = span[0]
    for part in [*_pieces(text[span[0] : span[1]]), ""]:
        at = text.find(part, pos, span[1]) if part else -1
        name = _clean(part)
        if name and _valid(name) and at >= 0:
            offset = at + part.find(name)
            yield Owner(name=name, span=(offset, offset + len(name)), how=how)
        if at >= 0:
            pos = at + len(part)


_REGION_WORD = r"(?:省|自治区|直辖市|计划单列市|新疆生产建设兵团|市|县|区|旗|盟|乡镇|街道)(?:[（(][^）)]*[）)])?"
_REGION = re.compile(rf"各?{_REGION_WORD}(?:[及和]{_REGION_WORD})*")

_REGIONS = re.compile(rf"(?:{_REGION.pattern}、?)+")


def _outside_brackets(chunk: str) -> list[str]:
    """``chunk`` split at the list marks that stand outside brackets (各县（市、区）人民政府 is one name) and
    not after the regions a unit's name opens with (各省、自治区、直辖市工业和信息化主管部门 is one name)."""
    parts, last, depth = [], 0, 0
    for m in re.finditer(r"[（(]|[）)]|" + _LIST_SPLIT.pattern, chunk):
        mark = m.group(0)
        if mark in "（(":
            depth += 1
        elif mark in "）)":
            depth = max(0, depth - 1)
        elif depth == 0 and not (mark == "、" and _REGION.fullmatch(chunk[last : m.start()].split("、")[-1].strip())):
            parts.append(chunk[last : m.start()])
            last = m.end()
    parts.append(chunk[last:])
    return parts


def _pieces(chunk: str) -> Iterator[str]:
    """The names of a list: split at 、，; and at 和/及/与 after a unit or a person (教育局和财政局, 周余和文华),
    not inside a name (工业和信息化部)."""
    for part in _outside_brackets(chunk):
        pos = 0
        for m in _AND.finditer(part):
            left = part[pos : m.start()]
            if patterns().owner_unit_end.search(left) or _is_person(left):
                yield part[pos : m.start()]
                pos = m.end()
        yield part[pos:]


def _table_rows(text: str, span: Span) -> Iterator[tuple[Span, list[Span]]]:
    """Tab-separated rows with the span of each cell."""
    pos = span[0]
    for line in text[span[0] : span[1]].split("\n"):
        row = (pos, pos + len(line))
        if "\t" in line:
            cells: list[Span] = []
            at = pos
            for cell in line.split("\t"):
                cells.append((at, at + len(cell)))
                at += len(cell) + 1
            yield row, cells
        pos = row[1] + 1


def _closed(text: str, cell: Span) -> str:
    return re.sub(r"\s+", "", text[cell[0] : cell[1]])


def column_owners(text: str, span: Span) -> list[Owner]:
    """Cells under a 牵头/责任单位/负责人 header, and persons of a division table (姓名 beside 分工)."""
    p = patterns()
    out: list[Owner] = []
    cols: list[int] = []
    division, width = False, 0
    last_end = -2
    for row, cells in _table_rows(text, span):
        if row[0] != last_end + 1:  # a line without cells ended the table above
            cols, division = [], False
        last_end = row[1]
        words = [_closed(text, c) for c in cells]
        hints = sum(bool(_HEADER_HINT.search(w)) for w in words if len(w) <= 12)
        if hints >= 2 or (hints and "姓名" in words and _members_above(text, row[0])):
            owner_cols = [i for i, w in enumerate(words) if len(w) <= 12 and p.owner_columns.search(w)]
            persons = [i for i, w in enumerate(words) if len(w) <= 8 and p.person_columns.search(w)]
            duty = any(len(w) <= 12 and p.duty_columns.search(w) for w in words) or _members_above(text, row[0])
            cols = owner_cols + (persons if duty else [])
            division, width = bool(persons and duty), len(cells)
            continue
        if division and len(cells) < width:  # a row under a merged 组别 cell is shifted: take the name cells
            out.extend(_person(text, c) for c, w in zip(cells, words, strict=True) if _is_person(w))
            continue
        for i in cols:
            if i < len(cells) and division and _is_person(words[i]):  # 顾 卜铵: one name, letter-spaced
                out.append(_person(text, cells[i]))
            elif i < len(cells) and len(words[i]) <= _MAX_CELL:
                out.extend(_split(text, cells[i], "column"))
    return out


_ROLE_END = re.compile(r"[员长组期师]$")
_MEMBERS_CAPTION = re.compile(r"(?:团队|项目|小组|课题组?|参与)(?:成员|人员)|队员|组员|人员分工|团队组成|项目组")


def _header_row(text: str, at: int) -> bool:
    """Whether the line holding ``at`` is a table's header: two of its short cells name columns."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    cells = [re.sub(r"\s+", "", c) for c in text[start : end if end >= 0 else len(text)].split("\t")]
    return sum(bool(_HEADER_HINT.search(c)) for c in cells if len(c) <= 12) >= 2


def _members_above(text: str, at: int) -> bool:
    """Whether the line or two above a table's header say it lists the members who carry the work."""
    return bool(_MEMBERS_CAPTION.search(text, max(0, at - 60), at))


def _is_person(cell: str) -> bool:
    """A cell holding only a name: two or three characters opening with a surname (顾 卜铵 closed up)."""
    return (
        2 <= len(cell) <= 3
        and cell[0] in patterns().surnames
        and not _ROLE_END.search(cell)
        and not patterns().owner_not_inside.search(cell)
        and all("\u4e00" <= ch <= "\u9fff" for ch in cell)
        and not _common_word(cell)
    )


def _common_word(cell: str) -> bool:
    """A word of plan text jieba does not take for a name (任务, 成果: 任 and 成 also open surnames)."""
    entry = lexicon().entries.get(cell)
    return entry is not None and entry[1] not in ("nr", "nrfg", "nrt", "-")


def _person(text: str, cell: Span) -> Owner:
    lo, hi = cell
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return Owner(name=_closed(text, (lo, hi)), span=(lo, hi), how="column")


# a person who takes on a piece of work: 张三负责联系场地, 李四主要负责宣传, 组长：王五，负责统筹协调, 组长王五负责…
_PERSON_TAKES = re.compile(
    r"(?:^|(?<=[\n。；;，,：:、\s]))(?:(?:副?组长|副?队长|项目经理|组员|队员|成员)[ \t]*)?"
    r"(?P<n>[\u4e00-\u9fff]{2,3}?)(?:同学|老师)?[，,]?"
    r"(?=(?:主要|具体)?(?:负责|承担|牵头)(?!人))"
)
# a form row whose label names who carries the project: 项目负责人<tab>张三, 指导教师<tab>李四, 任课教师<tab>王五
_FORM_PERSON = re.compile(
    r"(?:^|(?<=[\n\t]))[ \t]*(?:项目)?(?:负\s*责\s*人|主\s*持\s*人|(?:指导|带队|任课|主讲|授课)(?:老师|教师)|队\s*长|组\s*长)"
    r"(?:姓名)?[ \t]*\t[ \t]*(?P<cell>[^\t\n]{2,12})"
)
# members or a working group listed by name: 团队成员：张三、李四; 宣传组：王五
_MEMBERS = re.compile(
    r"(?:(?:团队|项目组?|小组|课题组?)?成员|队员|组员|参与人员|[\u4e00-\u9fff]{1,4}组)[：:][ \t]*(?P<list>[^\n。；;：:]{2,60})"
)


def _persons_before(text: str, at: int, lo: int) -> Iterator[Owner]:
    """The persons listed before one who takes on work (张三、李四负责布置会场 → 张三)."""
    while at - 1 > lo and text[at - 1] == "、":
        m = re.search(r"[\u4e00-\u9fff]{2,3}$", text[max(lo, at - 4) : at - 1])
        if m is None:
            return
        names = [m.group(0)[i:] for i in range(len(m.group(0)) - 1)]  # the longest tail that is a name
        name = next((n for n in names if _is_person(n)), None)
        if name is None:
            return
        start = at - 1 - len(name)
        yield Owner(name=name, span=(start, at - 1), how="subject")
        at = start


# a role or a share of the work and the persons who hold it, alone on a line: 项目经理：张明, 程序设计：王强、赵敏
_ROLE_NAMES = re.compile(
    rf"^[ \t]*{_MARKER}(?P<label>[\u4e00-\u9fff]{{2,8}})[：:][ \t]*"
    r"(?P<list>[\u4e00-\u9fff]{2,3}(?:[ \t]*[、，,][ \t]*[\u4e00-\u9fff]{2,3})*)[ \t]*$",
    re.M,
)
# labels of a document's own roles (填表人, 联系人, 审核人, a web page's 责任编辑): who wrote, edits or signs the paper
# carries no task
_PAPER_ROLES = re.compile(
    r"(?:填表|填报|联系|审核|审批|批准|编制|制表|记录|撰稿|核稿|签发|校对|经办|报送|申请|收件|编辑|作者|来源)人?$"
)


def role_lines(text: str, span: Span) -> list[Owner]:
    """Persons named after a role or a share of the work, the names alone filling the line (项目经理：张明,
    需求分析：李华, 摄影：王强、赵敏): each a surname's name, and either the label ends as a role does
    (经理, 组长, 人员, 负责人) or jieba takes every name for a person's (时间：周五 is no role line)."""
    out: list[Owner] = []
    for m in _ROLE_NAMES.finditer(text, span[0], span[1]):
        label = m.group("label")
        if _PAPER_ROLES.search(label):
            continue
        names = list(_split(text, m.span("list"), "cue"))
        if not names or not all(_is_person(o.name) for o in names):
            continue
        if _ROLE_LABEL.search(label) or all(_tagged_name(o.name) for o in names):
            out.extend(names)
    return out


_ROLE_LABEL = re.compile(r"(?:经理|主管|负责人?|组长|队长|主任|总监|人员|成员|组员|队员|[员师手长官])$")


def person_owners(text: str, span: Span) -> list[Owner]:
    """Persons who carry work: 张三负责…, a 项目负责人/指导教师 form row, members and groups listed by name."""
    p = patterns()
    out: list[Owner] = []
    for m in gated_finditer(_PERSON_TAKES, text, span[0], span[1]):
        name = m.group("n")
        if _is_person(name):
            out.append(Owner(name=name, span=m.span("n"), how="subject"))
            out.extend(_persons_before(text, m.start("n"), span[0]))
    for m in gated_finditer(_FORM_PERSON, text, span[0], span[1]):
        cell = _closed(text, m.span("cell"))
        if _header_row(text, m.start("cell")):
            continue  # 工作内容⇥负责人⇥时间: the header of a table, its 时间 no person
        if _valid(cell) and (_is_person(cell) or p.owner_unit_end.search(cell)):
            out.append(Owner(name=cell, span=m.span("cell"), how="cue"))
    for m in _MEMBERS.finditer(text, span[0], span[1]):
        out.extend(o for o in _split(text, m.span("list"), "cue") if _is_person(o.name))
    return out


def name_lines(text: str, span: Span) -> list[Owner]:
    """Persons heading their duties on a line of their own; only where two or more do (one such line is as
    likely a label: 时间：), each confirmed a name by jieba (loaded only then)."""
    found = [m for m in _NAME_LINE.finditer(text, span[0], span[1]) if _is_person(m.group("n"))]
    if len({m.group("n") for m in found}) < 2:
        return []
    return [Owner(name=m.group("n"), span=m.span("n"), how="cue") for m in found if _tagged_name(m.group("n"))]


def _tagged_name(word: str) -> bool:
    from .nlp import load_jieba

    load_jieba()  # before jieba.posseg imports jieba
    from jieba import posseg

    tags = [(w.word, w.flag) for w in posseg.cut(word)]
    return len(tags) == 1 and tags[0][1] == "nr"


def cue_owners(text: str, span: Span) -> list[Owner]:
    """牵头单位：…, （…负责）, 由…牵头."""
    p = patterns()
    out: list[Owner] = []
    for m in p.owner_inline.finditer(text, span[0], span[1]):
        out.extend(_split(text, m.span(1), "cue"))
    for m in gated_finditer(p.owner_cue, text, span[0], span[1]):
        newline = text.find("\n", m.start(), m.end())
        if newline >= 0:  # the label ends its line: the owners are listed below it
            out.extend(_listed_below(text, newline, span[1]))
            continue
        end = m.end()
        while end < span[1] and end - m.end() < 60 and text[end] not in "。；;\n\t）)":
            end += 1
        if (field := _NEXT_FIELD.search(text, m.end(), end)) is not None:  # 负责人：张明学号：2019001
            end = field.start()
        out.extend(_split(text, (m.end(), end), "cue"))
        out.extend(_listed_below(text, end, span[1]))
    for m in p.owner_paren.finditer(text, span[0], span[1]):
        out.extend(_split(text, m.span(1), "cue"))
    for m in (*_OWNER_BY.finditer(text, span[0], span[1]), *_ENTRUSTED.finditer(text, span[0], span[1])):
        out.extend(_split(text, m.span(1), "cue"))
    for m in _OWNER_BY_LIST.finditer(text, span[0], span[1]):
        out.extend(_split(text, m.span("list"), "cue"))
    for m in gated_finditer(_IN_CHARGE, text, span[0], span[1]):
        if p.owner_unit_end.search(re.sub(r"[（(][^）)]{1,4}[）)]$", "", m.group("o"))):
            out.extend(_split(text, m.span("o"), "cue"))
    for m in _PARTNER.finditer(text, span[0], span[1]):
        if p.owner_unit_end.search(m.group("o")):
            out.extend(_split(text, m.span("o"), "cue"))
    for m in _GROUP.finditer(text, span[0], span[1]):
        out.extend(_split(text, m.span("g"), "cue"))
    for m in gated_finditer(_UNIT_DUTY, text, span[0], span[1]):
        if p.owner_unit_end.search(re.sub(r"[（(][^）)]{1,4}[）)]$", "", m.group("o"))):
            out.extend(_split(text, m.span("o"), "cue"))
    for m in gated_finditer(_PERSON_DUTY, text, span[0], span[1]):
        name = m.group("n")
        if _is_person(name):  # not 成员：, 任务：
            out.append(Owner(name=name, span=m.span("n"), how="cue"))
    return out


# the next field of a form line run on after an owner's name (负责人：张明学号：2019001, 联系电话：…)
_NEXT_FIELD = re.compile(
    r"(?:学号|工号|电话|联系电话|联系方式|手机|邮箱|职称|职务|班级|专业|年级|性别|所在(?:学院|单位|院系))[：:]"
)
_LINE_UNIT = re.compile(rf"[\u4e00-\u9fff（）()]{{2,{_MAX_OWNER}}}")


def _listed_below(text: str, pos: int, hi: int) -> Iterator[Owner]:
    """Owners listed one a line under a cue (主办单位：↵ 某大学某学院 ↵ 某研究院; 指导老师：↵ 李某 某学院):
    each following line that opens with a unit or a name, up to a line with a label or a sentence."""
    p = patterns()
    while pos < hi and text[pos] == "\n":
        pos += 1
        while pos < hi and text[pos] in " \t\u3000":
            pos += 1
        end = text.find("\n", pos, hi)
        end = hi if end < 0 else end
        line = text[pos:end].strip()
        first = line.split()[0] if line else ""
        if not first or len(line) > 2 * _MAX_OWNER or re.search(r"[：:。；;，,]", line):
            return
        if not _LINE_UNIT.fullmatch(first):
            return
        if not _valid(first) or not (p.owner_unit_end.search(first) or _is_person(first)):
            return
        at = text.find(first, pos, end)
        yield Owner(name=first, span=(at, at + len(first)), how="cue")
        pos = end


def subject_owners(text: str, span: Span) -> list[Owner]:
    """Units opening a clause and followed by what they must do: 地方各级人民政府要…, 校团委负责…."""
    out: list[Owner] = []
    for m in gated_finditer(patterns().owner_subject, text, span[0], span[1]):
        name = _clean(m.group("o"))
        if _valid(name) and not _acts(name):
            at = m.start("o") + m.group("o").find(name)
            if "、" in name or _AND.search(name):  # 县财政局、县民政局配合: each unit of the list
                out.extend(o for o in _split(text, (at, at + len(name)), "subject") if not _acts(o.name))
            else:
                out.append(Owner(name=name, span=(at, at + len(name)), how="subject"))
    return out


def _acts(name: str) -> bool:
    """Whether a clause opener is an action rather than a unit (引导三级公立医院, 加强领导班子)."""
    p = patterns()
    return bool(p.owner_not_inside.search(name) or name.startswith(p.lead_verbs + p.activity_body_verbs))


def _from_activities(text: str, activities: Iterable[Activity]) -> list[Owner]:
    out: list[Owner] = []
    for a in activities:
        if not a.owner:
            continue
        at = text.find(a.owner, a.span[0], a.span[1])
        if at >= 0:
            out.extend(_split(text, (at, at + len(a.owner)), "activity"))
    return out


# a person or unit named in brackets after a task as the one who carries it out: （张三 副会长负责落实）
_PAREN_DUTY = re.compile(r"[（(](?P<o>[^（）()由\n]{2,40}?)(?:牵头)?负责(?:落实|实施|组织|推进|协调|执行|完成)[）)]")
# units a paper is handed to for carrying out: 请转发各县、各单位遵照执行, 请各学院认真贯彻落实
_HANDED = re.compile(
    r"(?:批转|转发|印发给?|请)(?P<o>各[^，。；：:\n]{1,24}?)(?:认真|遵照|结合实际)?(?:贯彻执行|遵照执行|贯彻落实|抓好落实|参照执行|执行)"
)
# units opening a sentence, their duty after a comma or a 特别是… aside: 各学院、各单位特别是…，要…
_SUBJECT_ASIDE = re.compile(
    r"(?:^|(?<=[\n。；;：:，,]))[ \t]*(?P<o>各[^，,。；：:\n特尤]{1,20}?)(?:(?:特别是|尤其是)[^，。；\n]{2,30})?[，,][ \t]*"
    r"(?:要|应|须|必须|务必)"
)
# a name a paper gives the units that carry its work: （以下统称申报单位）, then 申报单位要…
_DEFINED = re.compile(r"[（(]以下(?:统称|简称|称)[“\"]?(?P<o>[\u4e00-\u9fff]{2,12}?)[”\"]?[）)]")
_DEFINED_ACTS = "(?:要|应|须|需|负责|推荐|组织|审核|汇总|统一|按|对|将|于|在|做好|认真|及时)"
# the issuer speaking of itself as the one who does a step: 我局将组织专家评审, 我局负责…
_ISSUER_ACTS = re.compile(
    r"我(?:部|局|委|厅|办|院|校|司|处|中心|会|市|省|区|县)(?:将|负责|会同|组织|委托|对|按|择优|遴选|审核|公布|发布|统一|另行)"
)
_ISSUER = re.compile(r"^[ \t]*(?P<o>[\u4e00-\u9fff（）()、]{2,30}?)关于")
# the unit a reply or notice is sent to, told to do the work: 某区政府：… 请你区抓紧办理…
_ADDRESSEE = re.compile(r"^[ \t]*(?P<o>[^\n：:，。；]{2,60})[：:][ \t]*$", re.M)
_TOLD = re.compile(
    r"请你(?:们|[区市县省局委厅办校院所部司处])|你(?:们|[区市县省局委厅办校院所部司处])(?:要|应|须|务必|抓紧|尽快)"
)
_HEAD_LINES = 8  # lines at the top of a document where its 主送 line stands


def charged_owners(text: str, span: Span) -> list[Owner]:
    """Owners named by the shape of a whole paper: a bracketed carrier after a task (（张三 副会长负责落实）), the
    units a paper is handed to for carrying out (请转发各县、各单位遵照执行), a name the paper gives the units
    doing its work (以下统称申报单位) used as a subject later, the addressee of a reply told to act (某区政府： …
    请你区抓紧…), and the issuer when it gives itself a step (我局将组织评审: the unit before 关于 in the title)."""
    p = patterns()
    out: list[Owner] = []

    def carriers(lo: int, hi: int) -> Iterator[Owner]:
        return (o for o in _split(text, (lo, hi), "cue") if p.owner_unit_end.search(o.name) or _is_person(o.name))

    for m in _PAREN_DUTY.finditer(text, span[0], span[1]):
        out.extend(carriers(*m.span("o")))
    for m in (*_HANDED.finditer(text, span[0], span[1]), *_SUBJECT_ASIDE.finditer(text, span[0], span[1])):
        out.extend(carriers(*m.span("o")))
    for m in _DEFINED.finditer(text, span[0], span[1]):
        term = m.group("o")
        acts = re.compile(f"(?:{re.escape(term)})?{_DEFINED_ACTS}")  # （以下统称申报单位）推荐, or 申报单位要… later
        if p.owner_unit_end.search(term) and (
            acts.match(text, m.end()) or re.search(re.escape(term) + _DEFINED_ACTS, text[m.end() : span[1]])
        ):
            out.append(Owner(name=term, span=m.span("o"), how="cue"))
    head_end = span[0]
    for _ in range(_HEAD_LINES):
        nl = text.find("\n", head_end + 1, span[1])
        head_end = span[1] if nl < 0 else nl
    body = text[span[0] : span[1]]
    if _TOLD.search(body):
        for m in _ADDRESSEE.finditer(text, span[0], head_end):
            out.extend(o for o in carriers(*m.span("o")) if p.owner_unit_end.search(o.name))
            break
    if _ISSUER_ACTS.search(body) and (issuer := _ISSUER.match(text, span[0], head_end)) is not None:
        out.extend(o for o in carriers(*issuer.span("o")) if p.owner_unit_end.search(o.name))
    return out


def find_owners(text: str, span: Span, activities: Iterable[Activity] = ()) -> tuple[Owner, ...]:
    """Every owner named in ``text[span]``, in order of first mention, each name once."""
    found = column_owners(text, span) + cue_owners(text, span) + subject_owners(text, span) + person_owners(text, span)
    found += name_lines(text, span) + role_lines(text, span) + charged_owners(text, span)
    found += _from_activities(text, activities)
    seen: set[str] = set()
    out = []
    for owner in sorted(found, key=lambda o: o.span):
        if owner.name not in seen:
            seen.add(owner.name)
            out.append(owner)
    return tuple(out)


__all__ = ["charged_owners", "column_owners", "cue_owners", "find_owners", "person_owners", "subject_owners"]
