"""Programme-wide mandatory courses, exemptions and prerequisites at enrolment."""

from datetime import timedelta

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
