"""Zones of a document: the role of each stretch of lines (cover, contents, form, body, signature…).

Every line of a document gets one zone kind; runs of lines of one kind become a :class:`~cxzy_nlp.model.Zone`.
Only body, form and attachment zones hold sections (:data:`SECTION_ZONES`): headings found on a cover, a
contents page, a 审核意见 box or page furniture never enter the section tree. Cues are the line's text and
its block fields only (``kind``, never the reader that made the block), so readers can change underneath.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .chinese.dates import FORMAL_DATE_ARABIC, FORMAL_DATE_CN
from .chinese.docnumber import DOC_NUMBER_LINE
from .chinese.markers import MARKER_RE, Marker, marker_from_match
from .model import Block, Span, Zone, ZoneKind

SECTION_ZONES: frozenset[str] = frozenset({"body", "form", "attachment"})
SIGNATURE_REACH = 6  # lines above the end of a document that may belong to its 落款
SIGNATURE_LINE_MAX = 40  # an issuer line of a 落款 is short
COVER_FIELDS_MIN = 2
HEAD_LINES_MAX = 8  # lines above a document's title that may be its 版头 or cover
HEAD_LINE_CHARS = 30  # field lines (编号：, 申报单位：) that make an opening a cover
COVER_LINES_MAX = 16  # lines above a contents page that may be a cover (title, team, members, school, date)
COVER_LINE_CHARS = 60  # a member's line: 班级 姓名 学号 学院 指导教师：…

_SPACES = re.compile(r"[ \t\u3000]+")
# ``- 3 -``, ``第 3 页 共 10 页``, ``【打印】【关闭】``: page furniture.
_FURNITURE = re.compile(
    r"^(?:[-—–－]\s*\d{1,3}\s*[-—–－]|\d{1,3}|第\d{1,3}页(?:共\d{1,3}页)?|共\d{1,3}页第\d{1,3}页|\d{1,3}/\d{1,3}"
    r"|.*(?:【打印】|【关闭】|【返回顶部】|设为首页|加入收藏|当前位置[：:]|点击次数|浏览次数|阅读次数|责任编辑[：:]).*"
    r"|(?:【[^【】]{1,6}】)+"  # 【关闭窗口】【打印本页】: a web page's buttons
    r"|[-{}%#<>!]*(?:\{\{|\}\}|\{%|%\}|<!--|-->)[-{}%#<>!]*"  # {{-- --}}: a page template's marks
    r"|(?:19|20)\d\d[-/]\d{1,2}[-/]\d{1,2}\d{1,2}:\d\d(?::\d\d)?"  # 2024-05-20 14:26:18: a post's time stamp
    r"|(?:(?:新闻|信息|文章)?来源|发布(?:时间|日期|者|人)|作者)[：:].{0,30}"
    r"|[（(]此件(?:公开发布|主动公开|不予公开|依申请公开)[）)]"
    r"|[（(](?:网络配图|配图来自网络|图片来自网络|图片来源于网络|资料图|本文有删减|有删减|有删节|全文完)[）)])$"  # editors' notes
)
# ``C 项目审核意见``, ``学院意见：``, ``导师意见``: the opening of an approval box.
_APPROVAL = re.compile(
    r"^(?:[A-HＡ-Ｈ]|[一二三四五六七八九十]+、|\d{1,2}[.、．])?\s*[\u4e00-\u9fff（）()]{0,12}"
    r"(?:(?:审核|审批|审查|评审|验收|鉴定|推荐|指导教师|导师|学院|院系|学校|单位|部门|专家组?|团委)[\u4e00-\u9fff]{0,4}"
    r"|(?:指导教师|导师|学院|院系|学校|单位|部门|专家组?)对[\u4e00-\u9fff]{1,20})意见[：:]?$"  # 指导教师对…的意见
)
# ``负责人签字：``, ``（盖章）``, ``年 月 日``: signature boxes.
_SIGN_BOX = re.compile(r"(?:签字|签名|签章|盖章|公章)[）)]?[：:]?|^年月日$|^\d{4}年\d{1,2}月\d{1,2}日?$|^年月$")
# ``编号：``, ``申报单位：…``, ``填报日期``: fields of a cover.
_FIELD = re.compile(r"^[\u4e00-\u9fff（）()/]{2,12}[：:]|^(?:编号|日期|填报日期|申报日期|指导教师|学院|专业|班级|学号)")
_LONE_DATE = re.compile(
    r"^(?:19|20)\d{2}年(?:\d{1,2}月)?(?:\d{1,2}日)?$|^[二〇零一二三四五六七八九十○0Ｏ]{4}年[一二三四五六七八九十]{1,3}月"
    r"|^(?:19|20)\d{2}([.．/-])\d{1,2}\1\d{1,2}$"  # 2020.4.27 under the issuer
)
_FORM_NOTES = re.compile(r"^(?:填表|填报|填写)(?:说明|须知)$")
# 附件：…, 附件2：…, 附：, and 附件 1.… (the first item after a space, no colon)
_ATTACHMENT_LIST = re.compile(r"^附(?:\s*件\s*\d{0,2})?\s*[：:]|^附\s*件\s*1\s*[.．、]")
_SENTENCE = re.compile(r"[。；;！？!?，,]")
_ATTACHMENT_ITEM = re.compile(r"^附(?:件\d{0,2})?[：:](?P<v>\d{1,2})[.．、]|^附件(?P<first>1)[.．、]")
_LIST_ITEM = re.compile(r"(?P<v>\d{1,2})[.．、]\s*(?P<name>\S)?")
ATTACHMENT_ITEM_MAX = 80  # an attachment's name, not a paragraph
# Tables written as text (a PDF's or an OCR's statement): cells are amounts, percentages or dashes.
_CELL = re.compile(r"[-－—–]+|[-－+(（]?\d[\d,，.]*%?[)）]?")
_AMOUNT = re.compile(r"\d[,，]\d{3}|(?<![\d.])(?!(?:19|20)\d\d\.)\d+\.\d\d(?![\d.])")  # 1,234 or 12.50
_DASH = re.compile(r"[-－—–]+")
_NO_WORD = re.compile(r"[^\u4e00-\u9fffA-Za-z]*(?:[一二三四五六七八九十]{1,3}[^\u4e00-\u9fffA-Za-z]*)?")
_LEADING_AMOUNT = re.compile(
    r"\d{1,3}(?:[,，]\d{3})+\.\d\d"
)  # 61,606,285.04资性房地产: a cell glued to a wrapped label
_TABLE_DATE = re.compile(r"^(?:19|20)\d\d年(?:度|\d{1,2}月(?:\d{1,2}日)?)?$")  # a column head: 2019年度
_PROSE_STOP = re.compile(r"[。；;！？!?：:]")
ROW_LABEL_MAX = 24  # characters of a numbered label that names a table's row (一、账面原值)
HEADER_CELLS_MIN = 3  # 项 目 期末余额 期初余额
HEADER_CELL_MAX = 10
FRAGMENT_MAX = 12  # a cell's text wrapped onto a line of its own (累计折旧和累计摊 / 销)
FRAGMENTS_MAX = 2


@dataclass(frozen=True)
class ZoneLine:
    """One line of a document, its span and source block."""

    start: int
    end: int
    block: Block


@lru_cache(maxsize=4096)  # asked of each line about ten times by the zone tests
def squeezed(text: str) -> str:
    return _SPACES.sub("", text.strip())


def is_furniture(line: str) -> bool:
    return bool(line) and _FURNITURE.match(squeezed(line)) is not None


def opens_approval(line: str) -> bool:
    """``C 项目审核意见``, ``学院意见：``: the first line of an approval box (its sign fields may follow on the line:
    ``导师意见： 签名： 年 月 日``)."""
    s = squeezed(line)
    if 0 < len(s) <= 24 and _APPROVAL.match(s) is not None:
        return True
    at = s.find("意见")
    if at < 0 or len(s) > SIGNATURE_LINE_MAX * 2:
        return False
    head, rest = s[: at + 2], s[at + 2 :].lstrip("：:")
    return len(head) <= 24 and _APPROVAL.match(head) is not None and _SIGN_BOX.search(rest) is not None


def is_sign_box(line: str) -> bool:
    """``负责人签字：``, ``（盖章）``, ``年 月 日``: a line to sign or stamp."""
    s = squeezed(line)
    if "。" in s:
        return False  # 请项目负责人签名后交回。: a sentence that asks for a signature
    return 0 < len(s) <= SIGNATURE_LINE_MAX and _SIGN_BOX.search(s) is not None


# the sign word ends the label (负责人签字：, 验收组（签字）), not a word of a sentence (采用用户签字制度，…)
_SIGN_LABEL = re.compile(r"^[\u4e00-\u9fff]{1,12}[（(]?(?:签字|签名|签章|盖章)(?:[）)：: ]|$)")


_SIGN_OFF_FIELD = re.compile(r"[\u4e00-\u9fff（）()]{1,16}[：:]")  # 整理：, 记录人：, 组长（副组长）复核：
_SIGN_OFF_ROLE = re.compile(r"(?:人|整理|审核|复核|校对|审批|审阅|制表|记录)[）)]?[：:]$")


def is_sign_off(line: str) -> bool:
    """``整理： 审核：``, ``记录人： 复核：``: a record's line of blank fields for those who wrote and checked it."""
    tokens = line.split()
    return (
        0 < len(squeezed(line)) <= SIGNATURE_LINE_MAX
        and all(_SIGN_OFF_FIELD.fullmatch(t) for t in tokens)
        and any(_SIGN_OFF_ROLE.search(t) for t in tokens)
    )


