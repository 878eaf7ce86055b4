"""Surveys: questionnaires, campaigns, answers and results."""
