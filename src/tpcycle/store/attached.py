"""Files kept with entries: the bytes once per SHA-256 (``blobs``), and which entry holds which
file under what name (``attachments``)."""

from __future__ import annotations

from collections.abc import Sequence

from tpcycle.attachments import Attachment, FileToKeep
from tpcycle.store.records import Table, within

_SELECT = (
    "SELECT a.id, a.entry_id, a.name, b.kind, b.size, a.sha256, a.added_at"
    " FROM attachments a JOIN blobs b ON b.sha256 = a.sha256"
)


class Attachments(Table):
    def add(self, entry_id: int, file: FileToKeep, at: str) -> bool:
        """Keep ``file`` with the entry; False when the entry holds these bytes already."""
        self.conn.execute(
            "INSERT OR IGNORE INTO blobs (sha256, kind, size, bytes) VALUES (?, ?, ?, ?)",
            [file.sha256, file.kind, file.size, file.data],
        )
        cursor = self.conn.execute(
            "INSERT OR IGNORE INTO attachments (entry_id, sha256, name, added_at)"
            " VALUES (?, ?, ?, ?)",
            [entry_id, file.sha256, file.name, at],
        )
        return cursor.rowcount > 0

    def of_entries(self, entry_ids: Sequence[int]) -> list[Attachment]:
        """The files these entries hold, in the order they were added."""
        if not entry_ids:
            return []
        scope, params = within(entry_ids)
        rows = self.conn.execute(f"{_SELECT} WHERE a.entry_id {scope} ORDER BY a.id", params)
        return [
            Attachment(int(r[0]), int(r[1]), str(r[2]), str(r[3]), int(r[4]), str(r[5]), str(r[6]))
            for r in rows.fetchall()
        ]

    def data(self, sha256: str) -> bytes:
        row = self.conn.execute("SELECT bytes FROM blobs WHERE sha256 = ?", [sha256]).fetchone()
        return b"" if row is None else bytes(row[0])

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM attachments").fetchone()[0])
