"""Public verification by code: JSON, an accessible page, throttled guessing."""

CERTS = "/api/v1/certificates"


def test_verify_by_short_code_as_json(client, certified):
    holder = certified()
    code = holder["certificate"]["code"]
    body = client.get(f"/verify/{code.lower()}", headers={"Accept": "application/json"})
    view = body.get_json()
    assert view["holder_name"] == "Ana Taufa" and view["status"] == "valid"
    assert set(view) == {"code", "holder_name", "certified", "course_code", "kind", "issuer",
                         "issued_at", "expires_at", "status", "revoked_at"}


def test_browser_gets_a_page_right_to_left_in_arabic(client, certified):
    holder = certified(country="JO", language="ar", name="لينا خليل")
    page = client.get(f"/verify/{holder['certificate']['code']}",
                      headers={"Accept": "text/html", "Accept-Language": "ar"})
    assert page.mimetype == "text/html"
    text = page.get_data(as_text=True)
    assert 'dir="rtl"' in text and "لينا خليل" in text


def test_a_latin_course_code_keeps_its_brackets_in_arabic(client, certified):
    holder = certified(country="JO", language="ar", code="HRGM-101")
    text = client.get(f"/verify/{holder['certificate']['code']}",
                      headers={"Accept": "text/html", "Accept-Language": "ar"}).get_data(
        as_text=True)
    assert '<bdi dir="ltr">(HRGM-101)</bdi>' in text


def test_revocation_shows_on_the_page_and_in_the_list(client, certified, as_user):
    holder = certified()
    client.post(f"{CERTS}/{holder['certificate']['id']}/revoke",
                headers=as_user("programme_admin"), json={"reason": "Fraud"})
    view = client.get(f"/verify/{holder['certificate']['code']}").get_json()
    assert view["status"] == "revoked"
    revoked = client.get("/.well-known/revocations.json").get_json()
    assert holder["certificate"]["code"].replace("-", "") in [r["code"] for r in
                                                               revoked["revoked"]]


def test_unknown_code_is_404_and_guessing_is_throttled(client, app):
    app.config["VERIFY_MAX_MISSES_PER_MINUTE"] = 3
    answers = [client.get(f"/verify/ABCDE{n:05d}").status_code for n in range(5)]
    assert answers[:3] == [404, 404, 404]
    assert answers[-1] == 429


def test_verification_is_one_query_and_answers_in_the_holders_language(client, certified,
                                                                       count_queries):
    holder = certified(country="JO", language="ar", name="لينا خليل")
    code = holder["certificate"]["code"]
    with count_queries() as statements:
        view = client.get(f"/verify/{code}", headers={"Accept": "application/json"}).get_json()
    assert view["holder_name"] == "لينا خليل" and view["status"] == "valid"
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1
    page = client.get(f"/verify/{code}", headers={"Accept": "text/html"})
    assert 'dir="rtl"' in page.get_data(as_text=True)  # no Accept-Language: the holder's


def test_a_certificate_keeps_the_name_it_was_issued_to(client, certified):
    holder = certified(name="Ana Taufa")
    me = client.get("/api/v1/me", headers=holder["headers"]).get_json()
    renamed = client.patch(f"/api/v1/users/{me['id']}", headers=holder["headers"],
                           json={"name": "Someone Else"})
    assert renamed.status_code == 200
    code = holder["certificate"]["code"]
    view = client.get(f"/verify/{code}", headers={"Accept": "application/json"}).get_json()
    assert view["holder_name"] == "Ana Taufa"
    mine = client.get("/api/v1/me/certificates", headers=holder["headers"]).get_json()
    assert mine["items"][0]["holder_name"] == "Ana Taufa"


def test_renaming_yourself_is_audited_with_the_old_and_new_name(client, certified, as_user):
    holder = certified(name="Ana Taufa")
    me = client.get("/api/v1/me", headers=holder["headers"]).get_json()
    client.patch(f"/api/v1/users/{me['id']}", headers=holder["headers"],
                 json={"name": "Someone Else"})
    events = client.get("/api/v1/audit-events", headers=as_user("programme_admin"),
                        query_string={"action": "user.update"}).get_json()["items"]
    [event] = [event for event in events if event["object_id"] == str(me["id"])
               or event["object_id"] == me["id"]]
    assert event["details"]["identity"] == {"name": {"from": "Ana Taufa",
                                                     "to": "Someone Else"}}
