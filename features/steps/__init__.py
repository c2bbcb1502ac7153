"""Step definitions: each talks to the system only through the binding's driver."""
