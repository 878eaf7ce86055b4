"""ETags with `If-None-Match` on GETs, and gzip for clients that accept it."""

from __future__ import annotations

import gzip
import time

from flask import Flask, Response, current_app, request
from werkzeug.http import http_date

COMPRESSIBLE = ("application/json", "application/problem+json", "text/csv", "text/html",
                "text/plain", "application/javascript", "text/css")


_date = (0, "")


def date_now() -> str:
    """The Date header's value, formatted once a second (formatting costs on every GET)."""
    global _date
    second = int(time.time())
    if _date[0] != second:
        _date = (second, http_date(second))
    return _date[1]


def conditional(response: Response) -> Response:
    """Answer 304 when the request's If-None-Match has the response's ETag."""
    if "Date" not in response.headers:
        response.headers["Date"] = date_now()
    return response.make_conditional(request)


def _add_etag(response: Response) -> None:
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return
    if response.direct_passthrough or response.is_streamed or "ETag" in response.headers:
        return
    response.add_etag(weak=True)  # weak: the same entity may travel gzip-encoded or not
    conditional(response)


def _gzip(response: Response) -> None:
    if "gzip" not in request.accept_encodings or response.direct_passthrough:
        return
    if response.is_streamed or "Content-Encoding" in response.headers:
        return
    if response.status_code < 200 or response.status_code in (204, 304):
        return
    if not (response.mimetype or "").startswith(COMPRESSIBLE):
        return
    body = response.get_data()
    if len(body) < current_app.config["GZIP_MIN_BYTES"]:
        return
    response.set_data(gzip.compress(body, compresslevel=6))
    response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")


def _after_request(response: Response) -> Response:
    _add_etag(response)  # on the plain body, so the tag does not depend on compression
    _gzip(response)
    return response


def init_app(app: Flask) -> None:
    app.after_request(_after_request)
