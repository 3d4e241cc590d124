"""OFD (GB/T 33190), the fixed-layout format of Chinese government documents, read with lxml.

An OFD file is a zip (opened with the .docx reader's limits): ``OFD.xml`` names each
document's ``Document.xml``, which lists its pages, templates and resources (fonts,
composite graphic units, images). Every text object of a page (in its layers, its
templates and the composite units it places) gives characters with page positions: the
object's boundary and transformation, the text code's start point and the per-character
advances (``DeltaX``, with ``g`` runs). Characters are grouped into lines by baseline and
position, so runs split mid-word or written out of order read as one line in page order;
lines then become paragraphs as for a PDF. A page that has no text but draws glyphs as
paths, or holds only a scanned image, is rendered and recognised by OCR when it is installed,
and reported in either case.
"""

from __future__ import annotations

import itertools
import math
import posixpath
import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..config import Config
from ..errors import MissingDependency, ReadError
from ..model import Problem
from .base import ReaderOutput
from .layout import PlacedLine, PlacedPage, gutters_of, pages_to_blocks, reading_order, text_columns

NS = "http://www.ofdspec.org/2016"
MM_TO_PT = 72 / 25.4
DEFAULT_PAGE_MM = (210.0, 297.0)
MAX_PAGE_MM = 1200.0  # A0 is 841 × 1189; a larger page box is ignored (it would be rendered for OCR)
MAX_OBJECTS_PER_PAGE = 200_000
MAX_COMPOSITE_DEPTH = 8
PATHS_FOR_GLYPHS = 20  # a page without text but with this many filled paths draws its text as outlines
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _local(element: Any) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1]


def _children(element: Any, tag: str) -> Iterator[Any]:
    """Children named ``tag`` in any namespace (some producers omit or vary the OFD namespace)."""
    for child in element:
        if _local(child) == tag:
            yield child


def _child(element: Any, tag: str) -> Any | None:
    return next(_children(element, tag), None)


def _descendants(element: Any, tag: str) -> Iterator[Any]:
    for node in element.iter():
        if _local(node) == tag:
            yield node


def _numbers(value: str | None) -> list[float]:
    out = []
    for token in (value or "").replace(",", " ").split():
        try:
            out.append(float(token))
        except ValueError:
            continue
    return out


def _matrix(value: str | None) -> Matrix:
    numbers = _numbers(value)
    if len(numbers) != 6:
        return IDENTITY
    return (numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5])


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying ``inner`` first, then ``outer`` (row-vector convention, as in PDF and OFD)."""
    a, b, c, d, e, f = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _scale(m: Matrix) -> float:
    return math.sqrt(abs(m[0] * m[3] - m[1] * m[2])) or 1.0


def object_matrix(element: Any, outer: Matrix) -> Matrix:
    """Object space to page space: the object's CTM, moved to its boundary's origin, then ``outer``."""
    box = _numbers(element.get("Boundary"))
    x, y = (box[0], box[1]) if len(box) >= 2 else (0.0, 0.0)
    return _compose(_compose(_matrix(element.get("CTM")), (1.0, 0.0, 0.0, 1.0, x, y)), outer)


def deltas(value: str | None) -> list[float]:
    """Per-character advances, with ``g N v`` meaning ``v`` repeated ``N`` times."""
    tokens = (value or "").split()
    out: list[float] = []
    i = 0
    while i < len(tokens):
        if tokens[i] == "g" and i + 2 < len(tokens):
            try:
                out.extend([float(tokens[i + 2])] * min(int(float(tokens[i + 1])), 100_000))
            except ValueError:
                pass
            i += 3
            continue
        try:
            out.append(float(tokens[i]))
        except ValueError:
            pass
        i += 1
    return out


# ---------------------------------------------------------------- the package


@dataclass
class OfdDocument:
    """One document of the package: its pages' content parts and its resources."""

    package: Any
    folder: str
    page_parts: list[str] = field(default_factory=list)
    page_templates: list[list[str]] = field(default_factory=list)
    fonts: dict[str, tuple[str, bool]] = field(default_factory=dict)  # ID -> (name, bold)
    units: dict[str, Any] = field(default_factory=dict)  # CompositeGraphicUnit ID -> element
    media: dict[str, str] = field(default_factory=dict)  # MultiMedia ID -> part name
    page_mm: tuple[float, float] = DEFAULT_PAGE_MM


