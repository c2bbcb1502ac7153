"""Lambda handlers binding the one route table and every trigger to the use cases: issue 3."""
