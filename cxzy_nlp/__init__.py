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
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from .api import (
        annotate,
        check,
        dedup,
        extract,
        feedback,
        index_add,
        index_list,
        index_rm,
        outline,
        report,
        rules,
    )
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
    "feedback": "api",
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
    "feedback",
    "index_add",
    "index_list",
    "index_rm",
    "outline",
    "report",
    "rules",
]


class _Command:
    """A command function whose name is also a subpackage's (``check``, ``extract``, ``dedup``, ``report``).

    Calling it runs :mod:`cxzy_nlp.api`'s function; its attributes are the subpackage's, so
    ``cxzy_nlp.check(...)`` is the command and ``cxzy_nlp.check.load_profile`` the stage's function.
    """

    __slots__ = ("_name",)

    def __init__(self, name: str):
        object.__setattr__(self, "_name", name)

    def _function(self) -> Any:
        return getattr(importlib.import_module(f"{__name__}.api"), self._name)

    def _package(self) -> ModuleType:
        return importlib.import_module(f"{__name__}.{self._name}")

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._function()(*args, **kwargs)

    @property
    def __doc__(self) -> str | None:  # type: ignore[override]
        return self._function().__doc__  # type: ignore[no-any-return]

    @property
    def __wrapped__(self) -> Any:  # help() and inspect.signature() show the function
        return self._function()

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._package(), attr)

    def __setattr__(self, attr: str, value: Any) -> None:
        setattr(self._package(), attr, value)

    def __delattr__(self, attr: str) -> None:
        delattr(self._package(), attr)

    def __repr__(self) -> str:
        return f"<cxzy_nlp.{self._name}: command function and package {__name__}.{self._name}>"


_COMMANDS_AND_PACKAGES = ("check", "extract", "dedup", "report")


class _Package(ModuleType):
    def __setattr__(self, name: str, value: Any) -> None:
        # importing cxzy_nlp.check sets the attribute ``check`` to the subpackage: the command stays
        if name in _COMMANDS_AND_PACKAGES and isinstance(value, ModuleType):
            return
        super().__setattr__(name, value)


for _name in _COMMANDS_AND_PACKAGES:
    globals()[_name] = _Command(_name)
sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))
