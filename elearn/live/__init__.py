"""Live delivery: sessions, attendance, calendars."""
