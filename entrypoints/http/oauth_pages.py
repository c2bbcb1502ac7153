"""The sign-in and consent pages: plain HTML, no script, escaped values only, and headers that
keep them out of frames (clickjacking), caches and referrers."""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from application.use_cases.authorize_app import ConsentPrompt
from domain.access import Scope
from entrypoints.http.messages import HttpResponse

SCOPE_WORDS = {
    Scope.ACTIVITY: "your pets' daily activity (steps, distance, calories)",
    Scope.LOCATION: "where your pets were (their location history)",
    Scope.PROFILE: "your profile and your pets' names",
}
STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}"
    "label{display:block;margin:.5rem 0}button{margin:1rem .5rem 0 0;padding:.5rem 1rem}"
)


def page(title: str, body: str, form_targets: str = "'self'") -> HttpResponse:
    html = (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
        f"<body><h1>{escape(title)}</h1>{body}</body></html>"
    )
    policy = (
        f"default-src 'none'; style-src 'unsafe-inline'; form-action {form_targets}; "
        "frame-ancestors 'none'; base-uri 'none'"
    )
    headers = {
        "content-type": "text/html; charset=utf-8",
        "content-security-policy": policy,
        "x-frame-options": "DENY",
        "cache-control": "no-store",
        "referrer-policy": "no-referrer",
    }
    return HttpResponse(200, headers, html.encode())


def sign_in_page(state: str) -> HttpResponse:
    body = (
        "<p>Sign in to Pawtrack on this computer (the local identity provider: no password).</p>"
        '<form method="post" action="/oauth/signin">'
        f'<input type="hidden" name="state" value="{escape(state)}">'
        '<label for="name">Your name</label>'
        '<input id="name" name="name" autocomplete="username" required maxlength="100">'
        '<button type="submit">Sign in</button></form>'
    )
    return page("Sign in to Pawtrack", body)


def consent_page(prompt: ConsentPrompt) -> HttpResponse:
    choices = "".join(
        f'<label><input type="checkbox" name="scope" value="{scope.value}" checked> '
        f"{escape(SCOPE_WORDS[scope])}</label>"
        for scope in prompt.offered
    )
    body = (
        f"<p><strong>{escape(prompt.app_name)}</strong> asks to read:</p>"
        '<form method="post" action="/oauth/consent">'
        f'<input type="hidden" name="pending" value="{escape(prompt.pending_id)}">'
        f'<input type="hidden" name="consent_token" value="{escape(prompt.consent_token)}">'
        f"{choices}<p>You can revoke its access at any time.</p>"
        '<button type="submit" name="decision" value="allow">Allow</button>'
        '<button type="submit" name="decision" value="deny">Deny</button></form>'
    )
    origin = urlsplit(prompt.redirect_uri)
    # The consent's answer redirects to the app: form-action must allow its origin.
    return page(f"Connect {prompt.app_name}", body, f"'self' {origin.scheme}://{origin.netloc}")