def opens_with_sign_label(line: str) -> bool:
    """``项目验收组（签字） 张明 日期：2019.06.27``: a line that opens with a label to sign, filled in or not."""
    s = squeezed(line)
    if not 0 < len(s) <= SIGNATURE_LINE_MAX * 2:
        return False
    return _SIGN_LABEL.match(s) is not None or _SIGN_LABEL.match(_SPACES.sub(" ", line.strip())) is not None


def is_date_line(line: str) -> bool:
    s = squeezed(line)
    if not s or len(s) > 16:
        return False
    return bool(FORMAL_DATE_ARABIC.fullmatch(s) or FORMAL_DATE_CN.fullmatch(s) or _LONE_DATE.match(s))


def is_field(line: str) -> bool:
    s = squeezed(line)
    return 0 < len(s) <= 60 and _FIELD.match(s) is not None


def is_form_notes(line: str) -> bool:
    return _FORM_NOTES.match(squeezed(line)) is not None


def is_attachment_list(line: str) -> bool:
    """``附件：1.…``, ``附：``: the line naming a document's attachments."""
    return _ATTACHMENT_LIST.match(squeezed(line)) is not None


_ADDRESS_LINE = re.compile(r"^各[^。；]{1,160}[：:]$")  # 各学院：, the 主送 line that opens a 公文's body


def _opens_body(line: str) -> bool:
    return _ADDRESS_LINE.match(squeezed(line)) is not None


def _issuer_like(line: str) -> bool:
    s = squeezed(line)
    return 0 < len(s) <= SIGNATURE_LINE_MAX and "\t" not in line and not _SENTENCE.search(s) and not s[0].isdigit()


_DATE_AND_PLACE = re.compile(r"(?P<date>\S.{5,15}?)[ \t\u3000]+[\u4e00-\u9fff]{2,6}")  # 2015年2月6日 苏州


def is_dated_line(line: str) -> bool:
    """A date line of a 落款, also with the place it was signed at after a space (``2015年2月6日 苏州``)."""
    if is_date_line(line):
        return True
    m = _DATE_AND_PLACE.fullmatch(line.strip())
    return m is not None and is_date_line(m.group("date"))


def issuer_units(line: str) -> bool:
    """A line naming only units (``工业和信息化部``, ``市场监督管理总局  工业和信息化部``): issuers of a 落款."""
    s = line.strip()
    tokens = s.split()
    return bool(tokens) and _issuer_like(line) and all(_token_kind(t) == "unit" for t in tokens)


def signature_start(
    text: str, lines: Sequence[ZoneLine], lo: int, hi: int, listed: frozenset[int] | set[int] = frozenset()
) -> int | None:
    """Index of the first line of the 落款 at the end of ``lines[lo:hi]``: a date line and the issuers above it
    (beyond ``SIGNATURE_REACH`` lines only lines naming units: the seven issuers of a joint 公文); ``listed``:
    lines of an attachment list (names that look like issuers), where the 落款 cannot reach."""
    i = hi - 1
    while i >= lo and (
        not text[lines[i].start : lines[i].end].strip() or is_furniture(text[lines[i].start : lines[i].end])
    ):
        i -= 1
    if i < lo:
        return None
    last = text[lines[i].start : lines[i].end]
    if not (is_dated_line(last) or is_sign_box(last) or is_sign_off(last)):
        return None
    first = i
    j = i - 1
    while j >= lo:
        line = text[lines[j].start : lines[j].end]
        if not line.strip():
            j -= 1
            continue
        if is_attachment_list(line) or j in listed:
            break  # 附件：… above the issuers is the notice's list of attachments, not its 落款
        near = j >= i - SIGNATURE_REACH
        if (
            near and (is_sign_box(line) or is_date_line(line) or (_issuer_like(line) and len(squeezed(line)) >= 2))
        ) or (not near and issuer_units(line)):
            first = j
            j -= 1
            continue
        break
    return first


