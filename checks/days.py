"""Days from a date, stopping at the calendar's ends, and the as-of dates a policy can use.

Python's dates run from 0001-01-01 to 9999-12-31, and `date + timedelta` raises past
either end. A record may say `reviewed: 9999-12-31`; "one year after" that is then
the last day there is, not a crash. An as-of date is different: it is an argument,
and one too close to an end for the policy's windows is refused as a usage error.
"""

from __future__ import annotations

from datetime import date

from refcat.checks.policy import ConfigError, Policy

_FIRST, _LAST = date.min.toordinal(), date.max.toordinal()


def shift(day: date, days: int) -> date:
    """`day` moved by `days` (back when negative), clamped to the first and last date."""
    return date.fromordinal(min(max(day.toordinal() + days, _FIRST), _LAST))


def windows(policy: Policy) -> tuple[dict[str, int], dict[str, int]]:
    """The policy's windows reaching back from the as-of date, and those reaching ahead."""
    back = {
        "rating_review_days": policy.rating_review_days,
        "max_reference_age_days": policy.max_reference_age_days,
        "request_limit.days": policy.request_limit.days,
    }
    ahead = {
        "consent_warn_days": policy.consent_warn_days,
        "eol_warn_days": policy.eol_warn_days,
    }
    return back, ahead


def check_as_of(as_of: date, policy: Policy, within: int | None = None) -> None:
    """ConfigError unless every window of the policy (and `--within`) fits the calendar.

    The message names the longest window that does not fit, and the nearest as-of date
    where all of them do.
    """
    back, ahead = windows(policy)
    if within is not None:
        ahead["--within"] = within
    name, days = max(back.items(), key=lambda window: window[1])
    if as_of.toordinal() - days < _FIRST:
        earliest = shift(date.min, days)
        raise ConfigError(f"--as-of {as_of} is too early for {name} {days} (earliest: {earliest})")
    name, days = max(ahead.items(), key=lambda window: window[1])
    if as_of.toordinal() + days > _LAST:
        latest = shift(date.max, -days)
        raise ConfigError(f"--as-of {as_of} is too late for {name} {days} (latest: {latest})")
