"""An optional read replica of the primary (DATABASE_REPLICA_URL) for full-text search, the
site's heaviest reads.

Only what runs through `on_replica()` reads the replica; everything else reads and writes the
primary, so a reader never misses their own comment or an editor their own edit to replication
lag. When the replica fails, the same read runs again on the primary.
"""

import contextvars
import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError

REPLICA = "replica"

_reading_the_replica = contextvars.ContextVar("reading_the_replica", default=False)
logger = logging.getLogger(__name__)


class ReplicaRouter:
    """Reads inside on_replica() go to the replica; all the rest keeps Django's default."""

    def db_for_read(self, model, **hints):
        return REPLICA if _reading_the_replica.get() else None

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the primary's own rows: an article read from one is the other's too.
        return {obj1._state.db, obj2._state.db} <= {"default", REPLICA} or None

    def allow_migrate(self, db, app_label, **hints):
        return False if db == REPLICA else None  # it follows the primary's schema


def has_replica():
    return REPLICA in settings.DATABASES


def on_replica(read):
    """What read() returns with its queries on the replica, if there is one; read on the
    primary instead when the replica cannot answer."""
    if not has_replica():
        return read()
    token = _reading_the_replica.set(True)
    try:
        return read()
    except (OperationalError, InterfaceError) as error:
        logger.warning("The read replica failed, reading the primary instead: %s", str(error)[:200])
    finally:
        _reading_the_replica.reset(token)
    return read()
