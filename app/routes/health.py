"""GET /health."""
from typing import Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: Literal["ok"] = "ok"


@router.get("/health", summary="Liveness check", description="Always `{\"status\": \"ok\"}`.")
def read_health(response: Response) -> Health:
    response.headers["Cache-Control"] = "no-store"
    return Health()
