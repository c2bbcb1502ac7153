"""The product owner's acceptance criteria, run against every binding."""
