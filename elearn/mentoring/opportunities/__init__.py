"""Opportunities (conferences, coaching, the field exercise) and who is nominated to them."""
