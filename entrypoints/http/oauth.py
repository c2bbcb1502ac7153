"""Pawtrack's OAuth 2 authorization server over HTTP: /oauth/authorize, the identity provider's
return to /oauth/login, the consent form, /oauth/token and /oauth/revoke (RFC 6749, RFC 7636,
RFC 7009). Its answers are OAuth's own (JSON errors, redirects), not problem+json."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlencode

from application.ports.apps import OAuthAnswer
from application.use_cases.authorize_app import (
    AuthorizeAppQuery,
    ConsentCommand,
    SignedInQuery,
)
from application.use_cases.oauth_tokens import TokenRequest
from application.use_cases.sign_in import SignIn, SignInCommand
from entrypoints.http.jsonio import encode_json
from entrypoints.http.messages import HttpRequest, HttpResponse
from entrypoints.http.oauth_pages import consent_page, sign_in_page
from entrypoints.http.problems import HttpProblem

if TYPE_CHECKING:
    from entrypoints.wiring import Container

FORM = "application/x-www-form-urlencoded"
REPEATABLE = frozenset({"scope"})  # the consent form's checkboxes


def form_fields(request: HttpRequest) -> dict[str, list[str]]:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != FORM:
        raise HttpProblem(415, f"send the body as {FORM}")
    try:
        text = request.body.decode()
    except UnicodeDecodeError as error:
        raise HttpProblem(415, "the form is not UTF-8") from error
    return parse_qs(text, keep_blank_values=True, strict_parsing=False)


def single(fields: dict[str, list[str]]) -> dict[str, str]:
    """Each parameter once (RFC 6749 §3.1, §3.2: a repeated parameter is an invalid request)."""
    repeated = sorted(name for name, values in fields.items() if len(values) > 1)
    if [name for name in repeated if name not in REPEATABLE]:
        raise HttpProblem(400, f"a parameter is repeated: {', '.join(repeated)}")
    return {name: values[0] for name, values in fields.items()}


def oauth_response(answer: OAuthAnswer) -> HttpResponse:
    headers = dict(answer.headers)
    if "location" in headers:
        return HttpResponse(answer.status, {**headers, "cache-control": "no-store"})
    headers.update({"content-type": "application/json", "cache-control": "no-store"})
    return HttpResponse(answer.status, headers, encode_json(answer.body))


def authorize(container: Container, request: HttpRequest) -> HttpResponse:
    answer = container.authorize_app()(AuthorizeAppQuery(dict(request.query)))
    return oauth_response(answer)


def local_sign_in(container: Container) -> SignIn:
    """The local issuer's sign-in; 404 where there is none (the clouds' providers have none)."""
    try:
        return container.sign_in()
    except Exception as error:  # the clouds leave the token issuer undefined
        raise HttpProblem(404, "owners sign in with the cloud's identity provider") from error


def sign_in_form(container: Container, request: HttpRequest) -> HttpResponse:
    """The local identity provider's page (a laptop, the tests): the clouds' sign in with
    Cognito or Entra and never send an owner here."""
    local_sign_in(container)
    return sign_in_page(request.query.get("state", ""))


def sign_in(container: Container, request: HttpRequest) -> HttpResponse:
    fields = single(form_fields(request))
    name, state = fields.get("name", "").strip(), fields.get("state", "")
    if not name or len(name) > 100:
        raise HttpProblem(422, "give your name", field="name")
    code = local_sign_in(container)(SignInCommand(name))
    location = "/oauth/login?" + urlencode({"code": code, "state": state})
    return HttpResponse(302, {"location": location, "cache-control": "no-store"})


def login(container: Container, request: HttpRequest) -> HttpResponse:
    """Where the identity provider returns the owner: the consent page."""
    query = SignedInQuery(request.query.get("code", ""), request.query.get("state", ""))
    return consent_page(container.signed_in()(query))


def consent(container: Container, request: HttpRequest) -> HttpResponse:
    fields = form_fields(request)
    one = single(fields)
    command = ConsentCommand(
        one.get("pending", ""),
        one.get("consent_token", ""),
        fields.get("scope", []),
        one.get("decision") == "allow",
    )
    return oauth_response(container.consent_to_app()(command))


def token(container: Container, request: HttpRequest) -> HttpResponse:
    return client_endpoint(container.exchange_token(), request)


def revoke(container: Container, request: HttpRequest) -> HttpResponse:
    return client_endpoint(container.revoke_token(), request)


def client_endpoint(
    use_case: Callable[[TokenRequest], OAuthAnswer], request: HttpRequest
) -> HttpResponse:
    """The token or revocation endpoint: its form (a form that is not one — a repeated
    parameter — is OAuth's `invalid_request`, RFC 6749 §5.2, as the endpoint's other errors)
    and the client's credentials in the headers, to the use case."""
    fields = form_fields(request)  # 415 for another media type or encoding: HTTP's, first
    try:
        form = single(fields)
    except HttpProblem as problem:
        error: dict[str, object] = {"error": "invalid_request", "error_description": problem.detail}
        return oauth_response(OAuthAnswer(400, error, {}))
    return oauth_response(use_case(TokenRequest(form, dict(request.headers))))
