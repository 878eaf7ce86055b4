"""Naming a person in a console form by e-mail address, within the admin's scope."""

from __future__ import annotations

from flask_babel import gettext

from ...accounts.models import User, lower_email
from ...accounts.services import users_query
from ...extensions import db
from ..pages import me


def person_by_email(typed: dict, field: str, problems: dict) -> User | None:
    """The person of the address typed under `field` whom the admin may see; otherwise None,
    with the reason under `field` in `problems` (someone of another country is not told
    apart from nobody)."""
    address = lower_email(typed.get(field) or "")
    if not address:
        problems[field] = [gettext("Give the person's e-mail address.")]
        return None
    person = db.session.scalar(users_query(me(), {}).where(User.email == address))
    if person is None:
        problems[field] = [gettext("Nobody you manage has this e-mail address.")]
    return person
