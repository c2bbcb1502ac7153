"""The AWS binding: one Lambda handler per trigger, each a thin translation to a use case.

| trigger | handler |
|---|---|
| API Gateway HTTP API (payload 2.0) or REST API (1.0) | `http.handler` |
| SQS readings queue, fed by the IoT rule of the trackers' Basic Ingest topic (ReportBatchItemFailures) | `readings.handler` |
| S3 ObjectCreated notification of the bucket | `s3.handler` |
| SQS jobs queue (ReportBatchItemFailures) | `sqs.handler` |
| EventBridge rule on Pawtrack's bus | `events.handler` |
| API Gateway WebSocket API | `websocket.connect`, `websocket.disconnect`, `websocket.default` |

The raw events are read through thin views (`apigateway`, `events_data`); no Lambda
event type reaches `application/`. The handlers of one execution environment share
one container (`runtime`), built on the first invocation, never at import time.
"""
