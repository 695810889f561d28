"""docker-compose.yml cannot be started here (no engine); check what it claims instead."""

from pathlib import Path

import yaml

from service.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def test_compose_wires_referat_to_a_chroma_server_with_known_settings() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert set(compose["services"]) == {"chroma", "referat"}
    env = compose["services"]["referat"]["environment"]
    assert env["REFERAT_CHROMA_HOST"] == "chroma"
    known = {f"REFERAT_{name.upper()}" for name in Settings.model_fields}
    assert set(env) <= known
    assert (ROOT / "Dockerfile").exists()
