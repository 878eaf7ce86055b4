"""Demo data: the regional space of the Pacific partners and the Arabic space for champions
of gender equality, open to the MENA programme's participants and mentors."""

from __future__ import annotations

from sqlalchemy import select

from ..accounts.models import Country, Region, User
from ..extensions import db
from ..mentoring.models import Programme
from ..timeutils import utcnow
from . import discussions, library, spaces
from .audience import access
from .models import Space

PACIFIC = {
    "name": {"en": "Pacific women in policing network",
             "fr": "Réseau des femmes policières du Pacifique"},
    "description": {"en": "Exchange between officers of the Pacific partner countries: "
                          "practice, training and the monthly focal-point call.",
                    "fr": "Échanges entre policières et policiers des pays partenaires du "
                          "Pacifique."},
    "language": "en", "audience": "countries",
}
CHAMPIONS = {
    "name": {"ar": "فضاء أبطال المساواة بين الجنسين في إنفاذ القانون",
             "en": "Champions of gender equality in law enforcement"},
    "description": {"ar": "فضاء باللغة العربية لتبادل المعلومات غير العملياتية والموارد بين "
                          "المشاركات والمرشدات في البرنامج."},
    "language": "ar", "audience": "programme",
}
WELCOME = {
    "en": ("Welcome: introduce yourself", "Tell us your unit, your country and one thing "
           "you would like to learn from colleagues in the region."),
    "ar": ("أهلًا بكنّ: عرّفن بأنفسكنّ", "أخبرينا عن وحدتك وبلدك وعن أمر واحد تودّين تعلّمه "
           "من زميلاتك في المنطقة."),
}
TOOLKIT = {"en": "Gender-sensitive policing toolkit", "ar": "دليل العمل الشرطي المراعي للنوع "
           "الاجتماعي"}


def _user(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email))


def _region(region: Region) -> list[str]:
    return list(db.session.scalars(select(Country.code).where(Country.region == region)
                                   .order_by(Country.code)))


def _open(admin: User, data: dict, moderator: User | None, now) -> Space:
    space = spaces.create_space(admin, data, now=now)
    place = access(admin, space, now=now)
    if moderator is not None:
        spaces.name_member(admin, place, moderator.id, "moderator", now=now)
    title, body = WELCOME[space.language]
    discussions.start_thread(admin, place, {"title": title, "body": body}, now=now)
    library.add_resource(admin, place, {
        "title": TOOLKIT[space.language], "language": space.language, "type": "toolkit",
        "topic": "gender", "url": "https://www.dcaf.ch/gender-and-security-toolkit"},
        None, now=now)
    return space


def demo_spaces(admin_email: str, mena_programme: str) -> list[str]:
    """Both spaces, once (nothing happens when they exist or a demo user is missing)."""
    admin = _user(admin_email)
    programme = db.session.scalar(select(Programme).where(Programme.name == mena_programme))
    if admin is None or programme is None or db.session.scalar(select(Space.id)):
        return []
    now = utcnow()
    pacific = _open(admin, PACIFIC | {"countries": _region(Region.PACIFIC)},
                    _user("admin.fj@demo.elearn"), now)
    champions = _open(admin, CHAMPIONS | {"programme_id": programme.id,
                                          "countries": _region(Region.MENA)},
                      _user("admin.jo@demo.elearn"), now)
    return ["Networks:", f"  space {pacific.id}: {PACIFIC['name']['en']} (Pacific officers)",
            f"  space {champions.id}: {CHAMPIONS['name']['en']} (Arabic; the MENA "
            "programme's participants and mentors)"]
