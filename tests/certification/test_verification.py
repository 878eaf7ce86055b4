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
