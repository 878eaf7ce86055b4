"""Certification: certificates anyone can verify, as PDF and as signed Open Badges credentials."""
