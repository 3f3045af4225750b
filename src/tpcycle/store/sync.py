"""Exchange bookkeeping: which version of each entry was last exchanged, and what was forgotten.

Only content hashes are kept, never old text, so forgetting stays forgetting.
"""

from __future__ import annotations

import sqlite3

from tpcycle.store.records import within


class SyncBook:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def local_ids(self, uids: list[str]) -> dict[str, int]:
        """Local ids of the entries (in any cycle) that have these uids."""
        scope, params = within(uids)
        rows = self.conn.execute(f"SELECT uid, id FROM entries WHERE uid {scope}", params)
        return {str(uid): int(entry_id) for uid, entry_id in rows.fetchall()}

    def synced_hashes(self, uids: list[str]) -> dict[str, str | None]:
        """The hash each entry had when it was last exchanged (None if never)."""
        scope, params = within(uids)
        rows = self.conn.execute(f"SELECT uid, synced_hash FROM entries WHERE uid {scope}", params)
        return {str(uid): synced for uid, synced in rows.fetchall()}

    def mark_synced(self, hashes: dict[str, str]) -> None:
        """Note the version of each entry that was just exchanged."""
        for uid, value in hashes.items():
            self.conn.execute("UPDATE entries SET synced_hash = ? WHERE uid = ?", [value, uid])
            self.conn.execute(
                "INSERT OR IGNORE INTO entry_versions (entry_uid, hash) VALUES (?, ?)",
                [uid, value],
            )

    def versions(self, uids: list[str]) -> dict[str, set[str]]:
        """Every version hash exchanged so far, per entry uid."""
        scope, params = within(uids)
        found: dict[str, set[str]] = {}
        for uid, value in self.conn.execute(
            f"SELECT entry_uid, hash FROM entry_versions WHERE entry_uid {scope}", params
        ).fetchall():
            found.setdefault(str(uid), set()).add(str(value))
        return found

    def forgotten(self, uids: list[str]) -> set[str]:
        scope, params = within(uids)
        rows = self.conn.execute(f"SELECT uid FROM forgotten WHERE uid {scope}", params)
        return {str(r[0]) for r in rows.fetchall()}

    def remember_forgotten(self, uids: list[str], at: str) -> None:
        """Keep only the uids of forgotten entries, so an import never brings them back."""
        self.conn.executemany(
            "INSERT OR IGNORE INTO forgotten (uid, at) VALUES (?, ?)", [(u, at) for u in uids]
        )
