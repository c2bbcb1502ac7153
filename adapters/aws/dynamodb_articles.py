"""Published CMS articles in DynamoDB, listed by tag through an index; withdrawing deletes."""

from __future__ import annotations

from typing import Any

from adapters.article_codec import article_of, texts_json
from adapters.aws.dynamodb_items import Item, Items
from application.ports.content import ArticleRepository
from domain.content import Article


class DynamoDBArticleRepository(ArticleRepository):
    def __init__(self, client: Any, table: str) -> None:
        self._items = Items(client, table)

    def publish(self, article: Article) -> None:
        self._items.put(
            {
                "pk": f"ARTICLE#{article.id}",
                "sk": "ARTICLE",
                "gsi1pk": f"TAG#{article.tag}",
                "gsi1sk": article.id,
                "id": article.id,
                "tag": article.tag,
                "texts": texts_json(article),
            }
        )

    def withdraw(self, article_id: str) -> None:
        self._items.delete(f"ARTICLE#{article_id}", "ARTICLE")

    def get(self, article_id: str) -> Article | None:
        item = self._items.get(f"ARTICLE#{article_id}", "ARTICLE")
        return _article(item) if item else None

    def tagged(self, tag: str) -> list[Article]:
        """From the index (ordered by id), so a change shows a moment late."""
        items = self._items.partition(f"TAG#{tag}", index="gsi1")
        return [_article(item) for item in items]


def _article(item: Item) -> Article:
    return article_of(item["id"], item["tag"], item["texts"])
