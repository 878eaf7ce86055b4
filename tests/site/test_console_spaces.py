"""The console's regional networks: opening a space, naming its moderators."""

from __future__ import annotations

from .conftest import text


def test_a_national_admin_opens_a_space_of_their_country(jordan_admin):
    page = jordan_admin
    page.get("/console/spaces/new")
    answer = page.post("/console/spaces/new", {
        "language": "ar", "name-ar": "فضاء الأردن", "audience": "countries"})
    assert answer.status_code == 302, text(answer)[:3000]
    space = page.get(answer.headers["Location"])
    assert "فضاء الأردن" in text(space)
    listed = page.get("/console/spaces")
    assert "فضاء الأردن" in text(listed)


def test_a_space_without_its_name_in_its_language_comes_back(jordan_admin):
    page = jordan_admin
    page.get("/console/spaces/new")
    answer = page.post("/console/spaces/new", {
        "language": "ar", "name-en": "Jordan", "audience": "countries"})
    assert answer.status_code == 422
    assert "Give the name in the space" in text(answer)


def test_an_admin_names_a_moderator_by_email(jordan_admin, make_user):
    make_user("huda@example.org", name="Huda Al-Masri", country="JO")
    page = jordan_admin
    page.get("/console/spaces/new")
    location = page.post("/console/spaces/new", {
        "language": "ar", "name-ar": "فضاء الأردن", "audience": "countries"}).headers[
        "Location"]
    page.get(location)
    answer = page.post(location + "/members", {"email": "huda@example.org",
                                               "role": "moderator"})
    assert answer.status_code == 302
    assert "Huda Al-Masri" in text(page.get(location))


def test_nobody_of_another_country_is_named(jordan_admin, make_user):
    make_user("mere@example.org", country="FJ")
    page = jordan_admin
    page.get("/console/spaces/new")
    location = page.post("/console/spaces/new", {
        "language": "ar", "name-ar": "فضاء الأردن", "audience": "countries"}).headers[
        "Location"]
    page.get(location)
    answer = page.post(location + "/members", {"email": "mere@example.org"})
    assert answer.status_code == 422
