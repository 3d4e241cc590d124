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


@pytest.fixture(scope="session")
def dev_golden_figures() -> dict[str, float | None]:
    """The figures of the dev split of the real golden files (tests/golden/real/dev), analysed once per session."""
    from cxzy_nlp.goldeval import evaluate_folder

    if not (SHARED / "realdocs").is_dir() or not (SHARED / "realdocs2").is_dir():
        pytest.skip("../shared/realdocs and realdocs2 are not present on this machine")
    total, absent = evaluate_folder(ROOT / "tests" / "golden" / "real" / "dev", SHARED)
    assert not absent, f"golden files without their source: {absent}"
    return total.figures()
