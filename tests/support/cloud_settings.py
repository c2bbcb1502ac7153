"""Settings of each cloud provider as a deployment would give them, pointing at 127.0.0.1
(nothing listens there: for tests that build adapters without calling them)."""

from __future__ import annotations

from entrypoints.settings import AwsSettings, AzureSettings

AWS = AwsSettings.from_environment(
    {
        "AWS_REGION": "eu-central-1",
        "PAWTRACK_TABLE": "pawtrack",
        "PAWTRACK_BUCKET": "pawtrack-bucket",
        "PAWTRACK_JOBS_QUEUE_URL": "http://127.0.0.1:1/000000000000/jobs",
        "PAWTRACK_EVENT_BUS": "pawtrack",
        "PAWTRACK_USER_POOL_ID": "eu-central-1_abcdef",
        "PAWTRACK_APP_CLIENT_ID": "client",
        "PAWTRACK_APNS_PLATFORM_ARN": "arn:aws:sns:eu-central-1:000000000000:app/APNS/p",
        "PAWTRACK_FCM_PLATFORM_ARN": "arn:aws:sns:eu-central-1:000000000000:app/GCM/p",
        "PAWTRACK_WEBSOCKET_ENDPOINT": "http://127.0.0.1:1",
        "PAWTRACK_CURSOR_KEY_ID": "arn:aws:kms:eu-central-1:000000000000:key/cursors",
    }
)
AZURITE_KEY = (
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
)
AZURE = AzureSettings.from_environment(
    {
        "PAWTRACK_STORAGE_CONNECTION": (
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
            f"AccountKey={AZURITE_KEY};BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;"
            "QueueEndpoint=http://127.0.0.1:2/devstoreaccount1;"
            "TableEndpoint=http://127.0.0.1:3/devstoreaccount1;"
        ),
        "PAWTRACK_EVENTGRID_ENDPOINT": "http://127.0.0.1:4/api/events",
        "PAWTRACK_EVENTGRID_KEY": "a2V5",
        "PAWTRACK_NOTIFICATION_HUB_CONNECTION": (
            "Endpoint=sb://127.0.0.1:5/;SharedAccessKeyName=send;SharedAccessKey=a2V5"
        ),
        "PAWTRACK_NOTIFICATION_HUB": "pawtrack",
        "PAWTRACK_WEBPUBSUB_CONNECTION": f"Endpoint=http://127.0.0.1:6;AccessKey={AZURITE_KEY};Version=1.0;",
        "PAWTRACK_ENTRA_TENANT_ID": "tenant",
        "PAWTRACK_ENTRA_AUDIENCE": "api://pawtrack",
        "PAWTRACK_ENTRA_MOBILE_CLIENT_ID": "mobile",
        "PAWTRACK_GRAPH_CLIENT_ID": "graph",
        "PAWTRACK_GRAPH_CLIENT_SECRET": "not-a-secret",
    }
)
