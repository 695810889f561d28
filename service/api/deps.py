"""How routers reach the services built by `create_app` (no globals)."""

from __future__ import annotations

from fastapi import Request

from service.wiring import Services


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services
