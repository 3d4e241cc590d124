"""Each fact has one home: check/ judges what extract worked out and parses no date, year, 文号,
numeral or amount itself; :mod:`cxzy_nlp.chinese` holds the Chinese-text basics and imports nothing heavy."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

import cxzy_nlp

PACKAGE = Path(cxzy_nlp.__file__).parent
CHECK_FILES = sorted((PACKAGE / "check").glob("*.py"))

_NUMERALS = set("〇零○一二三四五六七八九十")
_CLASS = re.compile(r"\[([^\]]*)\]")
# a digit pattern next to 年/月/日/号 in a regex's source: (\d{1,2})月, 年(\d{1,2}), \d{4}年
_DATE_REGEX = re.compile(r"\\d[^\n]{0,16}?[年月日号]|[年月](?:\(\?P<\w+>)?[^\n]{0,6}?\\d")
_DOC_NUMBER_REGEX = re.compile(r"〔[^\n]{0,8}\\d|\\d[^\n]{0,8}〕")
_AMOUNT_REGEX = re.compile(r"\\d[^\n]{0,40}?(?:元|人民币)")  # an amount of money: budget figures are extract's
_PARSER_NAME = re.compile(r"infer_year|cn_number|cn_to_int|numeral|to_int|parse_date|year_digits|iso_date")
_PARSER_IMPORTS = frozenset({"calendar", "cn2an", "dateparser", "dateutil"})


def parser_smells(source: str) -> list[str]:
    """What in ``source`` reads dates, years, 文号 or Chinese numerals by itself."""
    out: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            s = node.value
            if _DATE_REGEX.search(s):
                out.append(f"date pattern {s[:50]!r}")
            if _DOC_NUMBER_REGEX.search(s):
                out.append(f"文号 pattern {s[:50]!r}")
            if _AMOUNT_REGEX.search(s):
                out.append(f"amount pattern {s[:50]!r}")
            if any(len(_NUMERALS & set(chars)) >= 8 for chars in _CLASS.findall(s)) or (
                len(_NUMERALS & set(s)) >= 8 and len(s) <= 16
            ):
                out.append(f"numeral table {s[:50]!r}")
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _PARSER_NAME.search(node.name):
            out.append(f"parser function {node.name}()")
        elif isinstance(node, ast.Import):
            out.extend(f"import {a.name}" for a in node.names if a.name.split(".")[0] in _PARSER_IMPORTS)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in _PARSER_IMPORTS:
            out.append(f"import {node.module}")
    return out


@pytest.mark.parametrize("path", CHECK_FILES, ids=[p.name for p in CHECK_FILES])
def test_check_holds_no_date_year_or_numeral_parser(path: Path) -> None:
    assert parser_smells(path.read_text(encoding="utf-8")) == [], f"{path.name} parses text extract already knows"


# What check/ held before the facts moved to extract (shortened): each must be caught.
_OLD_PARSERS = {
    "day regex": 'DAY_DATE = re.compile(r"(?:(?P<y>(?:19|20)\\d{2})年)?(?P<m>\\d{1,2})月(?P<d>\\d{1,2})[日号]")',
    "title year": '_YEAR_IN_TITLE = re.compile(r"((?:19|20)\\d{2})\\s*(?:年|—|-|～|~|至)")',
    "bracket year": '_BRACKET_YEAR = re.compile(r"〔((?:19|20)\\d{2})〕")',
    "numeral table": '_CN_NUMBER = {c: i for i, c in enumerate("零一二三四五六七八九")}',
    "numeral class": '_N = r"(?:\\d{1,3}|[一二三四五六七八九十百零〇]{1,5})"',
    "numeral function": "def cn_number(text: str) -> int:\n    return 0",
    "year inference": "def infer_year(doc, text):\n    return None, None",
    "calendar": "import calendar",
    "amount": 'AMOUNT = re.compile(r"(?P<n>\\d+(?:,\\d{3})*(?:\\.\\d+)?)\\s*(?P<unit>亿|万|千)?\\s*(?:元|人民币|块)")',
}


@pytest.mark.parametrize("source", _OLD_PARSERS.values(), ids=list(_OLD_PARSERS))
def test_the_scan_catches_the_parsers_check_used_to_hold(source: str) -> None:
    assert parser_smells(source)


@pytest.mark.parametrize(
    "source",
    [
        '_SENTENCE = re.compile(r"[^。！？；\\n]+")',  # no date
        'CONGRESS = re.compile(r"(?P<n>十[六七八九]|二十一?)大")',  # names, not a numeral table
        'msg = f"{what}的日期{d.isoformat()}与文件年度相差{n}年"',  # a message about years
    ],
)
def test_the_scan_leaves_judging_code_alone(source: str) -> None:
    assert parser_smells(source) == []


_LOADED = "import sys, {module}; {then}; print(sorted(m for m in {heavy!r} if m in sys.modules))"
_HEAVY = ("cn2an", "jieba", "numpy", "spacy", "sklearn", "yaml")


def _loaded_after(module: str, then: str = "pass") -> list[str]:
    code = _LOADED.format(module=module, then=then, heavy=_HEAVY)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PACKAGE.parent)
    return ast.literal_eval(out.stdout.strip())  # type: ignore[no-any-return]


def test_importing_the_chinese_basics_loads_nothing_heavy() -> None:
    assert _loaded_after("cxzy_nlp.chinese") == []


def test_cn2an_loads_on_first_use_and_the_probe_sees_it() -> None:
    """Control: the probe above can fail: reading a Chinese amount imports cn2an."""
    assert "cn2an" in _loaded_after("cxzy_nlp.chinese", "cxzy_nlp.chinese.to_number('一百五十')")
