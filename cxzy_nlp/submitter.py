"""Who submitted a file, shared by copy detection and the work over many files (kept out of ``dedup`` so
that resolving owners does not import copy detection)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Owner:
    """Who submitted a file: department and year, when known."""

    department: str | None = None
    year: int | None = None
