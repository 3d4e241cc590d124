"""Scanned pages made from the project's own synthetic plans (cxzy_nlp.synth), for the OCR tests.

A plan's text is typeset on A4 at 200 dpi with a CJK system font (first lines indented two
characters, the title centered, a running header and a page number on every page), then
aged as scans are: grey or tinted paper, a slight skew, speckle and blur, a red seal stamped
over the text. The page text drawn (without header and page numbers) is the reference.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)
DPI = 200
A4 = (round(8.27 * DPI), round(11.69 * DPI))
MARGIN_X, MARGIN_Y = 220, 230
SIZE = 44  # 16 pt at 200 dpi (三号 is 16 pt)
LEADING = 78


def font_path() -> Path | None:
    """A CJK font installed on this machine, or None (tests skip)."""
    for candidate in FONT_CANDIDATES:
        if Path(candidate).is_file():
            return Path(candidate)
    return None


@dataclass(frozen=True)
class Scan:
    pages: list[Image.Image]
    reference: str  # paragraphs drawn, one per line
    headings: list[str]  # paragraphs that open with a numbering marker


def _wrap(paragraph: str, font: ImageFont.FreeTypeFont, first_indent: float, width: float) -> list[str]:
    lines, current = [], ""
    for ch in paragraph:
        room = width - (first_indent if not lines else 0)
        if current and font.getlength(current + ch) > room:
            lines.append(current)
            current = ""
        current += ch
    if current:
        lines.append(current)
    return lines


def typeset(
    text: str, *, header: str = "青溪县人民政府办公室文件", max_pages: int | None = None
) -> tuple[list[Image.Image], list[str]]:
    """White A4 pages (RGB) with ``text`` laid out; returns the pages and the paragraphs drawn."""
    path = font_path()
    assert path is not None
    font = ImageFont.truetype(str(path), SIZE)
    small = ImageFont.truetype(str(path), 30)
    paragraphs = [p.strip() for p in text.splitlines() if p.strip()]
    pages: list[Image.Image] = []
    draw: ImageDraw.ImageDraw | None = None
    y = A4[1]

    def new_page() -> ImageDraw.ImageDraw:
        page = Image.new("RGB", A4, "white")
        pages.append(page)
        d = ImageDraw.Draw(page)
        d.text((A4[0] // 2, 120), header, font=small, fill="black", anchor="mm")
        d.text((A4[0] // 2, A4[1] - 120), f"— {len(pages)} —", font=small, fill="black", anchor="mm")
        return d

    drawn: list[str] = []
    for i, paragraph in enumerate(paragraphs):
        title = i == 0
        lines = [paragraph] if title else _wrap(paragraph, font, 2 * SIZE, A4[0] - 2 * MARGIN_X)
        if max_pages and _overflows(len(pages), y, len(lines), max_pages):
            break
        drawn.append(paragraph)
        for j, line in enumerate(lines):
            if draw is None or y + LEADING > A4[1] - MARGIN_Y:
                draw = new_page()
                y = MARGIN_Y
            if title:
                draw.text((A4[0] // 2, y + SIZE // 2), line, font=font, fill="black", anchor="mm")
            else:
                x = MARGIN_X + (2 * SIZE if j == 0 else 0)
                draw.text((x, y), line, font=font, fill="black")
            y += LEADING
        y += LEADING // 3
    return pages, drawn


def two_column_page(seed: int) -> Scan:
    """One A4 page of a synthetic plan: the title across the page, the body in two columns."""
    from cxzy_nlp.read.layout import MARKER_RE
    from cxzy_nlp.synth import generate_plan

    path = font_path()
    assert path is not None
    font = ImageFont.truetype(str(path), 36)
    leading, gutter = 62, 80
    column_width = (A4[0] - 2 * MARGIN_X - gutter) / 2
    paragraphs = [p.strip() for p in generate_plan(seed, size=2, faults=False).text.splitlines() if p.strip()]
    page = Image.new("RGB", A4, "white")
    draw = ImageDraw.Draw(page)
    draw.text((A4[0] // 2, MARGIN_Y), paragraphs[0], font=ImageFont.truetype(str(path), 48), fill="black", anchor="mm")
    drawn = [paragraphs[0]]
    column, y = 0, MARGIN_Y + 100
    for paragraph in paragraphs[1:]:
        lines = _wrap(paragraph, font, 72, column_width)
        if y + leading * len(lines) > A4[1] - MARGIN_Y:
            if column == 1:
                break
            column, y = 1, MARGIN_Y + 100
            if y + leading * len(lines) > A4[1] - MARGIN_Y:
                break
        for j, line in enumerate(lines):
            x = MARGIN_X + column * (column_width + gutter) + (72 if j == 0 else 0)
            draw.text((x, y), line, font=font, fill="black")
            y += leading
        drawn.append(paragraph)
    return Scan([page], "\n".join(drawn), [p for p in drawn if MARKER_RE.match(p)])


def _overflows(pages: int, y: int, lines: int, max_pages: int) -> bool:
    """Whether ``lines`` more lines, set from height ``y`` on page ``pages``, would need more than ``max_pages``."""
    for _ in range(lines):
        if pages == 0 or y + LEADING > A4[1] - MARGIN_Y:
            pages, y = pages + 1, MARGIN_Y
        y += LEADING
    return pages > max_pages


def stamp_seal(page: Image.Image, centre: tuple[int, int], rng: random.Random) -> Image.Image:
    """A red round seal (ring, star, text round the rim) multiplied over the page, as ink is."""
    path = font_path()
    assert path is not None
    seal = Image.new("RGB", page.size, "white")
    d = ImageDraw.Draw(seal)
    cx, cy = centre
    r = 190
    red = (215, 35 + rng.randrange(20), 40)
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=red, width=12)
    star = [
        (
            cx + (60 if k % 2 == 0 else 24) * math.sin(k * math.pi / 5),
            cy - (60 if k % 2 == 0 else 24) * math.cos(k * math.pi / 5),
        )
        for k in range(10)
    ]
    d.polygon(star, fill=red)
    font = ImageFont.truetype(str(path), 40)
    name = "青溪县人民政府办公室专用章"
    for k, ch in enumerate(name):
        angle = math.radians(-120 + 240 * k / (len(name) - 1))
        glyph = Image.new("L", (60, 60), 0)
        ImageDraw.Draw(glyph).text((30, 30), ch, font=font, fill=255, anchor="mm")
        glyph = glyph.rotate(-math.degrees(angle), resample=Image.Resampling.BICUBIC)
        gx, gy = cx + (r - 50) * math.sin(angle), cy - (r - 50) * math.cos(angle)
        seal.paste(Image.new("RGB", (60, 60), red), (int(gx - 30), int(gy - 30)), glyph)
    from PIL import ImageChops

    return ImageChops.multiply(page, seal)


def age(page: Image.Image, *, grey: bool, skew: float, speckle: float, seal: bool, seed: int) -> Image.Image:
    """Make a clean page look scanned."""
    rng = random.Random(seed)
    if seal:
        page = stamp_seal(page, (A4[0] - 480, A4[1] // 2 + rng.randrange(-200, 200)), rng)
    if grey:
        page = page.convert("L").point(lambda v: 40 + v * 195 // 255).convert("RGB")
    else:
        tint = Image.new("RGB", page.size, (250, 244, 228))
        from PIL import ImageChops

        page = ImageChops.multiply(page, tint)
    if skew:
        page = page.rotate(skew, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=(235, 235, 235))
    if speckle:
        d = ImageDraw.Draw(page)
        for _ in range(int(speckle * page.size[0] * page.size[1] / 1000)):
            x, y = rng.randrange(page.size[0]), rng.randrange(page.size[1])
            s = rng.choice((1, 1, 2, 3))
            d.ellipse((x, y, x + s, y + s), fill=(rng.randrange(0, 90),) * 3)
        page = page.filter(ImageFilter.GaussianBlur(0.7))
    return page


def synth_scan(
    seed: int,
    *,
    grey: bool = False,
    skew: float = 0.0,
    speckle: float = 0.0,
    seal: bool = False,
    size: int = 1,
    max_pages: int | None = None,
) -> Scan:
    """A synthetic plan (``cxzy_nlp.synth.generate_plan(seed)``) typeset and aged as a scan."""
    from cxzy_nlp.read.layout import MARKER_RE
    from cxzy_nlp.synth import generate_plan

    plan = generate_plan(seed, size=size, faults=False)
    pages, paragraphs = typeset(plan.text, max_pages=max_pages)
    aged = [
        age(p, grey=grey, skew=skew, speckle=speckle, seal=seal and i == 0, seed=seed * 100 + i)
        for i, p in enumerate(pages)
    ]
    headings = [p for p in paragraphs if MARKER_RE.match(p)]
    return Scan(aged, "\n".join(paragraphs), headings)


def to_bytes(pages: list[Image.Image], fmt: str = "PNG") -> bytes:
    """Pages as one image file (a multi-page TIFF when there are several and ``fmt`` is TIFF)."""
    out = io.BytesIO()
    if fmt == "TIFF":
        pages[0].save(out, "TIFF", save_all=True, append_images=pages[1:], dpi=(DPI, DPI), compression="tiff_deflate")
    elif fmt == "PDF":
        pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=DPI)
    else:
        pages[0].save(out, fmt, dpi=(DPI, DPI))
    return out.getvalue()
