"""Background jobs, one module per capability. Each module registers its procrastinate tasks on
`service.worker.tasks` and its outbox handlers with `service.worker.on_outbox`; importing this
package registers them all."""

from service.jobs import matching  # noqa: F401
