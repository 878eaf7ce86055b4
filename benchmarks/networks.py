"""The regional networks of the data set: one space open to every officer, one thread with
many replies, a large library; and the scenarios that page through them (a fixed number of
statements per page, whatever the thread's length or the library's size)."""

from __future__ import annotations

from elearn.extensions import db
from elearn.timeutils import utcnow

from .seed import _bulk

SPACE_ID, THREAD_ID = 1, 1
PER_PAGE = 50


def seed_space(app, scale, ids) -> dict:
    """A space for every country, a thread of ``scale.thread_replies`` replies quoting the
    first post, and ``scale.library_resources`` resources (links) each at its second version."""
    from elearn.networks.models import Post, Resource, ResourceVersion, Space, Thread

    now = utcnow()
    pages = {"thread_pages": max(1, (scale.thread_replies + 1) // PER_PAGE),
             "library_pages": max(1, scale.library_resources // PER_PAGE)}
    with app.app_context():
        if db.session.get(Space, SPACE_ID) is not None:  # seeded for another scenario
            return pages
        _bulk(Space, [{"id": SPACE_ID, "name": {"en": "Pacific network"}, "description": {},
                       "rule": {}, "language": "en", "audience": "countries", "roles": [],
                       "created_at": now, "updated_at": now}])
        _bulk(Thread, [{"id": THREAD_ID, "space_id": SPACE_ID, "title": "Outer islands",
                        "author_id": 1, "created_at": now, "last_post_at": now,
                        "replies": scale.thread_replies, "state": "visible",
                        "search_text": "outer islands"}])
        _bulk(Post, [{"thread_id": THREAD_ID, "space_id": SPACE_ID, "author_id": 1 + n % 4,
                      "body": f"Reply {n}: by boat, once a month, and by **radio** between.",
                      "body_html": f"<p>Reply {n}: by boat, once a month, and by "
                                   "<strong>radio</strong> between.</p>",
                      "quote_id": 1 if n else None, "mentions": [], "created_at": now,
                      "revisions": [], "state": "visible", "search_text": f"reply {n}"}
                     for n in range(scale.thread_replies + 1)])
        _bulk(Resource, [{"space_id": SPACE_ID, "title": f"Standard operating procedure {n}",
                          "language": "en", "type": "sop", "version": 2, "downloads": n,
                          "created_at": now, "updated_at": now, "state": "visible",
                          "search_text": f"standard operating procedure {n}"}
                         for n in range(scale.library_resources)])
        _bulk(ResourceVersion, [{"resource_id": n // 2 + 1, "number": n % 2 + 1,
                                 "url": f"https://example.org/sop/{n}", "created_at": now}
                                for n in range(2 * scale.library_resources)])
        db.session.commit()
    return pages


def thread_page(ids, tokens, scale):
    """GET a page of the long thread's posts, every page in turn, as a trainee."""
    headers = {"Authorization": f"Bearer {tokens['trainee']}"}
    return lambda n: ("GET", f"/api/v1/threads/{THREAD_ID}/posts?per_page={PER_PAGE}"
                      f"&page={n % ids['thread_pages'] + 1}", None, headers)


def library_page(ids, tokens, scale):
    """GET a page of the large library, every page in turn, as a trainee."""
    headers = {"Authorization": f"Bearer {tokens['trainee']}"}
    return lambda n: ("GET", f"/api/v1/spaces/{SPACE_ID}/resources?per_page={PER_PAGE}"
                      f"&page={n % ids['library_pages'] + 1}", None, headers)


def thread_html(ids, tokens, scale):
    """The thread's page in the web app, as a phone asks for it."""
    headers = {"Authorization": f"Bearer {tokens['trainee']}",
               "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
               "Accept-Encoding": "gzip"}
    return lambda n: ("GET", f"/threads/{THREAD_ID}?page={n % ids['thread_pages'] + 1}",
                      None, headers)
