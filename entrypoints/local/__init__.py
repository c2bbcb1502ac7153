"""The local binding: a Starlette app over the shared route table, served by uvicorn."""
