"""The console: the pages national and programme admins run delivery from, calling the same
services with the same scoping as the API (a national admin sees their own country only)."""
