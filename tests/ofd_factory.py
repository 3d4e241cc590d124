"""OFD files written by the project, for the OFD reader's tests.

``write_ofd`` lays paragraphs out on A4 pages (millimetres, as OFD uses) and stores each line
as text objects; it can split a line into runs at arbitrary points (also mid-word), write the
runs of a page in shuffled order, compress advances with ``g`` runs, put a running header in
a template page, place text inside a composite graphic unit, and draw a page's text as filled
outline paths instead of text (traced from a rendering with a system CJK font).
"""

from __future__ import annotations

import io
import random
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

NS = "http://www.ofdspec.org/2016"
PAGE_W, PAGE_H = 210.0, 297.0
LEFT, TOP, WIDTH = 28.0, 37.0, 156.8  # 28 characters of 三号 to a line
SIZE = 5.6  # 三号 (16 pt) in millimetres
LEADING = 10.0


@dataclass(frozen=True)
class Run:
    text: str
    x: float
    y: float  # baseline
    size: float
    bold: bool = False


def layout(paragraphs: list[str], *, per_page: int = 22, columns: int = 1) -> list[list[Run]]:
    """Lines of each page: the first paragraph a centered title, others wrapped with a two-character
    indent; with ``columns`` > 1 the body runs down each column (two characters of gutter) in turn."""
    pages: list[list[Run]] = [[]]
    gutter = 2 * SIZE
    column_width = (WIDTH - (columns - 1) * gutter) / columns
    per_line = int(column_width // SIZE)
    column, y = 0, TOP
    for i, paragraph in enumerate(paragraphs):
        if i == 0:
            size = 7.7
            width = len(paragraph) * size
            lines = [(paragraph, (WIDTH - width) / 2, size, True)]
        else:
            chunks = [paragraph[: per_line - 2]] + [
                paragraph[k : k + per_line] for k in range(per_line - 2, len(paragraph), per_line)
            ]
            lines = [(c, 2 * SIZE if j == 0 else 0, SIZE, False) for j, c in enumerate(chunks) if c]
        for text, x, size, bold in lines:
            if y + LEADING > TOP + per_page * LEADING:
                column += 1
                y = TOP + (LEADING if columns > 1 and len(pages) == 1 else 0)  # below the title on page 1
                if column == columns:
                    pages.append([])
                    column, y = 0, TOP
            y += LEADING
            origin = LEFT if i == 0 else LEFT + column * (column_width + gutter)
            pages[-1].append(Run(text, origin + x, y, size, bold))
    return pages


def _deltas(n: int, size: float, compress: bool) -> str:
    if n <= 1:
        return ""
    if compress:
        return f"g {n - 1} {size:g}"
    return " ".join(f"{size:g}" for _ in range(n - 1))


def _text_object(oid: int, run: Run, font: int, compress: bool, origin: tuple[float, float] = (0.0, 0.0)) -> str:
    width = len(run.text) * run.size
    bx, by = run.x - origin[0], run.y - run.size - origin[1]
    return (
        f'<ofd:TextObject ID="{oid}" Font="{font}" Size="{run.size:g}" Boundary="{bx:.2f} {by:.2f} {width:.2f} {run.size * 1.3:.2f}"'
        + (' Weight="700"' if run.bold else "")
        + f'><ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0" Y="{run.size:g}" DeltaX="{_deltas(len(run.text), run.size, compress)}">'
        + escape(run.text)
        + "</ofd:TextCode></ofd:TextObject>"
    )


def split_runs(run: Run, rng: random.Random, pieces: int) -> list[Run]:
    """``run`` cut at random points (mid-word too) into runs placed where their characters are."""
    cuts = sorted(rng.sample(range(1, len(run.text)), min(pieces - 1, len(run.text) - 1))) if len(run.text) > 1 else []
    out, start = [], 0
    for cut in [*cuts, len(run.text)]:
        out.append(Run(run.text[start:cut], run.x + start * run.size, run.y, run.size, run.bold))
        start = cut
    return out


def glyph_paths(run: Run, oid: int) -> list[str]:
    """The run's glyphs as filled outline paths (traced from a rendering), one path object per glyph blob."""
    import cv2
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont
    from scan_factory import font_path

    px_per_mm = 20.0
    font = ImageFont.truetype(str(font_path()), round(run.size * px_per_mm))
    w = round((len(run.text) + 1) * run.size * px_per_mm)
    h = round(run.size * 1.6 * px_per_mm)
    image = Image.new("L", (w, h), 0)
    ImageDraw.Draw(image).text((0, h * 0.8), run.text, font=font, fill=255, anchor="ls")
    contours, hierarchy = cv2.findContours(np.asarray(image), cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    objects = []
    if hierarchy is None:
        return objects
    for i, contour in enumerate(contours):
        if hierarchy[0][i][3] != -1:
            continue  # holes go with their outer contour
        rings = [contour]
        child = hierarchy[0][i][2]
        while child != -1:
            rings.append(contours[child])
            child = hierarchy[0][child][0]
        data = []
        for ring in rings:
            points = ring[:, 0, :] / px_per_mm
            data.append("M " + f"{points[0][0]:.2f} {points[0][1]:.2f}")
            data.extend(f"L {x:.2f} {y:.2f}" for x, y in points[1:])
            data.append("C")
        bx, by = run.x, run.y - h * 0.8 / px_per_mm
        objects.append(
            f'<ofd:PathObject ID="{oid + len(objects)}" Fill="true" Stroke="false" Boundary="{bx:.2f} {by:.2f} {w / px_per_mm:.2f} {h / px_per_mm:.2f}">'
            f'<ofd:FillColor Value="0 0 0"/><ofd:AbbreviatedData>{" ".join(data)}</ofd:AbbreviatedData></ofd:PathObject>'
        )
    return objects


def write_ofd(
    paragraphs: list[str],
    *,
    split: int = 1,
    shuffle: bool = False,
    compress: bool = False,
    header: str | None = None,
    composite: bool = False,
    paths_on_page: int | None = None,
    scanned_page: bytes | None = None,
    columns: int = 1,
    seed: int = 0,
    page_numbers: bool = True,
) -> bytes:
    """An OFD file of ``paragraphs`` (see the module docstring for the options)."""
    rng = random.Random(seed)
    pages = layout(paragraphs, columns=columns)
    files: dict[str, str] = {}
    files["OFD.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD"><ofd:DocBody>'
        "<ofd:DocInfo><ofd:DocID>cxzy-test</ofd:DocID></ofd:DocInfo><ofd:DocRoot>/Doc_0/Document.xml</ofd:DocRoot>"
        "</ofd:DocBody></ofd:OFD>"
    )
    units = []
    oid = 1000
    page_entries, template_entries = [], []
    if header:
        template_entries.append('<ofd:TemplatePage ID="9" BaseLoc="Tpls/Tpl_0/Content.xml"/>')
        run = Run(header, LEFT + (WIDTH - len(header) * 4.2) / 2, 22.0, 4.2)
        files["Doc_0/Tpls/Tpl_0/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="8">'
            + _text_object(8000, run, 1, compress)
            + "</ofd:Layer></ofd:Content></ofd:Page>"
        )
    for p, runs in enumerate(pages):
        objects = []
        for run in runs:
            if paths_on_page == p:
                oid += 200
                objects.extend(glyph_paths(run, oid))
                continue
            for piece in split_runs(run, rng, split):
                oid += 1
                objects.append(_text_object(oid, piece, 2 if piece.bold else 1, compress))
        if page_numbers:
            oid += 1
            number = Run(f"— {p + 1} —", PAGE_W / 2 - 8, PAGE_H - 25, 4.9)
            objects.append(_text_object(oid, number, 1, compress))
        if shuffle:
            rng.shuffle(objects)
        if composite and p == 0 and paths_on_page != 0:
            unit_id = 7000
            units.append(
                f'<ofd:CompositeGraphicUnit ID="{unit_id}" Width="{PAGE_W}" Height="{PAGE_H}"><ofd:Content>'
                + "".join(objects)
                + "</ofd:Content></ofd:CompositeGraphicUnit>"
            )
            objects = [
                f'<ofd:CompositeObject ID="{oid + 1}" ResourceID="{unit_id}" Boundary="0 0 {PAGE_W} {PAGE_H}" CTM="1 0 0 1 0 0"/>'
            ]
            oid += 1
        template = '<ofd:Template TemplateID="9" ZOrder="Background"/>' if header else ""
        files[f"Doc_0/Pages/Page_{p}/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}">{template}'
            f"<ofd:Area><ofd:PhysicalBox>0 0 {PAGE_W} {PAGE_H}</ofd:PhysicalBox></ofd:Area>"
            f'<ofd:Content><ofd:Layer ID="{10 + p}">' + "".join(objects) + "</ofd:Layer></ofd:Content></ofd:Page>"
        )
        page_entries.append(f'<ofd:Page ID="{100 + p}" BaseLoc="Pages/Page_{p}/Content.xml"/>')
    media = ""
    if scanned_page is not None:  # one more page: a scanned image filling it, no text
        media = '<ofd:MultiMedias><ofd:MultiMedia ID="6000" Type="Image"><ofd:MediaFile>scan.png</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias>'
        files["Doc_0/Res/scan.png"] = scanned_page.decode("latin-1")
        p = len(page_entries)
        files[f"Doc_0/Pages/Page_{p}/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="{10 + p}">'
            f'<ofd:ImageObject ID="{oid + 1}" ResourceID="6000" Boundary="0 0 {PAGE_W} {PAGE_H}" CTM="{PAGE_W} 0 0 {PAGE_H} 0 0"/>'
            "</ofd:Layer></ofd:Content></ofd:Page>"
        )
        page_entries.append(f'<ofd:Page ID="{100 + p}" BaseLoc="Pages/Page_{p}/Content.xml"/>')
    files["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}"><ofd:CommonData><ofd:MaxUnitID>{oid}</ofd:MaxUnitID>'
        f"<ofd:PageArea><ofd:PhysicalBox>0 0 {PAGE_W} {PAGE_H}</ofd:PhysicalBox></ofd:PageArea>"
        "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>"
        + "".join(template_entries)
        + "</ofd:CommonData><ofd:Pages>"
        + "".join(page_entries)
        + "</ofd:Pages></ofd:Document>"
    )
    files["Doc_0/PublicRes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts>'
        '<ofd:Font ID="1" FontName="仿宋"/><ofd:Font ID="2" FontName="黑体"/></ofd:Fonts></ofd:Res>'
    )
    files["Doc_0/DocumentRes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}" BaseLoc="Res">{media}<ofd:CompositeGraphicUnits>'
        + "".join(units)
        + "</ofd:CompositeGraphicUnits></ofd:Res>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            raw = text.encode("latin-1") if name.endswith(".png") else text.encode("utf-8")
            zf.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), raw, zipfile.ZIP_DEFLATED)
    return out.getvalue()
