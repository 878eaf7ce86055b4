"""A needs assessment from the admin's and the trainee's side: invited, answered once, the
results by country and gender with small cells hidden, the needs turned into offerings."""

from __future__ import annotations

from sqlalchemy import inspect, select

from elearn.extensions import db
from elearn.surveys.models import Answer, Recipient, Response

from .conftest import MINE, NEEDS_ANSWERS, SURVEYS


def test_the_countrys_trainees_are_invited_and_nobody_else(client, needs_campaign, as_user,
                                                          rows, user_id):
    trainees = [as_user("trainee", country="TO") for _ in range(3)]
    fijian = as_user("trainee", country="FJ")
    campaign = needs_campaign()
    invited = {row.user_id for row in rows(kind="survey-invitation", channel="email")}
    assert invited == {user_id(h) for h in trainees}
    assert client.get(MINE, headers=trainees[0]).get_json()[0]["id"] == campaign["id"]
    assert client.get(MINE, headers=fijian).get_json() == []
    assert client.get(f"{MINE}/{campaign['id']}", headers=fijian).status_code == 404


def test_a_trainee_answers_once(client, needs_campaign, as_user, submit):
    trainee = as_user("trainee", country="TO")
    campaign = needs_campaign()
    assert submit(campaign["id"], trainee).status_code == 201
    again = submit(campaign["id"], trainee, client_id="client-0002")
    assert again.status_code == 409 and again.get_json()["type"] == "already-answered"
    assert client.get(MINE, headers=trainee).get_json() == []


def test_the_same_submission_sent_again_counts_once(client, needs_campaign, as_user, submit,
                                                    tonga_admin):
    trainee = as_user("trainee", country="TO")
    campaign = needs_campaign()
    assert submit(campaign["id"], trainee).status_code == 201
    resent = submit(campaign["id"], trainee)
    assert resent.status_code == 200 and resent.get_json() == {"status": "duplicate"}
    results = client.get(f"{SURVEYS}/{campaign['id']}/results", headers=tonga_admin).get_json()
    assert results["responses"] == 1


def test_bad_answers_are_refused_and_nothing_is_stored(app, client, needs_campaign, as_user,
                                                       submit):
    trainee = as_user("trainee", country="TO")
    campaign = needs_campaign()
    for answers in ({**NEEDS_ANSWERS, "capacity": 9}, {**NEEDS_ANSWERS, "delivery": "carrier"},
                    {k: v for k, v in NEEDS_ANSWERS.items() if k != "language"},
                    {**NEEDS_ANSWERS, "unknown": "x"}):
        answer = submit(campaign["id"], trainee, answers=answers)
        assert answer.status_code == 422, answers
        assert answer.get_json()["type"] == "answers-invalid"
    wrong_version = submit(campaign["id"], trainee, version=7)
    assert wrong_version.status_code == 422 and wrong_version.get_json()["type"] == (
        "version-mismatch")
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(Response)) == 0
        assert db.session.scalar(select(Recipient.answered)) is False


def test_a_closed_survey_takes_no_answer(client, needs_campaign, as_user, submit,
                                         tonga_admin):
    trainee = as_user("trainee", country="TO")
    campaign = needs_campaign()
    client.post(f"{SURVEYS}/{campaign['id']}/close", headers=tonga_admin)
    answer = submit(campaign["id"], trainee)
    assert answer.status_code == 422 and answer.get_json()["type"] == "campaign-closed"


def test_a_draft_is_kept_and_comes_back(client, needs_campaign, as_user):
    trainee = as_user("trainee", country="TO")
    campaign = needs_campaign()
    saved = client.put(f"{MINE}/{campaign['id']}/draft", headers=trainee,
                       json={"answers": {"delivery": "blended"}})
    assert saved.status_code == 200
    again = client.get(f"{MINE}/{campaign['id']}", headers=trainee).get_json()
    assert again["draft"] == {"delivery": "blended"}


def test_nobody_can_read_who_gave_an_anonymous_answer(app, needs_campaign, as_user, submit,
                                                      user_id):
    """Every table's every row is looked at: nothing that holds an answer names its person."""
    trainee = as_user("trainee", country="TO")
    me = user_id(trainee)
    campaign = needs_campaign()
    client_saved = submit(campaign["id"], trainee, answers={**NEEDS_ANSWERS,
                                                            "comments": "Secret words"})
    assert client_saved.status_code == 201
    with app.app_context():
        response = db.session.scalar(select(Response))
        assert response.user_id is None and response.pairing_id is None
        recipient = db.session.scalar(select(Recipient))
        assert recipient.answered is True and recipient.answered_at is None
        for table in db.metadata.sorted_tables:
            for row in db.session.execute(table.select()).mappings():
                values = set(map(str, row.values()))
                holds_answer = "Secret words" in values or (
                    table.name in ("survey_answers", "survey_responses"))
                if holds_answer:
                    assert not any(column.endswith("user_id") and row[column] == me
                                   for column in row), table.name
        assert inspect(Answer).columns.keys() == [
            "id", "response_id", "question_key", "choice_key", "value", "text"]


