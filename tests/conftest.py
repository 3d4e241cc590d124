from __future__ import annotations

from pathlib import Path

import pytest

from cxzy_nlp.model import Block, BlockSpan, NormalText

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REALDOCS = SHARED / "realdocs"
SEED = SHARED / "seeds" / "000_61f72360f45c4ab3.txt"


@pytest.fixture(scope="session")
def realdocs() -> Path:
    if not REALDOCS.is_dir():
        pytest.skip("../shared/realdocs is not present on this machine")
    return REALDOCS


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.is_file():
        pytest.skip("../shared/seeds is not present on this machine")
    return SEED


@pytest.fixture(scope="session")
def artifacts() -> Path:
    out = ROOT / "tests" / "artifacts"
    out.mkdir(parents=True, exist_ok=True)
    return out


def normal_text(blocks: list[Block]) -> NormalText:
    """Blocks as the reader would hand them to segmentation: one line each, in order."""
    spans, pos = [], 0
    for b in blocks:
        spans.append(BlockSpan(pos, pos + len(b.text), b))
        pos += len(b.text) + 1
    return NormalText("\n".join(b.text for b in blocks), tuple(spans))
