"""The networks' pages as a browser meets them: a space, a thread, the library, moderation."""

from __future__ import annotations

import io

import pytest

from .conftest import text


@pytest.fixture
def pacific(app, make_user):
    """A Pacific space opened through the services, with a Fijian moderator."""
    from elearn.accounts.models import User
    from elearn.extensions import db
    from elearn.networks import spaces
    from elearn.networks.audience import access
    from elearn.timeutils import utcnow

    boss_id = make_user("boss@example.org", roles=("programme_admin",))
    moderator_id = make_user("tevita@example.org", name="Tevita Moala", country="FJ")
    with app.app_context():
        boss = db.session.get(User, boss_id)
        space = spaces.create_space(boss, {
            "name": {"en": "Pacific network"}, "language": "en", "audience": "countries",
            "countries": ["FJ", "TO"]}, now=utcnow())
        spaces.name_member(boss, access(boss, space, now=utcnow()), moderator_id, "moderator",
                           now=utcnow())
        db.session.commit()
        return space.id


def test_a_member_starts_a_thread_from_the_space_page(browser, trainee, pacific):
    page, _id, _email = trainee
    space = page.get(f"/spaces/{pacific}")
    assert space.status_code == 200 and "non-operational" in text(space)
    answer = page.post(f"/spaces/{pacific}/threads", {"title": "Outer islands",
                                                      "body": "How do you reach them?"})
    assert answer.status_code == 302
    thread = page.get(answer.headers["Location"])
    assert "How do you reach them?" in text(thread)


def test_a_blank_thread_comes_back_with_the_reasons(trainee, pacific):
    page, _id, _email = trainee
    page.get(f"/spaces/{pacific}")
    answer = page.post(f"/spaces/{pacific}/threads", {"title": " ", "body": "Body kept"})
    assert answer.status_code == 422
    assert "Body kept" in text(answer) and 'aria-invalid="true"' in text(answer)


def test_a_moderator_hides_a_reported_post(browser, trainee, pacific):
    page, _id, _email = trainee
    page.get(f"/spaces/{pacific}")
    thread_url = page.post(f"/spaces/{pacific}/threads", {
        "title": "Case", "body": "The suspect lives at 12 Beach Road."}).headers["Location"]
    moderator = browser("tevita@example.org")
    thread = moderator.get(thread_url)
    post_id = int(text(thread).split('id="post-')[1].split('"')[0])
    reported = moderator.post(f"/posts/{post_id}/report", {"reason": "Operational"})
    assert reported.status_code == 302
    queue = moderator.get(f"/spaces/{pacific}/moderation")
    assert "Operational" in text(queue)
    moderator.post(f"/posts/{post_id}/moderation", {"action": "hide", "reason": "Operational"})
    as_member = page.get(thread_url)
    assert "12 Beach Road" not in text(as_member) and "Hidden by a moderator" in text(as_member)


def test_a_file_goes_into_the_library_and_comes_out(app, trainee, pacific, tmp_path):
    app.config["NETWORK_FILES_DIR"] = str(tmp_path)
    page, _id, _email = trainee
    page.get(f"/spaces/{pacific}/library")
    pdf = b"%PDF-1.4\n%%EOF\n"
    answer = page.post(f"/spaces/{pacific}/library", {
        "title": "Toolkit", "language": "en", "type": "toolkit",
        "file": (io.BytesIO(pdf), "toolkit.pdf", "application/pdf")},
        content_type="multipart/form-data")
    assert answer.status_code == 302, text(answer)[:2000]
    resource = page.get(answer.headers["Location"])
    link = text(resource).split('href="/api/v1/resources/')[1].split('"')[0]
    got = page.get("/api/v1/resources/" + link.replace("&amp;", "&"))
    assert got.data == pdf


def test_another_regions_space_is_not_found(browser, make_user, pacific):
    make_user("lina@example.org", country="JO")
    page = browser("lina@example.org")
    assert page.get(f"/spaces/{pacific}").status_code == 404
    assert "Pacific network" not in text(page.get("/spaces"))
