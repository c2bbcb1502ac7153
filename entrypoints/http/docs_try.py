"""The docs page's "try it": one inline script, allowed by its hash in the content security
policy (`script-src 'sha256-…'`), sending each operation's form with `fetch` to this server only
(`connect-src 'self'`). Paths are taken relative to the page, as its openapi.json link is, so
that it works behind a stage's base path too."""

from __future__ import annotations

import base64
import hashlib

TRY_SCRIPT = """
document.querySelectorAll('form.try').forEach(function (form) {
  form.addEventListener('submit', async function (event) {
    event.preventDefault();
    var path = form.dataset.path, query = new URLSearchParams(), init = {method: form.dataset.method, headers: {}};
    form.querySelectorAll('input').forEach(function (input) {
      if (input.dataset.in === 'path') path = path.replace('{' + input.name + '}', encodeURIComponent(input.value));
      else if (input.value) query.append(input.name, input.value);
    });
    var token = document.getElementById('token').value.trim();
    if (token) init.headers['Authorization'] = 'Bearer ' + token;
    var body = form.querySelector('textarea');
    if (body) { init.body = body.value; init.headers['Content-Type'] = 'application/json'; }
    var url = path.slice(1) + (query.toString() ? '?' + query : '');
    var answer = form.parentNode.querySelector('.answer');
    try {
      var response = await fetch(url, init), text = await response.text();
      answer.textContent = response.status + ' ' + response.statusText + '\\n' + text;
    } catch (error) { answer.textContent = String(error); }
  });
});
"""
TRY_SCRIPT_HASH = (
    "sha256-" + base64.b64encode(hashlib.sha256(TRY_SCRIPT.encode()).digest()).decode()
)
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; style-src 'unsafe-inline'; script-src '{TRY_SCRIPT_HASH}'; "
    "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
)
