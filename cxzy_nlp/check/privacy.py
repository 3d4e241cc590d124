"""Personal data in a document meant to be published: 身份证号 and 手机号, the evidence always masked.

Whether a number is a leak depends on the kind of document and on the number's role. A form
(申报书, 登记表: a kind marked ``form: true`` in the taxonomy) is submitted, not published: its fields
are meant to be filled, so a 身份证号 there is only noted (info) and a 手机号 is not reported. A
telephone number on a contact line (联系电话：, 联系人及电话, a 联系方式 heading, a 电话 column) is an
official contact given on purpose in any kind. What is left, an individual's number in a notice,
bulletin or plan, is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from ..headings import taxonomy
from ..model import Finding, Span
from .context import Context

ID_CARD = re.compile(
    r"(?<![\dA-Za-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dA-Za-z])"
)
MOBILE = re.compile(r"(?<![\d.])1[3-9]\d{9}(?![\d.])")
# Words that make a telephone number a contact given on purpose: a field label, a column, a heading.
CONTACT_CUES = re.compile(r"电\s*话|手\s*机|联\s*系|咨询|热线|[Tt][Ee][Ll]|传真|收件人|报名|微信|[Qq][Qq]")
CONTACT_REACH = 160  # characters before a number in which a contact cue (a label, a column header) applies
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def id_checksum_ok(number: str) -> bool:
    """GB 11643 check digit (ISO 7064 MOD 11-2): a real 身份证号, not any 18 digits."""
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS, strict=True))
    return _CHECK[total % 11] == number[17].upper()


def mask(number: str) -> str:
    """110***********1234: the first three and last four characters kept."""
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def masked_text(text: str) -> str:
    """``text`` with every 身份证号 (valid check digit) and 手机号 masked in place (same length, so spans hold):
    for outputs that show a document's text, such as the HTML report."""

    def masked(m: re.Match[str]) -> str:
        return mask(m.group(0)) if m.re is MOBILE or id_checksum_ok(m.group(0)) else m.group(0)

    return MOBILE.sub(masked, ID_CARD.sub(masked, text))


@lru_cache(maxsize=1)
def _form_kinds() -> frozenset[str]:
    """Document kinds that are forms to submit (``form: true`` in the taxonomy), not texts to publish."""
    kinds = taxonomy()["doc_types"]  # the taxonomy parsed once for every stage
    return frozenset(kind for kind, info in kinds.items() if info.get("form"))


def is_contact(ctx: Context, span: Span) -> bool:
    """Whether a telephone number stands on a contact line: a cue shortly before it or in its heading.

    A line that also holds a 身份证号 is a person's record (a list published with its people's numbers), not
    a contact line."""
    line_start = ctx.text.rfind("\n", 0, span[0]) + 1
    line_end = ctx.text.find("\n", span[1])
    line = ctx.text[line_start : line_end if line_end >= 0 else len(ctx.text)]
    if any(id_checksum_ok(m.group(0)) for m in ID_CARD.finditer(line)):
        return False
    if CONTACT_CUES.search(ctx.text, max(ctx.doc.span[0], span[0] - CONTACT_REACH), span[0]):
        return True
    section = ctx.section_at(span[0])
    return section is not None and bool(CONTACT_CUES.search(section.heading))


def personal_data(ctx: Context) -> Iterator[Finding]:
    """身份证号 (with a valid check digit) and 手机号 (not on a contact line), one finding per kind with
    the count; in a form a 身份证号 is info and a 手机号 is not reported. Evidence masked."""
    form = ctx.doc.doc_type in _form_kinds()
    for kind, regex in (("身份证号", ID_CARD), ("手机号码", MOBILE)):
        if kind == "手机号码" and form:
            continue  # a form's telephone fields are filled to be submitted
        hits = [(span, found) for span, found in ctx.finditer(regex) if kind != "身份证号" or id_checksum_ok(found)]
        if kind == "手机号码":
            hits = [(span, found) for span, found in hits if not is_contact(ctx, span)]
        if not hits:
            continue
        span, found = hits[0]
        count = f"等{len(hits)}处" if len(hits) > 1 else ""
        if form:
            message = f"出现{kind}“{mask(found)}”{count}；表格报送时可保留，如需公开或转发，请先遮盖个人信息"
        else:
            message = f"出现{kind}“{mask(found)}”{count}，公开或报送前请删除或遮盖个人信息"
        finding = ctx.finding_at("personal-data", span, message, evidence=mask(found))
        yield replace(finding, severity="info") if form else finding
