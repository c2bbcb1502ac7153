"""A redirect URI is refused by every binding exactly when the OpenAPI document refuses it: the
domain checks the document's own pattern (schemathesis found "https://00*" accepted)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from domain.apps import REDIRECT_URI_SHAPE, redirect_uri
from domain.errors import InvalidInput

DOCUMENT = Path(__file__).parents[2] / "entrypoints" / "http" / "openapi.yaml"


def document_pattern() -> str:
    schemas = yaml.safe_load(DOCUMENT.read_text())["components"]["schemas"]
    pattern = schemas["NewAppRequest"]["properties"]["redirect_uris"]["items"]["pattern"]
    assert isinstance(pattern, str)
    return pattern


def test_the_domain_checks_the_documents_pattern() -> None:
    assert REDIRECT_URI_SHAPE.pattern == document_pattern()


@pytest.mark.parametrize(
    "uri",
    [
        "https://vetbook.example/callback",
        "https://vetbook.example:8443/cb?x=1",
        "http://127.0.0.1:5?",
        "http://127.0.0.1/cb",
        "https://00",
    ],
)
def test_a_redirect_uri_of_the_documents_shape_is_kept_exactly(uri: str) -> None:
    assert re.fullmatch(document_pattern(), uri)
    assert redirect_uri(uri) == uri


@pytest.mark.parametrize(
    "uri",
    [
        "https://00*",  # a host of characters no host name holds
        "https://vetbook.example/cb#fragment",
        "https://user:pass@vetbook.example/cb",
        "http://vetbook.example/cb",  # http only on the loopback address
        "http://localhost/cb",
        "https://vetbook.example/c b",
        "vetbook.example/cb",
        "https://vetbook.example/\u00e9",
    ],
)
def test_a_redirect_uri_the_document_refuses_is_refused(uri: str) -> None:
    assert not re.fullmatch(document_pattern(), uri)
    with pytest.raises(InvalidInput) as refused:
        redirect_uri(uri)
    assert refused.value.field == "redirect_uris"


def test_a_port_beyond_65535_is_refused_though_the_pattern_allows_five_digits() -> None:
    with pytest.raises(InvalidInput, match="port"):
        redirect_uri("https://vetbook.example:99999/cb")
