"""`equipmatch serve` as an outside client meets it: a fresh data folder, the embedded PostgreSQL,
migrations, reference data, the admin from the environment, the API — and a clean stop on SIGTERM."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_on_an_empty_embedded_database_and_stop_on_sigterm(tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "EQM_DATABASE_URL"}}
    env.update(
        EQM_DATA_DIR=str(tmp_path / "data"), EQM_ADMIN_EMAIL="admin@example.com", EQM_ADMIN_PASSWORD="Admin@2024"
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, process.stdout.read() if process.stdout else ""
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "serve did not become ready"
            time.sleep(0.5)
        token = httpx.post(
            f"{base}/api/v1/auth/token", data={"username": "admin@example.com", "password": "Admin@2024"}
        ).json()["access_token"]
        me = httpx.get(f"{base}/api/v1/me", headers={"Authorization": f"Bearer {token}"}).json()
        assert me["roles"] == ["platform_admin"]
        tree = httpx.get(f"{base}/api/v1/categories").json()
        assert any(g["name"] == "工业母机" for g in tree)
        assert httpx.get(f"{base}/openapi.json").json()["paths"]["/api/v1/listings"]
        assert httpx.get(f"{base}/docs").status_code == 200
        postmaster = int((tmp_path / "data" / "pg" / "postmaster.pid").read_text().split()[0])
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            code = process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
    assert code == 0  # a graceful stop is a success
    # The embedded PostgreSQL that serve started is gone with it.
    deadline = time.monotonic() + 10
    while psutil.pid_exists(postmaster) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not psutil.pid_exists(postmaster)
