"""Compliance hints for plans of party and government bodies (中央八项规定, 评比达标表彰)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding
from . import knowledge
from .context import Context


def _is_public_body(ctx: Context) -> bool:
    words = ctx.setting("compliance-hint", "issuer_words", [])
    who = f"{ctx.doc.issuer or ''}{ctx.doc.title or ''}"
    return any(word in who for word in words)


def compliance_hint(ctx: Context) -> Iterator[Finding]:
    if not _is_public_body(ctx):
        return
    reported: set[str] = set()
    for span, found in ctx.finditer(knowledge.cues()["spending"]):
        if found in reported:
            continue
        reported.add(found)
        yield ctx.finding_at(
            "compliance-hint",
            span,
            f"机关方案提到“{found}”，请核对是否符合中央八项规定及评比达标表彰审批要求",
            evidence=ctx.quote(ctx.sentence_at(span)),
        )
