"""Use cases: each function is one thing a person does with the journal.

A use case opens its unit of work with ``journal.write()`` or ``journal.read()``; called from
inside another use case it joins the unit already open, so one user action is one transaction
however many use cases it takes. Use cases take plain values and return plain values (domain
objects and small result dataclasses); they never print, prompt or exit.
"""
