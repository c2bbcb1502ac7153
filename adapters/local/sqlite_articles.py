"""Published CMS articles in SQLite; withdrawing one deletes it."""

from __future__ import annotations

import sqlite3

from adapters.local.sqlite_db import SqliteDatabase
from application.ports.content import ArticleRepository
from domain.content import Article

COLUMNS = "id, title, body, tag"


class SqliteArticleRepository(ArticleRepository):
    def __init__(self, db: SqliteDatabase) -> None:
        self._db = db

    def publish(self, article: Article) -> None:
        self._db.run(
            f"INSERT OR REPLACE INTO articles ({COLUMNS}) VALUES (?, ?, ?, ?)",
            (article.id, article.title, article.body, article.tag),
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
    return Article(row["id"], row["title"], row["body"], row["tag"])