NUMBER_PIECES_MAX = 6  # lines a 文号 may be broken over (工信厅科函 / 〔 / 2025 / 〕 / 16号: a web page's copy)
NUMBER_PIECE_CHARS = 12


def _number_lines_above(raw: Sequence[str], at: int) -> list[int]:
    """The lines right above line ``at`` that together are a 文号 (one line, or one broken into pieces), or []."""
    pieces: list[int] = []
    i = at - 1
    while i >= 0 and len(pieces) < NUMBER_PIECES_MAX:
        s = squeezed(raw[i])
        if not s:
            i -= 1
            continue
        if len(s) > NUMBER_PIECE_CHARS and pieces:
            break
        pieces.insert(0, i)
        if DOC_NUMBER_LINE.fullmatch("".join(squeezed(raw[k]) for k in pieces)):
            return pieces
        if len(s) > NUMBER_PIECE_CHARS:
            break
        i -= 1
    return []


def _prose_line(line: str) -> bool:
    """A sentence, not a field: a full stop, or a comma before the first colon (a field's label holds none)."""
    s = squeezed(line)
    colon = min((at for at in (s.find("："), s.find(":")) if at >= 0), default=len(s))
    return "。" in s or any(c in s[:colon] for c in "，,")


def line_kinds(
    text: str,
    lines: Sequence[ZoneLine],
    *,
    contents: set[int],
    heading_lines: set[int],
    numbered_lines: set[int],
    attachment_lines: set[int],
    form: bool,
    title_line: int | None = None,
    official: bool = False,
) -> list[ZoneKind]:
    """The zone kind of each line of one document.

    ``heading_lines``: lines where a heading starts; ``numbered_lines``: those with a numbered heading;
    ``attachment_lines``: where an attachment that is a document of its own starts; ``form``: the
    document is a form (申报书, 任务书), whose body is a ``form`` zone; ``title_line``: the line where the
    document's title starts, the short lines above it being its cover; ``official``: the document is a 公文,
    whose short lines above the title are its 版头 (XX文件, 文号) and whose opening fields are a web page's
    (发文机关：, 成文日期：): page furniture, not a cover.
    """
    n = len(lines)
    body: ZoneKind = "form" if form else "body"
    number_opens: set[int] = set()  # the lines of a 文号 that opens the text
    kinds: list[ZoneKind] = [body] * n
    raw = [text[ln.start : ln.end] for ln in lines]
    attachment_lines = {i for i in attachment_lines if not _closing_list(raw, i)}
    # the opening: a cover when it holds fields (编号：, 申报单位：) or a lone date before any numbered heading
    first_numbered = min(numbered_lines, default=n)
    notes_at = next((i for i in range(n) if is_form_notes(raw[i])), None)
    opening_end = min(first_numbered, min(attachment_lines, default=n), notes_at if notes_at is not None else n)
    opening_end = min(opening_end, next((i for i in range(opening_end) if _opens_body(raw[i])), opening_end))
    if form:  # a form with no numbered part: its cover ends at its first table row or sentence (合同书's preamble)
        opening_end = next(
            (i for i in range(opening_end) if lines[i].block.kind == "table_row" or _prose_line(raw[i])), opening_end
        )
    fields = sum(1 for i in range(opening_end) if is_field(raw[i]) or is_date_line(raw[i]))
    prose = any("。" in raw[i] for i in range(opening_end))  # a cover holds no sentences
    head: ZoneKind = "furniture" if official else "cover"
    if fields >= COVER_FIELDS_MIN and opening_end < n and not prose:
        for i in range(opening_end):
            kinds[i] = head
        # the 文号 printed right above the 主送 line (a web page's copy, under its headline) opens the text
        if _opens_body(raw[opening_end]):
            number_opens = set(_number_lines_above(raw, opening_end))
            for i in number_opens:
                kinds[i] = body
    # a web page's menu opening the text (走进城服 / 全域旅游 / 文化教育 / …): page furniture
    for i in range(_menu_end(raw, heading_lines)):
        kinds[i] = "furniture"
    # short lines above the title: a cover (a 公文's 版头 is left to the caller: readers disagree on it)
    if title_line is not None and 0 < title_line <= HEAD_LINES_MAX and title_line < first_numbered:
        above = [raw[i] for i in range(title_line) if raw[i].strip()]
        if above and all(len(squeezed(x)) <= HEAD_LINE_CHARS and not _SENTENCE.search(x) for x in above):
            for i in range(title_line):
                kinds[i] = "furniture" if is_furniture(raw[i]) or official else "cover"
    first_contents = min(contents, default=n)
    # a table of fields or members at the opening (会议时间 …, 项目组成员信息 …): a form
    if not form:
        for i in _opening_table(raw, lines, min(first_numbered, first_contents)):
            kinds[i] = "form"
    # the front matter above a contents page at the top: a cover (title, team, date) and its tables (members,
    # version history) with their captions; no paragraph of text
    if (
        contents
        and 0 < first_contents <= COVER_LINES_MAX + FRONT_TABLE_ROWS
        and all(kinds[i] in (body, "cover", "form") for i in range(first_contents))
        and _front_matter(raw, lines, first_contents)
    ):
        top = next(i for i in range(first_contents) if raw[i].strip())  # the title, a table's cell or not
        for i in range(first_contents):
            if i != top and (lines[i].block.kind == "table_row" or _caption_of_table(raw, lines, i)):
                kinds[i] = "form"
            else:
                kinds[i] = "furniture" if is_furniture(raw[i]) else "cover"
    # 填表说明 and its notes, up to the first heading of another ladder
    if notes_at is not None and notes_at < first_numbered + 1:
        for i in range(notes_at, _notes_end(raw, lines, notes_at)):
            kinds[i] = "form_notes"
    # attachments that are documents of their own
    in_attachment = False
    for i in range(n):
        if i in attachment_lines:
            in_attachment = True
        if in_attachment and kinds[i] == body:
            kinds[i] = "attachment"
    # approval boxes run to the end of the document (or of the attachment they close)
    for i in range(n):
        if kinds[i] in ("body", "form") and opens_approval(raw[i]) and (form or i > n // 2):
            stop = min(
                next((k for k in sorted(attachment_lines) if k > i), n), next((k for k in sorted(contents) if k > i), n)
            )
            for k in range(i, stop):
                kinds[k] = "approval"
            break
    # the 落款 at the end of the body (before attachments; an attachment list may follow it)
    body_end = min(attachment_lines, default=n)
    listed = {
        k for i in range(body_end) if _lists_attachments(raw, i, attachment_lines) for k in _attachment_items(raw, i)
    }
    listed |= {i for i in range(body_end) if is_attachment_list(raw[i]) and i > 0}
    while body_end > 0 and (body_end - 1 in listed or not raw[body_end - 1].strip() or is_furniture(raw[body_end - 1])):
        body_end -= 1
    approval_at = next((i for i in range(body_end) if kinds[i] == "approval"), body_end)
    sig = signature_start(text, lines, 0, approval_at, listed)
    if sig is not None and sig > first_numbered_or_zero(heading_lines):
        for k in range(sig, approval_at):
            if kinds[k] in ("body", "form"):
                kinds[k] = "signature"
    # a 公文's 文号 above its title, or opening the text (a web page's copy): its 版头
    first_text = next((i for i in range(n) if raw[i].strip() and not is_furniture(raw[i])), n)
    masthead_end = title_line if title_line is not None and title_line <= HEAD_LINES_MAX else first_text + 1
    for i in range(n):
        if i in contents:
            kinds[i] = "contents"
        elif kinds[i] in ("body", "form", "signature") and _lists_attachments(raw, i, attachment_lines):
            for k in _attachment_items(raw, i):  # 附件：1.… / 2.… / 3.…: names, never headings
                kinds[k] = "attachment_list"
        elif kinds[i] in ("body", "form", "attachment", "signature") and i not in heading_lines:
            masthead = official and i < masthead_end and i not in number_opens
            if is_furniture(raw[i]) or (masthead and DOC_NUMBER_LINE.fullmatch(squeezed(raw[i]))):
                kinds[i] = "furniture"
            elif kinds[i] == "signature":
                continue
            elif (is_sign_box(raw[i]) and len(squeezed(raw[i])) <= 20) or opens_with_sign_label(raw[i]):
                kinds[i] = "signature"
            elif is_attachment_list(raw[i]) and i > 0 and i not in attachment_lines:
                kinds[i] = "attachment_list"
    # a date closing a 落款 inside the text (a web page's copy with more after it): the units signing above it
    for i in range(1, n):
        if kinds[i] == "signature" and kinds[i - 1] in ("body", "form") and is_dated_line(raw[i]):
            k = i - 1
            while k >= 0 and kinds[k] in ("body", "form") and k not in heading_lines and issuer_units(raw[k]):
                kinds[k] = "signature"
                k -= 1
    # a form's closing notes (注：此栏写不下可附页, 注：1.此表一式三份 / 2.…) after its last box: how to fill it in
    if form:
        at = _closing_notes(raw, heading_lines)
        if at is not None:
            for k in range(at, n):
                if kinds[k] != "furniture":
                    kinds[k] = "form_notes"
    return kinds


CLOSING_NOTES_LINES = 4  # lines a form's closing 注： may run over
_NOTE_OPEN = re.compile(r"^(?:注|备注|说明)[：:]\S")


def _closing_notes(raw: Sequence[str], heading_lines: set[int]) -> int | None:
    """The line where a form's closing notes start: a ``注：…`` line among its last lines, no heading after it."""
    n = len(raw)
    last = [i for i in range(n) if raw[i].strip() and not is_furniture(raw[i])][-CLOSING_NOTES_LINES:]
    for i in last:
        if _NOTE_OPEN.match(squeezed(raw[i])) and not any(k in heading_lines for k in range(i, n)):
            return i
    return None


FLAT_LINE_MIN = 400  # a line this long holding a web page's furniture is a whole page flattened onto one line
FLAT_HEAD_REACH = 1200  # characters at the start of such a line where its header (menu, 来源, buttons) may be
FLAT_TOKEN_GAP = 160  # furniture tokens of one header are at most this far apart
FLAT_FOOT_REACH = 1500  # characters at its end where its footer (关闭, 版权所有, ICP备) may be
FLAT_HEADLINE_MIN = 8
FLAT_ISSUERS_MAX = 24  # names of a 落款 before its date
_FLAT_HEAD_TOKEN = re.compile(
    r"【[^【】\s]{1,6}】|设为首页|加入收藏|当前位置[：:]|(?:新闻|信息|文章)?来源[：:]\s*\S+"
    r"|(?:发布(?:时间|日期)|浏览次数|点击次数|阅读次数)[：:]\s*\S+|(?:19|20)\d\d(?:-\d\d-\d\d|年\d{1,2}月\d{1,2}日)\s+\d{1,2}:\d\d(?::\d\d)?"
)
_FLAT_FOOT_ANCHOR = re.compile(r"版权所有|ICP备|©|返回顶部")
_FLAT_FOOT_OPEN = re.compile(r"【?(?:关闭|打印本页|关闭窗口)】?(?=\s)")
_FLAT_NOTE = re.compile(r"[（(]此件(?:公开发布|主动公开|不予公开|依申请公开)[）)]")
_FLAT_DATE = re.compile(r"(?:19|20)\d\d年\d{1,2}月\d{1,2}日(?=\s|[（(]|$)")
_FLAT_NAME = re.compile(r"[\u4e00-\u9fff（）()]{2,24}")


def flat_page_pieces(line: str) -> list[tuple[int, int, ZoneKind | None]]:
    """The zones of a web page flattened onto one line (a scraped 公文: header, text, 落款, footer), as pieces
    ``(start, end, kind)`` of the line; ``kind`` None where the line's own zone holds (its text).

    The header runs from the start over the page's furniture (menu, 当前位置, 来源, time stamp, 【打印】 buttons)
    up to the last copy of the page's headline that opens the text, or past the buttons; the 落款 is a run of
    issuer names and a date right after a sentence's end; ``（此件公开发布）`` and the footer from 关闭 or
    版权所有 on are page furniture. A line that is no such page gives ``[]``.
    """
    if len(line) < FLAT_LINE_MIN:
        return []
    head_end = _flat_header_end(line)
    if head_end is None:
        return []
    marks: list[tuple[int, int, ZoneKind | None]] = [(0, head_end, "furniture")]
    foot = _flat_footer_start(line, head_end)
    for m in _FLAT_NOTE.finditer(line, head_end, foot):
        marks.append((m.start(), m.end(), "furniture"))
    for m in _FLAT_DATE.finditer(line, head_end, foot):
        issuers = _flat_issuers_start(line, head_end, m.start())
        if issuers is not None:
            marks.append((issuers, m.end(), "signature"))
    if foot < len(line):
        marks.append((foot, len(line), "furniture"))
    pieces: list[tuple[int, int, ZoneKind | None]] = []
    pos = 0
    for start, end, kind in sorted(marks):
        if start < pos:
            continue
        if start > pos and line[pos:start].strip():
            pieces.append((pos, start, None))
        elif start > pos and pieces:  # the spaces between two marked pieces go with the one before
            pieces[-1] = (pieces[-1][0], start, pieces[-1][2])
        pieces.append((start if pieces else 0, end, kind))
        pos = end
    if pos < len(line):
        pieces.append((pos, len(line), None))
    return pieces


# ``…承诺严格遵照执行。 项目负责人签名： 年 月 日``: a box to sign glued after the last sentence of a paragraph
_GLUED_SIGN = re.compile(
    r"(?<=[。！？；])[ \t\u3000]*(?P<box>[\u4e00-\u9fff（）()]{1,12}(?:签字|签名|签章|盖章)[）)]?[：:]?"
    r"[ \t\u3000]*(?:(?:(?:19|20)\d\d)?[ \t\u3000]*年[ \t\u3000]*(?:\d{1,2})?[ \t\u3000]*月[ \t\u3000]*(?:\d{1,2})?[ \t\u3000]*日)?)"
    r"[ \t\u3000]*$"
)


def glued_sign_pieces(line: str) -> list[tuple[int, int, ZoneKind | None]]:
    """A line whose last sentence is followed by a box to sign (``… 项目负责人签名： 年 月 日``): its text and its
    signature as pieces ``(start, end, kind)``; ``[]`` when the line ends otherwise."""
    m = _GLUED_SIGN.search(line)
    if m is None or not line[: m.start("box")].strip():
        return []
    return [(0, m.start("box"), None), (m.start("box"), len(line), "signature")]


def _flat_header_end(line: str) -> int | None:
    """End of a flattened page's header: its furniture tokens in a cluster from the start, then the last copy of
    the headline (the text before ``_site``) that stands at the cluster's end or inside it."""
    last = None
    for m in _FLAT_HEAD_TOKEN.finditer(line, 0, FLAT_HEAD_REACH):
        if last is not None and m.start() - last > FLAT_TOKEN_GAP:
            break
        if last is None and m.start() > FLAT_TOKEN_GAP * 2:
            return None
        last = m.end()
    if last is None:
        return None
    end = last
    while end < len(line) and line[end] in " \t\u3000":
        end += 1
    cut = line.find("_", 0, FLAT_TOKEN_GAP)
    headline = line[:cut].strip() if cut > 0 else ""
    if len(headline) >= FLAT_HEADLINE_MIN:
        chars = [c for c in headline if not c.isspace()]
        pattern = re.compile(r"\s*".join(re.escape(c) for c in chars))
        reach = min(len(line), end + 2 * len(headline) + FLAT_TOKEN_GAP)
        copies = [m.start() for m in pattern.finditer(line, 1, reach) if m.start() <= end]
        if copies:
            return copies[-1]
    return end


def _flat_footer_start(line: str, head_end: int) -> int:
    """Where a flattened page's footer begins (关闭 / 打印本页 before 版权所有, ICP备…), or the line's end."""
    lo = max(head_end, len(line) - FLAT_FOOT_REACH)
    anchor = _FLAT_FOOT_ANCHOR.search(line, lo)
    if anchor is None:
        return len(line)
    opens = [
        m.start() for m in _FLAT_FOOT_OPEN.finditer(line, max(lo, anchor.start() - FLAT_TOKEN_GAP), anchor.start())
    ]
    return opens[0] if opens else anchor.start()


def _flat_issuers_start(line: str, lo: int, date_at: int) -> int | None:
    """Start of the issuer names before a 落款's date in a flattened page (``…执行。 甲部 乙部 2025年12月16日``)."""
    stop = max(line.rfind(p, lo, date_at) for p in "。！？；")
    if stop < 0:
        return None
    names = line[stop + 1 : date_at].split()
    if not 0 < len(names) <= FLAT_ISSUERS_MAX or not all(_FLAT_NAME.fullmatch(n) for n in names):
        return None
    at = stop + 1
    while line[at] in " \t\u3000":
        at += 1
    return at


FRONT_TABLE_ROWS = 24  # rows of the tables a cover may hold above a contents page (members, version history)
FRONT_LINE_MAX = 400  # a cover's line run together (title, team and members on one line), with no sentence in it
_FRONT_STOP = re.compile(r"[。；;！？!?]")


def _front_matter(raw: Sequence[str], lines: Sequence[ZoneLine], end: int) -> bool:
    """Whether the lines above a contents page are a cover: short lines without a sentence, table rows (at most
    ``FRONT_TABLE_ROWS``), or a cover run together on one line with no sentence's stop; ``COVER_LINES_MAX`` lines
    of cover at most."""
    rows = cover = 0
    for i in range(end):
        s = squeezed(raw[i])
        if not s:
            continue
        if lines[i].block.kind == "table_row":
            rows += 1
            continue
        short = len(s) <= COVER_LINE_CHARS and not _SENTENCE.search(s)
        if not short and (len(s) > FRONT_LINE_MAX or _FRONT_STOP.search(s)):
            return False
        cover += 1
    return 0 < cover <= COVER_LINES_MAX and rows <= FRONT_TABLE_ROWS


def _caption_of_table(raw: Sequence[str], lines: Sequence[ZoneLine], i: int) -> bool:
    """A short line right above a table row (项目组成员信息, 版本变更历史): the table's caption."""
    s = squeezed(raw[i])
    nxt = next((k for k in range(i + 1, len(raw)) if raw[k].strip()), None)
    return (
        0 < len(s) <= HEAD_LINE_CHARS and not is_field(s) and nxt is not None and lines[nxt].block.kind == "table_row"
    )


def numeric_cells(line: str) -> tuple[int, bool, str]:
    """The numeric cells that end a line: their count, whether they read as a table's, and the label before them.

    ``3.本期减少金额 10,182,509.30`` → ``(1, True, "3.本期减少金额")``; an amount with thousands separators or
    two decimals, a dash (``－``, an empty cell) or three numbers make a table's cells; ``2024`` alone does not.
    """
    tokens = line.split()
    k = len(tokens)
    while k > 0 and _CELL.fullmatch(tokens[k - 1]):
        k -= 1
    cells = tokens[k:]
    strong = sum(1 for c in cells if _AMOUNT.search(c))
    dashes = sum(1 for c in cells if _DASH.fullmatch(c))
    return len(cells), strong >= 1 or dashes >= 1 or len(cells) >= 3, " ".join(tokens[:k])


def is_numeric_row(line: str) -> bool:
    """A row of a table written as text: a label and amounts, or amounts alone (an OCR's cell per line)."""
    count, table, label = numeric_cells(line)
    s = line.strip()
    if is_furniture(s):
        return False  # - 48 -: a page number, no cell
    return (
        table
        or (count >= 1 and not label)
        or _LEADING_AMOUNT.match(s) is not None
        or (bool(s) and _NO_WORD.fullmatch(s) is not None)  # 五、66: a note's index in the 附注 column
    )


def _is_header_row(line: str) -> bool:
    """``项 目 期末余额 期初余额``, ``2019年度``: the column heads of a table written as text."""
    s = line.strip()
    if _TABLE_DATE.match(squeezed(s)):
        return True
    tokens = s.split()
    return (
        len(tokens) >= HEADER_CELLS_MIN
        and not _CELL.fullmatch(
            tokens[-1]
        )  # a row with its amounts is no column head and all(len(t) <= HEADER_CELL_MAX for t in tokens) and not _PROSE_STOP.search(s)
    )


def _is_fragment(line: str) -> bool:
    s = squeezed(line).rstrip("：:")
    return (
        len(s) <= FRAGMENT_MAX
        and not _PROSE_STOP.search(s)
        and MARKER_RE.match(s) is None
        and numeric_cells(line)[0] == 0
    )


def _numbered_label(line: str) -> bool:
    """``一、账面原值``, ``二、累计折旧和累计摊``: a short numbered line that could name a table's rows."""
    s = line.strip()
    m = MARKER_RE.match(s)
    if m is None or m.end() >= len(s):
        return False
    rest = s[m.end() :].strip()
    return 0 < len(rest) <= ROW_LABEL_MAX and not _PROSE_STOP.search(rest)


def table_text_lines(lines: Sequence[str]) -> set[int]:
    """Indexes of numbered lines that are rows of a table written as text, not headings.

    A numbered line that carries a table's cells (``3.本期减少金额 10,182,509.30``, ``三、减值准备 － －``),
    and a short numbered label that sits among such rows: the next line (past wrapped fragments) is a
    numeric row or such a label, and the line before (past fragments and labels) is a numeric row or the
    column heads (``二、累计折旧`` between ``4.期末余额 …`` and ``1.期初余额 …``). A heading followed by its
    sub-heading or its table's column heads (``18. 投资性房地产`` / ``（1）…`` / ``项 目 …``) stays a heading,
    unless its number goes on from a table's label (``四、账面价值`` after ``三、减值准备 －``, the table
    going on over a page). Runs of short numbered lines in no order (an OCR's statement) are cells too.
    """
    numeric = [is_numeric_row(x) for x in lines]
    label = [_numbered_label(x) for x in lines]
    markers = [_leading_marker(x) for x in lines]
    out = {i for i, x in enumerate(lines) if markers[i] is not None and numeric_cells(x)[1]}
    out |= _scrambled_runs(lines, label, markers)

    def among_rows(i: int) -> bool:
        prev = _table_neighbour(lines, label, i, -1, hop_labels=True, hop_heads=False)
        if prev is None or not (numeric[prev] or prev in out or _is_header_row(lines[prev])):
            return False
        before, marker = markers[prev], markers[i]
        goes_on = prev in out and before is not None and marker is not None and _continues(before, marker)
        nxt = _table_neighbour(lines, label, i, +1, hop_labels=False, hop_heads=goes_on)
        return nxt is not None and (numeric[nxt] or nxt in out)

    for order in (range(len(lines)), reversed(range(len(lines)))):  # the second pass takes labels over labels
        for i in order:
            if label[i] and i not in out and among_rows(i):
                out.add(i)
    return out


LIST_RUN_MIN = 4  # numbered entries in a row that make a list of names
LIST_ENTRY_MAX = 30  # characters of an entry after its number
_ENTRY_STOP = re.compile(r"[。；;，,！？!?]")
_TOKEN_SPLIT = re.compile(r"[\s、/／：:]+")
_NUMBER_TOKEN = re.compile(r"[\d.,，%％]+(?:元|万元|分|人|名|项|个)?")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_UNIT_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z（）()·]{3,25}")


