from __future__ import annotations

from features.steps.grammar import action, outcome
from features.steps.world import World

CMS = "the CMS"


@action("the CMS has an API key")
def cms_has_key(world: World) -> None:
    world.cms_keys[CMS] = world.driver.create_cms_key()


@action('the CMS publishes the article "{article}" titled "{title}" tagged "{tag}"')
def cms_publishes(world: World, article: str, title: str, tag: str) -> None:
    world.driver.cms_publish(world.cms_keys[CMS], article, title, tag)


@action('the CMS unpublishes the article "{article}"')
def cms_unpublishes(world: World, article: str) -> None:
    world.driver.cms_unpublish(world.cms_keys[CMS], article)


def credential(world: World, kind: str) -> str | None:
    if kind == "no API key":
        return None
    if kind == "a wrong API key":
        real = world.cms_keys[CMS] or ""
        return real[:-4] + ("AAAA" if not real.endswith("AAAA") else "BBBB")
    if kind == "a revoked API key":
        key = world.driver.create_cms_key()
        world.driver.revoke_cms_key(key)
        return key
    raise AssertionError(f"unknown credential {kind!r}")


@action(
    'a caller with {kind:text} publishes the article "{article}" titled "{title}" tagged "{tag}"'
)
def caller_publishes(world: World, kind: str, article: str, title: str, tag: str) -> None:
    key = credential(world, kind)
    world.attempt(lambda: world.driver.cms_publish(key, article, title, tag))


@outcome('the article "{article}" is published with title "{title}"')
def article_published(world: World, article: str, title: str) -> None:
    assert world.driver.article_title(article) == title


@outcome('the article "{article}" is not published')
def article_not_published(world: World, article: str) -> None:
    assert world.driver.article_title(article) is None
