"""Rating rules: how a monitored value's shortfall against its target becomes red, amber or green.

Councils set their own rules. The library's default, and the rules it knows by name:

=============== ===========================================================================
name            rule
=============== ===========================================================================
``default``     green on or better than the target; amber short of it by no more than 5% of
                the target; red otherwise (:class:`~ecm_plan.trajectory.Tolerance` ()).
``tolerance``   a tolerance band: green on or better than the target, amber within an agreed
                tolerance, red beyond it (Reigate and Banstead's practice); by name with a
                tolerance of 5% of the target, or built with :meth:`RatingRule.tolerance_band`
                for another.
``havering``    a band combined with direction (Havering, 2014): green on or within 10% of
                the (quarterly) target; amber more than 10% off but better than the same
                period a year earlier; red more than 10% off and not better (or with no figure
                a year earlier to show that it is); :meth:`RatingRule.band_with_direction`.
=============== ===========================================================================

Every rule starts from the status the trajectory package gives with the rule's tolerance
(:meth:`~ecm_plan.trajectory.PlanTrajectory.judge`, :func:`~ecm_plan.trajectory.assess`), so
that a rule never contradicts the trajectory's own reading of the figures.

Example:
    >>> from ecm_plan.trajectory import Status
    >>> rating_rule("havering").rate(Status.RED, improved_on_last_year=True)
    <Status.AMBER: 'amber'>
    >>> rating_rule("traffic")
    Traceback (most recent call last):
    ...
    ecm_plan.exceptions.UnknownRatingRuleError: unknown rating rule 'traffic'; use one of ...

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from typing import Final

import attrs

from ecm_plan import _args
from ecm_plan.exceptions import UnknownRatingRuleError
from ecm_plan.trajectory import Status, Tolerance, ToleranceBasis

__all__ = ["DEFAULT_RULE", "RULES", "RatingRule", "rating_rule"]


@attrs.frozen
class RatingRule:
    """A rating rule: a tolerance band, and whether direction of travel softens red to amber.

    Attributes:
        name: The rule's name, reported with every result that uses it.
        tolerance: The band: a shortfall within its allowance is amber (or green, when
            ``band_is_green``).
        band_is_green: Whether a value within the band counts as green (Havering) rather
            than amber.
        direction_rescues: Whether a value beyond the band is amber when it is better than
            the same period a year earlier (Havering), rather than red.
        description: The rule in words.

    Example:
        >>> rule = RatingRule.tolerance_band(relative=0.1)
        >>> rule.name, rule.tolerance.relative
        ('tolerance', 0.1)

    .. versionadded:: 0.2.0
    """

    name: str
    tolerance: Tolerance = attrs.field(factory=Tolerance)
    band_is_green: bool = False
    direction_rescues: bool = False
    description: str = ""

    @classmethod
    def tolerance_band(
        cls,
        relative: float = 0.05,
        absolute: float = 0.0,
        basis: ToleranceBasis | str = ToleranceBasis.TARGET,
    ) -> RatingRule:
        """Green on or better than the target, amber within the tolerance, red beyond it.

        Args:
            relative: The tolerance as a share of the target (or of the planned change).
            absolute: A tolerance in the indicator's unit (the larger of the two applies).
            basis: ``"target"`` or ``"change"`` (see :class:`~ecm_plan.trajectory.Tolerance`).

        Returns:
            The rule, named ``tolerance``.

        Example:
            >>> RatingRule.tolerance_band(absolute=2).tolerance.absolute
            2.0
        """
        tol = Tolerance(relative=relative, absolute=float(absolute), basis=basis)
        return cls(
            "tolerance",
            tol,
            description=(
                "green on or better than the target, amber short of it by no more than "
                f"{_allowance(tol)}, red otherwise"
            ),
        )

    @classmethod
    def band_with_direction(cls, band: float = 0.10) -> RatingRule:
        """Green within ``band`` of the target; beyond it amber if better than a year earlier.

        Args:
            band: The band as a share of the target (``0.10`` is 10%).

        Returns:
            The rule, named ``havering``.

        Example:
            >>> RatingRule.band_with_direction().tolerance.relative
            0.1
        """
        return cls(
            "havering",
            Tolerance(relative=band),
            band_is_green=True,
            direction_rescues=True,
            description=(
                f"green on or within {band:.0%} of the target; amber more than {band:.0%} off "
                "but better than the same period a year earlier; red more than "
                f"{band:.0%} off and not better"
            ),
        )

    def rate(self, status: Status, *, improved_on_last_year: bool | None = None) -> Status:
        """The rule's status, from the status the trajectory gives with :attr:`tolerance`.

        Args:
            status: Green (met), amber (short within the tolerance) or red (beyond it).
            improved_on_last_year: Whether the value is better than the same period a year
                earlier (None when there is no figure to compare).

        Returns:
            The status by this rule.

        Example:
            >>> rule = RatingRule.band_with_direction()
            >>> rule.rate(Status.AMBER), rule.rate(Status.RED, improved_on_last_year=None)
            (<Status.GREEN: 'green'>, <Status.RED: 'red'>)
        """
        if status is Status.AMBER and self.band_is_green:
            return Status.GREEN
        if status is Status.RED and self.direction_rescues and improved_on_last_year:
            return Status.AMBER
        return status


def _allowance(tol: Tolerance) -> str:
    share = f"{tol.relative:.0%} of the {'planned change' if tol.basis == 'change' else 'target'}"
    if tol.absolute:
        return f"the larger of {share} and {tol.absolute:g} in the indicator's unit"
    return share


DEFAULT_RULE: Final = RatingRule(
    "default",
    Tolerance(),
    description=(
        "green on or better than the target, amber short of it by no more than 5% of the "
        "target, red otherwise"
    ),
)
"""The library's default rule (that of :func:`~ecm_plan.trajectory.assess`)."""

RULES: Final = {
    "default": DEFAULT_RULE,
    "havering": RatingRule.band_with_direction(),
    "tolerance": RatingRule.tolerance_band(),
}
"""The rules the library knows by name."""


def rating_rule(rule: str | RatingRule | None = None) -> RatingRule:
    """A rating rule by name, or the rule given, or the default.

    Args:
        rule: A name of :data:`RULES`, a :class:`RatingRule`, or None for the default.

    Returns:
        The rule.

    Raises:
        UnknownRatingRuleError: The name is not one the library knows.

    Example:
        >>> rating_rule().name, rating_rule("tolerance").name
        ('default', 'tolerance')

    .. versionadded:: 0.2.0
    """
    if rule is not None and not isinstance(rule, RatingRule):
        _args.require_text(rule, "rule")
    if rule is None:
        return DEFAULT_RULE
    if isinstance(rule, RatingRule):
        return rule
    try:
        return RULES[rule]
    except KeyError:
        raise UnknownRatingRuleError(str(rule), sorted(RULES)) from None
