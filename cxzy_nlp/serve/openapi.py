"""The OpenAPI 3.1 description of the workbench's API (served at /api/openapi.json)."""

from __future__ import annotations

from typing import Any

_ID = {"name": "doc_id", "in": "path", "required": True, "schema": {"type": "string", "pattern": "^[0-9a-f]{16}$"}}
_CSRF = {
    "name": "X-CSRF-Token",
    "in": "header",
    "required": False,
    "description": "防跨站令牌（GET /api/csrf 取得，与 cxzy_csrf Cookie 相同）；使用 Bearer 令牌时不需要",
    "schema": {"type": "string"},
}
_JSON = {"application/json": {"schema": {"type": "object"}}}
_ERR = {"description": "错误（JSON：{error}）", "content": _JSON}


def _get(
    summary: str, content: dict[str, Any] | None = None, params: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return {
        "get": {
            "summary": summary,
            "parameters": params or [],
            "responses": {"200": {"description": "成功", "content": content or _JSON}, "404": _ERR},
        }
    }


def openapi_document(version: str) -> dict[str, Any]:
    """The API description; paths mirror the library (check, documents, decisions, downloads)."""
    multipart = {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}}},
            }
        }
    }
    decision = {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["identity", "decision"],
                "properties": {
                    "identity": {"type": "string"},
                    "decision": {"type": "string", "enum": ["accepted", "dismissed", "withdraw"]},
                    "reason": {"type": "string"},
                    "reviewer": {"type": "string"},
                },
            }
        }
    }
    docx: dict[str, Any] = {"application/vnd.openxmlformats-officedocument.wordprocessingml.document": {}}
    xlsx: dict[str, Any] = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "cxzy 审阅工作台 API", "version": version},
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
        "security": [{}, {"bearer": []}],
        "paths": {
            "/api/check": {
                "post": {
                    "summary": "检查上传的文件（.zip 展开），返回输出约定的 JSON 记录（已驳回的问题不含在内）",
                    "parameters": [_CSRF],
                    "requestBody": {"required": True, "content": multipart},
                    "responses": {
                        "200": {"description": "records 与 rejected", "content": _JSON},
                        "403": _ERR,
                        "413": _ERR,
                    },
                }
            },
            "/api/documents": _get("工作台中的全部文件、部门、状态和各级问题数，以及清单中未提交的文件"),
            "/api/documents/{doc_id}": _get("一个文件的输出约定记录及每个问题的审阅结论", params=[_ID]),
            "/api/documents/{doc_id}/decisions": {
                "post": {
                    "summary": "确认、驳回或撤销对一个问题的审阅结论（写入 cxzy-baseline.json）",
                    "parameters": [_ID, _CSRF],
                    "requestBody": {"required": True, "content": decision},
                    "responses": {"200": {"description": "记录的结论", "content": _JSON}, "403": _ERR, "404": _ERR},
                }
            },
            "/api/decisions": _get("审阅基线中的全部结论"),
            "/api/documents/{doc_id}/annotated.docx": _get("带批注的审阅稿（Word）", docx, [_ID]),
            "/api/workbook.xlsx": _get("汇总工作簿（Excel）", xlsx),
            "/api/report.html": _get("HTML 审阅报告", {"text/html": {}}),
            "/api/csrf": _get("取得防跨站令牌"),
            "/api/openapi.json": _get("本说明"),
        },
    }
