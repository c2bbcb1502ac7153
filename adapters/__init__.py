"""Adapters: one package per provider; each adapter implements one port of application.ports."""
