"""cxzy_nlp: read, structure, extract, check and compare Chinese plan documents.

One function per command, returning data (see :mod:`cxzy_nlp.api`)::

    import cxzy_nlp

    for analysis in cxzy_nlp.check(["送审材料/"], profile="default"):
        for doc in analysis.documents:
            for finding in doc.findings:
                print(finding.rule, finding.message, finding.location)

Everything loads on first use, so ``import cxzy_nlp`` and ``cxzy --help`` stay fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from .api import annotate, check, dedup, extract, index_add, index_list, index_rm, outline, report, rules
    from .errors import ConfigError, CxzyError
    from .jsonio import analysis_to_dict
    from .pipeline import analyse, analyse_text

# name → module it lives in (imported by name on first use: heavy stages load only when used)
_HOMES = {
    "analyse": "pipeline",
    "analyse_text": "pipeline",
    "extract": "api",
    "check": "api",
    "outline": "api",
    "dedup": "api",
    "report": "api",
    "annotate": "api",
    "rules": "api",
    "index_add": "api",
    "index_list": "api",
    "index_rm": "api",
    "analysis_to_dict": "jsonio",
    "CxzyError": "errors",
    "ConfigError": "errors",
}

__all__ = [
    "ConfigError",
    "CxzyError",
    "__version__",
    "analyse",
    "analyse_text",
    "analysis_to_dict",
    "annotate",
    "check",
    "dedup",
    "extract",
    "index_add",
    "index_list",
    "index_rm",
    "outline",
    "report",
    "rules",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))
