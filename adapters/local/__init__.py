"""Embedded local default (SQLite, files, local token issuer) and in-memory adapters."""
