"""Use cases and the ports they need. Knows no cloud."""
