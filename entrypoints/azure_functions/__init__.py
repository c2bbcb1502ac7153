"""Azure Functions (Python v2 model) binding the one route table and every trigger: issue 4."""
