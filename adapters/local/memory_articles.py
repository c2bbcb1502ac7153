"""Published CMS articles, in memory."""

from __future__ import annotations

from application.ports.content import ArticleRepository
from domain.content import Article


class InMemoryArticleRepository(ArticleRepository):
    def __init__(self) -> None:
        self._articles: dict[str, Article] = {}

    def publish(self, article: Article) -> None:
        self._articles[article.id] = article

    def withdraw(self, article_id: str) -> None:
        self._articles.pop(article_id, None)

    def get(self, article_id: str) -> Article | None:
        return self._articles.get(article_id)

    def tagged(self, tag: str) -> list[Article]:
        return [a for _, a in sorted(self._articles.items()) if a.tag == tag]
