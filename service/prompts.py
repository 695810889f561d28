"""Prompt files under `prompts/<task>/<role>.j2`, rendered with StrictUndefined.

Each task declares its variables in `prompts/<task>/vars.yaml`; every render returns the
content hash of the files used, logged with the model call and kept in eval reports.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import jinja2
import yaml

from service.llm import Message

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"
ROLES = ("system", "user")


@lru_cache
def _env(root: str) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(root),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
    )


def declared_vars(task: str, root: Path = PROMPTS_DIR) -> set[str]:
    data = yaml.safe_load((root / task / "vars.yaml").read_text(encoding="utf-8")) or {}
    return set(data.get("variables", []))


def render(task: str, root: Path = PROMPTS_DIR, **variables: object) -> tuple[list[Message], str]:
    """Render the task's messages; returns them with the prompt content hash."""
    missing = declared_vars(task, root) - set(variables)
    extra = set(variables) - declared_vars(task, root)
    if missing or extra:
        raise ValueError(f"prompt {task}: missing {sorted(missing)}, undeclared {sorted(extra)}")
    env = _env(str(root))
    digest = hashlib.sha256()
    messages = []
    for role in ROLES:
        path = root / task / f"{role}.j2"
        if not path.exists():
            continue
        digest.update(path.read_bytes())
        text = env.get_template(f"{task}/{role}.j2").render(**variables).strip()
        messages.append(Message(role=role, content=text))
    return messages, digest.hexdigest()[:12]
