from __future__ import annotations

import attrs

from application.ports.content import ArticleRepository
from domain.content import Article, checked_article


@attrs.frozen
class PublishArticleCommand:
    article_id: str
    title: str
    body: str
    tag: str


class PublishArticle:
    """Publishing again replaces the earlier text."""

    def __init__(self, articles: ArticleRepository) -> None:
        self._articles = articles

    def __call__(self, command: PublishArticleCommand) -> Article:
        article = checked_article(command.article_id, command.title, command.body, command.tag)
        self._articles.publish(article)
        return article
