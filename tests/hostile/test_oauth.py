"""The attacks on the authorization code flow that the OAuth 2.0 Security Best Current Practice
(RFC 9700) names, through each binding's HTTP entrypoint: every one is refused, and none
yields a code or a token. Each attack is one case of the figure "oauth-attacks"."""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tests.support.drivers.api import Answer, ApiDriver
from tests.support.drivers.api_platform import FORM, HIDDEN
from tests.support.figures import Figures
from tests.support.oauth_client import OAuthApp

ROW = "oauth-attacks"


@pytest.fixture
def apps(api: ApiDriver) -> tuple[OAuthApp, OAuthApp]:
    api.set_time(datetime.now(UTC))
    api.add_user("alice")
    api.register_app("VetBook")
    api.register_app("Other")
    return api.oauth["VetBook"], api.oauth["Other"]


def authorize(api: ApiDriver, params: dict[str, str]) -> Answer:
    return api.send("GET", "/oauth/authorize", {}, b"", params)


def post(api: ApiDriver, path: str, form: dict[str, str] | list[tuple[str, str]]) -> Answer:
    return api.send("POST", path, FORM, urlencode(form).encode(), {})


def error_of(answer: Answer) -> str:
    return str(json.loads(answer.body).get("error", "")) if answer.body else ""


def no_redirect(answer: Answer) -> bool:
    """Refused without sending the browser anywhere (never to an unchecked URI)."""
    return answer.status == 400 and "location" not in answer.headers


def error_redirect(answer: Answer, app: OAuthApp, error: str) -> bool:
    """Refused by an error sent to the app's registered URI, with no code."""
    location = answer.headers.get("location", "")
    return (
        answer.status == 302
        and location.startswith(app.redirect_uri + "?")
        and f"error={error}" in location
        and "code=" not in location
    )


def test_a_code_works_once_and_only_for_its_client_and_redirect(
    api: ApiDriver, apps: tuple[OAuthApp, OAuthApp], figures: Figures, binding: str
) -> None:
    vetbook, other = apps
    cases = []
    code = api._code("alice", vetbook, ["activity:read"])
    # Mix-up of clients: another registered client presents VetBook's code.
    stolen = {**other.exchange(code), "redirect_uri": vetbook.redirect_uri}
    cases.append(error_of(post(api, "/oauth/token", stolen)) == "invalid_grant")
    # The code was spent by the attempt: VetBook itself cannot use it now (single use).
    cases.append(error_of(post(api, "/oauth/token", vetbook.exchange(code))) == "invalid_grant")
    # Another redirect URI than the code's.
    code = api._code("alice", vetbook, ["activity:read"])
    tampered = {**vetbook.exchange(code), "redirect_uri": vetbook.redirect_uri + "/x"}
    cases.append(error_of(post(api, "/oauth/token", tampered)) == "invalid_grant")
    # PKCE: no verifier, or another one.
    code = api._code("alice", vetbook, ["activity:read"])
    without = {k: v for k, v in vetbook.exchange(code).items() if k != "code_verifier"}
    cases.append(
        error_of(post(api, "/oauth/token", without)) in ("invalid_request", "invalid_grant")
    )
    code = api._code("alice", vetbook, ["activity:read"])
    wrong = vetbook.exchange(code, secrets.token_urlsafe(48))
    cases.append(error_of(post(api, "/oauth/token", wrong)) == "invalid_grant")
    # A wrong client secret.
    code = api._code("alice", vetbook, ["activity:read"])
    answer = post(api, "/oauth/token", {**vetbook.exchange(code), "client_secret": "pcs_wrong"})
    cases.append(answer.status == 401 and error_of(answer) == "invalid_client")
    # Replay of a good exchange: refused, and the tokens of the first exchange end with it
    # (RFC 6749 §4.1.2: a code used twice was stolen).
    code = api._code("alice", vetbook, ["profile:read"])
    first = post(api, "/oauth/token", vetbook.exchange(code))
    issued = json.loads(first.body)["access_token"] if first.status == 200 else ""
    bearer = {"Authorization": f"Bearer {issued}"}
    before = api.send("GET", "/me", bearer, b"", {}).status
    again = post(api, "/oauth/token", vetbook.exchange(code))
    after = api.send("GET", "/me", bearer, b"", {}).status
    cases.append(first.status == 200 and error_of(again) == "invalid_grant")
    cases.append(before == 200 and after == 401)
    figures.record(ROW, binding, held=all(cases), cases=len(cases))
    assert all(cases), cases


