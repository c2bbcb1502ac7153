"""Ports: what the use cases need from the world, in domain words."""
