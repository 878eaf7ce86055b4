"""The catalogue: search in any language, language fallback, fixed query counts."""

from tests.courses.conftest import COURSES


def test_arabic_search_ignores_diacritics_and_alef_forms(client, as_user, author):
    admin = as_user("programme_admin")
    author(admin, code="HR-1")
    author(admin, code="LEAD-1", title={"en": "Leadership", "ar": "القيادة"})
    trainee = as_user("trainee", country="JO")
    for query in ("حقوق", "حُقُوق الانسان", "Human RIGHTS"):
        found = client.get(COURSES, headers=trainee, query_string={"q": query}).get_json()
        assert [item["code"] for item in found["items"]] == ["HR-1"], query


def test_filters_by_language_and_category(client, as_user, author):
    admin = as_user("programme_admin")
    author(admin, code="HR-1")
    author(admin, code="FR-1", category="leadership", languages=["en", "fr"],
           title={"en": "Leading", "fr": "Diriger"}, description={})
    headers = as_user("trainee")
    by_language = client.get(COURSES, headers=headers, query_string={"language": "fr"})
    assert [item["code"] for item in by_language.get_json()["items"]] == ["FR-1"]
    by_category = client.get(COURSES, headers=headers, query_string={"category": "human-rights"})
    assert [item["code"] for item in by_category.get_json()["items"]] == ["HR-1"]


def test_texts_follow_the_callers_language_and_flag_fallback(client, as_user, author):
    course = author(as_user("programme_admin"),
                    description={"en": "Legality.", "ar": "الشرعية."})
    arabic = client.get(f"{COURSES}/{course['id']}",
                        headers=as_user("trainee", language="ar")).get_json()
    assert (arabic["title"], arabic["description"]) == ("حقوق الإنسان في عمل الشرطة", "الشرعية.")
    assert (arabic["language"], arabic["fallback"]) == ("ar", False)
    lesson = arabic["modules"][0]["lessons"][0]
    assert (lesson["title"], lesson["fallback"]) == ("Lesson 1", True)
    french = client.get(f"{COURSES}/{course['id']}",
                        headers=as_user("trainee", language="fr")).get_json()
    assert (french["title"], french["language"], french["fallback"]) == (
        "Human rights in policing", "en", True)


def test_an_untranslated_description_is_flagged(client, as_user, author):
    course = author(as_user("programme_admin"), description={"en": "Legality."})
    arabic = client.get(f"{COURSES}/{course['id']}",
                        headers=as_user("trainee", language="ar")).get_json()
    assert (arabic["description"], arabic["language"], arabic["fallback"]) == (
        "Legality.", "ar", True)


def _detail_queries(client, count_queries, headers, course_id):
    with count_queries() as queries:
        assert client.get(f"{COURSES}/{course_id}", headers=headers).status_code == 200
    return len(queries)


def test_course_detail_query_count_does_not_grow_with_the_course(client, as_user, author,
                                                                 count_queries):
    admin = as_user("programme_admin")
    small = author(admin, code="SMALL-1", lessons=1)
    large = author(admin, code="LARGE-1", lessons=25)
    headers = as_user("trainee")
    assert _detail_queries(client, count_queries, headers, small["id"]) == _detail_queries(
        client, count_queries, headers, large["id"])


def test_catalogue_query_count_is_fixed(client, as_user, author, count_queries):
    admin = as_user("programme_admin")
    author(admin, code="ONE-1")
    headers = as_user("trainee")
    with count_queries() as few:
        client.get(COURSES, headers=headers)
    for number in range(4):
        author(admin, code=f"MORE-{number}")
    with count_queries() as many:
        assert client.get(COURSES, headers=headers).get_json()["total"] == 5
    assert len(many) == len(few)


def test_arabic_search_ignores_tatweel_and_letter_variants(client, as_user, author):
    admin = as_user("programme_admin")
    author(admin, code="KNOW-1", title={"en": "Police knowledge", "ar": "المعرفة الشرطية"})
    trainee = as_user("trainee")
    for query in ("المعرفه", "المعـرفة", "الشرطيّة"):
        found = client.get(COURSES, headers=trainee, query_string={"q": query}).get_json()
        assert [item["code"] for item in found["items"]] == ["KNOW-1"], query


def test_search_matches_accents_and_descriptions_in_every_language(client, as_user, author):
    admin = as_user("programme_admin")
    author(admin, code="FR-1", languages=["en", "fr"], title={"en": "Leading", "fr": "Diriger"},
           description={"en": "Teams.", "fr": "Équipes et sécurité."})
    found = client.get(COURSES, headers=as_user("trainee"),
                       query_string={"q": "EQUIPES securite"}).get_json()
    assert [item["code"] for item in found["items"]] == ["FR-1"]


def test_title_sort_follows_the_callers_language(client, as_user, author):
    admin = as_user("programme_admin")
    author(admin, code="A-1", title={"en": "Alpha", "ar": "ياء"})
    author(admin, code="B-1", title={"en": "Zulu", "ar": "ألف"})
    author(admin, code="C-1", title={"en": "Middle"})  # no Arabic: sorted by English title

    def codes(language, sort):
        headers = as_user("trainee", language=language)
        items = client.get(COURSES, headers=headers, query_string={"sort": sort}).get_json()
        return [item["code"] for item in items["items"]]

    assert codes("en", "title") == ["A-1", "C-1", "B-1"]
    assert codes("en", "-title") == ["B-1", "C-1", "A-1"]
    assert codes("ar", "title") == ["C-1", "B-1", "A-1"]


