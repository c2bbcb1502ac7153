"""Test support shared by several suites: emulators and the resources they need."""
