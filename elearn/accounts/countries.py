"""The partner countries every installation starts with."""

from __future__ import annotations

from sqlalchemy import select

from ..extensions import db
from .models import Country, Region

PACIFIC_WEEKEND = "6,7"  # Saturday and Sunday
GULF_WEEKEND = "5,6"  # Friday and Saturday

# (ISO code, name, default language, IANA time zone, region, weekend)
PARTNER_COUNTRIES = (
    ("FJ", "Fiji", "en", "Pacific/Fiji", Region.PACIFIC, PACIFIC_WEEKEND),
    ("KI", "Kiribati", "en", "Pacific/Tarawa", Region.PACIFIC, PACIFIC_WEEKEND),
    ("MH", "Marshall Islands", "en", "Pacific/Majuro", Region.PACIFIC, PACIFIC_WEEKEND),
    ("FM", "Micronesia", "en", "Pacific/Pohnpei", Region.PACIFIC, PACIFIC_WEEKEND),
    ("NR", "Nauru", "en", "Pacific/Nauru", Region.PACIFIC, PACIFIC_WEEKEND),
    ("PW", "Palau", "en", "Pacific/Palau", Region.PACIFIC, PACIFIC_WEEKEND),
    ("PG", "Papua New Guinea", "en", "Pacific/Port_Moresby", Region.PACIFIC, PACIFIC_WEEKEND),
    ("WS", "Samoa", "en", "Pacific/Apia", Region.PACIFIC, PACIFIC_WEEKEND),
    ("SB", "Solomon Islands", "en", "Pacific/Guadalcanal", Region.PACIFIC, PACIFIC_WEEKEND),
    ("TO", "Tonga", "en", "Pacific/Tongatapu", Region.PACIFIC, PACIFIC_WEEKEND),
    ("VU", "Vanuatu", "en", "Pacific/Efate", Region.PACIFIC, PACIFIC_WEEKEND),
    ("DZ", "Algeria", "ar", "Africa/Algiers", Region.MENA, GULF_WEEKEND),
    ("EG", "Egypt", "ar", "Africa/Cairo", Region.MENA, GULF_WEEKEND),
    ("JO", "Jordan", "ar", "Asia/Amman", Region.MENA, GULF_WEEKEND),
    ("LB", "Lebanon", "ar", "Asia/Beirut", Region.MENA, PACIFIC_WEEKEND),
    ("MA", "Morocco", "ar", "Africa/Casablanca", Region.MENA, PACIFIC_WEEKEND),
    ("PS", "Palestine", "ar", "Asia/Hebron", Region.MENA, GULF_WEEKEND),
    ("TN", "Tunisia", "ar", "Africa/Tunis", Region.MENA, PACIFIC_WEEKEND),
)


def seed_countries() -> int:
    """Add the partner countries that are missing; return how many were added. Safe to repeat."""
    existing = set(db.session.scalars(select(Country.code)))
    added = 0
    for code, name, language, timezone, region, weekend in PARTNER_COUNTRIES:
        if code in existing:
            continue
        db.session.add(
            Country(
                code=code, name=name, default_language=language, timezone=timezone,
                region=region.value, weekend=weekend,
            )
        )
        added += 1
    db.session.flush()
    return added
