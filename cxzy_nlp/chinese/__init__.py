"""Chinese-text basics every stage shares: numerals, sentence ends, heading markers, 文号, dates.

Importing this package loads only the standard library; cn2an is imported on the first
call that needs it (:func:`~cxzy_nlp.chinese.numerals.to_number`).
"""

from __future__ import annotations

from .dates import check_day, date_style, valid_day
from .docnumber import DocNumberForm, bracket_year, find_doc_number_forms
from .markers import GB_LADDER, MARKER_RE, Marker, marker_from_match
from .numerals import cn_numeral, numeral_value, to_int, to_number, year_digits
from .sentences import CLAUSE_STOPS, FULL_STOPS, sentence_pattern, sentence_span

__all__ = [
    "CLAUSE_STOPS",
    "FULL_STOPS",
    "GB_LADDER",
    "MARKER_RE",
    "DocNumberForm",
    "Marker",
    "bracket_year",
    "check_day",
    "cn_numeral",
    "date_style",
    "find_doc_number_forms",
    "marker_from_match",
    "numeral_value",
    "sentence_pattern",
    "sentence_span",
    "to_int",
    "to_number",
    "valid_day",
    "year_digits",
]
