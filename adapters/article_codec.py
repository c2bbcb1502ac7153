"""The stored form of an article's texts, the same in every store: one JSON object by locale,
the default locale's first (`{"en-US": {"title": ..., "body": ...}, ...}`)."""

from __future__ import annotations

import json

from domain.content import Article, ArticleText


def texts_json(article: Article) -> str:
    texts = {locale: {"title": t.title, "body": t.body} for locale, t in article.texts.items()}
    return json.dumps(texts, ensure_ascii=False, separators=(",", ":"))


def article_of(article_id: str, tag: str, stored: str) -> Article:
    texts = json.loads(stored)
    return Article(
        article_id, tag, {k: ArticleText(v["title"], v["body"]) for k, v in texts.items()}
    )
