"""Regional networks: spaces, discussions, a resource library and announcements."""
