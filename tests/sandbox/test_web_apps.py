"""An http step serves a WSGI app (Flask's kind) with wsgiref and an ASGI app (FastAPI's kind)
with uvicorn, as production would; the harness tells them apart by their call."""

from sandbox.harness.web import is_asgi


def wsgi_app(environ, start_response):
    start_response("200 OK", [])
    return [b"ok"]


async def asgi_app(scope, receive, send):
    pass


class AsgiFramework:  # FastAPI and Starlette apps are instances with an async __call__
    async def __call__(self, scope, receive, send):
        pass


class WsgiFramework:  # Flask apps are instances with a plain __call__
    def __call__(self, environ, start_response):
        return []


def test_async_callables_are_asgi_and_plain_ones_wsgi():
    assert is_asgi(asgi_app) and is_asgi(AsgiFramework())
    assert not is_asgi(wsgi_app) and not is_asgi(WsgiFramework())
    assert not is_asgi(None)