@pytest.mark.parametrize(
    "redirect",
    [
        "https://evil.example/callback",
        "https://vetbook.example/callback/../evil",
        "https://vetbook.example/callback?next=https://evil.example",
        "https://vetbook.example/callbackx",
        "https://vetbook.example.evil.example/callback",
        "http://vetbook.example/callback",
        "",
    ],
)
def test_redirect_uris_match_exactly_and_nothing_redirects_elsewhere(
    api: ApiDriver,
    apps: tuple[OAuthApp, OAuthApp],
    figures: Figures,
    binding: str,
    redirect: str,
) -> None:
    vetbook, _ = apps
    params = {**vetbook.authorization(["activity:read"]), "redirect_uri": redirect}
    held = no_redirect(authorize(api, params))
    # An unknown client: no redirect at all, whatever URI it names (an open redirector).
    stranger = {**params, "client_id": "no-such-client"}
    held = held and no_redirect(authorize(api, stranger))
    figures.record(ROW, binding, held=held, cases=2)
    assert held


@pytest.mark.parametrize(
    "pkce",
    [
        {},  # no challenge at all
        {"code_challenge_method": "plain"},
        {"code_challenge_method": ""},  # RFC 7636 reads a missing method as plain
        {"code_challenge": "short"},
    ],
)
def test_pkce_s256_is_required_of_every_client(
    api: ApiDriver,
    apps: tuple[OAuthApp, OAuthApp],
    figures: Figures,
    binding: str,
    pkce: dict[str, str],
) -> None:
    vetbook, _ = apps
    params = vetbook.authorization(["activity:read"])
    params = {k: v for k, v in params.items() if not k.startswith("code_challenge")}
    if pkce:
        challenge = {"code_challenge": params.get("code_challenge", "x" * 43)}
        params = {**params, **challenge, **pkce}
        params = {k: v for k, v in params.items() if v != ""}
    held = error_redirect(authorize(api, params), vetbook, "invalid_request")
    figures.record(ROW, binding, held=held)
    assert held


def test_a_consent_form_needs_its_token_and_works_once(
    api: ApiDriver, apps: tuple[OAuthApp, OAuthApp], figures: Figures, binding: str
) -> None:
    vetbook, _ = apps
    answer = authorize(api, vetbook.authorization(["activity:read"]))
    login = urlsplit(api.sign_in_at_provider("alice", answer.headers["location"]))
    returned = {name: values[0] for name, values in parse_qs(login.query).items()}
    page = api.send("GET", "/oauth/login", {}, b"", returned)
    hidden = dict(HIDDEN.findall(page.body.decode()))
    forged = [("pending", hidden["pending"]), ("scope", "activity:read"), ("decision", "allow")]
    cases = [
        post(api, "/oauth/consent", forged).status == 401,  # no consent token (a CSRF)
        post(api, "/oauth/consent", [*forged, ("consent_token", "guess")]).status == 401,
    ]
    good = [*forged, ("consent_token", hidden["consent_token"])]
    first = post(api, "/oauth/consent", good)
    cases.append(first.status == 302 and f"state={vetbook.state}" in first.headers["location"])
    cases.append(post(api, "/oauth/consent", good).status == 401)  # a form works once
    # The sign-in's return cannot be replayed to bind the authorization to someone else.
    again = api.send("GET", "/oauth/login", {}, b"", returned)
    cases.append(again.status == 401)
    figures.record(ROW, binding, held=all(cases), cases=len(cases))
    assert all(cases), cases


def test_refresh_tokens_rotate_and_revoking_ends_them(
    api: ApiDriver, apps: tuple[OAuthApp, OAuthApp], figures: Figures, binding: str
) -> None:
    vetbook, _ = apps
    token = json.loads(
        post(
            api, "/oauth/token", vetbook.exchange(api._code("alice", vetbook, ["profile:read"]))
        ).body
    )
    credentials = {"client_id": vetbook.client_id, "client_secret": vetbook.client_secret}
    refresh = {
        "grant_type": "refresh_token",
        "refresh_token": token["refresh_token"],
        **credentials,
    }
    rotated = post(api, "/oauth/token", refresh)
    fresh = json.loads(rotated.body)
    cases = [
        rotated.status == 200 and fresh["refresh_token"] != token["refresh_token"],
        error_of(post(api, "/oauth/token", refresh)) == "invalid_grant",  # the old one is spent
    ]
    me = api.send("GET", "/me", {"Authorization": f"Bearer {fresh['access_token']}"}, b"", {})
    cases.append(me.status == 200)
    revoked = post(api, "/oauth/revoke", {"token": fresh["access_token"], **credentials})
    me = api.send("GET", "/me", {"Authorization": f"Bearer {fresh['access_token']}"}, b"", {})
    cases.append(revoked.status == 200 and me.status == 401)
    # The owner revokes the grant: the refresh token dies with it.
    api.revoke("alice", "VetBook")
    again = {**refresh, "refresh_token": fresh["refresh_token"]}
    cases.append(error_of(post(api, "/oauth/token", again)) == "invalid_grant")
    figures.record(ROW, binding, held=all(cases), cases=len(cases))
    assert all(cases), cases
