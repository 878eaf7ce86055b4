"""Every mentoring operation, fed malformed input against real objects, answers 4xx."""

import re

from tests.test_robustness import OPERATIONS, WRONG_VALUES, _body_fields

MENTORING = [(path, method, operation, spec) for path, method, operation, spec in OPERATIONS
             if re.search(r"programmes|pairings|mentees|concerns|opportunities", path)]


def test_malformed_input_on_real_objects_is_4xx(client, admin, active_pairing):
    pairing = active_pairing()
    ids = {"programme_id": pairing["programme"]["id"],
           "application_id": pairing["application"]["id"],
           "pairing_id": pairing["id"], "goal_id": 1, "milestone_id": 1, "concern_id": 1,
           "opportunity_id": 1, "nomination_id": 1}
    assert len(MENTORING) >= 25
    for path, method, operation, spec in MENTORING:
        url = re.sub(r"\{(\w+)\}", lambda match: str(ids[match.group(1)]), path)
        send = getattr(client, method)
        answers = []
        if method in {"post", "patch"}:
            answers.append(send(url, headers=admin, data="{broken",
                                content_type="application/json"))
            answers.append(send(url, headers=admin, json=[1, 2, 3]))
            for field in _body_fields(operation, spec):
                answers.extend(send(url, headers=admin, json={field: value})
                               for value in WRONG_VALUES)
        for parameter in operation.get("parameters", []):
            if parameter.get("in") == "query":
                answers.extend(send(url, headers=admin, query_string={parameter["name"]: value})
                               for value in ("", "x" * 3000, "-1", "null", "٣"))
        for answer in answers:
            assert answer.status_code < 500, (method, url, answer.get_data()[:300])
            if answer.status_code >= 400:
                assert answer.mimetype == "application/problem+json"
