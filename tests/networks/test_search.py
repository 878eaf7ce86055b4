"""Search across the threads and resources a person may see, Arabic and Latin alike."""

from __future__ import annotations

from .conftest import MENA, SPACES


def _hits(client, headers, q):
    answer = client.get(f"{SPACES}/search", headers=headers, query_string={"q": q})
    assert answer.status_code == 200, answer.get_json()
    return [(hit["kind"], hit["title"]) for hit in answer.get_json()["items"]]


def test_arabic_search_folds_letter_variants(client, make_space, as_user, start_thread):
    space = make_space(name={"ar": "فضاء المساواة"}, language="ar", countries=MENA)
    lina = as_user("trainee", country="JO")
    start_thread(space["id"], lina, title="إدارة الحالات", body="أفضل الممارسات في المقابلات")
    assert _hits(client, lina, "افضل") == [("thread", "إدارة الحالات")]
    assert _hits(client, lina, "ادارة") == [("thread", "إدارة الحالات")]


def test_latin_search_folds_case_and_accents(client, make_space, as_user, start_thread):
    space = make_space()
    ana = as_user("trainee", country="TO")
    start_thread(space["id"], ana, title="Sécurité des victimes", body="Plan de protection")
    assert _hits(client, ana, "SECURITE protection") == [("thread", "Sécurité des victimes")]


def test_search_finds_resources_too(client, make_space, as_user):
    space = make_space()
    ana = as_user("trainee", country="TO")
    client.post(f"{SPACES}/{space['id']}/resources", headers=ana, data={
        "title": "Gender toolkit", "language": "en", "type": "toolkit",
        "url": "https://example.org/toolkit"}, content_type="multipart/form-data")
    assert _hits(client, ana, "toolkit") == [("resource", "Gender toolkit")]


def test_search_never_shows_another_regions_threads(client, make_space, as_user,
                                                    start_thread):
    pacific = make_space()
    start_thread(pacific["id"], as_user("trainee", country="TO"), title="Outer islands")
    lina = as_user("trainee", country="JO")
    assert _hits(client, lina, "islands") == []


def test_search_skips_hidden_posts_for_members(client, make_space, as_user, start_thread,
                                               boss):
    space = make_space()
    ana = as_user("trainee", country="TO")
    thread = start_thread(space["id"], ana, title="Visit", body="secret plan")
    client.post(f"/api/v1/threads/{thread['id']}/moderation", headers=boss,
                json={"action": "hide", "reason": "Operational"})
    assert _hits(client, ana, "secret") == []
    assert _hits(client, boss, "secret") == [("thread", "Visit")]
