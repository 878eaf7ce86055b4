"""Reminders: rules that fill a notification outbox, and the delivery that empties it once."""

# The mentoring rules and the account invitation register themselves next to the core ones
# in rules.py.
from . import account_messages, mentoring_rules  # noqa: E402,F401
