"""The composition root: the one place that picks a provider's adapters for the ports and
builds the use cases on them (dependency-injector's "decoupled packages": one adapter container
per provider, one use-case container that knows only the ports).

Nothing is built at import or here: each adapter and SDK client is built on its first use, so a
Lambda or Functions cold start pays only for what its trigger needs.
"""

from __future__ import annotations

from dependency_injector import providers

from entrypoints.settings import Cloud, Settings
from entrypoints.wiring.ports import Ports
from entrypoints.wiring.use_cases import UseCases

Container = UseCases


def adapters_for(settings: Settings) -> Ports:
    """The adapter container of the provider the settings name; only its module is imported."""
    if settings.cloud is Cloud.AWS:
        from entrypoints.wiring import aws

        assert settings.aws is not None
        return aws.adapters(settings.aws)
    if settings.cloud is Cloud.AZURE:
        from entrypoints.wiring import azure

        assert settings.azure is not None
        return azure.adapters(settings.azure)
    if settings.cloud is Cloud.LOCAL:
        from entrypoints.wiring.local import LocalAdapters

        return LocalAdapters(settings=settings.local)
    from entrypoints.wiring.memory import MemoryAdapters

    return MemoryAdapters(settings=settings.local)


def build_container(settings: Settings | None = None) -> Container:
    """The use cases on the adapters of `settings` (the environment's, read once, by default)."""
    settings = settings or Settings.from_environment()
    adapters = adapters_for(settings)
    use_cases = UseCases(ports=adapters, content_model=providers.Object(settings.content))
    adapters.deliveries.override(use_cases)  # in-process events, jobs and uploads reach them
    return use_cases
