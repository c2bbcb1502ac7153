from __future__ import annotations

from collections.abc import Sequence

import attrs

from application.ports.content import ArticleRepository
from domain.content import LocalisedArticle
from domain.errors import NotFound


@attrs.frozen
class GetArticleQuery:
    article_id: str
    languages: Sequence[str] = ()  # the reader's, most wanted first


class GetArticle:
    """A published article in the reader's language, or the default locale's; advice is
    public, so no caller is needed."""

    def __init__(self, articles: ArticleRepository) -> None:
        self._articles = articles

    def __call__(self, query: GetArticleQuery) -> LocalisedArticle:
        article = self._articles.get(query.article_id)
        if article is None:
            raise NotFound(f"no published article {query.article_id!r}")
        return article.in_language(query.languages)
