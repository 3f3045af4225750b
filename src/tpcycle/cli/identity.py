"""The whoami command: who this machine speaks for, shown, set or cleared."""

from __future__ import annotations

from typing import Annotated

import typer

from tpcycle.cli import output as out
from tpcycle.cli.common import opened
from tpcycle.cli.options import JsonOption
from tpcycle.domain import Role
from tpcycle.errors import InvalidInput
from tpcycle.messages_partnership import Partnership
from tpcycle.render import to_json
from tpcycle.render_partnership import me_dict
from tpcycle.usecases import identity


def whoami(
    ctx: typer.Context,
    teacher: Annotated[
        str | None,
        typer.Option("--teacher", metavar="NAME", help="This machine speaks for the teacher NAME."),
    ] = None,
    partner: Annotated[
        str | None,
        typer.Option("--partner", metavar="NAME", help="This machine speaks for the partner NAME."),
    ] = None,
    clear: Annotated[
        bool, typer.Option("--clear", help="Forget who this machine speaks for.")
    ] = False,
    json: JsonOption = False,
) -> None:
    """Who this machine speaks for: the default author of every entry written here.

    Set it once on each laptop (--teacher NAME or --partner NAME); every command that takes
    --by, and the guided session, then writes in that person's voice unless told otherwise.
    """
    if teacher is not None and partner is not None:
        raise InvalidInput(Partnership.WHOAMI_ONE_ROLE)
    if clear and (teacher is not None or partner is not None):
        raise InvalidInput(Partnership.WHOAMI_CLEAR_ALONE)
    setting = teacher is not None or partner is not None or clear
    with opened(ctx, create=setting, missing_ok=True) as journal:
        if clear:
            identity.clear_me(journal)
            me = None
        elif teacher is not None:
            me = identity.set_me(journal, Role.TEACHER, teacher)
        elif partner is not None:
            me = identity.set_me(journal, Role.PARTNER, partner)
        else:
            me = identity.whoami(journal)
    if json:
        out.json_document(to_json(me_dict(me)))
    elif clear:
        out.saved(Partnership.WHOAMI_CLEARED)
    elif me is None:
        out.say(Partnership.WHOAMI_UNSET)
    elif setting:
        out.saved(Partnership.WHOAMI_SET, name=me.name, role=me.role.value)
    else:
        out.line(out.words(Partnership.WHOAMI_IS, name=me.name, role=me.role.value))