@lru_cache(maxsize=1)
def _name_cues() -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """Surnames (of ``extract_patterns.yaml``), unit suffixes and role words (``kind_cues`` of the taxonomy)."""
    from .datacache import load_yaml
    from .headings import taxonomy

    text = resources.files("cxzy_nlp").joinpath("data/extract_patterns.yaml").read_text("utf-8")
    raw = load_yaml(text)  # libyaml when present, kept between runs by the command line
    cues = taxonomy().get("kind_cues", {})
    by_length = lambda words: tuple(sorted(words, key=len, reverse=True))  # noqa: E731
    return (
        frozenset(str(raw.get("surnames", ""))),
        by_length(cues.get("unit_suffixes", [])),
        by_length(cues.get("role_words", [])),
    )


def _token_kind(token: str) -> str | None:
    """``person`` (张明), ``unit`` (市第一人民医院), ``role`` (副教授), ``number`` (85.5) or ``None``."""
    surnames, units, roles = _name_cues()
    if _NUMBER_TOKEN.fullmatch(token):
        return "number"
    role = next((r for r in roles if token.endswith(r)), None)
    if role is not None:
        holder = token[: -len(role)]
        if holder and _token_kind(holder) in ("unit", "person"):
            return "unit"  # 省医学会会长, 市教育局局长: a unit's office holder
        if not holder or len(token) <= 6:
            return "role"
    if _UNIT_NAME.fullmatch(token) and token.endswith(units):
        return "unit"
    if _HAN.fullmatch(token) and 2 <= len(token) <= 3 and token[0] in surnames:
        return "person"
    return None


