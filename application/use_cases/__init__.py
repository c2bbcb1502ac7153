"""One module per use case: a small class with its ports in __init__ and one __call__(command)."""
