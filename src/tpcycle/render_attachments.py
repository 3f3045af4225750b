"""The JSON shape of the files kept with evidence (docs/json.md, "Attachments"). Pure."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tpcycle.attachments import Attachment


def attachment_dicts(listed: Iterable[Attachment]) -> list[dict[str, Any]]:
    return [
        {
            "id": a.id,
            "entry": a.entry_id,
            "name": a.name,
            "type": a.kind,
            "size": a.size,
            "sha256": a.sha256,
            "added_at": a.added_at,
        }
        for a in listed
    ]
