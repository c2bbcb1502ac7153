"""Advice articles: read by anyone in their language, written by the CMS through Contentful's
webhook.

An entry is an article when its content type (`sys.contentType.sys.id`) is the configured one
(PAWTRACK_CONTENT_TYPE); entries of other content types are acknowledged and ignored, however
alike their fields. `title` and `body` are read in every locale sent (the use case keeps the
configured ones), `tag` in any (Contentful sends a field that is not localised under the
default locale only). A body is text or Rich Text, rendered to text (rich_text.py).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

import attrs

from application.use_cases.get_article import GetArticleQuery
from application.use_cases.publish_article import PublishArticleCommand
from application.use_cases.withdraw_article import WithdrawArticleCommand
from domain.api_keys import Purpose
from domain.content import MAX_BODY_CHARACTERS, LocalisedArticle
from domain.errors import InvalidInput
from domain.values import text
from entrypoints.http.auth import api_key
from entrypoints.http.bodies import JSON_TYPES, body_converter, parsed_body, structured
from entrypoints.http.languages import accepted_languages
from entrypoints.http.messages import HttpRequest, HttpResponse, json_response, no_content
from entrypoints.http.problems import HttpProblem
from entrypoints.http.rich_text import is_rich_text, plain_text

if TYPE_CHECKING:
    from entrypoints.wiring import Container

TOPIC_HEADER = "x-contentful-topic"
CONTENTFUL_TYPES = (*JSON_TYPES, "application/vnd.contentful.management.v1+json")
PUBLISH = "ContentManagement.Entry.publish"
WITHDRAW = ("ContentManagement.Entry.unpublish", "ContentManagement.Entry.delete")
MAX_LOCALES = 50  # Contentful's largest plans allow 500 locales; an article needs few


@attrs.frozen
class LinkSys:
    id: str


@attrs.frozen
class Link:
    sys: LinkSys


@attrs.frozen
class EntrySys:
    id: str
    contentType: Link  # noqa: N815 (Contentful's name)


@attrs.frozen
class Entry:
    """Contentful sends much more (`sys` metadata); only these are read."""

    sys: EntrySys
    fields: dict[str, Any] = attrs.field(factory=dict)

    def localised(self, name: str) -> dict[str, object]:
        """The field's values by locale; InvalidInput unless it is an object of locales."""
        value = self.fields.get(name, {})
        if not isinstance(value, dict) or len(value) > MAX_LOCALES:
            raise InvalidInput(name, f"fields.{name} must hold its text by locale")
        return value

    def texts(self) -> dict[str, tuple[object, object]]:
        """(title, body as text) by locale, for each locale with a title or a body."""
        titles, bodies = self.localised("title"), self.localised("body")
        return {
            locale: (titles.get(locale), _body_text(bodies.get(locale), locale))
            for locale in dict.fromkeys(itertools.chain(titles, bodies))
        }

    def tag(self) -> object:
        return next(iter(self.localised("tag").values()), None)

    def check(self) -> None:
        """InvalidInput unless the entry is as openapi.yaml's ContentfulEntry says, whatever
        the topic: a non-blank id and content type, its fields objects of locales, each value
        within its bounds (which locales are required is the publishing use case's rule)."""
        text(self.sys.id, "sys.id", 200)
        text(self.sys.contentType.sys.id, "sys.contentType", 200)
        for title in self.localised("title").values():
            text(title, "title", 300)
        for tag in self.localised("tag").values():
            text(tag, "tag", 100)
        for locale, body in self.localised("body").items():
            found = _body_text(body, locale)
            if not isinstance(found, str) or len(found) > MAX_BODY_CHARACTERS:
                raise InvalidInput(
                    "body",
                    f"body ({locale}) must be text or Rich Text of at most 100000 characters",
                )


def _body_text(body: object, locale: str) -> object:
    """Text as it is; Rich Text as its text; anything else as sent, for the domain to refuse."""
    if not is_rich_text(body):
        return body
    assert isinstance(body, dict)
    rendered = plain_text(body, "body")
    if len(rendered) > MAX_BODY_CHARACTERS:
        raise InvalidInput("body", f"body ({locale}) must be text of at most 100000 characters")
    return rendered


# Contentful sends much more than these fields: its own converter reads what it needs.
CONTENTFUL = body_converter(lenient=(LinkSys, Link, EntrySys, Entry))


def article_view(article: LocalisedArticle) -> dict[str, object]:
    return attrs.asdict(article)


def get_article(container: Container, request: HttpRequest) -> HttpResponse:
    query = GetArticleQuery(request.path_params["article_id"], accepted_languages(request))
    article = container.get_article()(query)
    response = json_response(article_view(article))
    headers = {**response.headers, "content-language": article.locale, "vary": "Accept-Language"}
    return attrs.evolve(response, headers=headers)


def contentful_webhook(container: Container, request: HttpRequest) -> HttpResponse:
    api_key(container, request, Purpose.CONTENT)
    topic = request.headers.get(TOPIC_HEADER)
    if topic is None:
        raise HttpProblem(400, "Contentful names the topic in X-Contentful-Topic")
    # Contentful sends the entity whatever the topic: it is read and checked (and refused if it
    # is none or malformed) before an unknown topic is acknowledged and ignored.
    entry = structured(parsed_body(request, CONTENTFUL_TYPES), Entry, CONTENTFUL)
    entry.check()
    content_type = entry.sys.contentType.sys.id
    if topic in WITHDRAW:
        container.withdraw_article()(WithdrawArticleCommand(entry.sys.id, content_type))
        return no_content()
    if topic != PUBLISH:
        return no_content()
    command = PublishArticleCommand(entry.sys.id, content_type, entry.tag(), entry.texts())
    published = container.publish_article()(command)
    if published is None:  # an entry of another content type: acknowledged, not an article
        return no_content()
    return json_response(article_view(published.in_language()))
