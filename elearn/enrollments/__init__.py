"""Enrolments: offerings (course runs), enrolments, progress, quiz attempts and offline sync."""
