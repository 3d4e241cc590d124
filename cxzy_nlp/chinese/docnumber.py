"""The 发文字号 (文号): ``代字〔年份〕序号号`` (GB/T 9704-2012 §7.2.2) and the wrong forms seen in practice.

The standard form uses the hexagonal brackets 〔〕, a four-digit year, no 第 and no leading
zeros. :func:`find_doc_number_forms` finds every bracketed number, right or wrong, with its
parts, so a rule can say what is wrong without reading the text again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_BRACKETS = "〔[［【(（"
CLOSE_BRACKETS = "〕]］】)）"
# A whole 文号 in any bracket, on a cover or title line: 国发〔2019〕4号, X办发[2021]第9号.
DOC_NUMBER_LINE = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［【(（](?:19|20)\d{2}[〕\]］】)）]\s*第?\d{1,5}\s*号")
# The year of a 文号 in any bracket.
BRACKET_YEAR = re.compile(r"[〔\[【（(]\s*((?:19|20)\d{2})\s*[〕\]】）)]")
# The year in the standard hexagonal brackets (a 文号 cited anywhere in the text).
HEX_BRACKET_YEAR = re.compile(r"〔((?:19|20)\d{2})〕")
CITED_NUMBER = re.compile(r"[\u4e00-\u9fff]{0,6}〔\d{4}〕\d*号?")  # a cited 文号 around its bracketed year
_FORM = re.compile(  # 代字 is looked for behind the bracket, so the scan starts at brackets only
    r"(?<=[\u4e00-\u9fff])\s*(?P<open>[〔\[［【(（])\s*(?P<year>(?:19|20)?\d{2})\s*(?P<close>[〕\]］】)）])"
    r"\s*(?P<di>第?)\s*(?P<seq>\d+)\s*号"
)
_ISSUER_CODE = re.compile(r"[\u4e00-\u9fff]{1,10}$")


@dataclass(frozen=True)
class DocNumberForm:
    """A 文号 as written, split into its parts (``span`` includes the 代字 when there is one)."""

    text: str
    span: tuple[int, int]
    brackets: str  # the opening and closing bracket, "〔〕" when standard
    year: str  # as written: "2021" or "21"
    di: bool  # 第 before the sequence number
    seq: str  # as written: "9" or "009"

    @property
    def standard(self) -> bool:
        return self.brackets == "〔〕" and len(self.year) == 4 and not self.di and not self.seq.startswith("0")


def find_doc_number_forms(text: str, lo: int = 0, hi: int | None = None) -> list[DocNumberForm]:
    """Every bracketed 文号 in ``text[lo:hi]``, standard or not, in order."""
    hi = len(text) if hi is None else hi
    out = []
    for m in _FORM.finditer(text, lo, hi):
        code = _ISSUER_CODE.search(text[max(lo, m.start() - 10) : m.start()])
        span = (m.start() - len(code.group(0)) if code else m.start(), m.end())
        out.append(
            DocNumberForm(text[span[0] : span[1]], span, m["open"] + m["close"], m["year"], bool(m["di"]), m["seq"])
        )
    return out


def bracket_year(number: str | None, standard_only: bool = False) -> int | None:
    """The year of a 文号 (``国发〔2019〕4号`` → 2019); any bracket unless ``standard_only``."""
    if not number:
        return None
    m = (HEX_BRACKET_YEAR if standard_only else BRACKET_YEAR).search(number)
    return int(m.group(1)) if m else None


__all__ = [
    "BRACKET_YEAR",
    "CITED_NUMBER",
    "DOC_NUMBER_LINE",
    "HEX_BRACKET_YEAR",
    "DocNumberForm",
    "bracket_year",
    "find_doc_number_forms",
]
