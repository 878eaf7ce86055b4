"""What the OpenAPI document says about fields beyond their type, so that it states every
rule a request is checked against that JSON Schema can state."""

from __future__ import annotations

import marshmallow as ma
from apispec import BasePlugin

# The edge refuses text no database column can hold (see `edge.py`): say so on every string.
# The NUL character. (Halves of a surrogate pair are refused too, but a pattern cannot name
# them: regular expression engines that work on Unicode scalar values reject the range.)
UNSTORABLE = "\\u0000"
STORABLE_TEXT = f"^[^{UNSTORABLE}]*$"
# What Python's `str.isspace` calls a space, spelled out: `\\s` means less in other dialects.
SPACE = "\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"
NOT_BLANK = f"[^{SPACE}{UNSTORABLE}]"
# Text with something in it besides spaces (Python's `re` reads it as JSON Schema does).
FILLED_TEXT = f"^[^{UNSTORABLE}]*{NOT_BLANK}[^{UNSTORABLE}]*$"


class TextMap(ma.fields.Dict):
    """A map of language code to text, documented with its languages and, with `some_text`,
    the rule that at least one text is there and none is blank; `item_pattern` documents
    what each text must look like."""

    def __init__(self, *, languages, some_text=False, item_pattern=None, max_length=None,
                 **kwargs):
        self.languages = tuple(languages)
        self.some_text = some_text
        self.item_pattern = item_pattern
        self.max_length = max_length
        super().__init__(keys=ma.fields.String(), values=ma.fields.String(), **kwargs)

    def json_schema(self) -> dict:
        pattern = self.item_pattern or (
            FILLED_TEXT if self.some_text else STORABLE_TEXT)
        item = {"type": "string", "pattern": pattern}
        if self.max_length:
            item["maxLength"] = self.max_length
        schema = {"properties": dict.fromkeys(self.languages, item),
                  "additionalProperties": False}
        if self.some_text:
            schema["minProperties"] = 1
        return schema


def field_rules(self, field, **kwargs) -> dict:
    """An apispec attribute function (`self` is its converter)."""
    ret = kwargs.get("ret", {})
    if isinstance(field, TextMap):
        return field.json_schema()
    if isinstance(field, ma.fields.Dict):
        rules = {}
        for length, count in (("minLength", "minProperties"), ("maxLength", "maxProperties")):
            if length in ret:  # a Length validator counts a map's entries
                rules[count] = ret.pop(length)
        if field.key_field is not None:
            # JSON Schema's `propertyNames`, which tools that know JSON Schema honour.
            rules["propertyNames"] = self.field2property(field.key_field)
        return rules
    if (isinstance(field, ma.fields.String) and ret.get("type") == "string"
            and not {"pattern", "enum", "format"} & ret.keys()):
        return {"pattern": STORABLE_TEXT}
    return {}


class SchemaRules(BasePlugin):
    """A marshmallow schema's `OPENAPI_RULES` (JSON Schema keywords such as `anyOf`) join its
    component in the document: the cross-field rules its `validates_schema` checks."""

    def schema_helper(self, name, definition, **kwargs):
        schema = kwargs.get("schema")
        cls = schema if isinstance(schema, type) else type(schema)
        return getattr(cls, "OPENAPI_RULES", None)


def required_together(**cases) -> dict:
    """`anyOf` saying: when `field` has one of `values`, `required` must be there too.

    `required_together(kind=(["quiz"], ["quiz"]))` — a quiz lesson needs its quiz."""
    (field, (values, required)), = cases.items()
    return {"anyOf": [{"properties": {field: {"not": {"enum": values}}}},
                      {"required": [field, *required],
                       "properties": {name: {"minLength": 1} for name in required}}]}
