"""The one provider-neutral HTTP API that every binding (local, Lambda, Functions) dispatches to.

No web framework is imported in this package; a binding turns its platform's
request into an `HttpRequest`, calls `routes.dispatch`, and sends the `HttpResponse` back.
"""
