from __future__ import annotations

import attrs

from application.ports.content import ArticleRepository
from domain.content import Article
from domain.errors import NotFound


@attrs.frozen
class GetArticleQuery:
    article_id: str


class GetArticle:
    """A published article; advice is public, so no caller is needed."""

    def __init__(self, articles: ArticleRepository) -> None:
        self._articles = articles

    def __call__(self, query: GetArticleQuery) -> Article:
        article = self._articles.get(query.article_id)
        if article is None:
            raise NotFound(f"no published article {query.article_id!r}")
        return article
