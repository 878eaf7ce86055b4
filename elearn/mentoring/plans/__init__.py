"""A pairing's plan: goals, milestones and check-ins; with the concerns, opportunities and
nominations recorded alongside."""