def _resolve(base_folder: str, location: str) -> str:
    location = location.strip().replace("\\", "/")
    if location.startswith("/"):
        return posixpath.normpath(location.lstrip("/"))
    return posixpath.normpath(posixpath.join(base_folder, location))


def _xml(package: Any, name: str) -> Any:
    from .ooxml import parse_xml

    return parse_xml(package.read(name), name)


def _find_part(package: Any, name: str) -> str | None:
    """``name`` as stored (some producers differ in the case of folder names)."""
    if package.has(name):
        return name
    lowered = {n.lower(): n for n in package.names}
    found: str | None = lowered.get(name.lower())
    return found


def open_documents(package: Any) -> list[OfdDocument]:
    """The documents listed by ``OFD.xml``."""
    entry = _find_part(package, "OFD.xml")
    if entry is None:
        raise ReadError("OFD 文件缺少入口文件 OFD.xml，文件已损坏", code="corrupt")
    root = _xml(package, entry)
    docs = []
    for body in _descendants(root, "DocBody"):
        doc_root = _child(body, "DocRoot")
        if doc_root is None or not (doc_root.text or "").strip():
            continue
        name = _find_part(package, _resolve("", doc_root.text))
        if name is None:
            raise ReadError(f"OFD 文件缺少文档部件 {doc_root.text.strip()}，文件已损坏", code="corrupt")
        docs.append(_load_document(package, name))
    if not docs:
        raise ReadError("OFD 文件中没有文档（DocBody/DocRoot 缺失），文件已损坏", code="corrupt")
    return docs


def _load_document(package: Any, name: str) -> OfdDocument:
    root = _xml(package, name)
    folder = posixpath.dirname(name)
    doc = OfdDocument(package=package, folder=folder)
    common = _child(root, "CommonData")
    templates: dict[str, str] = {}
    if common is not None:
        area = _child(common, "PageArea")
        physical = _child(area, "PhysicalBox") if area is not None else None
        box = _numbers(physical.text) if physical is not None else []
        if len(box) == 4 and 0 < box[2] <= MAX_PAGE_MM and 0 < box[3] <= MAX_PAGE_MM:
            doc.page_mm = (box[2], box[3])
        for tag in ("PublicRes", "DocumentRes"):
            for res in _children(common, tag):
                part = _find_part(package, _resolve(folder, res.text or ""))
                if part is not None:
                    _load_resources(doc, part)
        for template in _children(common, "TemplatePage"):
            location = template.get("BaseLoc")
            if template.get("ID") and location:
                part = _find_part(package, _resolve(folder, location))
                if part is not None:
                    templates[template.get("ID")] = part
    pages = _child(root, "Pages")
    for page in _children(pages, "Page") if pages is not None else ():
        location = page.get("BaseLoc")
        part = _find_part(package, _resolve(folder, location)) if location else None
        if part is None:
            raise ReadError(f"OFD 文件缺少页面部件 {location}，文件已损坏", code="corrupt")
        doc.page_parts.append(part)
        doc.page_templates.append([])
    for i, part in enumerate(doc.page_parts):  # a page names its templates in its own part
        page_root = _xml(package, part)
        for template in _children(page_root, "Template"):
            template_part = templates.get(template.get("TemplateID", ""))
            if template_part is not None:
                doc.page_templates[i].append(template_part)
    return doc


