"""cxzy_nlp: read, structure, extract, check and compare Chinese plan documents."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from .pipeline import analyse, analyse_text

__all__ = ["__version__", "analyse", "analyse_text"]


def __getattr__(name: str) -> Any:
    # heavy stages load only when used, so `cxzy --help` stays fast
    if name in ("analyse", "analyse_text"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
