"""Advice articles as the CMS sends them, and in which language a reader gets one."""

from __future__ import annotations

import pytest

from domain.content import Article, ArticleText, ContentModel, best_locale, checked_article
from domain.errors import InvalidInput

MODEL = ContentModel("article", ("en-US", "de-DE"))
TEXTS: dict[str, tuple[object, object]] = {"en-US": ("Time for longer walks", "Walk.")}


def test_a_valid_article_is_kept_as_written() -> None:
    article = checked_article("walk-more", "more-exercise", TEXTS, MODEL)
    texts = {"en-US": ArticleText("Time for longer walks", "Walk.")}
    assert article == Article("walk-more", "more-exercise", texts)


def test_only_the_configured_locales_are_kept_the_default_first() -> None:
    sent = {"fr-FR": ("Marchez", "."), "de-DE": ("Geh", "."), **TEXTS}
    assert list(checked_article("a", "t", sent, MODEL).texts) == ["en-US", "de-DE"]


def test_the_default_locale_is_required() -> None:
    with pytest.raises(InvalidInput) as error:
        checked_article("a", "t", {"de-DE": ("Geh", ".")}, MODEL)
    assert error.value.field == "title"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        (("", "tag", TEXTS), "id"),
        (("x" * 201, "tag", TEXTS), "id"),
        (("id", "tag", {"en-US": (" ", "b")}), "title"),
        (("id", "tag", {"en-US": ("t" * 301, "b")}), "title"),
        (("id", "tag", {"en-US": ("t", None)}), "body"),
        (("id", "tag", {"en-US": ("t", "b" * 100_001)}), "body"),
        (("id", None, TEXTS), "tag"),
    ],
)
def test_fields_out_of_bounds_are_named(fields: tuple[object, object, object], field: str) -> None:
    with pytest.raises(InvalidInput) as error:
        checked_article(*fields, MODEL)  # type: ignore[arg-type]
    assert error.value.field == field


@pytest.mark.parametrize(
    ("languages", "available", "locale"),
    [
        ((), ["en-US", "de-DE"], "en-US"),
        (("de-DE",), ["en-US", "de-DE"], "de-DE"),
        (("DE-de",), ["en-US", "de-DE"], "de-DE"),
        (("de",), ["en-US", "de-DE"], "de-DE"),
        (("de-CH",), ["en-US", "de", "de-DE"], "de"),
        (("fr", "de"), ["en-US", "de"], "de"),
        (("fr",), ["en-US", "de-DE"], "en-US"),
        (("*", "de"), ["en-US", "de-DE"], "en-US"),
    ],
)
def test_the_reader_gets_the_first_language_the_article_has(
    languages: tuple[str, ...], available: list[str], locale: str
) -> None:
    assert best_locale(languages, available, "en-US") == locale