def _load_resources(doc: OfdDocument, part: str) -> None:
    root = _xml(doc.package, part)
    base = _resolve(posixpath.dirname(part), root.get("BaseLoc") or "")
    for font in _descendants(root, "Font"):
        name = font.get("FontName") or font.get("FamilyName") or ""
        bold = (font.get("Bold") or "").lower() == "true" or bool(re.search(r"黑|bold|heavy|小标宋", name, re.I))
        doc.fonts[font.get("ID", "")] = (name, bold)
    for unit in _descendants(root, "CompositeGraphicUnit"):
        doc.units[unit.get("ID", "")] = unit
    for media in _descendants(root, "MultiMedia"):
        file = _child(media, "MediaFile")
        if file is not None and file.text:
            found = _find_part(doc.package, _resolve(base, file.text))
            if found is not None:
                doc.media[media.get("ID", "")] = found


# ---------------------------------------------------------------- page content


@dataclass(frozen=True)
class Glyph:
    """One character placed on the page (millimetres, origin top left): baseline start, advance, size."""

    char: str
    x: float
    y: float
    advance: float
    size: float
    bold: bool


@dataclass
class PageContent:
    glyphs: list[Glyph] = field(default_factory=list)
    paths: list[tuple[Any, Matrix]] = field(default_factory=list)
    images: list[tuple[Any, Matrix]] = field(default_factory=list)
    objects: int = 0


def page_content(doc: OfdDocument, index: int) -> PageContent:
    """Glyphs, paths and images of page ``index`` (templates first, then the page's layers)."""
    content = PageContent()
    for part in [*doc.page_templates[index], doc.page_parts[index]]:
        root = _xml(doc.package, part)
        for layer in _descendants(root, "Content"):
            _walk(doc, layer, IDENTITY, content, 0)
            break  # the page's own Content; composite units are walked from their objects
    return content


def _walk(doc: OfdDocument, element: Any, outer: Matrix, content: PageContent, depth: int) -> None:
    for child in element:
        kind = _local(child)
        content.objects += 1
        if content.objects > MAX_OBJECTS_PER_PAGE:
            raise ReadError(f"OFD 页面的图形对象超过上限 {MAX_OBJECTS_PER_PAGE} 个，疑似恶意文件", code="too-large")
        if kind in ("Layer", "PageBlock"):
            _walk(doc, child, outer, content, depth)
        elif kind == "TextObject":
            content.glyphs.extend(_text_glyphs(doc, child, outer))
        elif kind == "PathObject":
            content.paths.append((child, object_matrix(child, outer)))
        elif kind == "ImageObject":
            content.images.append((child, object_matrix(child, outer)))
        elif kind == "CompositeObject" and depth < MAX_COMPOSITE_DEPTH:
            unit = doc.units.get(child.get("ResourceID", ""))
            unit_content = _child(unit, "Content") if unit is not None else None
            if unit_content is not None:
                _walk(doc, unit_content, object_matrix(child, outer), content, depth + 1)


def _text_glyphs(doc: OfdDocument, element: Any, outer: Matrix) -> Iterator[Glyph]:
    """The characters of one text object, placed on the page."""
    m = object_matrix(element, outer)
    size_obj = float(_numbers(element.get("Size"))[0]) if _numbers(element.get("Size")) else 3.5
    size = size_obj * _scale(m)
    font_bold = doc.fonts.get(element.get("Font", ""), ("", False))[1]
    weight = _numbers(element.get("Weight"))
    bold = font_bold or (bool(weight) and weight[0] >= 600)
    x = y = 0.0
    for code in _children(element, "TextCode"):
        text = code.text or ""
        xs, ys = _numbers(code.get("X")), _numbers(code.get("Y"))
        x = xs[0] if xs else x
        y = ys[0] if ys else y
        dx, dy = deltas(code.get("DeltaX")), deltas(code.get("DeltaY"))
        for i, ch in enumerate(text):
            advance = dx[i] if i < len(dx) else (dx[-1] if dx else size_obj)
            px, py = _apply(m, x, y)
            if not ch.isspace() or ch == "\u3000":
                yield Glyph(ch, px, py, abs(advance) * _scale(m), size, bold)
            x += advance
            y += dy[i] if i < len(dy) else 0.0


# ---------------------------------------------------------------- glyphs to lines


