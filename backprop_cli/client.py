"""The API over httpx, with the server's problem documents turned into one exception."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from backprop_cli import __version__
from backprop_cli.config import Settings

TIMEOUT = httpx.Timeout(30.0, connect=10.0)


class CliError(Exception):
    """Our error or the user's input (exit status 2); the message is printed as is."""


@dataclass
class Problem(CliError):
    status: int
    detail: str
    code: str = ""

    def __str__(self) -> str:
        return self.detail


class Api:
    def __init__(self, settings: Settings, *, transport: httpx.BaseTransport | None = None):
        self.settings = settings
        self.http = httpx.Client(
            base_url=settings.url,
            headers={
                "Authorization": f"Token {settings.token}",
                "User-Agent": f"backprop-cli/{__version__}",
                "Accept": "application/json",
            },
            timeout=TIMEOUT,
            transport=transport,
            follow_redirects=False,
        )

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self.http.request(method, path, **kwargs)
        except httpx.ConnectError:
            raise CliError(
                f"Cannot reach {self.settings.url}: is the server running, and the URL right? "
                "(`backprop configure --url ...`)"
            ) from None
        except httpx.TimeoutException:
            raise CliError(f"{self.settings.url} did not answer in time; try again.") from None
        except httpx.HTTPError as exc:
            raise CliError(f"Talking to {self.settings.url} failed: {exc}") from None
        if response.status_code >= 400:
            raise self._problem(response)
        return response

    def _problem(self, response: httpx.Response) -> Problem:
        body: dict = {}
        try:
            parsed = response.json()
            body = parsed if isinstance(parsed, dict) else {}
        except ValueError:
            pass
        detail = str(body.get("detail") or response.reason_phrase or "The request failed.")
        if response.status_code == 401:
            detail = (
                f"The server refused the token ({detail.rstrip('.')}). Copy a token from "
                f"{self.settings.url}/accounts/profile/#api and run `backprop configure`."
            )
        elif response.status_code == 404 and body.get("code") == "not_found":
            detail = f"{detail} ({response.request.url.path})"
        return Problem(response.status_code, detail, str(body.get("code") or ""))

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.request("GET", path, **kwargs).json()

    def post(self, path: str, **kwargs: Any) -> Any:
        response = self.request("POST", path, **kwargs)
        return response.json() if response.content else None

    def close(self) -> None:
        self.http.close()
