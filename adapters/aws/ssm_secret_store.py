"""Secrets as SSM Parameter Store SecureStrings under the stage's path
(`/pawtrack/<stage>/secrets/<name>`), encrypted with the account's `aws/ssm` key. Standard
parameters and their API calls at standard throughput cost nothing."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from application.ports.secrets import SecretStore


class SsmSecretStore(SecretStore):
    def __init__(self, ssm_client: Any, path: str) -> None:
        self._ssm, self._path = ssm_client, path.rstrip("/")

    def put(self, name: str, value: str) -> None:
        self._ssm.put_parameter(
            Name=f"{self._path}/{name}", Value=value, Type="SecureString", Overwrite=True
        )

    def get(self, name: str) -> str | None:
        try:
            found = self._ssm.get_parameter(Name=f"{self._path}/{name}", WithDecryption=True)
        except ClientError as error:
            if error.response["Error"]["Code"] == "ParameterNotFound":
                return None
            raise
        return str(found["Parameter"]["Value"])

    def delete(self, name: str) -> None:
        try:
            self._ssm.delete_parameter(Name=f"{self._path}/{name}")
        except ClientError as error:
            if error.response["Error"]["Code"] != "ParameterNotFound":
                raise