def glyphs_to_lines(glyphs: list[Glyph]) -> list[PlacedLine]:
    """Characters grouped into lines (same baseline, left to right), split at gaps wider than three
    characters and at the gutters of a page set in text columns (lines then carry their column)."""
    rows: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: (g.y, g.x)):
        if rows and abs(g.y - statistics.fmean(r.y for r in rows[-1][:8])) <= 0.35 * max(g.size, rows[-1][0].size):
            rows[-1].append(g)
        else:
            rows.append([g])
    for row in rows:
        row.sort(key=lambda g: g.x)
    gutters = find_gutters(rows)
    lines: list[PlacedLine] = []
    for row in rows:
        piece: list[Glyph] = []
        for g in row:
            gap = g.x - (piece[-1].x + piece[-1].advance) if piece else 0.0
            at_gutter = piece and gap > 0.5 * g.size and any(piece[-1].x < gutter < g.x for gutter in gutters)
            if piece and (at_gutter or gap > 3 * g.size):
                lines.append(_line(piece, _column(piece, gutters)))
                piece = []
            if piece and abs(g.x - piece[-1].x) < 0.2 * g.size and g.char == piece[-1].char:
                continue  # the same character drawn twice (bold by overprinting)
            piece.append(g)
        if piece:
            lines.append(_line(piece, _column(piece, gutters)))
    if gutters and not text_columns(lines, len(gutters) + 1):
        return glyphs_to_lines_without_columns(rows)
    return lines


def glyphs_to_lines_without_columns(rows: list[list[Glyph]]) -> list[PlacedLine]:
    lines: list[PlacedLine] = []
    for row in rows:
        piece: list[Glyph] = []
        for g in row:
            if piece and g.x - (piece[-1].x + piece[-1].advance) > 3 * g.size:
                lines.append(_line(piece))
                piece = []
            if piece and abs(g.x - piece[-1].x) < 0.2 * g.size and g.char == piece[-1].char:
                continue
            piece.append(g)
        if piece:
            lines.append(_line(piece))
    return lines


def _column(piece: list[Glyph], gutters: list[float]) -> int:
    """The column of a line; -1 for a heading set across the columns (read before them)."""
    first, last = piece[0].x, piece[-1].x
    if any(first < gutter < last for gutter in gutters):
        return -1
    return sum(1 for gutter in gutters if gutter < first)


def find_gutters(rows: list[list[Glyph]]) -> list[float]:
    """Gutters between text columns, from where the glyphs of each row lie: rows in the running text's size only
    (a magazine page's lead-in, title and captions run across its columns in other sizes)."""
    sizes = [g.size for row in rows for g in row]
    if not sizes:
        return []
    body = statistics.median(sizes)
    running = [row for row in rows if abs(statistics.median(g.size for g in row) - body) <= 0.05 * body]
    return gutters_of(
        [[(g.x, g.x + g.advance) for g in row] for row in running], [g.size for row in running for g in row]
    )


def _line(glyphs: list[Glyph], column: int = 0) -> PlacedLine:
    size = statistics.median(g.size for g in glyphs)
    text = ""
    for prev, g in zip([None, *glyphs], glyphs, strict=False):
        if prev is not None:
            gap = g.x - (prev.x + prev.advance)
            if gap > 1.2 * size:
                text += "  " if gap > 2.5 * size else " " if (prev.char.isascii() and g.char.isascii()) else ""
            elif (
                gap > 0.25 * size
                and prev.char.isascii()
                and g.char.isascii()
                and prev.char.isalnum()
                and g.char.isalnum()
            ):
                text += " "
        text += g.char
    bold = sum(g.bold for g in glyphs) * 2 > len(glyphs)
    return PlacedLine(
        text=text,
        x0=glyphs[0].x * MM_TO_PT,
        top=(min(g.y for g in glyphs) - 0.88 * size) * MM_TO_PT,
        x1=(glyphs[-1].x + glyphs[-1].advance) * MM_TO_PT,
        bottom=(max(g.y for g in glyphs) + 0.12 * size) * MM_TO_PT,
        size=round(size * MM_TO_PT, 1),
        bold=bold,
        column=column,
    )


# ---------------------------------------------------------------- pages without text


