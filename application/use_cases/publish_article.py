from __future__ import annotations

from collections.abc import Mapping

import attrs

from application.ports.content import ArticleRepository
from domain.content import Article, ContentModel, checked_article


@attrs.frozen
class PublishArticleCommand:
    article_id: str
    content_type: str  # the CMS entry's: only the configured one's entries are articles
    tag: object
    texts: Mapping[str, tuple[object, object]]  # (title, body) by locale, as the CMS sent them


class PublishArticle:
    """Publishing again replaces the earlier text. An entry of another content type is no
    article (None, nothing stored); of its locales, the configured ones are kept."""

    def __init__(self, articles: ArticleRepository, model: ContentModel) -> None:
        self._articles, self._model = articles, model

    def __call__(self, command: PublishArticleCommand) -> Article | None:
        if command.content_type != self._model.content_type:
            return None
        article = checked_article(command.article_id, command.tag, command.texts, self._model)
        self._articles.publish(article)
        return article