def test_results_hide_small_cells_and_the_cell_that_would_give_them_away(
        client, needs_campaign, as_user, submit, tonga_admin):
    people = ([as_user("trainee", country="TO", gender="female") for _ in range(6)]
              + [as_user("trainee", country="TO", gender="male") for _ in range(7)]
              + [as_user("trainee", country="TO", gender="other") for _ in range(2)])
    campaign = needs_campaign()
    for number, headers in enumerate(people):
        assert submit(campaign["id"], headers, client_id=f"client-{number:04}").status_code == 201
    results = client.get(f"{SURVEYS}/{campaign['id']}/results", headers=tonga_admin).get_json()
    delivery = next(q for q in results["questions"] if q["key"] == "delivery")
    cells = {c["gender"]: c for c in delivery["cells"]}
    assert cells["other"]["blended"] is None and "blended" in cells["other"]["suppressed"]
    assert cells["female"]["blended"] is None  # 15 − 7 − 6 would give the 2 away
    assert cells["male"]["blended"] == 7
    blended = next(o for o in delivery["options"] if o["key"] == "blended")
    assert blended["count"] == 15 and blended["percent"] == 100.0


def test_free_texts_are_for_admins_and_never_named_when_anonymous(client, needs_campaign,
                                                                  as_user, submit,
                                                                  tonga_admin):
    trainee = as_user("trainee", country="TO", name="Ana Taufa")
    campaign = needs_campaign()
    submit(campaign["id"], trainee)
    texts = client.get(f"{SURVEYS}/{campaign['id']}/texts", headers=tonga_admin).get_json()
    assert texts == [{"question_key": "comments", "text": "More on interviewing victims.",
                      "country": "TO", "name": None}]
    assert client.get(f"{SURVEYS}/{campaign['id']}/texts", headers=trainee).status_code == 403


def test_another_countrys_admin_sees_no_campaign(client, needs_campaign, as_user):
    campaign = needs_campaign()
    fiji_admin = as_user("national_admin", country="FJ")
    assert client.get(f"{SURVEYS}/{campaign['id']}/results", headers=fiji_admin).status_code == 404
    assert client.get(SURVEYS, headers=fiji_admin).get_json()["total"] == 0


def test_a_national_admin_surveys_their_own_country_only(client, needs_campaign, tonga_admin):
    answer = client.post(SURVEYS, headers=tonga_admin, json={
        "template": "needs_assessment", "name": "Fiji needs",
        "audience": {"kind": "country", "country": "FJ"},
        "opens_on": "2027-01-01", "closes_on": "2027-02-01"})
    assert answer.status_code == 422 and "audience" in answer.get_json()["errors"]


def test_results_download_as_csv(client, needs_campaign, as_user, submit, tonga_admin):
    trainee = as_user("trainee", country="TO")
    campaign = needs_campaign()
    assert submit(campaign["id"], trainee).status_code == 201
    answer = client.get(f"{SURVEYS}/{campaign['id']}/results.csv", headers=tonga_admin)
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    assert "suppressed" in answer.get_data(as_text=True)


def test_top_needs_become_draft_offerings(client, needs_campaign, as_user, submit, tonga_admin,
                                         make_course):
    course = make_course(code="LEAD-301", category="leadership")
    trainee = as_user("trainee", country="TO")
    campaign = needs_campaign()
    assert submit(campaign["id"], trainee).status_code == 201
    ranked = client.get(f"{SURVEYS}/{campaign['id']}/needs", headers=tonga_admin).get_json()
    leadership = next(need for need in ranked if need["choice"] == "leadership")
    assert leadership["count"] == 1 and leadership["courses"][0]["code"] == "LEAD-301"
    made = client.post(f"{SURVEYS}/{campaign['id']}/offerings", headers=tonga_admin,
                       json={"course_ids": [course["id"]]})
    assert made.status_code == 201, made.get_json()
    assert made.get_json()[0]["mode"] == "blended"
    assert made.get_json()[0]["self_enrollment"] is False