def _path_points(data: str, m: Matrix, px_per_mm: float) -> list[list[tuple[float, float]]]:
    """Subpaths of an ``AbbreviatedData`` string as polylines in pixels (curves flattened)."""
    tokens = data.split()
    subpaths: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    pos = (0.0, 0.0)
    i = 0

    def put(x: float, y: float) -> tuple[float, float]:
        px, py = _apply(m, x, y)
        return px * px_per_mm, py * px_per_mm

    def numbers(n: int) -> list[float] | None:
        nonlocal i
        values = _numbers(" ".join(tokens[i + 1 : i + 1 + n]))
        i += n + 1
        return values if len(values) == n else None

    while i < len(tokens):
        op = tokens[i]
        if op in ("S", "M"):
            v = numbers(2)
            if v:
                if len(current) > 1:
                    subpaths.append(current)
                pos, current = (v[0], v[1]), [put(v[0], v[1])]
        elif op == "L":
            v = numbers(2)
            if v:
                pos = (v[0], v[1])
                current.append(put(*pos))
        elif op in ("Q", "B"):
            n = 4 if op == "Q" else 6
            v = numbers(n)
            if v:
                controls = [pos] + [(v[k], v[k + 1]) for k in range(0, n, 2)]
                for step in range(1, 9):
                    t = step / 8
                    current.append(put(*_bezier(controls, t)))
                pos = controls[-1]
        elif op == "A":
            v = numbers(7)
            if v:
                pos = (v[5], v[6])
                current.append(put(*pos))
        elif op == "C":
            i += 1
            if len(current) > 1:
                subpaths.append(current)
            current = [put(*pos)]
        else:
            i += 1
    if len(current) > 1:
        subpaths.append(current)
    return subpaths


def _bezier(points: list[tuple[float, float]], t: float) -> tuple[float, float]:
    while len(points) > 1:
        points = [((1 - t) * a[0] + t * b[0], (1 - t) * a[1] + t * b[1]) for a, b in itertools.pairwise(points)]
    return points[0]


def render_page(doc: OfdDocument, content: PageContent, dpi: int) -> Any:
    """The page's paths and images drawn black on white (RGB array), for OCR."""
    import cv2
    import numpy as np

    px_per_mm = dpi / 25.4
    width, height = (max(1, round(v * px_per_mm)) for v in doc.page_mm)
    canvas = np.full((height, width, 3), 255, dtype=np.uint8)
    for image, m in content.images:
        _draw_image(doc, image, m, canvas, px_per_mm)
    for path, m in content.paths:
        data = _child(path, "AbbreviatedData")
        if data is None or not data.text:
            continue
        polys = [np.array(p, dtype=np.int32) for p in _path_points(data.text, m, px_per_mm) if len(p) > 1]
        if not polys:
            continue
        if (path.get("Fill") or "").lower() == "true":
            cv2.fillPoly(canvas, polys, (0, 0, 0), lineType=cv2.LINE_AA)
        if (path.get("Stroke") or "true").lower() != "false":
            cv2.polylines(canvas, polys, False, (0, 0, 0), 1, lineType=cv2.LINE_AA)
    return canvas


def _draw_image(doc: OfdDocument, element: Any, m: Matrix, canvas: Any, px_per_mm: float) -> None:
    """An image object (the unit square mapped by its matrix) pasted onto the canvas, axis-aligned."""
    import io

    import cv2
    import numpy as np
    from PIL import Image

    part = doc.media.get(element.get("ResourceID", ""))
    if part is None:
        return
    try:
        with Image.open(io.BytesIO(doc.package.read(part))) as img:
            if img.width * img.height > 60_000_000:
                return
            rgb = np.asarray(img.convert("RGB"))
    except (OSError, ValueError, SyntaxError):
        return
    (x0, y0), (x1, y1) = _apply(m, 0, 0), _apply(m, 1, 1)
    left, right = sorted((x0 * px_per_mm, x1 * px_per_mm))
    top, bottom = sorted((y0 * px_per_mm, y1 * px_per_mm))
    h, w = canvas.shape[:2]
    x_from, y_from = max(0, round(left)), max(0, round(top))
    x_to, y_to = min(w, round(right)), min(h, round(bottom))
    if x_to - x_from < 2 or y_to - y_from < 2:
        return
    scaled = cv2.resize(rgb, (round(right - left), round(bottom - top)), interpolation=cv2.INTER_AREA)
    dx, dy = round(left), round(top)
    canvas[y_from:y_to, x_from:x_to] = scaled[y_from - dy : y_to - dy, x_from - dx : x_to - dx]


