"""The workbench's pages and API (Starlette + Jinja2 + a vendored htmx); see :func:`create_app`."""

from __future__ import annotations

import contextlib
import tempfile
import threading
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any

from markupsafe import Markup
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from .. import __version__
from .. import baseline as bl
from ..config import Config
from ..errors import ConfigError
from ..model import Document
from . import engine
from .openapi import openapi_document
from .security import CSRF_FIELD, CSRF_HEADER, Guard, GuardSettings, bearer_ok, csrf_ok, is_loopback
from .workspace import Entry, Limits, UploadRejected, Workspace

SEVERITIES = ("error", "warn", "info")


@dataclass(frozen=True)
class Settings:
    """How one workbench runs."""

    folder: Path | None = None
    host: str = "127.0.0.1"
    port: int = 8765
    token: str | None = None
    baseline: Path | None = None  # default: cxzy-baseline.json found from the folder (or the working directory)
    reviewer: str = ""
    work_dir: Path | None = None  # where uploads and downloads are kept; default: a temporary directory
    limits: Limits = field(default_factory=Limits)
    config: Config = field(default_factory=Config)

    def __post_init__(self) -> None:
        if not is_loopback(self.host) and not self.token:
            raise ConfigError(f"绑定非本机地址 {self.host} 时必须用 --token 设置访问令牌")


# ------------------------------------------------------------------ helpers


def _templates() -> Jinja2Templates:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("cxzy_nlp.serve", "templates"),
        autoescape=True,  # everything from documents is escaped; only the library's highlighted HTML is Markup
        undefined=jinja2.StrictUndefined,
    )
    env.globals["version"] = __version__
    return Jinja2Templates(env=env)


def _workspace(request: Request) -> Workspace:
    ws: Workspace = request.app.state.workspace
    return ws


def _entry(request: Request) -> Entry:
    entry = _workspace(request).get(request.path_params["doc_id"])
    if entry is None:
        raise HTTPException(404, "找不到该文件")
    return entry


async def _require_csrf(request: Request, form: Any = None) -> None:
    """State-changing requests carry the CSRF token (header or form field) equal to its cookie, or a bearer token."""
    if bearer_ok(request.scope, request.app.state.settings.token):
        return
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and form is not None:
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not csrf_ok(request.scope, sent):
        raise HTTPException(403, "缺少或不正确的防跨站令牌（CSRF），请刷新页面后重试")


def _counts(marks: list[list[bl.Marked]]) -> dict[str, int]:
    c: Counter[str] = Counter()
    for doc_marks in marks:
        for m in doc_marks:
            if m.decision and m.decision.decision == "dismissed":
                c["dismissed"] += 1
            else:
                c[m.finding.severity] += 1
                if m.decision:
                    c["accepted"] += 1
    return {k: c[k] for k in (*SEVERITIES, "dismissed", "accepted")}


def _entry_row(ws: Workspace, entry: Entry) -> dict[str, Any]:
    marks = ws.marks(entry)
    docs = entry.analysis.documents if entry.analysis else ()
    return {
        "id": entry.id,
        "name": entry.name,
        "department": entry.department,
        "status": entry.status,
        "size": entry.size,
        "titles": [d.title or PurePosixPath(entry.name).name for d in docs],
        "doc_types": [engine.doc_type_name(d.doc_type) for d in docs],
        "errors": list(entry.analysis.errors) if entry.analysis else [],
        "counts": _counts(marks),
        "seconds": round(entry.seconds, 2) if entry.seconds is not None else None,
    }


def _summary_keys(ws: Workspace, summary: Any) -> dict[str, tuple[str, int]]:
    """The summary's row key (d<i>-<j>) → (entry id, document index)."""
    by_name = {e.name: e.id for e in ws.files()}
    return {d.key: (by_name.get(d.path, ""), d.index) for d in summary.docs}


def _copy_rows(ws: Workspace, summary: Any) -> list[dict[str, Any]]:
    keys = _summary_keys(ws, summary)
    names = {e.id: e for e in ws.files()}
    rows = []
    for link in summary.links:
        a, b = keys.get(link.a), keys.get(link.b)
        if not a or not b or link.boilerplate:
            continue
        rows.append(
            {
                "a": names[a[0]] if a[0] in names else None,
                "b": names[b[0]] if b[0] in names else None,
                "share": link.share,
                "passages": len(link.passages),
            }
        )
    rows.sort(key=lambda r: -r["share"])
    return [r for r in rows if r["a"] and r["b"]]


