"""A campaign and its invitations cost the same statements for thirty people or three
hundred; the results, the same for any number of answers."""

from __future__ import annotations

from tests.enrollments.test_progress import sql

from .conftest import SURVEYS


def _open(client, headers, name):
    return client.post(SURVEYS, headers=headers, json={
        "template": "needs_assessment", "name": name,
        "audience": {"kind": "country", "roles": ["trainee"]},
        "opens_on": "2026-01-01", "closes_on": "2030-01-01"})


def test_inviting_costs_the_same_statements_whatever_the_audience(client, make_user,
                                                                  tonga_admin, count_queries):
    _open(client, tonga_admin, "warm-up")  # the template questionnaire is created once
    for number in range(30):
        make_user(f"a{number}@example.org", country="TO")
    with count_queries() as few:
        assert _open(client, tonga_admin, "few").status_code == 201
    for number in range(300):
        make_user(f"b{number}@example.org", country="TO")
    with count_queries() as many:
        assert _open(client, tonga_admin, "many").status_code == 201
    assert len(sql(few)) == len(sql(many))
