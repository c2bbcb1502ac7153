from __future__ import annotations

import attrs

from application.ports.content import ArticleRepository
from domain.content import ContentModel


@attrs.frozen
class WithdrawArticleCommand:
    article_id: str
    content_type: str


class WithdrawArticle:
    """Unpublished or deleted in the CMS: the article is no longer shown. An entry of another
    content type that shares the id withdraws nothing (False)."""

    def __init__(self, articles: ArticleRepository, model: ContentModel) -> None:
        self._articles, self._model = articles, model

    def __call__(self, command: WithdrawArticleCommand) -> bool:
        if command.content_type != self._model.content_type:
            return False
        self._articles.withdraw(command.article_id)
        return True
