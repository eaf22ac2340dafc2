"""Production settings pass Django's deployment checks, and demo sign-ins cannot exist there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "KURZWEG_ENV": "production",
    "SECRET_KEY": "a-long-random-production-secret-" + "k7Qz9vXw2LmN4pRt8sYb" * 3,
    "ALLOWED_HOSTS": "kurzweg.example.org",
    "DJANGO_SETTINGS_MODULE": "kurzweg.settings",
}


def run_manage(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, **PRODUCTION_ENV, "KURZWEG_VAR_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_passes_with_production_settings(tmp_path):
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_demo_cannot_be_loaded_with_production_settings(tmp_path):
    assert run_manage("migrate", "-v", "0", tmp_path=tmp_path).returncode == 0
    result = run_manage("load_demo", tmp_path=tmp_path)
    assert result.returncode != 0
    assert "demo" in result.stderr.lower()
