"""Bearer authentication for writes: enabled only when the API_KEY setting is set."""
import hmac
from typing import Annotated

from fastapi import Depends, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.config import Settings, get_settings
from app.errors import Forbidden, Unauthorized

bearer = HTTPBearer(
    auto_error=False,
    description="`Authorization: Bearer <API_KEY>`; writes are refused when the server has no "
    "API_KEY set.",
)


def require_api_key(
    settings: Annotated[Settings, Depends(get_settings)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)],
) -> None:
    """Let the request through only with the configured API key (compared in constant time)."""
    if not settings.api_key:
        raise Forbidden("Writes are disabled: the server has no API_KEY set.")
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("Send `Authorization: Bearer <API key>`.")
    if not hmac.compare_digest(credentials.credentials.encode(), settings.api_key.encode()):
        raise Unauthorized("Wrong API key.")


ApiKeyDep = Depends(require_api_key)
