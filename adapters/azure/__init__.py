"""Azure adapters (Tables, Blob, Queues, Event Grid, Notification Hubs, Web PubSub, Entra ID): issue 4."""
