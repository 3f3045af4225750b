"""How each command's module is loaded: only when that command runs (or --help lists them all).

The one lazy-loading seam for commands: a plain import statement per module, inside a function,
that grep, mypy and editors follow. ``tpcycle.cli.commands`` names which loader each command uses.
"""

from __future__ import annotations

from types import ModuleType


def steps() -> ModuleType:
    from tpcycle.cli import steps

    return steps


def goal() -> ModuleType:
    from tpcycle.cli import goal

    return goal


def cycles() -> ModuleType:
    from tpcycle.cli import cycles

    return cycles


def status() -> ModuleType:
    from tpcycle.cli import status

    return status


def show() -> ModuleType:
    from tpcycle.cli import show

    return show


def compare() -> ModuleType:
    from tpcycle.cli import compare

    return compare


def evidence() -> ModuleType:
    from tpcycle.cli import evidence

    return evidence


def observe() -> ModuleType:
    from tpcycle.cli import observe

    return observe


def sort() -> ModuleType:
    from tpcycle.cli import sort

    return sort


def attachments() -> ModuleType:
    from tpcycle.cli import attachments

    return attachments


def session() -> ModuleType:
    from tpcycle.cli import session

    return session


def talks() -> ModuleType:
    from tpcycle.cli import talks

    return talks


def check() -> ModuleType:
    from tpcycle.cli import check

    return check


def search() -> ModuleType:
    from tpcycle.cli import search

    return search


def history() -> ModuleType:
    from tpcycle.cli import history

    return history


def export() -> ModuleType:
    from tpcycle.cli import export

    return export


def remind() -> ModuleType:
    from tpcycle.cli import remind

    return remind


def exchange() -> ModuleType:
    from tpcycle.cli import exchange

    return exchange


def privacy() -> ModuleType:
    from tpcycle.cli import privacy

    return privacy


def protocols() -> ModuleType:
    from tpcycle.cli import protocols

    return protocols


def db() -> ModuleType:
    from tpcycle.cli import db

    return db


def start() -> ModuleType:
    from tpcycle.cli import start

    return start


def corrections() -> ModuleType:
    from tpcycle.cli import corrections

    return corrections


def between() -> ModuleType:
    from tpcycle.cli import between

    return between


def coach() -> ModuleType:
    from tpcycle.cli import coach

    return coach


def demo() -> ModuleType:
    from tpcycle.cli import demo

    return demo


def identity() -> ModuleType:
    from tpcycle.cli import identity

    return identity


def agreement() -> ModuleType:
    from tpcycle.cli import agreement

    return agreement
