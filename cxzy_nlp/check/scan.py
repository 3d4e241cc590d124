"""The gated ``finditer`` of :mod:`cxzy_nlp.patternscan` (it moved there so extract can use it too)."""

from __future__ import annotations

from ..patternscan import finditer, first_chars

__all__ = ["finditer", "first_chars"]