def needs_ocr(content: PageContent, page_mm: tuple[float, float]) -> str | None:
    """``paths`` or ``image`` for a page with no text that draws glyph outlines or holds a large picture."""
    if content.glyphs:
        return None
    if sum(1 for p, _ in content.paths if (p.get("Fill") or "").lower() == "true") >= PATHS_FOR_GLYPHS:
        return "paths"
    page_area = page_mm[0] * page_mm[1]
    for _, m in content.images:
        (x0, y0), (x1, y1) = _apply(m, 0, 0), _apply(m, 1, 1)
        if abs(x1 - x0) * abs(y1 - y0) >= 0.3 * page_area:
            return "image"
    return None


# ---------------------------------------------------------------- entry point


def read_ofd(data: bytes, config: Config) -> ReaderOutput:
    """Read every page of every document of an OFD file into paragraph blocks."""
    from .ooxml import open_package

    try:
        package = open_package(data, config)
    except ReadError as exc:
        raise _as_ofd_error(exc) from None
    try:
        with package:
            return _read(package, config)
    except ReadError as exc:
        raise _as_ofd_error(exc) from None


def _as_ofd_error(exc: ReadError) -> ReadError:
    message = exc.message.replace("Word 文档", "OFD 文档").replace("OOXML 部件", "OFD 部件")
    return type(exc)(message, code=exc.code, detail=exc.detail)


def _read(package: Any, config: Config) -> ReaderOutput:
    from .image import confidence_problems, ocr_lines_to_page, unrecognised_problem

    pages: list[PlacedPage] = []
    recognised: list[tuple[int, list[Any]]] = []
    as_paths: list[int] = []
    unrecognised: list[int] = []
    missing: MissingDependency | None = None
    number = 0
    for doc in open_documents(package):
        width, height = (v * MM_TO_PT for v in doc.page_mm)
        for index in range(len(doc.page_parts)):
            number += 1
            content = page_content(doc, index)
            kind = needs_ocr(content, doc.page_mm)
            if kind is None:
                pages.append(PlacedPage(number, width, height, tuple(reading_order(glyphs_to_lines(content.glyphs)))))
                continue
            if kind == "paths":
                as_paths.append(number)
            try:
                from .ocr import DPI, model_paths, ocr_image

                model_paths()
            except MissingDependency as exc:
                missing = exc
                unrecognised.append(number)
                pages.append(PlacedPage(number, width, height, ()))
                continue
            image = render_page(doc, content, DPI)
            recognised_lines = ocr_image(image)
            pages.append(ocr_lines_to_page(recognised_lines, number, image.shape[1], image.shape[0], 72 / DPI))
            recognised.append((number, recognised_lines))
    if number == 0:
        raise ReadError("OFD 文件中没有页面，文件已损坏", code="corrupt")
    problems: tuple[Problem, ...] = ()
    if as_paths:
        listed = "、".join(f"第{n}页" for n in as_paths)
        problems += (
            Problem(
                code="text-as-paths",
                message=f"{listed}的文字以矢量图形绘制，没有文字层"
                + ("，已用文字识别（OCR）读取，请对照原件核对" if not missing else ""),
                pages=tuple(as_paths),
            ),
        )
    if missing is not None:
        problems += (unrecognised_problem(unrecognised, missing),)
    problems += confidence_problems(recognised)
    return ReaderOutput(blocks=pages_to_blocks(pages), problems=problems, pages=number)


__all__ = ["glyphs_to_lines", "read_ofd"]
