"""Repeatable performance scenarios, measured against a bare-Flask ceiling in the same run."""
