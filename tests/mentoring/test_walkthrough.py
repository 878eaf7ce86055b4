"""A whole programme over its 24 months, over HTTP, with a frozen clock.

Applications from four countries, the country guarantee, mentor proposals, milestones
generated and completed, an overdue check-in flagged, a pairing replaced, nominations, and
completion into alumni with programme certificates.
"""

from tests.mentoring.conftest import PROGRAMMES


def test_a_programme_from_applications_to_alumni(client, clock, admin, as_user, user_id,
                                                 make_course, make_offering, enroll, apply,
                                                 decide, applicant, mentor):
    # Month -2: a programme with two pathway courses, 4 seats in all.
    courses = [make_course(lessons=1, quiz=False), make_course(lessons=1, quiz=False)]
    programme = client.post(PROGRAMMES, headers=admin, json={
        "name": "Women in policing leadership", "starts_on": "2027-03-01",
        "applications_open_on": "2027-01-01", "applications_close_on": "2027-02-15",
        "total_seats": 4, "checkin_cadence_days": 30,
        "pathway_course_ids": [c["id"] for c in courses],
        "countries": [{"country": "FJ", "seats": 3}] + [
            {"country": code, "seats": 2} for code in ("TO", "JO", "WS")],
    }).get_json()
    pid = programme["id"]

    # Applications from several countries; a man is turned away by the eligibility rule.
    people = {key: applicant(key[:2]) for key in ("FJ1", "FJ2", "FJ3", "TO1", "JO1")}
    assert apply(pid, applicant("FJ", gender="male")).get_json()["rule"] == "gender"
    applications = {key: apply(pid, headers, languages=["ar"] if key == "JO1" else ["en"],
                               area_of_work="cybercrime" if key == "JO1" else "family violence"
                               ).get_json() for key, headers in people.items()}

    # Each national admin shortlists their own country.
    for country in ("FJ", "TO", "JO"):
        national = as_user("national_admin", country=country)
        for key, application in applications.items():
            if key.startswith(country):
                response = decide(pid, application["id"], "shortlist", as_=national)
                assert response.status_code == 200

    # Selection: Fiji takes two seats, then the last two are kept for Tonga and Jordan.
    for key in ("FJ1", "FJ2"):
        assert decide(pid, applications[key]["id"], "select").status_code == 200
    guarantee = decide(pid, applications["FJ3"]["id"], "select")
    assert (guarantee.status_code, guarantee.get_json()["type"]) == (409, "country-guarantee")
    for key in ("TO1", "JO1"):
        assert decide(pid, applications[key]["id"], "select").status_code == 200
    assert decide(pid, applications["FJ3"]["id"], "reject",
                  reason="No seat left").get_json()["status"] == "rejected"
    participants = ("FJ1", "FJ2", "TO1", "JO1")

    # Pairing proposals: the Arabic-speaking cybercrime mentor comes first for Jordan.
    english = mentor(pid, languages=["en"], expertise=["family violence"], max_mentees=3)
    arabic = mentor(pid, country="JO", languages=["ar", "en"], expertise=["cybercrime"],
                    max_mentees=2)
    proposals = client.get(f"{PROGRAMMES}/{pid}/applications/{applications['JO1']['id']}"
                           "/mentor-proposals", headers=admin).get_json()
    assert proposals[0]["mentor_id"] == user_id(arabic)
    mentors = {"FJ1": english, "FJ2": english, "TO1": english, "JO1": arabic}
    pairings = {}
    for key in participants:
        pairing = client.post(f"{PROGRAMMES}/{pid}/pairings", headers=admin, json={
            "application_id": applications[key]["id"],
            "mentor_id": user_id(mentors[key])}).get_json()
        for headers in (mentors[key], people[key]):
            client.post(f"/api/v1/pairings/{pairing['id']}/conduct", headers=headers)
        assert client.post(f"/api/v1/pairings/{pairing['id']}/confirm",
                           headers=admin).get_json()["status"] == "active"
        pairings[key] = pairing["id"]

    # Month 1: milestones were generated; everyone meets, and enrols in the pathway.
    offerings = [make_offering(c["id"], ends_at="2029-12-31T00:00:00+00:00") for c in courses]
    clock.move_to("2027-03-15T09:00Z")
    for key in participants:
        detail = client.get(f"/api/v1/pairings/{pairings[key]}", headers=people[key]).get_json()
        assert len(detail["milestones"]) == len(programme["milestone_template"])
        assert client.post(f"/api/v1/pairings/{pairings[key]}/checkins", headers=mentors[key],
                           json={"held_on": "2027-03-14", "minutes": 60,
                                 "topics": "Development plan"}).status_code == 201
        client.post(f"/api/v1/pairings/{pairings[key]}/goals", headers=people[key], json={
            "title": "Lead a unit", "measurable_outcome": "Acting OIC for three months"})
        for offering in offerings:
            enroll(offering["id"], people[key])

    # Month 3: no check-in since March for anyone; the mentor's view flags it.
    clock.move_to("2027-05-20T09:00Z")
    view = client.get("/api/v1/me/mentees", headers=english).get_json()
    assert view["total"] == 3
    assert all(item["checkin_overdue"] for item in view["items"])
    assert all(item["plan_status"] == "at_risk" for item in view["items"])

    # Month 6: FJ2's mentor is replaced; the plan carries over, the old pairing stays.
    clock.move_to("2027-09-01T09:00Z")
    replacement = client.post(f"/api/v1/pairings/{pairings['FJ2']}/replacement", headers=admin,
                              json={"mentor_id": user_id(arabic), "reason": "Mentor moved"})
    assert replacement.status_code == 201
    new_id = replacement.get_json()["id"]
    client.post(f"/api/v1/pairings/{new_id}/conduct", headers=arabic)
    client.post(f"/api/v1/pairings/{new_id}/confirm", headers=admin)
    old = client.get(f"/api/v1/pairings/{pairings['FJ2']}", headers=admin).get_json()
    assert old["pairing"]["status"] == "ended" and len(old["checkins"]) == 1
    pairings["FJ2"], mentors["FJ2"] = new_id, arabic

    # Month 12: a conference for current mentees.
    clock.move_to("2028-03-01T09:00Z")
    conference = client.post(f"{PROGRAMMES}/{pid}/opportunities", headers=admin, json={
        "kind": "conference", "title": "Regional women in policing conference",
        "place": "Nadi", "starts_on": "2028-06-01", "ends_on": "2028-06-03",
        "audience": "mentees"}).get_json()
    nomination = client.post(f"/api/v1/opportunities/{conference['id']}/nominations",
                             headers=admin,
                             json={"application_id": applications["JO1"]["id"]}).get_json()
    client.patch(f"/api/v1/opportunities/{conference['id']}/nominations/{nomination['id']}",
                 headers=admin, json={"status": "confirmed"})

    # Months 1-24: the pathway is completed; every milestone but Tonga's final review done.
    clock.move_to("2029-02-25T09:00Z")
    for key in participants:
        for offering, course in zip(offerings, courses, strict=True):
            enrolment = next(e for e in client.get("/api/v1/me/enrollments",
                                                   headers=people[key]).get_json()["items"]
                             if e["offering_id"] == offering["id"])
            client.post(f"/api/v1/enrollments/{enrolment['id']}/progress", headers=people[key],
                        json={"lesson_id": course["lessons"][0], "kind": "completed"})
        url = f"/api/v1/pairings/{pairings[key]}"
        for milestone in client.get(url, headers=mentors[key]).get_json()["milestones"]:
            if key != "TO1" or milestone["key"] != "final_review":
                client.patch(f"{url}/milestones/{milestone['id']}", headers=mentors[key],
                             json={"status": "done"})
        client.post(f"{url}/checkins", headers=mentors[key],
                    json={"held_on": "2029-02-24", "minutes": 90, "topics": "Final review"})
    detail = client.get(f"/api/v1/pairings/{pairings['FJ1']}", headers=english).get_json()
    assert detail["plan_status"] == "done" and detail["pathway_completed"]

    # Month 24: completion into alumni with programme certificates.
    clock.move_to("2029-03-02T09:00Z")
    outcomes = {o["applicant_id"]: o for o in client.post(
        f"{PROGRAMMES}/{pid}/completion", headers=admin).get_json()}
    for key in ("FJ1", "FJ2", "JO1"):
        assert outcomes[user_id(people[key])]["outcome"] == "alumni"
        certificates = client.get("/api/v1/me/certificates", headers=people[key]).get_json()
        assert [c["kind"] for c in certificates["items"]].count("programme") == 1
    assert outcomes[user_id(people["TO1"])]["outcome_reason"] == "final_review_not_done"

    # Both sides review the closed pairing; alumni stay reachable for the field exercise.
    for headers in (english, people["FJ1"]):
        assert client.post(f"/api/v1/pairings/{pairings['FJ1']}/review", headers=headers,
                           json={"text": "Two good years."}).status_code == 200
    exercise = client.post(f"{PROGRAMMES}/{pid}/opportunities", headers=admin, json={
        "kind": "field_exercise", "title": "Operational field exercise", "place": "Aqaba",
        "starts_on": "2029-05-01", "ends_on": "2029-05-07", "audience": "alumni"}).get_json()
    url = f"/api/v1/opportunities/{exercise['id']}/nominations"
    assert client.post(url, headers=admin, json={
        "application_id": applications["FJ1"]["id"]}).status_code == 201
    assert client.post(url, headers=admin, json={
        "application_id": applications["TO1"]["id"]}).status_code == 422
    alumni = client.get(f"{PROGRAMMES}/{pid}/applications", headers=admin,
                        query_string={"outcome": "alumni"}).get_json()
    assert alumni["total"] == 3
