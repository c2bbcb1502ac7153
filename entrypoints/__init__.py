"""Entrypoints bind the use cases to triggers: local server and CLI, Lambda, Azure Functions."""
