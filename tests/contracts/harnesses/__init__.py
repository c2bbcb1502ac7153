"""Test-side accessors for ports whose effect is seen outside the adapter, one module per concern."""
