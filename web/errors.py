"""Error bodies: ``{"detail": …}`` on ``/api/…``; OpenAI's ``{"error": {…}}`` on ``/v1/…``, where the
openai SDK and LangChain look for the message (they show only "Error code: 400" otherwise)."""

from __future__ import annotations

OPENAI_PREFIX = "/v1/"
OPENAI_ERROR_TYPES = {401: "authentication_error", 403: "permission_error", 429: "rate_limit_error"}


def openai_error_type(status: int) -> str:
    """OpenAI's ``type`` for an HTTP status.

    >>> [openai_error_type(s) for s in (400, 403, 404, 429, 500)]
    ['invalid_request_error', 'permission_error', 'invalid_request_error', 'rate_limit_error', 'server_error']
    """
    return "server_error" if status >= 500 else OPENAI_ERROR_TYPES.get(status, "invalid_request_error")


def error_body(path: str, status: int, message: str, *, code: str | None = None, param: str | None = None) -> dict:
    """The JSON body of an error answered on ``path``; ``code`` and ``param`` are OpenAI's, shown on /v1/ only.

    >>> error_body("/api/ask", 429, "请求太频繁了", code="rate_limit_exceeded")
    {'detail': '请求太频繁了'}
    >>> error_body("/v1/chat/completions", 400, "问题太长了", param="messages")
    {'error': {'message': '问题太长了', 'type': 'invalid_request_error', 'code': None, 'param': 'messages'}}
    """
    if not path.startswith(OPENAI_PREFIX):
        return {"detail": message}
    return {"error": {"message": message, "type": openai_error_type(status), "code": code, "param": param}}