def _copied_spans(ws: Workspace, entry: Entry, doc_index: int) -> list[tuple[int, int]]:
    summary = ws.summary()
    keys = _summary_keys(ws, summary)
    mine = {k for k, v in keys.items() if v == (entry.id, doc_index)}
    spans: list[tuple[int, int]] = []
    for link in summary.links:
        for span_a, span_b, _ta, _tb in link.passages:
            if link.a in mine:
                spans.append(tuple(span_a))  # type: ignore[arg-type]
            elif link.b in mine:
                spans.append(tuple(span_b))  # type: ignore[arg-type]
    return spans


def _doc_view(ws: Workspace, entry: Entry, index: int, doc: Document, marks: list[bl.Marked]) -> dict[str, Any]:
    assert entry.analysis is not None
    names = engine.rule_names()
    findings = []
    for i, m in enumerate(marks, 1):
        findings.append(
            {
                "n": i,
                "anchor": f"x{index}-f{i}",
                "identity": m.identity,
                "rule": m.finding.rule,
                "rule_name": names.get(m.finding.rule, m.finding.rule),
                "severity": m.finding.severity,
                "message": m.finding.message,
                "evidence": m.finding.evidence,
                "place": engine.finding_place(doc, m.finding),
                "decision": m.decision,
            }
        )
    return {
        "index": index,
        "doc": doc,
        "doc_type": engine.doc_type_name(doc.doc_type),
        "html": Markup(engine.highlighted_html(entry.analysis, doc, f"x{index}", _copied_spans(ws, entry, index))),
        "findings": findings,
    }


def _page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    ws = _workspace(request)
    context.setdefault("pending", sum(1 for e in ws.files() if e.status == "pending"))
    return templates.TemplateResponse(
        request,
        name,
        {"csrf": request.scope["state"]["csrf"], "severity_zh": engine.severity_names(), **context},
        status_code=status_code,
    )


# ------------------------------------------------------------------ pages


async def board(request: Request) -> HTMLResponse:
    ws = _workspace(request)
    return _page(request, "board.html", **_board_context(ws))


async def board_table(request: Request) -> HTMLResponse:
    ws = _workspace(request)
    return _page(request, "_board_table.html", **_board_context(ws))


def _board_context(ws: Workspace) -> dict[str, Any]:
    rows = sorted((_entry_row(ws, e) for e in ws.files()), key=lambda r: (r["department"], r["name"]))
    totals: Counter[str] = Counter()
    for r in rows:
        totals.update(r["counts"])
    pending = any(r["status"] == "pending" for r in rows)
    if rows and not pending:  # copy links are worked out once the folder is checked, not on every poll
        shares: dict[str, float] = {}
        by_name = {e.name: e.id for e in ws.files()}
        for d in ws.summary().docs:
            if d.copied_share is not None:
                key = by_name.get(d.path, "")
                shares[key] = max(shares.get(key, 0.0), d.copied_share)
        for r in rows:
            r["copied"] = shares.get(r["id"])
    departments = sorted({r["department"] for r in rows} | {m.get("department", "") for m in ws.missing()})
    return {
        "packs": [] if pending else _department_rows(ws),
        "rows": rows,
        "missing": ws.missing(),
        "totals": totals,
        "departments": [d for d in departments if d],
        "has_manifest": bool(ws.manifest),
        "board_pending": pending,
    }


