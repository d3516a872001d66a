"""Background jobs, one module per capability. Each module registers its procrastinate tasks on
`service.worker.tasks` and its outbox handlers with `service.worker.on_outbox`; importing this
package registers them all."""

from service.jobs import (
    campaigns,  # noqa: F401  (group-purchase deadlines)
    demands,  # noqa: F401  (demand expiry)
    matching,  # noqa: F401  (re-matching after changes)
    search,  # noqa: F401  (Meilisearch outbox handlers)
)
