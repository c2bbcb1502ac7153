"""ArticleRepository: publish replaces by id, withdraw removes, tagged lists by id."""

from __future__ import annotations

from application.ports.content import ArticleRepository
from domain.content import Article, ArticleText


def an_article(id: str, tag: str = "more-exercise", title: str = "Walk more") -> Article:
    texts = {"en-US": ArticleText(title, f"Body of {id}\nwith a second line")}
    return Article(id, tag, texts | {"de-DE": ArticleText(f"{title} (de)", "Text")})


def test_a_published_article_comes_back_whole(articles: ArticleRepository) -> None:
    article = an_article("a-1")
    articles.publish(article)
    assert articles.get("a-1") == article
    assert list(articles.get("a-1").texts) == ["en-US", "de-DE"]  # type: ignore[union-attr]
    assert articles.get("a-2") is None


def test_publishing_again_replaces_the_earlier_version(articles: ArticleRepository) -> None:
    articles.publish(an_article("a-1", title="First"))
    articles.publish(an_article("a-1", tag="great-job", title="Second"))
    assert articles.get("a-1") == an_article("a-1", tag="great-job", title="Second")
    assert articles.tagged("more-exercise") == []


def test_tagged_articles_are_ordered_by_id(articles: ArticleRepository) -> None:
    for id in ("a-3", "a-1", "a-2"):
        articles.publish(an_article(id))
    articles.publish(an_article("a-0", tag="great-job"))
    assert [a.id for a in articles.tagged("more-exercise")] == ["a-1", "a-2", "a-3"]
    assert articles.tagged("weight-gain") == []


def test_a_withdrawn_article_is_unavailable(articles: ArticleRepository) -> None:
    articles.publish(an_article("a-1"))
    articles.publish(an_article("a-2"))
    articles.withdraw("a-1")
    assert articles.get("a-1") is None
    assert articles.tagged("more-exercise") == [an_article("a-2")]


def test_withdrawing_an_unknown_article_does_nothing(articles: ArticleRepository) -> None:
    articles.publish(an_article("a-1"))
    articles.withdraw("no-such-article")
    assert articles.tagged("more-exercise") == [an_article("a-1")]
