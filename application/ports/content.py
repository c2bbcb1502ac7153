from __future__ import annotations

import abc

from domain.content import Article


class ArticleRepository(abc.ABC):
    @abc.abstractmethod
    def publish(self, article: Article) -> None:
        """Make the article available, replacing an earlier version with the same id."""

    @abc.abstractmethod
    def withdraw(self, article_id: str) -> None:
        """Make the article unavailable. An unknown id: nothing happens."""

    @abc.abstractmethod
    def get(self, article_id: str) -> Article | None:
        """The published article, or None."""

    @abc.abstractmethod
    def tagged(self, tag: str) -> list[Article]:
        """The published articles with this tag, ordered by id."""
