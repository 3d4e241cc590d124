"""Personal data in a document meant to be published: 身份证号 and 手机号, the evidence always masked."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding
from .context import Context

ID_CARD = re.compile(
    r"(?<![\dA-Za-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dA-Za-z])"
)
MOBILE = re.compile(r"(?<![\d.])1[3-9]\d{9}(?![\d.])")
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


def personal_data(ctx: Context) -> Iterator[Finding]:
    """身份证号 (with a valid check digit) and 手机号, one finding per kind with the count; evidence masked."""
    for kind, regex, valid in (("身份证号", ID_CARD, id_checksum_ok), ("手机号码", MOBILE, lambda _: True)):
        hits = [(span, found) for span, found in ctx.finditer(regex) if valid(found)]
        if not hits:
            continue
        span, found = hits[0]
        count = f"等{len(hits)}处" if len(hits) > 1 else ""
        yield ctx.finding_at(
            "personal-data",
            span,
            f"出现{kind}“{mask(found)}”{count}，公开或报送前请删除或遮盖个人信息",
            evidence=mask(found),
        )