def names_entry(item: str) -> bool:
    """An entry of a list of names: persons, units, their roles and figures (``张明 计算机学院 副教授``)."""
    tokens = [t.strip("（）()") for t in _TOKEN_SPLIT.split(item.strip()) if t.strip("（）()")]
    found = [_token_kind(t) for t in tokens]
    return bool(tokens) and None not in found and any(k in ("person", "unit") for k in found)


def name_list_lines(lines: Sequence[str]) -> set[int]:
    """Indexes of numbered lines that are entries of a list of names (a notice's 获奖名单, 试点单位名单), not headings.

    A run of at least ``LIST_RUN_MIN`` numbered lines of one family with nothing written between them
    (blank lines and unnumbered entries aside), each a short entry without a sentence's punctuation, three
    in four of them naming persons or units (:func:`names_entry`; ``单位：姓名 职务`` too): a list, whatever
    the order of its numbers. A ladder of headings has text under its headings, and its headings name parts
    of the work, not people.
    """
    out: set[int] = set()
    run: list[int] = []
    family: str | None = None
    named = 0

    def close() -> None:
        if len(run) >= LIST_RUN_MIN and named * 4 >= 3 * len(run):
            out.update(run)

    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        marker = _leading_marker(s)
        item = s[marker.end :].strip() if marker is not None else ""
        entry = marker is not None and 0 < len(item) <= LIST_ENTRY_MAX and not _ENTRY_STOP.search(item)
        if marker is None and run and len(s) <= LIST_ENTRY_MAX and names_entry(s):
            continue  # an unnumbered entry inside the list (医院管理中心：赵明钢主任)
        if not entry or (marker is not None and marker.family != family):
            close()
            run, family, named = [], None, 0
        if entry and marker is not None:
            run.append(i)
            family = marker.family
            named += names_entry(item)
    close()
    return out


