"""Shared by the tools_*.py scripts (test/e2e/tools_python.sh runs each against PostgreSQL 15 and
`kanto serve` and compares what they print).

step(name, fn, not_yet=None) prints fn()'s answer, or the error it raised (type and SQLSTATE), so
that a failing step shows in the comparison and the steps after it still run. A step Kanto cannot
do yet names the reason in not_yet: it is not run on PostgreSQL, must still fail on Kanto, and
prints "not yet: REASON" on both, so the outputs agree only while Kanto still lacks it (a step that
starts working makes the comparison fail until it is taken off the list).
"""
import os

ON_KANTO = os.environ.get("KANTO_PORT") == os.environ.get("PGPORT")


def step(name, fn, not_yet=None):
    if not_yet is not None:
        if ON_KANTO:
            try:
                fn()
            except Exception:  # noqa: BLE001 - any failure counts as still missing
                print(f"{name}: not yet: {not_yet}")
                return None
            print(f"{name}: works on Kanto now: take it off the not-yet list ({not_yet})")
            return None
        print(f"{name}: not yet: {not_yet}")
        return None
    try:
        value = fn()
    except Exception as e:  # noqa: BLE001 - printed for the comparison
        print(f"{name}: ERROR {type(e).__name__} {getattr(e, 'sqlstate', '')}: {str(e).splitlines()[0] if str(e) else ''}")
        return None
    print(f"{name}: {value!r}")
    return value
