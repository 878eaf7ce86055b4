"""Programme-wide mandatory courses, exemptions and prerequisites at enrolment."""

from datetime import timedelta

from elearn.accounts.models import User
from elearn.courses.models import Course
from elearn.courses.requirements import required_course_codes
from elearn.extensions import db
from elearn.timeutils import utcnow


def _offering(client, admin, course_id):
    return client.post("/api/v1/offerings", headers=admin, json={
        "course_id": course_id, "starts_at": utcnow().isoformat(),
        "ends_at": (utcnow() + timedelta(days=30)).isoformat()}).get_json()["id"]


def test_mandatory_course_blocks_a_category_until_exempted(client, as_user, author, make_user,
                                                           login):
    programme = as_user("programme_admin")
    author(programme, code="HRGM-101")
    leadership = author(programme, code="LEAD-1", category="leadership")
    rule = client.post("/api/v1/mandatory-rules", headers=programme,
                       json={"required_code": "HRGM-101", "category": "leadership"})
    assert rule.status_code == 201
    offering = _offering(client, programme, leadership["id"])
    officer = make_user("officer@example.org", country="TO")
    headers = {"Authorization": f"Bearer {login('officer@example.org')}"}
    blocked = client.post(f"/api/v1/offerings/{offering}/enrollments", headers=headers, json={})
    assert blocked.status_code == 409
    assert blocked.get_json()["missing_courses"] == ["HRGM-101"]
    exemption = client.post("/api/v1/mandatory-rules/HRGM-101/exemptions",
                            headers=as_user("national_admin", country="TO"),
                            json={"user_id": officer, "reason": "Completed the same course "
                                                                "with the national academy"})
    assert exemption.status_code == 201
    allowed = client.post(f"/api/v1/offerings/{offering}/enrollments", headers=headers, json={})
    assert allowed.status_code == 201


def test_only_programme_admins_set_mandatory_courses(client, as_user, author):
    author(as_user("programme_admin"), code="HRGM-101")
    response = client.post("/api/v1/mandatory-rules", headers=as_user("national_admin"),
                           json={"required_code": "HRGM-101", "category": "leadership"})
    assert response.status_code == 403


def test_national_admin_cannot_exempt_another_countrys_officer(client, as_user, author,
                                                               make_user):
    programme = as_user("programme_admin")
    author(programme, code="HRGM-101")
    client.post("/api/v1/mandatory-rules", headers=programme,
                json={"required_code": "HRGM-101", "category": "leadership"})
    officer = make_user(country="FJ")
    response = client.post("/api/v1/mandatory-rules/HRGM-101/exemptions",
                           headers=as_user("national_admin", country="TO"),
                           json={"user_id": officer, "reason": "No reason at all"})
    assert response.status_code == 404


RULES = "/api/v1/mandatory-rules"


def _required(app, user_id, course_id):
    with app.app_context():
        return required_course_codes(db.session.get(User, user_id),
                                     db.session.get(Course, course_id))


def test_required_course_codes_are_prerequisites_and_mandatory_less_exemptions(
        app, client, as_user, author, make_user):
    programme = as_user("programme_admin")
    author(programme, code="HRGM-101")
    author(programme, code="BASICS-1")
    course = author(programme, code="LEAD-1", category="leadership",
                    prerequisites=["BASICS-1"])
    client.post(RULES, headers=programme,
                json={"required_code": "HRGM-101", "category": "leadership"})
    officer, colleague = make_user(country="JO"), make_user(country="JO")
    client.post(f"{RULES}/HRGM-101/exemptions", headers=programme,
                json={"user_id": officer, "reason": "Took it at the academy"})
    assert _required(app, colleague, course["id"]) == {"HRGM-101", "BASICS-1"}
    assert _required(app, officer, course["id"]) == {"BASICS-1"}


def test_a_mandatory_course_is_not_required_before_itself(app, client, as_user, author,
                                                         make_user):
    programme = as_user("programme_admin")
    course = author(programme, code="HRGM-101", category="human-rights")
    client.post(RULES, headers=programme,
                json={"required_code": "HRGM-101", "category": "human-rights"})
    assert _required(app, make_user(), course["id"]) == set()


def test_exemptions_are_listed_within_the_admins_country_and_audited(client, as_user, author,
                                                                     make_user):
    programme = as_user("programme_admin")
    author(programme, code="HRGM-101")
    client.post(RULES, headers=programme,
                json={"required_code": "HRGM-101", "category": "leadership"})
    for country in ("JO", "FJ"):
        client.post(f"{RULES}/HRGM-101/exemptions", headers=programme,
                    json={"user_id": make_user(country=country), "reason": "Exempted"})
    jordan = as_user("national_admin", country="JO")
    listed = client.get(f"{RULES}/HRGM-101/exemptions", headers=jordan).get_json()
    assert (listed["total"], listed["items"][0]["reason"]) == (1, "Exempted")
    events = client.get("/api/v1/audit-events", headers=jordan,
                        query_string={"action": "exemption.create"}).get_json()["items"]
    assert len(events) == 1
    assert client.get(f"{RULES}/HRGM-101/exemptions",
                      headers=as_user("trainee")).status_code == 403


def test_revoking_an_exemption_applies_the_rule_again(app, client, as_user, author, make_user):
    programme = as_user("programme_admin")
    author(programme, code="HRGM-101")
    course = author(programme, code="LEAD-1", category="leadership")
    client.post(RULES, headers=programme,
                json={"required_code": "HRGM-101", "category": "leadership"})
    officer = make_user()
    client.post(f"{RULES}/HRGM-101/exemptions", headers=programme,
                json={"user_id": officer, "reason": "By mistake"})
    response = client.delete(f"{RULES}/HRGM-101/exemptions/{officer}", headers=programme)
    assert response.status_code == 204
    assert _required(app, officer, course["id"]) == {"HRGM-101"}


def test_rules_are_listed_and_deleted(client, as_user, author):
    programme = as_user("programme_admin")
    author(programme, code="HRGM-101")
    client.post(RULES, headers=programme,
                json={"required_code": "HRGM-101", "category": "leadership"})
    listed = client.get(RULES, headers=as_user("trainee")).get_json()
    assert [(rule["required_code"], rule["category"]) for rule in listed] == [
        ("HRGM-101", "leadership")]
    assert client.delete(f"{RULES}/HRGM-101/leadership", headers=programme).status_code == 204
    assert client.get(RULES, headers=programme).get_json() == []


def test_a_rule_on_an_unpublished_course_is_422(client, as_user, author):
    programme = as_user("programme_admin")
    author(programme, code="HRGM-101", publish=False)
    response = client.post(RULES, headers=programme,
                           json={"required_code": "HRGM-101", "category": "leadership"})
    assert response.status_code == 422


def test_a_rule_that_would_lock_its_own_prerequisite_is_422(client, as_user, author, snapshot):
    programme = as_user("programme_admin")
    author(programme, code="LEAD-1", category="leadership")
    author(programme, code="HRGM-101", prerequisites=["LEAD-1"])
    before = snapshot()
    response = client.post(RULES, headers=programme,
                           json={"required_code": "HRGM-101", "category": "leadership"})
    assert (response.status_code, response.get_json()["type"]) == (
        422, "circular-prerequisites")
    assert snapshot() == before