_NOTE_LABEL = re.compile(r"[ \t\u3000]*(?:注|备注|附注|说明|注意|注意事项)[ \t\u3000]*[：:][ \t\u3000]*")


def note_list_lines(lines: Sequence[str]) -> set[int]:
    """Indexes of the lines of a list of notes (``注：1．此合同一式三份…`` / ``2．…``), never headings.

    The list opens with a note label and its colon (注：, 备注：, 说明：) before its first item, on the item's line or
    alone above it; the lines that go on with its numbering (2．, 3．) are its items too.
    """
    out: set[int] = set()
    i = 0
    while i < len(lines):
        m = _NOTE_LABEL.match(lines[i])
        rest = lines[i][m.end() :] if m else ""
        first_at = i
        if m is not None and not rest.strip():
            first_at = next((k for k in range(i + 1, len(lines)) if lines[k].strip()), len(lines))
            rest = lines[first_at] if first_at < len(lines) else ""
        first = _leading_marker(rest) if m is not None else None
        if first is None or first.value != 1:
            i += 1
            continue
        out.update(range(i, first_at + 1))
        last, j = first.value, first_at + 1
        while j < len(lines):
            marker = _leading_marker(lines[j])
            if not lines[j].strip():
                j += 1
                continue
            if marker is None or marker.family != first.family or marker.value != last + 1:
                break
            out.add(j)
            last, j = marker.value, j + 1
        i = j
    return out


