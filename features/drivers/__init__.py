"""Drivers: one per binding, one method per business action (see base.Driver)."""
