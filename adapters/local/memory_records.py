"""Small in-memory stores: owners, phones, apps, grants, articles, API keys, bundles, quarantine,
users and erased accounts."""

from __future__ import annotations

import threading
from datetime import datetime

from application.ports.access import AppRegistry, GrantRepository
from application.ports.api_keys import ApiKeyRepository
from application.ports.bundles import BundleRepository
from application.ports.content import ArticleRepository
from application.ports.identity import ErasedAccounts, UserDirectory
from application.ports.owners import OwnerRepository
from application.ports.phones import PhoneRegistry
from application.ports.quarantine import QuarantineStore
from domain.access import App, Grant, User
from domain.announcements import Phone
from domain.api_keys import ApiKey
from domain.bundles import Bundle
from domain.content import Article
from domain.erasure import erased_account_key
from domain.errors import Conflict
from domain.owners import Owner
from domain.quarantine import QuarantinedReading


class InMemoryOwnerRepository(OwnerRepository):
    def __init__(self) -> None:
        self._owners: dict[str, Owner] = {}

    def get(self, owner_id: str) -> Owner:
        return self._owners.get(owner_id) or Owner(owner_id)

    def save(self, owner: Owner) -> None:
        self._owners[owner.id] = owner

    def remove(self, owner_id: str) -> None:
        self._owners.pop(owner_id, None)


class InMemoryPhoneRegistry(PhoneRegistry):
    def __init__(self) -> None:
        self._phones: dict[tuple[str, str], Phone] = {}

    def register(self, phone: Phone) -> None:
        self._phones[(phone.owner_id, phone.name)] = phone

    def of_owner(self, owner_id: str) -> list[Phone]:
        return [p for (owner, _), p in sorted(self._phones.items()) if owner == owner_id]

    def remove_all(self, owner_id: str) -> None:
        for key in [key for key in self._phones if key[0] == owner_id]:
            del self._phones[key]


class InMemoryAppRegistry(AppRegistry):
    def __init__(self) -> None:
        self._apps: dict[str, App] = {}

    def register(self, name: str) -> App:
        app = App.register(name)
        self._apps[app.id] = app
        return app

    def get(self, app_id: str) -> App | None:
        return self._apps.get(app_id)


class InMemoryGrantRepository(GrantRepository):
    def __init__(self) -> None:
        self._grants: dict[tuple[str, str], Grant] = {}

    def get(self, owner_id: str, app_id: str) -> Grant | None:
        return self._grants.get((owner_id, app_id))

    def of_owner(self, owner_id: str) -> list[Grant]:
        return [g for (owner, _), g in sorted(self._grants.items()) if owner == owner_id]

    def put(self, grant: Grant) -> None:
        self._grants[(grant.owner_id, grant.app_id)] = grant

    def revoke(self, owner_id: str, app_id: str) -> None:
        self._grants.pop((owner_id, app_id), None)


class InMemoryArticleRepository(ArticleRepository):
    def __init__(self) -> None:
        self._articles: dict[str, Article] = {}

    def publish(self, article: Article) -> None:
        self._articles[article.id] = article

    def withdraw(self, article_id: str) -> None:
        self._articles.pop(article_id, None)

    def get(self, article_id: str) -> Article | None:
        return self._articles.get(article_id)

    def tagged(self, tag: str) -> list[Article]:
        return [a for _, a in sorted(self._articles.items()) if a.tag == tag]


class InMemoryApiKeyRepository(ApiKeyRepository):
    def __init__(self) -> None:
        self._keys: dict[str, ApiKey] = {}
        self._lock = threading.Lock()

    def add(self, key: ApiKey) -> None:
        with self._lock:
            if key.prefix in self._keys:
                raise Conflict("an API key with this prefix exists")
            self._keys[key.prefix] = key

    def get(self, prefix: str) -> ApiKey | None:
        return self._keys.get(prefix)

    def save(self, key: ApiKey) -> None:
        self._keys[key.prefix] = key


class InMemoryBundleRepository(BundleRepository):
    def __init__(self) -> None:
        self._bundles: dict[str, Bundle] = {}

    def get(self, bundle_id: str) -> Bundle | None:
        return self._bundles.get(bundle_id)

    def save(self, bundle: Bundle) -> None:
        self._bundles[bundle.id] = bundle

    def of_owner(self, owner_id: str) -> list[Bundle]:
        return [b for _, b in sorted(self._bundles.items()) if b.owner_id == owner_id]

    def remove(self, bundle_id: str) -> None:
        self._bundles.pop(bundle_id, None)


class InMemoryQuarantineStore(QuarantineStore):
    def __init__(self) -> None:
        self._entries: dict[str, QuarantinedReading] = {}

    def keep(self, entry: QuarantinedReading) -> None:
        self._entries.setdefault(entry.id, entry)

    def purge(self, now: datetime) -> int:
        expired = [id for id, entry in self._entries.items() if entry.expires_at <= now]
        for id in expired:
            del self._entries[id]
        return len(expired)

    def list(self, now: datetime, tracker: str | None = None) -> list[QuarantinedReading]:
        kept = [e for e in self._entries.values() if e.expires_at > now]
        return sorted(
            (e for e in kept if tracker in (None, e.tracker)), key=lambda e: (e.received_at, e.id)
        )

    def forget(self, tracker: str) -> None:
        for id in [id for id, entry in self._entries.items() if entry.tracker == tracker]:
            del self._entries[id]


class InMemoryUserDirectory(UserDirectory):
    """The users a local identity provider knows; `add` stands for signing up."""

    def __init__(self) -> None:
        self._users: dict[str, User] = {}

    def add(self, user: User) -> None:
        self._users[user.id] = user

    def list_users(self) -> list[User]:
        return sorted(self._users.values(), key=lambda u: (u.name, u.id))

    def remove(self, user_id: str) -> None:
        self._users.pop(user_id, None)


class InMemoryErasedAccounts(ErasedAccounts):
    def __init__(self) -> None:
        self._erased: set[str] = set()

    def mark(self, user_id: str) -> None:
        self._erased.add(erased_account_key(user_id))

    def finished(self, user_id: str) -> None:
        """Memory keeps no copy of what was deleted."""

    def is_erased(self, user_id: str) -> bool:
        return erased_account_key(user_id) in self._erased
