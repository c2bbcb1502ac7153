"""Advice articles: read by anyone, written by the CMS through Contentful's webhook."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
from cattrs.gen import make_dict_structure_fn

from application.use_cases.get_article import GetArticleQuery
from application.use_cases.publish_article import PublishArticleCommand
from application.use_cases.withdraw_article import WithdrawArticleCommand
from domain.api_keys import Purpose
from domain.content import Article
from entrypoints.http.auth import api_key
from entrypoints.http.bodies import JSON_TYPES, converter, parsed_body, structured
from entrypoints.http.messages import HttpRequest, HttpResponse, json_response, no_content

if TYPE_CHECKING:
    from entrypoints.container import Container

TOPIC_HEADER = "x-contentful-topic"
CONTENTFUL_TYPES = (*JSON_TYPES, "application/vnd.contentful.management.v1+json")
PUBLISH = "ContentManagement.Entry.publish"
WITHDRAW = ("ContentManagement.Entry.unpublish", "ContentManagement.Entry.delete")
LOCALE = "en-US"


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


for _lenient in (EntrySys, Entry):
    converter.register_structure_hook(
        _lenient, make_dict_structure_fn(_lenient, converter, _cattrs_forbid_extra_keys=False)
    )


def article_view(article: Article) -> dict[str, object]:
    return attrs.asdict(article)


def get_article(container: Container, request: HttpRequest) -> HttpResponse:
    article = container.get_article()(GetArticleQuery(request.path_params["article_id"]))
    return json_response(article_view(article))


def contentful_webhook(container: Container, request: HttpRequest) -> HttpResponse:
    api_key(container, request, Purpose.CONTENT)
    topic = request.headers.get(TOPIC_HEADER, "")
    if topic != PUBLISH and topic not in WITHDRAW:
        return no_content()
    entry = structured(parsed_body(request, CONTENTFUL_TYPES), Entry)
    if topic in WITHDRAW:
        container.withdraw_article()(WithdrawArticleCommand(entry.sys.id))
        return no_content()
    title, body, tag = (entry.localised(name) for name in ("title", "body", "tag"))
    # The domain checks each field's type and names the one that is wrong.
    command = PublishArticleCommand(entry.sys.id, title, body or "", tag)  # type: ignore[arg-type]
    return json_response(article_view(container.publish_article()(command)))
