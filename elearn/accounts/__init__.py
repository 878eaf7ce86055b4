"""Accounts: countries, users, roles, sign-in and the permissions that scope every query."""
