"""Reminders: rules that fill a notification outbox, and the delivery that empties it once."""
