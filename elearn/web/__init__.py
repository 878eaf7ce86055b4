"""The HTTP conventions every domain shares: pagination, ETags, gzip, idempotent POSTs, auth."""