def test_catalogue_pages_hold_at_most_100(client, as_user, author):
    admin = as_user("programme_admin")
    for number in range(3):
        author(admin, code=f"P-{number}", lessons=1, quiz=False)
    page = client.get(COURSES, headers=admin, query_string={"per_page": 2, "page": 2}).get_json()
    assert (page["total"], page["page"], page["per_page"], len(page["items"])) == (3, 2, 2, 1)
    too_many = client.get(COURSES, headers=admin, query_string={"per_page": 101})
    assert too_many.status_code == 422


def test_editors_get_every_translation_when_they_ask(client, as_user, author):
    admin = as_user("programme_admin")
    course = author(admin)
    plain = client.get(f"{COURSES}/{course['id']}", headers=admin).get_json()
    assert "title_translations" not in plain
    full = client.get(f"{COURSES}/{course['id']}", headers=admin,
                      query_string={"translations": "all"}).get_json()
    assert full["title_translations"] == {"en": "Human rights in policing",
                                          "ar": "حقوق الإنسان في عمل الشرطة"}
    lesson = full["modules"][0]["lessons"][0]
    assert (lesson["title_translations"], lesson["body_translations"]) == (
        {"en": "Lesson 1"}, {"en": "Read this."})
    question = full["modules"][0]["lessons"][-1]["quiz"]["questions"][0]
    assert question["choices_translations"][0] == {
        "key": "a", "text": {"en": "Necessary force"}, "correct": True}


def test_every_translation_is_for_editors_only(client, as_user, author):
    course = author(as_user("programme_admin"))
    trainee = as_user("trainee")
    response = client.get(f"{COURSES}/{course['id']}", headers=trainee,
                          query_string={"translations": "all"})
    assert response.status_code == 403
    listed = client.get(COURSES, headers=trainee, query_string={"translations": "all"})
    assert "title_translations" not in listed.get_json()["items"][0]


def test_modules_query_count_does_not_grow_with_the_course(client, as_user, author,
                                                           count_queries):
    admin = as_user("programme_admin")
    small = author(admin, code="SMALL-1", lessons=1)
    large = author(admin, code="LARGE-1", lessons=20)
    counts = []
    for course in (small, large):
        with count_queries() as queries:
            response = client.get(f"{COURSES}/{course['id']}/modules", headers=admin,
                                  query_string={"translations": "all"})
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def _without_modules(detail: dict) -> dict:
    return {name: value for name, value in detail.items() if name != "modules"}


def test_catalogue_items_are_what_the_detail_shows_of_each_course(client, as_user, author):
    admin = as_user("programme_admin")
    author(admin, code="BASIC-1", estimated_minutes=45)
    author(admin, code="HR-2", prerequisites=["BASIC-1"], description={},
           title={"en": "Rights", "ar": "الحقوق"})
    author(admin, code="FJ-1", country="FJ", languages=["en", "fr"],
           title={"en": "Island policing", "fr": "Police des îles"})
    author(admin, code="DRAFT-1", publish=False)
    for headers, query in ((as_user("trainee", country="FJ", language="ar"), {}),
                           (as_user("trainee", country="FJ", language="fr"), {}),
                           (as_user("national_admin", country="FJ"), {"translations": "all"}),
                           (admin, {"translations": "all", "status": "draft"})):
        page = client.get(COURSES, headers=headers, query_string=query).get_json()
        assert page["items"], query
        for item in page["items"]:
            detail = client.get(f"{COURSES}/{item['id']}", headers=headers,
                                query_string={"translations": "all"} if "title_translations"
                                in item else {}).get_json()
            assert item == _without_modules(detail)
    fijian = as_user("national_admin", country="FJ")
    shown = client.get(COURSES, headers=fijian, query_string={"translations": "all"}).get_json()
    editable = {item["code"] for item in shown["items"] if "title_translations" in item}
    assert editable == {"FJ-1"}


def test_a_page_past_the_end_is_empty_with_the_total(client, as_user, author):
    admin = as_user("programme_admin")
    for number in range(3):
        author(admin, code=f"PAGE-{number}")
    page = client.get(COURSES, headers=as_user("trainee"),
                      query_string={"per_page": 2, "page": 3}).get_json()
    assert page == {"items": [], "page": 3, "per_page": 2, "total": 3}
    second = client.get(COURSES, headers=as_user("trainee"),
                        query_string={"per_page": 2, "page": 2}).get_json()
    assert [item["code"] for item in second["items"]] == ["PAGE-2"] and second["total"] == 3


def test_a_catalogue_page_is_one_query_after_the_session(client, as_user, author,
                                                             count_queries):
    admin = as_user("programme_admin")
    author(admin, code="BASIC-1")
    for number in range(3):
        author(admin, code=f"MORE-{number}", prerequisites=["BASIC-1"])
    headers = as_user("trainee")
    with count_queries() as statements:
        page = client.get(COURSES, headers=headers, query_string={"q": "rights"}).get_json()
    assert page["total"] == 4
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 2  # the session; the page with its prerequisites and total
    assert {tuple(item["prerequisites"]) for item in page["items"]} == {(), ("BASIC-1",)}
