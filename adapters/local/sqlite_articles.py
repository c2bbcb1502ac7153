"""Published CMS articles in SQLite; withdrawing one deletes it.

`texts` holds every locale's text (adapters/article_codec.py); `title` and `body` repeat the
default locale's, which is all an article written before locales were stored has (en-US).
"""

from __future__ import annotations

import sqlite3

from adapters.article_codec import article_of, texts_json
from adapters.local.sqlite_db import SqliteDatabase
from application.ports.content import ArticleRepository
from domain.content import Article, ArticleText

COLUMNS = "id, title, body, tag, texts"
EARLIER_LOCALE = "en-US"  # the one locale read before locales were configurable


class SqliteArticleRepository(ArticleRepository):
    def __init__(self, db: SqliteDatabase) -> None:
        self._db = db

    def publish(self, article: Article) -> None:
        default = article.texts[article.default_locale]
        self._db.run(
            f"INSERT OR REPLACE INTO articles ({COLUMNS}) VALUES (?, ?, ?, ?, ?)",
            (article.id, default.title, default.body, article.tag, texts_json(article)),
        )

    def withdraw(self, article_id: str) -> None:
        self._db.run("DELETE FROM articles WHERE id = ?", (article_id,))

    def get(self, article_id: str) -> Article | None:
        row = self._db.read_one(f"SELECT {COLUMNS} FROM articles WHERE id = ?", (article_id,))
        return _article(row) if row else None

    def tagged(self, tag: str) -> list[Article]:
        rows = self._db.read(f"SELECT {COLUMNS} FROM articles WHERE tag = ? ORDER BY id", (tag,))
        return [_article(row) for row in rows]


def _article(row: sqlite3.Row) -> Article:
    if row["texts"] is None:
        texts = {EARLIER_LOCALE: ArticleText(row["title"], row["body"])}
        return Article(row["id"], row["tag"], texts)
    return article_of(row["id"], row["tag"], row["texts"])
