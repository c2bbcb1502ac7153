"""The Azure binding: Azure Functions (Python v2 programming model), one thin function per trigger.

| trigger | function (module) | use case |
|---|---|---|
| HTTP, one function per route of the table (route template + method) | `http_<method>_<path>` (`http_api`) | `dispatch` of that route |
| HTTP GET /live/negotiate (bearer token) | `live_negotiate` (`live`) | Authenticate; a Web PubSub client URL |
| Event Hub: IoT Hub's built-in endpoint, cardinality many | `iot_readings` (`iot`) | RecordReadings |
| Event Grid: the storage account's BlobCreated under `bundles/` | `bundles_created` (`bundles`) | QueueBundleProcessing |
| Storage Queue: the jobs queue (poison queue after maxDequeueCount) | `jobs_process` (`jobs`) | ProcessBundle |
| Event Grid: Pawtrack's custom topic of domain events | `events_announce` (`events`) | Announce |

`function_app.app` registers each module's blueprint. No provider type reaches
`application/`; the functions of one worker share one container (`runtime`), built on the
first invocation, never at import time.
"""
