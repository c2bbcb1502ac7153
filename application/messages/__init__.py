"""The messages Pawtrack's own buses and queues carry, one codec each: what a publisher
writes (an adapter) is exactly what its consumer reads (an entrypoint)."""