def _continues(before: Marker, marker: Marker) -> bool:
    return before.family == marker.family and before.value + 1 == marker.value


def _leading_marker(line: str) -> Marker | None:
    s = line.strip()
    m = MARKER_RE.match(s) if s else None
    return marker_from_match(m, s) if m else None


SCRAMBLED_RUN_MIN = 5


def _scrambled_runs(lines: Sequence[str], label: Sequence[bool], markers: Sequence[Marker | None]) -> set[int]:
    """Runs of short numbered lines whose numbers follow no ladder (``2 …``, ``（五）…``, ``5. …``, ``4. …``, ``1. …``).

    A step is in order when it goes on in its family (``4.`` → ``5.``) or opens a list at one; a run of at
    least ``SCRAMBLED_RUN_MIN`` labels, at most one short unnumbered line apart, with most steps out of
    order is the label column of a table read out of order.
    """
    out: set[int] = set()
    run: list[int] = []
    before: dict[str, int] = {}  # family → last value of the labels outside scrambled runs

    def close() -> None:
        last: dict[str, int] = {}
        disorder = 0
        for k in run:
            m = markers[k]
            assert m is not None
            if not (m.value == 1 or last.get(m.family, -9) + 1 == m.value):
                disorder += 1
            last[m.family] = m.value
        scrambled = len(run) >= SCRAMBLED_RUN_MIN and disorder * 2 >= len(run)
        lo, hi = 0, len(run)
        while scrambled and lo < hi and _goes_on(before, markers[run[lo]]):  # 三、 after the text's 二、
            lo += 1
        while scrambled and hi > lo and _goes_on(before, markers[run[hi - 1]]):
            hi -= 1
        for k, i in enumerate(run):
            m = markers[i]
            assert m is not None
            if scrambled and lo <= k < hi:
                out.add(i)
            else:
                before[m.family] = m.value

    gap = 0
    for i, line in enumerate(lines):
        if label[i]:
            run.append(i)
            gap = 0
        elif line.strip() and (gap >= 1 or not _is_fragment(line)):
            close()
            run, gap = [], 0
        elif line.strip():
            gap += 1
    close()
    return out


def _goes_on(before: dict[str, int], marker: Marker | None) -> bool:
    return marker is not None and before.get(marker.family, -9) + 1 == marker.value


def _table_neighbour(
    lines: Sequence[str], label: Sequence[bool], i: int, step: int, *, hop_labels: bool, hop_heads: bool
) -> int | None:
    """The first line from ``i`` towards ``step`` past blanks, wrapped fragments and (if asked) labels or column heads."""
    j = i + step
    fragments = labels = 0
    while 0 <= j < len(lines):
        if not lines[j].strip() or is_furniture(lines[j]):
            j += step  # a table goes on over a page break
        elif fragments < FRAGMENTS_MAX and _is_fragment(lines[j]) and not _is_header_row(lines[j]):
            fragments += 1
            j += step
        elif hop_labels and labels < FRAGMENTS_MAX and label[j] and not numeric_cells(lines[j])[0]:
            labels += 1
            j += step
        elif hop_heads and labels < FRAGMENTS_MAX and _is_header_row(lines[j]):
            labels += 1
            j += step
        else:
            return j
    return None


OPENING_TABLE_MIN = 2  # table rows in a row at a document's opening that make it a form of fields
OPENING_ROW_CHARS = 60  # a longer row holds the text itself (会议内容 1、…): the body begins there


