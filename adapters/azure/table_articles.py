"""Published CMS articles in Tables, listed by tag from a copy in the tag's partition.

The copy and the article are in different partitions, so each change runs in an
order that a retry completes (the CMS webhook retries a failed delivery):
publishing removes the copy under the old tag, writes the new copy, then the
article; withdrawing removes the copy, then the article.
"""

from __future__ import annotations

from azure.data.tables import TableClient

from adapters.article_codec import article_of, texts_json
from adapters.azure.table_entities import Entities, Entity, key
from application.ports.content import ArticleRepository
from domain.content import Article


class TableArticleRepository(ArticleRepository):
    def __init__(self, table_client: TableClient) -> None:
        self._entities = Entities(table_client)

    def publish(self, article: Article) -> None:
        earlier = self.get(article.id)
        if earlier is not None and earlier.tag != article.tag:
            self._entities.delete(key("TAG", earlier.tag), key(article.id))
        self._entities.put(_entity(key("TAG", article.tag), key(article.id), article))
        self._entities.put(_entity(key("ARTICLE", article.id), "ARTICLE", article))

    def withdraw(self, article_id: str) -> None:
        earlier = self.get(article_id)
        if earlier is not None:
            self._entities.delete(key("TAG", earlier.tag), key(article_id))
            self._entities.delete(key("ARTICLE", article_id), "ARTICLE")

    def get(self, article_id: str) -> Article | None:
        entity = self._entities.get(key("ARTICLE", article_id), "ARTICLE")
        return _article(entity) if entity else None

    def tagged(self, tag: str) -> list[Article]:
        articles = map(_article, self._entities.partition(key("TAG", tag)))
        return sorted(articles, key=lambda article: article.id)


def _entity(pk: str, rk: str, article: Article) -> Entity:
    return {
        "PartitionKey": pk,
        "RowKey": rk,
        "id": article.id,
        "tag": article.tag,
        "texts": texts_json(article),
    }


def _article(entity: Entity) -> Article:
    return article_of(entity["id"], entity["tag"], entity["texts"])
