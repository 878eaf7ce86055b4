"""Markdown (a lesson, a post) as HTML that cannot carry script: rendered by markdown-it, then
cleaned by nh3 (Ammonia) to an allow-list of tags and attributes."""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

# CommonMark with tables and strikethrough; raw HTML in a package is escaped, not passed.
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(
    ["table", "strikethrough"])
_TAGS = {"p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "s", "del",
         "code", "pre", "blockquote", "ul", "ol", "li", "a", "img", "table", "thead", "tbody",
         "tr", "th", "td"}
_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"},
               "th": {"align"}, "td": {"align"}}


def safe_html(text: str) -> Markup:
    """Safe HTML of Markdown (a lesson, a post): links open as plain links (`rel` set by nh3), only
    http, https and mailto addresses survive."""
    html = _MARKDOWN.render(text or "")
    return Markup(nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES,
                            url_schemes={"http", "https", "mailto"},
                            link_rel="noopener noreferrer nofollow"))
