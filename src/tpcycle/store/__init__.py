"""The journal file and everything read from or written to it; the only code that speaks SQL.

``journal`` opens, protects, migrates, inspects, backs up and restores the file and runs units
of work; ``records`` maps rows to domain objects; ``search`` is the full-text index; ``sync`` the
exchange bookkeeping; ``stats`` plain aggregates; ``migrations`` the schema's history.
"""

from tpcycle.store.checkup import inspect
from tpcycle.store.journal import Journal, open_journal
from tpcycle.store.unit import UnitOfWork

__all__ = ["Journal", "UnitOfWork", "inspect", "open_journal"]
