from __future__ import annotations

import attrs

from application.ports.content import ArticleRepository


@attrs.frozen
class WithdrawArticleCommand:
    article_id: str


class WithdrawArticle:
    """Unpublished or deleted in the CMS: the article is no longer shown."""

    def __init__(self, articles: ArticleRepository) -> None:
        self._articles = articles

    def __call__(self, command: WithdrawArticleCommand) -> None:
        self._articles.withdraw(command.article_id)
