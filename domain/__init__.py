"""The pure domain of Pawtrack: values, entities and rules. Imports nothing but the standard library and attrs."""
