"""Contentful as it is really configured, through each binding's webhook.

A space holds many content types whose fields may share names: only entries of the configured
content type become articles. Long text is Rich Text by default: it is rendered to the
article's text. Every configured locale is stored, and a reader gets the language they ask for
(Accept-Language), or the default locale's text.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from dependency_injector import providers

from domain.content import ContentModel
from tests.support.drivers.api import CONTENTFUL_TYPE, ApiDriver
from tests.support.figures import Figures

PUBLISH = "ContentManagement.Entry.publish"
UNPUBLISH = "ContentManagement.Entry.unpublish"
MODEL = ContentModel("adviceArticle", ("en-US", "de-DE"))


def rich_text(*paragraphs: str) -> dict[str, Any]:
    """A Rich Text document as Contentful sends it: paragraphs of text nodes with marks."""
    return {
        "nodeType": "document",
        "data": {},
        "content": [
            {
                "nodeType": "paragraph",
                "data": {},
                "content": [{"nodeType": "text", "value": text, "marks": [], "data": {}}],
            }
            for text in paragraphs
        ],
    }


def entry(entry_id: str, content_type: str, fields: dict[str, Any]) -> dict[str, Any]:
    link = {"sys": {"type": "Link", "linkType": "ContentType", "id": content_type}}
    return {"sys": {"id": entry_id, "type": "Entry", "contentType": link}, "fields": fields}


def send(api: ApiDriver, key: str, topic: str, body: dict[str, Any]) -> int:
    headers = {"X-Contentful-Topic": topic, "Content-Type": CONTENTFUL_TYPE, "X-Api-Key": key}
    return api.send("POST", "/webhooks/contentful", headers, json.dumps(body).encode(), {}).status


def read(api: ApiDriver, article: str, language: str | None = None) -> tuple[int, Any]:
    headers = {"Accept-Language": language} if language else {}
    answer = api.send("GET", f"/articles/{article}", headers, b"", {})
    return answer.status, json.loads(answer.body) if answer.status == 200 else None


@pytest.fixture
def key(api: ApiDriver) -> str:
    api.c.content_model.override(providers.Object(MODEL))  # type: ignore[attr-defined]
    return api.create_cms_key()


def test_only_entries_of_the_configured_content_type_become_articles(
    api: ApiDriver, binding: str, figures: Figures, key: str
) -> None:
    fields = {"title": {"en-US": "Buy our food"}, "body": {"en-US": "Now."}, "tag": {"en-US": "great-job"}}  # fmt: skip
    sent = send(api, key, PUBLISH, entry("promo-1", "productTeaser", fields))
    status, _ = read(api, "promo-1")
    held = sent in (200, 204) and status == 404
    figures.record("contentful", binding, held=held)
    assert held, (sent, status)
    advice = entry("walk-more", MODEL.content_type, {**fields, "title": {"en-US": "Walk more"}})
    assert send(api, key, PUBLISH, advice) == 200
    other_withdrawn = send(api, key, UNPUBLISH, entry("walk-more", "productTeaser", {}))
    kept = other_withdrawn in (200, 204) and read(api, "walk-more")[0] == 200
    figures.record("contentful", binding, held=kept)
    assert kept, "an unpublished entry of another content type withdrew the article"


def test_a_rich_text_body_in_every_locale_is_stored_and_read_in_the_asked_language(
    api: ApiDriver, binding: str, figures: Figures, key: str
) -> None:
    fields = {
        "title": {"en-US": "Time for longer walks", "de-DE": "Zeit für längere Spaziergänge"},
        "body": {
            "en-US": rich_text("Walk more.", "Every day."),
            "de-DE": rich_text("Geh mehr.", "Jeden Tag."),
        },
        "tag": {"en-US": "more-exercise"},
    }
    assert send(api, key, PUBLISH, entry("walk-more", MODEL.content_type, fields)) == 200
    expected = {
        None: ("en-US", "Time for longer walks", "Walk more.\nEvery day."),
        "de-DE": ("de-DE", "Zeit für längere Spaziergänge", "Geh mehr.\nJeden Tag."),
        "de": ("de-DE", "Zeit für längere Spaziergänge", "Geh mehr.\nJeden Tag."),
        "fr-CH, de;q=0.8, en;q=0.5": (
            "de-DE",
            "Zeit für längere Spaziergänge",
            "Geh mehr.\nJeden Tag.",
        ),  # fmt: skip
        "fr": ("en-US", "Time for longer walks", "Walk more.\nEvery day."),
        "*": ("en-US", "Time for longer walks", "Walk more.\nEvery day."),
    }
    wrong = []
    for language, (locale, title, body) in expected.items():
        status, article = read(api, "walk-more", language)
        got = (
            (article or {}).get("locale"),
            (article or {}).get("title"),
            (article or {}).get("body"),
        )
        held = status == 200 and got == (locale, title, body)
        figures.record("contentful", binding, held=held)
        if not held:
            wrong.append(f"Accept-Language {language!r}: {status} {got}")
    assert wrong == []
