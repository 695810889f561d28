"""The project's conventions, checked: import direction, one openai importer, settings
documented in the README, prompt files rendering with exactly their declared variables.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import jinja2
import jinja2.meta
import pytest

from service.prompts import PROMPTS_DIR, declared_vars, render
from service.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _sources(*folders: str) -> list[Path]:
    return [p for f in folders for p in (ROOT / f).rglob("*.py")]


def test_index_never_imports_service() -> None:
    offenders = [p.name for p in _sources("index") if "service" in _imports(p)]
    assert offenders == []


def test_only_the_adapter_imports_openai() -> None:
    importers = {str(p.relative_to(ROOT)) for p in _sources("index", "service", "evals")
                 if "openai" in _imports(p)}
    assert importers == {"service/openai_adapter.py"}


def test_no_default_that_downloads_at_run_time() -> None:
    pattern = re.compile(r"DefaultEmbeddingFunction|ONNXMiniLM_L6_V2|get_encoding\([\"']cl100k_base[\"']\)"
                         r"|encoding_for_model\(|hf_hub_download")
    hits = [str(p) for p in _sources("index", "service", "evals") if pattern.search(p.read_text())]
    assert hits == []


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [f"REFERAT_{name.upper()}" for name in Settings.model_fields
               if f"REFERAT_{name.upper()}" not in readme]
    assert missing == []


TASKS = sorted(p.name for p in PROMPTS_DIR.iterdir() if p.is_dir())


def test_there_are_prompt_tasks() -> None:
    assert "ask" in TASKS


@pytest.mark.parametrize("task", TASKS)
def test_prompt_files_use_exactly_their_declared_variables(task: str) -> None:
    env = jinja2.Environment()
    used: set[str] = set()
    files = sorted((PROMPTS_DIR / task).glob("*.j2"))
    assert files, f"prompts/{task} has no .j2 files"
    for f in files:
        used |= jinja2.meta.find_undeclared_variables(env.parse(f.read_text(encoding="utf-8")))
    assert used == declared_vars(task)
    messages, digest = render(task, **{v: f"<{v}>" for v in declared_vars(task)})
    assert messages and len(digest) == 12
    with pytest.raises(ValueError, match="missing"):
        render(task, **{v: "x" for v in sorted(declared_vars(task))[1:]})
