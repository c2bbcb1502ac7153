"""Advice articles as the CMS sends them."""

from __future__ import annotations

import pytest

from domain.content import Article, checked_article
from domain.errors import InvalidInput


def test_a_valid_article_is_kept_as_written() -> None:
    article = checked_article("walk-more", "Time for longer walks", "Walk.", "more-exercise")
    assert article == Article("walk-more", "Time for longer walks", "Walk.", "more-exercise")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        (("", "t", "b", "tag"), "id"),
        (("x" * 201, "t", "b", "tag"), "id"),
        (("id", " ", "b", "tag"), "title"),
        (("id", "t" * 301, "b", "tag"), "title"),
        (("id", "t", None, "tag"), "body"),
        (("id", "t", "b" * 100_001, "tag"), "body"),
        (("id", "t", "b", None), "tag"),
    ],
)
def test_fields_out_of_bounds_are_named(fields: tuple[object, ...], field: str) -> None:
    with pytest.raises(InvalidInput) as error:
        checked_article(*fields)
    assert error.value.field == field