def _department_key(department: str) -> str:
    """A department's id in URLs: a hash, so no name from a document or manifest is ever part of a path."""
    import hashlib

    return hashlib.sha256(department.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _department_files(ws: Workspace) -> dict[str, list[Entry]]:
    by_dept: dict[str, list[Entry]] = {}
    for entry in sorted(ws.files(), key=lambda e: e.name):
        by_dept.setdefault(entry.department, []).append(entry)
    return by_dept


def _manifest_rows(ws: Workspace) -> list[tuple[str | None, str]]:
    rows = {id(row): row for row in ws.manifest.values()}.values()
    return [(row.get("file") or None, row.get("department", "")) for row in rows]


def _board(ws: Workspace) -> Any:
    """The submission board of the checked files (dismissed findings left out) against the manifest."""
    files = [(a, e.department) for e in ws.files() if (a := ws.reviewed(e)) is not None]
    return engine.submission_board(files, _manifest_rows(ws))


def _department_rows(ws: Workspace) -> list[dict[str, Any]]:
    """The submission board with each department's pack link (departments that sent files only)."""
    board = _board(ws)
    return [{"row": row, "key": _department_key(row.department) if row.files else None} for row in board.rows]


async def download_feedback(request: Request) -> FileResponse:
    """GET /download/feedback/{key}.zip: one department's feedback pack (审阅意见单 + annotated copies)."""
    ws = _workspace(request)
    key = request.path_params["dept_key"]
    by_dept = _department_files(ws)
    department = next((d for d in by_dept if _department_key(d) == key), None)
    if department is None:
        raise HTTPException(404, "找不到该部门")
    entries = by_dept[department]
    if any(e.status == "pending" for e in entries):
        raise HTTPException(409, "该部门的文件尚未检查完毕")
    files = [(PurePosixPath(e.name).name, e.stored, a) for e in entries if (a := ws.reviewed(e)) is not None]
    row = engine.submission_board([(a, department) for _n, _s, a in files], _manifest_rows(ws)).row(department)
    target = _out_file(request, ".zip")
    await run_in_threadpool(
        engine.write_feedback_pack,
        department,
        files,
        target,
        reviewer=ws.reviewer,
        missing=row.missing if row else (),
    )
    from ..report.feedback import safe_name

    return FileResponse(
        target,
        filename=f"{safe_name(department)}.zip",
        media_type="application/zip",
        background=BackgroundTask(target.unlink, missing_ok=True),
    )


async def upload_page(request: Request) -> HTMLResponse:
    ws = _workspace(request)
    return _page(
        request,
        "upload.html",
        limits=ws.limits,
        config=ws.config,
        suffixes=[*engine.SUPPORTED_SUFFIXES, ".zip"],
    )


async def _read_files(request: Request, form: Any) -> list[tuple[bytes, str]]:
    ws = _workspace(request)
    files = [v for _k, v in form.multi_items() if isinstance(v, UploadFile)]
    if not files:
        raise HTTPException(400, "没有收到文件")
    if len(files) > ws.limits.max_files_per_request:
        raise HTTPException(413, f"一次最多上传 {ws.limits.max_files_per_request} 个文件")
    relpath = form.get("relpath")
    out = []
    for f in files:
        data = await f.read(ws.config.max_file_bytes + 1)
        name = relpath if isinstance(relpath, str) and relpath and len(files) == 1 else (f.filename or "")
        out.append((data, name))
    return out


async def _add_and_check(request: Request, files: list[tuple[bytes, str]]) -> tuple[list[Entry], list[dict[str, str]]]:
    ws = _workspace(request)
    added: list[Entry] = []
    rejected: list[dict[str, str]] = []
    for data, name in files:
        try:
            added.extend(await run_in_threadpool(ws.add_upload, data, name))
        except UploadRejected as exc:
            rejected.append({"name": name, **exc.to_record()})
    if added:
        await run_in_threadpool(ws.analyse, [e.id for e in added])
    return added, rejected


async def upload(request: Request) -> JSONResponse:
    """One upload from the page (a file, a file of a dropped folder, or a .zip): stored, checked, summarised."""
    async with request.form(max_files=_workspace(request).limits.max_files_per_request) as form:
        await _require_csrf(request, form)
        files = await _read_files(request, form)
    added, rejected = await _add_and_check(request, files)
    ws = _workspace(request)
    return JSONResponse(
        {"documents": [_entry_row(ws, e) for e in added], "rejected": rejected},
        status_code=200 if added or not rejected else 422,
    )


async def document_page(request: Request) -> HTMLResponse:
    ws = _workspace(request)
    entry = _entry(request)
    marks = ws.marks(entry)
    docs = entry.analysis.documents if entry.analysis else ()
    views = [_doc_view(ws, entry, i, d, m) for i, (d, m) in enumerate(zip(docs, marks, strict=True))]
    return _page(
        request, "document.html", entry=entry, views=views, row=_entry_row(ws, entry), section_name=engine.section_name
    )


async def decide(request: Request) -> Response:
    """Accept, dismiss or withdraw a decision on one finding (form or JSON); written to the baseline."""
    ws = _workspace(request)
    entry = _entry(request)
    if request.headers.get("content-type", "").startswith("application/json"):
        await _require_csrf(request)
        try:
            body = await request.json()
        except ValueError:
            raise HTTPException(400, "请求内容不是 JSON") from None
        if not isinstance(body, dict):
            raise HTTPException(400, "请求内容应为 JSON 对象")
        fields = {k: body.get(k) for k in ("identity", "decision", "reason", "reviewer")}
    else:
        async with request.form() as form:
            await _require_csrf(request, form)
            fields = {k: form.get(k) for k in ("identity", "decision", "reason", "reviewer")}
    identity = fields["identity"] if isinstance(fields["identity"], str) else ""
    decision = fields["decision"] if fields["decision"] in bl.DECISIONS else None
    if fields["decision"] not in (*bl.DECISIONS, "withdraw", "", None):
        raise HTTPException(400, "审阅结论只能是 accepted、dismissed 或 withdraw")
    reason = str(fields["reason"] or "")[:1000]
    reviewer = str(fields["reviewer"] or "")[:100]
    try:
        made = await run_in_threadpool(ws.decide, entry, identity, decision, reason, reviewer)
    except KeyError:
        raise HTTPException(404, "找不到该问题（文件可能已重新检查）") from None
    except UploadRejected as exc:
        raise HTTPException(409, exc.message) from None
    if request.headers.get("hx-request"):
        marks = ws.marks(entry)
        for i, (doc, doc_marks) in enumerate(
            zip(entry.analysis.documents if entry.analysis else (), marks, strict=True)
        ):
            view = _doc_view(ws, entry, i, doc, doc_marks)
            for f in view["findings"]:
                if f["identity"] == identity:
                    return _page(request, "_finding.html", f=f, entry=entry)
    if "application/json" in request.headers.get("accept", "") or request.url.path.startswith("/api/"):
        return JSONResponse({"identity": identity, "decision": bl.decision_to_dict(made) if made else None})
    return RedirectResponse(f"/documents/{entry.id}", status_code=303)


async def recheck(request: Request) -> Response:
    entry = _entry(request)
    async with request.form() as form:
        await _require_csrf(request, form)
    await run_in_threadpool(_workspace(request).analyse, [entry.id])
    if request.headers.get("hx-request"):
        return Response(status_code=204, headers={"HX-Redirect": f"/documents/{entry.id}"})
    return RedirectResponse(f"/documents/{entry.id}", status_code=303)


async def compare_page(request: Request) -> HTMLResponse:
    ws = _workspace(request)
    summary = await run_in_threadpool(ws.summary)
    keys = _summary_keys(ws, summary)
    by_rule: dict[str, Counter[str]] = {}
    for d in summary.docs:
        for f in d.document.findings:
            by_rule.setdefault(f.rule, Counter())[d.department] += 1
    return _page(
        request,
        "compare.html",
        summary=summary,
        keys=keys,
        labels=summary.labels,
        section_name=engine.section_name,
        by_rule=sorted(by_rule.items(), key=lambda kv: -sum(kv[1].values())),
        rule_names=engine.rule_names(),
        departments=[d.department for d in summary.departments],
        copies=_copy_rows(ws, summary),
        timeline=Markup(engine.timeline_svg(summary)),
    )


# ------------------------------------------------------------------ downloads


def _out_file(request: Request, suffix: str) -> Path:
    """A fresh server-made file name for one download (nothing from the request; removed once sent)."""
    out: Path = request.app.state.out_dir
    out.mkdir(parents=True, exist_ok=True)
    return out / f"{uuid.uuid4().hex}{suffix}"


async def download_annotated(request: Request) -> FileResponse:
    ws = _workspace(request)
    entry = _entry(request)
    analysis = ws.reviewed(entry)
    if analysis is None:
        raise HTTPException(409, "该文件尚未检查完毕")
    target = _out_file(request, ".docx")
    await run_in_threadpool(engine.write_annotated, entry.stored, analysis, target)
    stem = PurePosixPath(entry.name).stem or "document"
    return FileResponse(
        target,
        filename=f"{stem}.审阅.docx",
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        background=BackgroundTask(target.unlink, missing_ok=True),
    )


async def download_workbook(request: Request) -> FileResponse:
    ws = _workspace(request)
    summary = await run_in_threadpool(ws.summary)
    board = await run_in_threadpool(_board, ws)
    summary = replace(summary, board=board)  # the workbook's first sheet: who sent what, who did not
    target = _out_file(request, ".xlsx")
    await run_in_threadpool(engine.write_workbook, summary, target)
    return FileResponse(
        target,
        filename="方案审阅汇总.xlsx",
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        background=BackgroundTask(target.unlink, missing_ok=True),
    )


async def download_report(request: Request) -> Response:
    ws = _workspace(request)
    summary = await run_in_threadpool(ws.summary)
    html = await run_in_threadpool(engine.render_report, summary, "方案审阅报告")
    return Response(
        html,
        media_type="text/html; charset=utf-8",
        headers={
            "content-disposition": "attachment; filename*=UTF-8''%E6%96%B9%E6%A1%88%E5%AE%A1%E9%98%85%E6%8A%A5%E5%91%8A.html"
        },
    )


# ------------------------------------------------------------------ API


async def api_check(request: Request) -> JSONResponse:
    """POST /api/check: multipart files → the output contract's records (dismissed findings removed)."""
    async with request.form(max_files=_workspace(request).limits.max_files_per_request) as form:
        await _require_csrf(request, form)
        files = await _read_files(request, form)
    added, rejected = await _add_and_check(request, files)
    ws = _workspace(request)
    return JSONResponse({"records": [ws.record(e) for e in added], "rejected": rejected})


async def api_documents(request: Request) -> JSONResponse:
    ws = _workspace(request)
    return JSONResponse({"documents": [_entry_row(ws, e) for e in ws.files()], "missing": ws.missing()})


async def api_document(request: Request) -> JSONResponse:
    ws = _workspace(request)
    entry = _entry(request)
    record = ws.record(entry)
    record["reviewed"] = [
        [
            {"identity": m.identity, "rule": m.finding.rule, "decision": m.decision.decision if m.decision else None}
            for m in doc_marks
        ]
        for doc_marks in ws.marks(entry)
    ]
    return JSONResponse(record)


async def api_decisions(request: Request) -> JSONResponse:
    ws = _workspace(request)
    return JSONResponse({"findings": [bl.decision_to_dict(d) for d in ws.baseline.decisions.values()]})


async def api_csrf(request: Request) -> JSONResponse:
    """The CSRF token for API clients without a bearer token (sent back as X-CSRF-Token with the cookie)."""
    return JSONResponse({"csrf_token": request.scope["state"]["csrf"]})


async def api_openapi(request: Request) -> JSONResponse:
    return JSONResponse(openapi_document(__version__))


# ------------------------------------------------------------------ application


def create_app(settings: Settings) -> Guard:
    """The workbench application (wrapped in its guard); the folder is scanned and checked after start-up."""
    work = settings.work_dir
    tmp: tempfile.TemporaryDirectory[str] | None = None
    if work is None:
        tmp = tempfile.TemporaryDirectory(prefix="cxzy-serve-")
        work = Path(tmp.name)
    baseline_path = settings.baseline or bl.default_path(settings.folder or Path.cwd())
    workspace = Workspace(
        work / "uploads",
        baseline_path,
        folder=settings.folder,
        config=settings.config,
        limits=settings.limits,
        reviewer=settings.reviewer,
    )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if settings.folder is not None:
            workspace.scan_folder()
            thread = threading.Thread(target=workspace.analyse_pending, name="cxzy-folder", daemon=True)
            thread.start()
        try:
            yield
        finally:
            if tmp is not None:
                tmp.cleanup()

    static = resources.files("cxzy_nlp.serve").joinpath("static")
    routes = [
        Route("/", board),
        Route("/board/table", board_table),
        Route("/upload", upload_page),
        Route("/upload", upload, methods=["POST"]),
        Route("/compare", compare_page),
        Route("/documents/{doc_id}", document_page),
        Route("/documents/{doc_id}/decisions", decide, methods=["POST"]),
        Route("/documents/{doc_id}/recheck", recheck, methods=["POST"]),
        Route("/download/{doc_id}/annotated.docx", download_annotated),
        Route("/download/workbook.xlsx", download_workbook),
        Route("/download/feedback/{dept_key:str}.zip", download_feedback),
        Route("/download/report.html", download_report),
        Route("/api/check", api_check, methods=["POST"]),
        Route("/api/documents", api_documents),
        Route("/api/documents/{doc_id}", api_document),
        Route("/api/documents/{doc_id}/decisions", decide, methods=["POST"]),
        Route("/api/documents/{doc_id}/annotated.docx", download_annotated),
        Route("/api/decisions", api_decisions),
        Route("/api/workbook.xlsx", download_workbook),
        Route("/api/report.html", download_report),
        Route("/api/csrf", api_csrf),
        Route("/api/openapi.json", api_openapi),
        Route("/favicon.ico", lambda request: RedirectResponse("/static/favicon.svg", status_code=301)),
        Mount("/static", app=StaticFiles(directory=str(static)), name="static"),
    ]

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if request.url.path.startswith("/api/") or request.headers.get("hx-request"):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        return _page(request, "error.html", exc.status_code, status=exc.status_code, message=exc.detail)

    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers={HTTPException: http_error})
    app.state.settings = settings
    app.state.workspace = workspace
    app.state.templates = _templates()
    app.state.out_dir = work / "out"
    allowed = None
    if is_loopback(settings.host):
        allowed = frozenset(f"{h}:{settings.port}" for h in ("127.0.0.1", "localhost", "[::1]")) | frozenset(
            {"127.0.0.1", "localhost"}
        )
    return Guard(app, GuardSettings(settings.token, allowed, settings.limits.max_request_bytes))
