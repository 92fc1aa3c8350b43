"""An optional read replica of the primary (DATABASE_REPLICA_URL) for full-text search, the
site's heaviest reads.

Only what runs through `on_replica()` reads the replica; everything else reads and writes the
primary, so a reader never misses their own comment or an editor their own edit to replication
lag. When the replica cannot answer, the same read runs again on the primary, and the process
leaves the replica alone for RETRY_SECONDS, so an unreachable replica costs one slow search per
interval, not every search.
"""

import contextvars
import logging

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError
from psycopg.errors import QueryCanceled

from .outage import Outage

REPLICA = "replica"
RETRY_SECONDS = 30

_reading_the_replica = contextvars.ContextVar("reading_the_replica", default=False)
logger = logging.getLogger(__name__)


class ReplicaRouter:
    """Reads inside on_replica() go to the replica. Everything else goes to the primary, also
    for rows read from the replica (a search hit's section, a deferred field, a save)."""

    def db_for_read(self, model, **hints):
        return REPLICA if _reading_the_replica.get() else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the primary's own rows: an article read from one is the other's too.
        return {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA} or None

    def allow_migrate(self, db, app_label, **hints):
        return False if db == REPLICA else None  # it follows the primary's schema


replica_failure = Outage(RETRY_SECONDS)


def has_replica():
    return REPLICA in settings.DATABASES


def on_replica(read):
    """What read() returns with its queries on the replica, if there is one and it answered
    lately; read on the primary instead when it cannot answer. A query the replica cancelled
    (a statement timeout) is not run again on the primary: it would cost the primary as much."""
    if not has_replica() or replica_failure.current() is not None:
        return read()
    token = _reading_the_replica.set(True)
    try:
        return read()
    except (OperationalError, InterfaceError) as error:
        if isinstance(error.__cause__, QueryCanceled):
            raise
        replica_failure.record(error)
        logger.warning("The read replica failed, reading the primary for %s s: %s", RETRY_SECONDS, str(error)[:200])
    finally:
        _reading_the_replica.reset(token)
    return read()
