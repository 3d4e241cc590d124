"""Era facts for dating a plan's wording: guiding formulas, congresses, slogans, campaigns (DOMAIN.md §4)."""

from __future__ import annotations

import random
from typing import Any

from .vocab import load_vocab


def _in_era(entry: dict[str, Any], year: int) -> bool:
    return bool(entry["from"] <= year <= entry["to"])


def formula_for(year: int) -> dict[str, Any]:
    """The guiding formula a plan of ``year`` uses."""
    formulas = load_vocab().phrases["formulas"]
    for f in formulas:
        if _in_era(f, year):
            return dict(f)
    return dict(formulas[-1] if year > formulas[-1]["to"] else formulas[0])


def out_of_era_formula(year: int, rng: random.Random) -> dict[str, Any]:
    """A guiding formula from another era (recycled text), preferring older ones."""
    formulas = [
        f for f in load_vocab().phrases["formulas"] if not _in_era(f, year) and f["text"] != formula_for(year)["text"]
    ]
    older = [f for f in formulas if f["to"] < year]
    return dict(rng.choice(older or formulas))


def congress_for(year: int) -> str:
    """The latest party congress a plan written early in ``year`` can cite."""
    latest = "十七大"
    for name, opened in load_vocab().phrases["congresses"]:
        if int(str(opened)[:4]) < year:
            latest = name
    return str(latest)


def spirit_for(year: int) -> str:
    """What a plan of ``year`` says it carries out: 党的二十大精神, 党的二十大和二十届二中、三中全会精神."""
    plenum = next((p["text"] for p in load_vocab().phrases["plenum_spirit"] if _in_era(p, year)), None)
    congress = congress_for(year)
    return f"党的{congress}和{plenum}精神" if plenum else f"党的{congress}精神"


def stale_congress(year: int, rng: random.Random) -> str:
    """A congress that is outdated for ``year`` (or later than it)."""
    names = [str(n) for n, _ in load_vocab().phrases["congresses"]]
    current = congress_for(year)
    return rng.choice([n for n in names if n != current])


def slogan_for(year: int) -> str:
    for s in load_vocab().phrases["slogans"]:
        if _in_era(s, year):
            return str(s["text"])
    return str(load_vocab().phrases["slogans"][-1]["text"])


def out_of_era_slogan(year: int, rng: random.Random) -> str:
    return str(rng.choice([s["text"] for s in load_vocab().phrases["slogans"] if not _in_era(s, year)]))


def campaign_for(year: int) -> str | None:
    """A campaign running in ``year``, or None."""
    for c in load_vocab().phrases["campaigns"]:
        if _in_era(c, year):
            return str(c["text"])
    return None


def out_of_window_campaign(year: int, rng: random.Random) -> str:
    return str(
        rng.choice(
            [
                c["text"]
                for c in load_vocab().phrases["campaigns"]
                if (not _in_era(c, year) and c["to"] < year - 1) or c["from"] > year
            ]
        )
    )


def five_year_plan(year: int) -> str | None:
    for f in load_vocab().phrases["five_year"]:
        if _in_era(f, year):
            return str(f["text"])
    return None
