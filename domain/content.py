"""Advice articles written in the CMS, in every language the CMS is configured for."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import attrs

from domain.errors import InvalidInput
from domain.values import text

MAX_BODY_CHARACTERS = 100_000


@attrs.frozen
class ContentModel:
    """How the CMS is configured: the content type whose entries are articles, and the
    locales that are read, the default (the one every article must have) first."""

    content_type: str = "article"
    locales: tuple[str, ...] = ("en-US",)

    @property
    def default_locale(self) -> str:
        return self.locales[0]


@attrs.frozen
class ArticleText:
    title: str
    body: str


@attrs.frozen
class LocalisedArticle:
    """An article in one language: what a reader gets."""

    id: str
    tag: str
    locale: str
    title: str
    body: str


@attrs.frozen(hash=False)
class Article:
    """An article's texts by locale, the default locale's first."""

    id: str
    tag: str
    texts: Mapping[str, ArticleText]

    @property
    def default_locale(self) -> str:
        return next(iter(self.texts))

    def in_language(self, languages: Sequence[str] = ()) -> LocalisedArticle:
        """The text of the first of the reader's languages that the article has (see
        `best_locale`), or the default locale's."""
        locale = best_locale(languages, self.texts, self.default_locale)
        found = self.texts[locale]
        return LocalisedArticle(self.id, self.tag, locale, found.title, found.body)


def best_locale(languages: Sequence[str], available: Iterable[str], default: str) -> str:
    """RFC 4647's lookup, for each language range in the reader's order: the locale itself,
    then the range cut short a subtag at a time (`de-CH` -> `de`), then a locale the range is a
    prefix of (`de` -> `de-DE`); case does not matter. None found (or `*`): `default`."""
    by_lower = {locale.lower(): locale for locale in available}
    for wanted in (language.lower() for language in languages):
        if wanted == "*":
            break
        subtags = wanted.split("-")
        for cut in range(len(subtags), 0, -1):
            found = by_lower.get("-".join(subtags[:cut]))
            if found is not None:
                return found
        prefixed = [lower for lower in by_lower if lower.startswith(wanted + "-")]
        if prefixed:
            return by_lower[prefixed[0]]
    return default


def checked_article(
    id: object, tag: object, texts: Mapping[str, tuple[object, object]], model: ContentModel
) -> Article:
    """The article of the model's locales found in `texts` (title, body by locale), in the
    model's order; the default locale's text is required. InvalidInput names a field out of
    bounds."""
    kept = {locale: _text_of(*texts[locale], locale) for locale in model.locales if locale in texts}
    if model.default_locale not in kept:
        raise InvalidInput("title", f"an article needs its {model.default_locale} text")
    return Article(text(id, "id", 200), text(tag, "tag", 100), kept)


def _text_of(title: object, body: object, locale: str) -> ArticleText:
    if not isinstance(body, str) or len(body) > MAX_BODY_CHARACTERS:
        raise InvalidInput("body", f"body ({locale}) must be text of at most 100000 characters")
    return ArticleText(text(title, "title", 300), body)
