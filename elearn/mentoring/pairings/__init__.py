"""Pairings: a mentor and a mentee, from proposal to closure, the care around them and what
the mentor sees of their mentees."""
