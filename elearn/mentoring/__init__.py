"""The two-year mentoring and upskilling programme: selection, pairings, plans, alumni."""
