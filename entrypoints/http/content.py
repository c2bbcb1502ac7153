"""Advice articles: read by anyone, written by the CMS through Contentful's webhook."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from application.use_cases.get_article import GetArticleQuery
from application.use_cases.publish_article import PublishArticleCommand
from application.use_cases.withdraw_article import WithdrawArticleCommand
from domain.api_keys import Purpose
from domain.content import Article
from domain.errors import InvalidInput
from domain.values import text
from entrypoints.http.auth import api_key
from entrypoints.http.bodies import JSON_TYPES, body_converter, parsed_body, structured
from entrypoints.http.messages import HttpRequest, HttpResponse, json_response, no_content
from entrypoints.http.problems import HttpProblem

if TYPE_CHECKING:
    from entrypoints.wiring import Container

TOPIC_HEADER = "x-contentful-topic"
CONTENTFUL_TYPES = (*JSON_TYPES, "application/vnd.contentful.management.v1+json")
PUBLISH = "ContentManagement.Entry.publish"
WITHDRAW = ("ContentManagement.Entry.unpublish", "ContentManagement.Entry.delete")
LOCALE = "en-US"
MAX_BODY_CHARACTERS = 100_000
LOCALISED = ("title", "body", "tag")


@attrs.frozen
class EntrySys:
    id: str


@attrs.frozen
class Entry:
    """Contentful sends much more (`sys` metadata, other locales); only these are read."""

    sys: EntrySys
    fields: dict[str, Any] = attrs.field(factory=dict)

    def localised(self, name: str) -> object:
        value = self.fields.get(name)
        return value.get(LOCALE) if isinstance(value, dict) else None

    def check(self) -> None:
        """InvalidInput unless the entry is as openapi.yaml's ContentfulEntry says, whatever
        the topic: a non-blank id, and each of title, body and tag, if sent, with its en-US text."""
        text(self.sys.id, "sys.id", 200)
        for name in (name for name in LOCALISED if name in self.fields):
            value = self.fields[name]
            if not isinstance(value, dict) or not isinstance(value.get(LOCALE), str):
                raise InvalidInput(name, f"fields.{name} must hold its {LOCALE} text")
        title, body, tag = (self.localised(name) for name in LOCALISED)
        if title is not None:
            text(title, "title", 300)
        if tag is not None:
            text(tag, "tag", 100)
        if isinstance(body, str) and len(body) > MAX_BODY_CHARACTERS:
            raise InvalidInput(
                "body", f"body must be text of at most {MAX_BODY_CHARACTERS} characters"
            )


# Contentful sends much more than these fields: its own converter reads what it needs.
CONTENTFUL = body_converter(lenient=(EntrySys, Entry))


def article_view(article: Article) -> dict[str, object]:
    return attrs.asdict(article)


def get_article(container: Container, request: HttpRequest) -> HttpResponse:
    article = container.get_article()(GetArticleQuery(request.path_params["article_id"]))
    return json_response(article_view(article))


def contentful_webhook(container: Container, request: HttpRequest) -> HttpResponse:
    api_key(container, request, Purpose.CONTENT)
    topic = request.headers.get(TOPIC_HEADER)
    if topic is None:
        raise HttpProblem(400, "Contentful names the topic in X-Contentful-Topic")
    # Contentful sends the entity whatever the topic: it is read and checked (and refused if it
    # is none or malformed) before an unknown topic is acknowledged and ignored.
    entry = structured(parsed_body(request, CONTENTFUL_TYPES), Entry, CONTENTFUL)
    entry.check()
    if topic != PUBLISH and topic not in WITHDRAW:
        return no_content()
    if topic in WITHDRAW:
        container.withdraw_article()(WithdrawArticleCommand(entry.sys.id))
        return no_content()
    title, body, tag = (entry.localised(name) for name in LOCALISED)
    # The domain checks each field's type and names the one that is wrong.
    command = PublishArticleCommand(entry.sys.id, title, body or "", tag)  # type: ignore[arg-type]
    return json_response(article_view(container.publish_article()(command)))
