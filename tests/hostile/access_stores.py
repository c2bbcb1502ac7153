"""Everything a binding has stored, as bytes to search: the local data directory (the SQLite
file, its write-ahead log, blobs, keys), the DynamoDB table and S3 bucket on moto, the Azure
table, blob container and queues on Azurite. Read as an intruder with the storage would."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from azure.data.tables import TableServiceClient
from azure.storage.blob import BlobServiceClient

from tests.support.aws import client
from tests.support.drivers.api import ApiDriver
from tests.support.drivers.aws import AwsDriver
from tests.support.drivers.azure import AzureDriver
from tests.support.drivers.http import HttpDriver


def stored(api: ApiDriver) -> dict[str, bytes]:
    """Each store of the binding by name, with all it holds."""
    if isinstance(api, HttpDriver):
        return _local(api.c.ports.settings().database_path)
    if isinstance(api, AwsDriver):
        return _aws(api)
    if isinstance(api, AzureDriver):
        return _azure(api)
    raise TypeError(f"no stores known for {type(api).__name__}")


def _local(database: Path) -> dict[str, bytes]:
    """Every file of the data directory byte for byte, and the database dumped as SQL (which
    reads through the write-ahead log, whatever has been checkpointed)."""
    files = {str(p): p.read_bytes() for p in sorted(database.parent.rglob("*")) if p.is_file()}
    with sqlite3.connect(database) as connection:
        dump = "\n".join(connection.iterdump()).encode()
    return {**files, "sql dump": dump}


def _aws(api: AwsDriver) -> dict[str, bytes]:
    items = [
        item
        for page in client("dynamodb").get_paginator("scan").paginate(TableName=api.testbed.table)
        for item in page["Items"]
    ]
    s3, bucket = client("s3"), api.testbed.bucket
    objects = {
        f"s3://{bucket}/{o['Key']}": s3.get_object(Bucket=bucket, Key=o["Key"])["Body"].read()
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket)
        for o in page.get("Contents", [])
    }
    # Binary attributes (packed readings) as latin-1 text: every byte stays searchable.
    text = json.dumps(items, default=lambda value: bytes(value).decode("latin-1"))
    return {f"dynamodb:{api.testbed.table}": text.encode(), **objects}


def _azure(api: AzureDriver) -> dict[str, bytes]:
    connection = api.storage.connection_string
    table = TableServiceClient.from_connection_string(connection).get_table_client(api.table)
    entities = [dict(entity) for entity in table.list_entities()]
    blobs = BlobServiceClient.from_connection_string(connection).get_container_client(
        api.container_name
    )
    contents = {f"blob:{b.name}": blobs.download_blob(b.name).readall() for b in blobs.list_blobs()}
    queued = {
        f"queue:{queue.queue_name}": "\n".join(
            str(m.content) for m in queue.peek_messages(max_messages=32)
        ).encode()
        for queue in (api.jobs, api.poison)
    }
    table_text = json.dumps(entities, default=str).encode()
    return {f"table:{api.table}": table_text, **contents, **queued}
