"""The workbench over HTTP (no browser): pages, API, decisions kept in the baseline, and its guard."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT

from cxzy_nlp import baseline as bl
from cxzy_nlp.errors import ConfigError
from cxzy_nlp.jsonio import schema
from cxzy_nlp.serve import Settings, create_app
from cxzy_nlp.serve.workspace import Limits

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

EXAMPLES = ROOT / "examples"
BASE = "http://127.0.0.1:8765"

# A plan written for these tests whose heading, text and file name try to inject markup.
XSS_NAME = '"><img src=x onerror=alert(2)>.txt'
XSS_PLAN = """关于<script>alert(1)</script>的实施方案

一、工作目标<script>alert(3)</script>
提升服务水平"><img src=x onerror=alert(4)>，争取更好。

二、主要任务
（一）开展XX活动。

三、实施步骤
1.准备阶段。
"""


def _client(tmp: Path, **kwargs: object) -> TestClient:
    settings = Settings(work_dir=tmp / "work", baseline=tmp / bl.BASELINE_NAME, **kwargs)  # type: ignore[arg-type]
    return TestClient(create_app(settings), base_url=BASE)


def _csrf(client: TestClient) -> str:
    client.get("/")
    token = client.cookies.get("cxzy_csrf")
    assert token
    return token


def _examples(skip: str | None = None) -> list[tuple[str, tuple[str, bytes]]]:
    return [("files", (p.name, p.read_bytes())) for p in sorted(EXAMPLES.iterdir()) if p.name != skip]


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, dict, Path]]:
    """A workbench holding the examples (one listed in the manifest left out), checked once."""
    tmp = tmp_path_factory.mktemp("serve")
    with _client(tmp) as client:
        left_out = "青溪县教育局_2024年读书月活动方案.txt"
        response = client.post("/api/check", files=_examples(skip=left_out), headers={"X-CSRF-Token": _csrf(client)})
        assert response.status_code == 200, response.text
        yield client, response.json(), tmp


def test_api_check_gives_contract_records(checked: tuple[TestClient, dict, Path]) -> None:
    _, body, tmp = checked
    records = body["records"]
    assert len(records) == 5 and body["rejected"] == []
    for record in records:
        jsonschema.validate({k: v for k, v in record.items() if k not in ("id", "department", "status")}, schema())
        assert record["documents"], record["source"]
        assert not record["source"]["path"].startswith("/"), "the server's storage path must not leak"
    assert str(tmp) not in json.dumps(body, ensure_ascii=False)


def test_board_shows_departments_counts_and_missing(checked: tuple[TestClient, dict, Path]) -> None:
    client, _body, _ = checked
    page = client.get("/").text
    assert "收文看板" in page and 'lang="zh-CN"' in page
    assert page.count('class="doc-row"') == 5
    for dept in ("青溪县教育局", "青溪县卫生健康局", "青溪县市场监督管理局"):
        assert dept in page
    assert 'href="/compare#copies"' in page  # the examples share stock passages: the board shows the share
    missing = re.findall(r'<tr class="missing-row">.*?</tr>', page, re.S)
    assert len(missing) == 1 and "2024年读书月活动方案" in missing[0]
    api = client.get("/api/documents").json()
    total_errors = sum(d["counts"]["error"] for d in api["documents"])
    assert f"<b>{total_errors}</b>错误" in page
    assert [m["file"] for m in api["missing"]] == ["青溪县教育局_2024年读书月活动方案.txt"]


def test_document_page_outline_text_and_findings(checked: tuple[TestClient, dict, Path]) -> None:
    client, body, _ = checked
    record = next(r for r in body["records"] if r["source"]["format"] == "docx")
    page = client.get(f"/documents/{record['id']}").text
    doc = record["documents"][0]
    assert doc["sections"][0]["heading"] in page
    assert page.count('class="finding ') == len(doc["findings"]) > 0
    assert 'class="hl-f-' in page and 'class="plan-text"' in page
    assert "确认问题" in page and "驳回（误报）" in page


def test_compare_page_and_downloads(checked: tuple[TestClient, dict, Path]) -> None:
    client, body, tmp = checked
    page = client.get("/compare").text
    assert "章节覆盖" in page and "按规则统计问题" in page
    # of these five only the 2024年…工作计划 states its period (its title's year); derived periods draw no bar
    assert "实施期限" in page and "没有文档写明实施期限" not in page and page.count("<rect") >= 1
    record = body["records"][0]
    annotated = client.get(f"/download/{record['id']}/annotated.docx")
    assert annotated.status_code == 200 and annotated.content[:2] == b"PK"
    assert annotated.headers["content-disposition"].endswith(".%E5%AE%A1%E9%98%85.docx")  # 原名.审阅.docx
    workbook = client.get("/download/workbook.xlsx")
    assert workbook.status_code == 200 and workbook.content[:2] == b"PK"
    report = client.get("/download/report.html")
    assert report.status_code == 200 and "attachment" in report.headers["content-disposition"]
    assert "章节覆盖矩阵" in report.text
    out = tmp / "work" / "out"
    assert not out.exists() or list(out.iterdir()) == [], "each download's file is removed once sent"


def test_openapi_lists_the_api_and_each_path_answers(checked: tuple[TestClient, dict, Path]) -> None:
    client, body, _ = checked
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert {"/api/check", "/api/documents", "/api/documents/{doc_id}", "/api/decisions"} <= set(spec["paths"])
    doc_id = body["records"][0]["id"]
    for path, ops in spec["paths"].items():
        if "get" in ops:
            response = client.get(path.replace("{doc_id}", doc_id))
            assert response.status_code == 200, path


def test_dismissed_finding_stays_dismissed_after_recheck(tmp_path: Path) -> None:
    source = EXAMPLES / "青溪县教育局_2024年读书月活动方案.txt"
    with _client(tmp_path) as client:
        token = _csrf(client)
        (record,) = client.post(
            "/api/check", files=[("files", (source.name, source.read_bytes()))], headers={"X-CSRF-Token": token}
        ).json()["records"]
        doc_id = record["id"]
        assert "<svg" in client.get("/compare").text  # this plan states its period: a bar on the time axis
        reviewed = client.get(f"/api/documents/{doc_id}").json()["reviewed"][0]
        target = reviewed[0]["identity"]
        before = sum(len(d["findings"]) for d in record["documents"])
        # the page's form (CSRF token as a form field), as a browser without script would send it
        response = client.post(
            f"/documents/{doc_id}/decisions",
            data={"csrf_token": token, "identity": target, "decision": "dismissed", "reason": "本地确有此安排"},
            follow_redirects=False,
        )
        assert response.status_code == 303
        saved = json.loads((tmp_path / bl.BASELINE_NAME).read_text(encoding="utf-8"))["findings"]
        assert [(e["identity"], e["decision"], e["reason"]) for e in saved] == [(target, "dismissed", "本地确有此安排")]
        assert client.post(f"/documents/{doc_id}/recheck", data={"csrf_token": token}).status_code == 200
        after = client.get(f"/api/documents/{doc_id}").json()
        assert sum(len(d["findings"]) for d in after["documents"]) == before - 1
        assert any(m["identity"] == target and m["decision"] == "dismissed" for m in after["reviewed"][0])
        page = client.get(f"/documents/{doc_id}").text
        item = re.search(rf'<li class="finding [^"]*" id="[^"]*" data-identity="{re.escape(target)}"', page)
        assert item and "decided-dismissed" in item.group(0)
        # withdrawing brings it back (control: the decision is what hid it)
        client.post(
            f"/api/documents/{doc_id}/decisions",
            json={"identity": target, "decision": "withdraw"},
            headers={"X-CSRF-Token": token},
        )
        again = client.get(f"/api/documents/{doc_id}").json()
        assert sum(len(d["findings"]) for d in again["documents"]) == before

    # a new workbench on the same baseline file: the decision is honoured from the file
    with _client(tmp_path) as client:
        token = _csrf(client)
        client.post(
            "/api/check", files=[("files", (source.name, source.read_bytes()))], headers={"X-CSRF-Token": token}
        )
        client.post(
            f"/api/documents/{doc_id}/decisions",
            json={"identity": target, "decision": "dismissed"},
            headers={"X-CSRF-Token": token},
        )
    with _client(tmp_path) as client:
        token = _csrf(client)
        (record,) = client.post(
            "/api/check", files=[("files", ("改名.txt", source.read_bytes()))], headers={"X-CSRF-Token": token}
        ).json()["records"]
        assert sum(len(d["findings"]) for d in record["documents"]) == before - 1


def test_pages_escape_markup_from_documents_and_names(tmp_path: Path) -> None:
    with _client(tmp_path) as client:
        token = _csrf(client)
        response = client.post(
            "/api/check", files=[("files", (XSS_NAME, XSS_PLAN.encode("utf-8")))], headers={"X-CSRF-Token": token}
        )
        (record,) = response.json()["records"]
        pages = [client.get("/").text, client.get(f"/documents/{record['id']}").text, client.get("/compare").text]
        for page in pages:
            assert "<script>alert" not in page
            assert "<img src=x" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[1]  # control: shown, as text
        assert "&lt;img src=x onerror=alert(4)&gt;" in pages[1]
        assert "&lt;img src=x onerror=alert(2)&gt;" in pages[0]


def _state_changing(doc_id: str) -> list[tuple[str, dict]]:
    files = {"files": [("files", ("a.txt", "工作方案\n一、目标\n提高。".encode()))]}
    return [
        ("/upload", files),
        ("/api/check", files),
        (f"/documents/{doc_id}/decisions", {"data": {"identity": "x", "decision": "dismissed"}}),
        (f"/documents/{doc_id}/recheck", {"data": {}}),
        (f"/api/documents/{doc_id}/decisions", {"json": {"identity": "x", "decision": "dismissed"}}),
    ]


@pytest.fixture
def one_plan(tmp_path: Path) -> Iterator[tuple[TestClient, str, str]]:
    """A fresh workbench holding one small plan: (client, CSRF token, document id)."""
    with _client(tmp_path) as client:
        token = _csrf(client)
        files = [("files", ("plan.txt", "工作方案\n一、目标\n提高水平。".encode()))]
        (record,) = client.post("/api/check", files=files, headers={"X-CSRF-Token": token}).json()["records"]
        yield client, token, record["id"]


def test_csrf_is_required_on_every_state_changing_request(one_plan: tuple[TestClient, str, str]) -> None:
    client, token, doc_id = one_plan
    for path, kwargs in _state_changing(doc_id):
        assert client.post(path, **kwargs).status_code == 403, path
        assert client.post(path, headers={"X-CSRF-Token": "0" * 32}, **kwargs).status_code == 403, path
        ok = client.post(path, headers={"X-CSRF-Token": token}, **kwargs)  # control
        assert ok.status_code != 403, (path, ok.text)


def test_cross_origin_post_is_refused(one_plan: tuple[TestClient, str, str]) -> None:
    client, token, _ = one_plan
    files = [("files", ("b.txt", "工作方案\n一、目标\n提高。".encode()))]
    headers = {"X-CSRF-Token": token, "Origin": "http://evil.example"}
    assert client.post("/api/check", files=files, headers=headers).status_code == 403
    headers["Origin"] = BASE
    assert client.post("/api/check", files=files, headers=headers).status_code == 200


def test_host_header_must_be_loopback(checked: tuple[TestClient, dict, Path]) -> None:
    client, _, _ = checked
    assert client.get("/", headers={"Host": "evil.example:8765"}).status_code == 400
    assert client.get("/", headers={"Host": "127.0.0.1:8765"}).status_code == 200


def test_non_loopback_bind_needs_a_token(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        Settings(host="0.0.0.0")
    proc = subprocess.run(
        [sys.executable, "-m", "cxzy_nlp", "serve", "--host", "0.0.0.0", "--port", "1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 2 and "--token" in proc.stderr


def test_token_once_in_the_url_then_a_strict_cookie(tmp_path: Path) -> None:
    with _client(tmp_path, host="0.0.0.0", token="s3cret-token") as client:
        assert client.get("/").status_code == 401
        assert client.get("/?token=wrong").status_code == 401
        first = client.get("/documents/0000000000000000?token=s3cret-token&x=1", follow_redirects=False)
        assert first.status_code == 303 and first.headers["location"] == "/documents/0000000000000000?x=1"
        cookie = first.headers["set-cookie"]
        assert "cxzy_token=s3cret-token" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
        assert client.get("/").status_code == 200  # the cookie is kept
        sneaky = client.get(f"{BASE}//evil.example/?token=s3cret-token", follow_redirects=False)
        assert sneaky.status_code == 303 and sneaky.headers["location"] == "/evil.example/"  # not //evil.example
    with _client(tmp_path, host="0.0.0.0", token="s3cret-token") as api:
        assert api.get("/api/documents").status_code == 401
        bearer = {"Authorization": "Bearer s3cret-token"}
        assert api.get("/api/documents", headers=bearer).status_code == 200
        files = [("files", ("c.txt", "工作方案\n一、目标\n提高。".encode()))]
        assert api.post("/api/check", files=files, headers=bearer).status_code == 200  # bearer needs no CSRF token
        assert api.post("/api/check", files=files, headers={"Authorization": "Bearer nope"}).status_code == 401


def test_security_headers(checked: tuple[TestClient, dict, Path]) -> None:
    client, _, _ = checked
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "connect-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"


# fmt: off
TRAVERSALS = [
    "/download/..%2F..%2F..%2Fetc%2Fpasswd/annotated.docx",
    "/download/../../etc/passwd",
    "/documents/..%2F..%2Fpyproject.toml",
    "/static/..%2F..%2F__init__.py",
    "/static/../app.py",
    "/download/ABCDEF0123456789/annotated.docx",
    "/api/documents/%2E%2E",
]
# fmt: on


@pytest.mark.parametrize("path", TRAVERSALS)
def test_no_path_traversal(checked: tuple[TestClient, dict, Path], path: str) -> None:
    client, _, _ = checked
    response = client.get(path)
    assert response.status_code == 404, (path, response.status_code)
    assert b"root:" not in response.content and b"import" not in response.content


def test_sent_file_names_are_never_paths(tmp_path: Path) -> None:
    with _client(tmp_path) as client:
        token = _csrf(client)
        names = ["../../escape.txt", "/abs/escape2.txt", "..\\..\\escape3.txt", "con:.txt"]
        files = [("files", (n, f"工作方案{i}\n一、目标\n提高。".encode())) for i, n in enumerate(names)]
        body = client.post("/api/check", files=files, headers={"X-CSRF-Token": token}).json()
        assert len(body["records"]) == 4
        shown = sorted(r["source"]["path"] for r in body["records"])
        assert shown == sorted(["escape.txt", "abs/escape2.txt", "escape3.txt", "con:.txt"])
    written = {p.name for p in tmp_path.rglob("*") if p.is_file()}
    assert not any("escape" in name for name in written), written
    stored = [p.name for p in (tmp_path / "work" / "uploads").iterdir()]
    assert all(re.fullmatch(r"[0-9a-f]{16}\.txt", n) for n in stored), stored


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_zip_upload_gives_its_members_with_folder_departments(tmp_path: Path) -> None:
    data = _zip(
        {
            "收文/甲局/甲局工作方案.txt": "甲局工作方案\n一、工作目标\n提高。".encode(),
            "收文/乙局/乙局工作方案.txt": "乙局工作方案\n一、工作目标\n提高。".encode(),
            "../../zip-slip.txt": "工作方案\n一、目标\n提高。".encode(),
            "收文/说明.exe": b"MZ",
        }
    )
    with _client(tmp_path) as client:
        body = client.post(
            "/api/check", files=[("files", ("收文.zip", data))], headers={"X-CSRF-Token": _csrf(client)}
        ).json()
        by_name = {r["source"]["path"]: r["department"] for r in body["records"]}
        assert by_name["收文/收文/甲局/甲局工作方案.txt"] == "甲局"
        assert by_name["收文/收文/乙局/乙局工作方案.txt"] == "乙局"
        assert "收文/zip-slip.txt" in by_name and len(by_name) == 3
    assert not any("zip-slip" in p.name for p in tmp_path.rglob("*"))


# fmt: off
REJECTED_UPLOADS = [
    # (what, limits, files) -> every file rejected with a Chinese message
    ("unsupported type", Limits(), [("files", ("a.exe", b"MZ..."))]),
    ("empty file", Limits(), [("files", ("a.txt", b""))]),
    ("zip with too many members", Limits(max_zip_members=2), [("files", ("m.zip", _zip({f"{i}.txt": b"x" for i in range(3)})))]),
    ("zip bomb", Limits(), [("files", ("b.zip", _zip({"big.txt": b"0" * 5_000_000})))]),
    ("zip too large inflated", Limits(max_zip_bytes=1000), [("files", ("l.zip", _zip({"l.txt": bytes(range(256)) * 8}, zipfile.ZIP_STORED)))]),
    ("broken zip", Limits(), [("files", ("x.zip", b"PK\x03\x04broken"))]),
    ("workspace full", Limits(max_files=1), [("files", ("a.txt", "方案一".encode())), ("files", ("b.txt", "方案二".encode()))]),
]
# fmt: on


@pytest.mark.parametrize("what,limits,files", REJECTED_UPLOADS, ids=[r[0] for r in REJECTED_UPLOADS])
def test_upload_limits(tmp_path: Path, what: str, limits: Limits, files: list) -> None:  # type: ignore[type-arg]
    with _client(tmp_path, limits=limits) as client:
        body = client.post("/api/check", files=files, headers={"X-CSRF-Token": _csrf(client)}).json()
        assert body["rejected"], what
        assert all(
            r["code"] == "upload-rejected" and re.search(r"[\u4e00-\u9fff]", r["message"]) for r in body["rejected"]
        )
        if what != "workspace full":
            assert body["records"] == []


def test_request_size_and_count_limits(tmp_path: Path) -> None:
    with _client(tmp_path, limits=Limits(max_request_bytes=2000, max_files_per_request=2)) as client:
        token = _csrf(client)
        big = [("files", ("big.txt", "方".encode() * 1000))]
        assert client.post("/api/check", files=big, headers={"X-CSRF-Token": token}).status_code == 413
        three = [("files", (f"{i}.txt", "方案".encode())) for i in range(3)]
        assert client.post("/api/check", files=three, headers={"X-CSRF-Token": token}).status_code in (400, 413)
        small = [("files", ("s.txt", "工作方案\n一、目标\n提高。".encode()))]
        assert client.post("/api/check", files=small, headers={"X-CSRF-Token": token}).status_code == 200  # control


def test_served_folder_is_checked_after_start(tmp_path: Path) -> None:
    import time

    settings = Settings(folder=EXAMPLES, work_dir=tmp_path / "w", baseline=tmp_path / bl.BASELINE_NAME)
    with TestClient(create_app(settings), base_url=BASE) as client:
        first = client.get("/")
        assert first.status_code == 200
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            docs = client.get("/api/documents").json()["documents"]
            if docs and all(d["status"] != "pending" for d in docs):
                break
            time.sleep(0.5)
        assert len(docs) == 6 and all(d["status"] == "done" for d in docs)
        assert {d["department"] for d in docs} == {"青溪县教育局", "青溪县卫生健康局", "青溪县市场监督管理局"}


@pytest.mark.realdocs
@pytest.mark.slow
def test_every_real_document_page_renders(realdocs: Path, tmp_path: Path) -> None:
    """The served folder of real documents: each file checked, each page and record answers, the board is quick."""
    import time

    settings = Settings(folder=realdocs, work_dir=tmp_path / "w", baseline=tmp_path / bl.BASELINE_NAME)
    with TestClient(create_app(settings), base_url=BASE) as client:
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            docs = client.get("/api/documents").json()["documents"]
            if docs and all(d["status"] != "pending" for d in docs):
                break
            time.sleep(1)
        assert len(docs) >= 60 and all(d["status"] != "pending" for d in docs)
        failures = []
        for d in docs:
            for path in (f"/documents/{d['id']}", f"/api/documents/{d['id']}"):
                response = client.get(path)
                if response.status_code != 200:
                    failures.append((d["name"], path, response.status_code))
        assert failures == []
        start = time.perf_counter()
        assert client.get("/").status_code == 200
        assert time.perf_counter() - start < 3, "the board must not recompute per finding"
        assert client.get("/compare").status_code == 200