def _opening_table(raw: Sequence[str], lines: Sequence[ZoneLine], end: int) -> list[int]:
    """Table rows at the opening, before the first heading, contents page or paragraph of text."""
    rows: list[int] = []
    for i in range(end):
        s = squeezed(raw[i])
        if not s:
            continue
        if lines[i].block.kind != "table_row":
            if "。" in raw[i] or len(s) > OPENING_ROW_CHARS:
                break
            continue
        if len(s) > OPENING_ROW_CHARS:
            break
        rows.append(i)
    return rows if len(rows) >= OPENING_TABLE_MIN else []


MENU_RUN_MIN = 4  # short lines in a row at the top of a text that make a web page's menu
MENU_LINE_CHARS = (2, 8)
MENU_PROSE_CHARS = 40  # the menu sits right above the page's text, not above a cover's or a form's next line
_MENU_ITEM = re.compile(r"[\u4e00-\u9fffA-Za-z]+")


def menu_end(raw: Sequence[str]) -> int:
    """End of a web page's menu opening these lines (走进城服 / 全域旅游 / … right above prose), or 0."""
    return _menu_end(raw, set())


def _menu_end(raw: Sequence[str], heading_lines: set[int]) -> int:
    """End of the run of menu items (2–8 letters, no number or punctuation) that opens the text right above its
    prose, or 0."""
    k = 0
    items = 0
    while k < len(raw):
        s = squeezed(raw[k])
        if not s:
            k += 1
            continue
        if k in heading_lines or not _MENU_ITEM.fullmatch(s) or not MENU_LINE_CHARS[0] <= len(s) <= MENU_LINE_CHARS[1]:
            break
        items += 1
        k += 1
    prose_follows = k < len(raw) and ("。" in raw[k] or len(squeezed(raw[k])) >= MENU_PROSE_CHARS)
    return k if items >= MENU_RUN_MIN and prose_follows else 0


def _closing_list(raw: Sequence[str], i: int) -> bool:
    """``附件：`` over ``1.…`` ``2.…`` and then only the 落款 (or nothing): the names of the attachments, not one."""
    items = _attachment_items(raw, i)
    if len(items) < 2:
        return False
    rest = [x for x in raw[items[-1] + 1 :] if x.strip() and not is_furniture(x)]
    return len(rest) <= SIGNATURE_REACH and all(is_date_line(x) or is_sign_box(x) or _issuer_like(x) for x in rest)


def _lists_attachments(raw: Sequence[str], i: int, attachment_lines: set[int]) -> bool:
    """``附件：1.…`` (or ``附：`` over ``1.…``): the numbered list of a notice's attachments, heading lines or not."""
    if i == 0 or i in attachment_lines or not is_attachment_list(raw[i]):
        return False
    return len(_attachment_items(raw, i)) > 1 or _ATTACHMENT_ITEM.match(squeezed(raw[i])) is not None


def _attachment_items(raw: Sequence[str], i: int) -> list[int]:
    """The line ``附件：1.…`` and the lines after it that go on with its numbering (``2.…``, ``3.…``)."""
    first = squeezed(raw[i])
    m = _ATTACHMENT_ITEM.match(first)
    if m is None and _ATTACHMENT_LIST.fullmatch(first) is None:
        return [i]
    out = [i]
    value = int(m.group("v") or m.group("first")) if m else 0
    bare = m is not None and m.end() == len(first)  # ``附件：1.`` with the name on the next line
    k = i + 1
    while k < len(raw):
        s = raw[k].strip()
        if bare and s and not _LIST_ITEM.match(s):
            if "。" in s or len(s) > ATTACHMENT_ITEM_MAX:
                break
            out.append(k)  # the name of the item whose number stands alone above it (a web page's copy)
            bare = False
            k += 1
            continue
        item = _LIST_ITEM.match(s)
        if item is None or int(item.group("v")) != value + 1 or "。" in s or len(s) > ATTACHMENT_ITEM_MAX:
            break
        out.append(k)
        value += 1
        bare = item.group("name") is None
        k += 1
    return out


def _notes_end(raw: Sequence[str], lines: Sequence[ZoneLine], at: int) -> int:
    """End of the notes under a 填表说明 line: they keep one numbering; a restart, another ladder or a table ends them."""
    family: str | None = None
    last = 0
    for i in range(at + 1, len(raw)):
        if lines[i].block.kind == "table_row":
            return i
        m = MARKER_RE.match(raw[i].lstrip())
        if m is None:
            if family is None and i > at + 1:
                return i
            continue
        marker = marker_from_match(m, raw[i].lstrip())
        if family is None:
            family, last = marker.family, marker.value
            continue
        if marker.family == family and marker.value <= last:
            return i  # the numbering restarts: the form's own parts
        if marker.family != family and _starts_form_part(raw[i]):
            return i
        if marker.family == family:
            last = marker.value
    return len(raw)


def first_numbered_or_zero(heading_lines: set[int]) -> int:
    return min(heading_lines, default=0)


def _starts_form_part(line: str) -> bool:
    s = squeezed(line)
    return bool(re.match(r"^(?:[A-H]|[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)", s))


def kinds_to_zones(lines: Sequence[ZoneLine], kinds: Sequence[ZoneKind], start: int, end: int) -> tuple[Zone, ...]:
    """Runs of one kind as zones tiling ``start:end`` (the line break before a line belongs to the run before)."""
    zones: list[Zone] = []
    run_kind: ZoneKind | None = None
    run_start = start
    for line, kind in zip(lines, kinds, strict=True):
        if kind != run_kind:
            if run_kind is not None and line.start > run_start:
                zones.append(Zone(run_kind, (run_start, line.start)))
                run_start = line.start
            elif run_kind is None:
                run_start = start
            run_kind = kind
    if run_kind is not None and end > run_start:
        zones.append(Zone(run_kind, (run_start, end)))
    return tuple(zones)


def outside_sections(zones: Sequence[Zone]) -> list[Span]:
    """Spans of the zones that hold no sections."""
    return [z.span for z in zones if z.kind not in SECTION_ZONES]


__all__ = [
    "SECTION_ZONES",
    "ZoneLine",
    "flat_page_pieces",
    "glued_sign_pieces",
    "is_attachment_list",
    "is_date_line",
    "is_dated_line",
    "is_furniture",
    "is_numeric_row",
    "is_sign_box",
    "is_sign_off",
    "issuer_units",
    "kinds_to_zones",
    "line_kinds",
    "menu_end",
    "name_list_lines",
    "names_entry",
    "note_list_lines",
    "opens_approval",
    "outside_sections",
    "signature_start",
    "table_text_lines",
]
