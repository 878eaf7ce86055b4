"""The scoping matrix: who sees the demo-like Arabic space of a programme, and what they may
do in it."""

from __future__ import annotations

import pytest

from .conftest import MENA, SPACES


@pytest.fixture
def champions(client, admin, make_programme, applicant, apply, decide, as_user, user_id):
    """The Arabic space for the MENA programme's participants and mentors."""
    programme = make_programme(countries=[{"country": "JO", "seats": 2},
                                          {"country": "MA", "seats": 2}])
    mentee = applicant("JO")
    application = apply(programme["id"], mentee).get_json()
    decide(programme["id"], application["id"], "shortlist")
    decide(programme["id"], application["id"], "select")
    mentor = as_user("mentor", country="MA")
    client.post(f"/api/v1/programmes/{programme['id']}/mentors", headers=admin,
                json={"mentor_id": user_id(mentor), "max_mentees": 2})
    space = client.post(SPACES, headers=admin, json={
        "name": {"ar": "أبطال المساواة بين الجنسين"}, "language": "ar",
        "audience": "programme", "programme_id": programme["id"],
        "countries": MENA}).get_json()
    return {"space": space, "mentee": mentee, "mentor": mentor,
            "applicant": applicant("JO")}


@pytest.mark.parametrize("who, status", [
    ("mentee", 200), ("mentor", 200), ("applicant", 404), ("jordan_trainee", 404),
    ("jordan_admin", 200), ("fiji_admin", 404), ("fiji_trainee", 404),
    ("programme_admin", 200)])
def test_who_sees_the_programme_space(client, champions, as_user, admin, who, status):
    headers = {"jordan_trainee": lambda: as_user("trainee", country="JO"),
               "jordan_admin": lambda: as_user("national_admin", country="JO"),
               "fiji_admin": lambda: as_user("national_admin", country="FJ"),
               "fiji_trainee": lambda: as_user("trainee", country="FJ"),
               "programme_admin": lambda: admin}.get(who, lambda: champions[who])()
    url = f"{SPACES}/{champions['space']['id']}"
    assert client.get(url, headers=headers).status_code == status
    assert client.get(f"{url}/threads", headers=headers).status_code == status
    assert client.get(f"{url}/resources", headers=headers).status_code == status


def test_a_mentee_posts_and_the_mentor_replies(client, champions, start_thread, reply_to):
    thread = start_thread(champions["space"]["id"], champions["mentee"],
                          title="قيادة وحدة حماية الأسرة", body="كيف بدأتم؟")
    assert reply_to(thread["id"], champions["mentor"], body="بخطوات صغيرة").status_code == 201


def test_a_national_admin_oversees_but_does_not_moderate_a_regional_space(client, champions,
                                                                          as_user):
    jordan_admin = as_user("national_admin", country="JO")
    seen = client.get(f"{SPACES}/{champions['space']['id']}", headers=jordan_admin).get_json()
    assert seen["member"] is False and seen["moderator"] is False
