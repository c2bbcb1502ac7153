"""Unit tests of the domain rules and of the use cases on the in-memory adapters."""
