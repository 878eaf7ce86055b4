"""What an actor may do, and the query scoping every list and lookup goes through.

A national admin sees their own country, a programme admin sees everything, everybody else
sees themselves. Objects outside the actor's scope do not exist for them: lookups answer 404.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, false, select

from ..errors import Forbidden, one_or_404
from .models import Role, User

ADMIN_ROLES = (Role.NATIONAL_ADMIN, Role.PROGRAMME_ADMIN)


def is_programme_admin(actor: User) -> bool:
    return actor.has_role(Role.PROGRAMME_ADMIN)


def is_national_admin(actor: User) -> bool:
    return actor.has_role(Role.NATIONAL_ADMIN)


def is_admin(actor: User) -> bool:
    return actor.has_role(*ADMIN_ROLES)


def require_admin(actor: User) -> None:
    if not is_admin(actor):
        raise Forbidden(_l("Only administrators may do this."))


def admin_countries(actor: User) -> set[str] | None:
    """The countries an actor administers: None means all of them, an empty set none."""
    if is_programme_admin(actor):
        return None
    if is_national_admin(actor):
        return {actor.country_code}
    return set()


def scope_by_country(stmt: Select, actor: User, country_column, *, own_column=None) -> Select:
    """Narrow `stmt` to rows of the countries the actor administers (or the actor's own rows)."""
    countries = admin_countries(actor)
    if countries is None:
        return stmt
    if countries:
        return stmt.where(country_column.in_(countries))
    if own_column is not None:
        return stmt.where(own_column == actor.id)
    return stmt.where(false())


def scope_users(stmt: Select, actor: User) -> Select:
    """Narrow a select over User to the users the actor may see."""
    return scope_by_country(stmt, actor, User.country_code, own_column=User.id)


def get_user(actor: User, user_id: int) -> User:
    """A user the actor may see, or NotFound."""
    return one_or_404(scope_users(select(User).where(User.id == user_id), actor),
                      _l("No such user."))


def require_country_admin(actor: User, country_code: str) -> None:
    """Allow managing people and objects of `country_code` only to its admins."""
    countries = admin_countries(actor)
    if countries is not None and country_code not in countries:
        if not countries:
            raise Forbidden(_l("Only administrators may do this."))
        raise Forbidden(_l("You can only manage your own country."))


def assignable_roles(actor: User) -> set[str]:
    if is_programme_admin(actor):
        return {role.value for role in Role}
    if is_national_admin(actor):
        return {role.value for role in Role} - {Role.PROGRAMME_ADMIN.value}
    return set()


def can_manage_user(actor: User, user: User) -> bool:
    """Admins manage the people of their scope, but never someone holding a role they could
    not grant (a national admin cannot reset a programme admin's password)."""
    if not is_admin(actor):
        return False
    if not is_programme_admin(actor) and user.country_code != actor.country_code:
        return False
    return user.roles <= assignable_roles(actor)
