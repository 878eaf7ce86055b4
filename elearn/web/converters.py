"""URL converters: what a path segment may hold, said once for the router and the OpenAPI
document alike."""

from __future__ import annotations

from werkzeug.exceptions import NotFound
from werkzeug.routing import BaseConverter, IntegerConverter

from .validation import MAX_ID


class IdConverter(IntegerConverter):
    """`<int:...>` ids within the database's integer range: larger ones simply do not exist.

    They answer 404 for every method. (A converter that merely refused them would leave the
    router to answer 405 for a path whose other methods it then thinks it knows.)
    """

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise NotFound()
        return number


class CategoryConverter(BaseConverter):
    """`<category:...>` a course category slug, never the word `exemptions`, which names the
    exemptions of a mandatory rule at the same depth of the path."""

    regex = r"(?!exemptions(?:/|$))[a-z0-9-]{1,80}"


CONVERTERS = {
    "int": (IdConverter, {"type": "integer", "minimum": 0, "maximum": MAX_ID}),
    "category": (CategoryConverter, {"type": "string", "pattern": "^[a-z0-9-]{1,80}$",
                                     "not": {"enum": ["exemptions"]}}),
}


def register_converters(app, api) -> None:
    """Teach the router (before any blueprint) and the OpenAPI document the converters."""
    for name, (converter, schema) in CONVERTERS.items():
        app.url_map.converters[name] = converter
        api.register_converter(converter, lambda _converter, schema=schema: schema)
