"""The generator's vocabulary: invented units, themes, heading phrasings and stock wording (YAML under ``data/``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).with_name("data")


@dataclass(frozen=True)
class Vocab:
    regions: dict[str, list[str]]
    units: list[dict[str, Any]]
    sub_units: dict[str, list[str]]
    people: dict[str, Any]
    themes: list[dict[str, Any]]
    headings: dict[str, dict[str, list[str]]]
    layouts: dict[str, list[tuple[str, float | str]]]
    doc_types: dict[str, dict[str, str]]
    phrases: dict[str, Any]

    def themes_for(self, kind: str) -> list[dict[str, Any]]:
        """Themes a unit of ``kind`` writes plans about."""
        return [t for t in self.themes if kind in t["kinds"] or "any" in t["kinds"]]


def _load(name: str) -> Any:
    with (DATA / name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@lru_cache(maxsize=1)
def load_vocab() -> Vocab:
    """The vocabulary, read once per process."""
    units = _load("units.yaml")
    headings = _load("headings.yaml")
    layouts = {k: [(s, p) for s, p in v] for k, v in headings.pop("layouts").items()}
    doc_types = headings.pop("doc_types")
    return Vocab(
        regions=units["regions"],
        units=units["units"],
        sub_units=units["sub_units"],
        people=_load("people.yaml"),
        themes=_load("themes.yaml")["themes"],
        headings=headings,
        layouts=layouts,
        doc_types=doc_types,
        phrases=_load("phrases.yaml"),
    )
