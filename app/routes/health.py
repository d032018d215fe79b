"""GET /health."""
from typing import Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from app.routes.output import json_response

router = APIRouter(tags=["health"])


class Health(BaseModel):
    """The server answers."""

    status: Literal["ok"] = Field(default="ok", description="Always `ok`.", examples=["ok"])


@router.get("/health", operation_id="getHealth", summary="Liveness check",
            description="Always `{\"status\": \"ok\"}`; never rate-limited or cached.",
            response_model=Health)
async def get_health() -> Response:
    return json_response({"status": "ok"}, headers={"Cache-Control": "no-store"})
