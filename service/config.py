"""Settings: one pydantic-settings class, environment prefix EQM_ plus the conventional
DATABASE_URL, MEILI_URL and MEILI_MASTER_KEY."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from matching.recommend import MatchConfig
from matching.scoring import MatchWeights

DEV_SECRET = "dev-only-secret-change-me-0123456789abcdef"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EQM_", env_file=".env", extra="ignore", env_nested_delimiter="__")

    env: Literal["development", "test", "production"] = "development"
    database_url: str | None = Field(default=None, validation_alias=AliasChoices("DATABASE_URL", "EQM_DATABASE_URL"))
    data_dir: Path = Path(".data")
    database_name: str = "equipmatch"

    secret_key: str = DEV_SECRET
    token_ttl_minutes: int = Field(default=12 * 60, ge=1)
    admin_email: str | None = None
    admin_password: str | None = None

    search_backend: Literal["postgres", "meilisearch"] = "postgres"
    meili_url: str | None = Field(default=None, validation_alias=AliasChoices("MEILI_URL", "EQM_MEILI_URL"))
    meili_master_key: str | None = Field(
        default=None, validation_alias=AliasChoices("MEILI_MASTER_KEY", "EQM_MEILI_MASTER_KEY")
    )

    demand_ttl_days: int = Field(default=180, ge=1)
    # Spreadsheet uploads (413 above this): a 50,000-row listings CSV with full descriptions is ~31 MB.
    import_max_bytes: int = Field(default=64 * 1024 * 1024, ge=1024)
    # Processes that check an import's rows and build its search documents (catalog/cpu.py), per
    # API process, started with it: None = min(2, CPU count); 0 = in the request's own process.
    import_workers: int | None = Field(default=None, ge=0)

    # Matching (README › Matching): factor weights (EQM_MATCH_WEIGHTS__CATEGORY=0.3 …), matches
    # stored per demand, and the score from which a new match notifies both sides.
    match_weights: MatchWeights = Field(default_factory=MatchWeights)
    match_top_n: int = Field(default=50, ge=1, le=500)
    match_notify_threshold: float = Field(default=0.75, ge=0, le=1)
    log_level: str = "INFO"
    # Logs: `json` (one object a line, with the request id), `console`, or `auto` (console on a TTY).
    log_format: Literal["auto", "json", "console"] = "auto"

    # Login throttling (README › Operations): failed logins per account and per address inside the
    # window; reaching the limit blocks that key until the window ends (429 with Retry-After).
    login_max_failures_per_account: int = Field(default=10, ge=1)
    login_max_failures_per_address: int = Field(default=100, ge=1)
    login_window_minutes: int = Field(default=15, ge=1)

    # Workers send a heartbeat every worker_heartbeat_seconds; the jobs of a worker silent for
    # worker_stalled_after_seconds are retried (a killed worker loses no job).
    worker_heartbeat_seconds: float = Field(default=10, gt=0)
    worker_stalled_after_seconds: float = Field(default=30, gt=0)
    # On SIGTERM / Ctrl-C a worker waits this long for its running jobs, then aborts them (each job
    # is one transaction: an aborted drain leaves its events for the next one). Without a bound,
    # `serve` took minutes to stop while its in-process worker drained an import's events.
    worker_shutdown_seconds: float = Field(default=5, ge=0)

    # Connections (docs/deploy.md › Connection budget): each API process and each worker holds at most
    # db_pool_size + db_max_overflow connections.
    db_pool_size: int = Field(default=5, ge=1)
    db_max_overflow: int = Field(default=5, ge=0)

    def match_config(self) -> MatchConfig:
        return MatchConfig(
            weights=self.match_weights, top_n=self.match_top_n, notify_threshold=self.match_notify_threshold
        )

    @model_validator(mode="after")
    def _refuse_default_secret(self) -> Settings:
        if self.env == "production" and self.secret_key == DEV_SECRET:
            raise ValueError("EQM_SECRET_KEY must be set outside development")
        if self.search_backend == "meilisearch" and not self.meili_url:
            raise ValueError("EQM_SEARCH_BACKEND=meilisearch needs MEILI_URL")
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
