"""What the referrer enters beside the answers: who they are, who the child is, their judgement, consent and
what they write. One frozen value, read from the screen in one place and checked here, so that saving,
printing, drafts and a household's children all see the same details and the same gaps.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from ..core.problems import Location, Problem
from .record import CONSENT_LABELS, Child, Consent, ConsentStatus, DecisionRecord, Judgement, Referrer

Agreement = Literal["agree", "differ"]


@dataclass(frozen=True)
class RecordDetails:
    """The referrer's part of a record, as entered (free text exactly as typed; trimmed when recorded)."""

    referrer: Referrer = field(default_factory=Referrer)
    child: Child = field(default_factory=Child)
    #: Whether the referrer agrees with the recommendation (None: not said yet).
    agreement: Agreement | None = None
    level: int | None = None
    route: str | None = None
    reason: str = ""
    #: The consent status chosen (None: not said yet) and why.
    consent: str | None = None
    consent_reason: str = ""
    worry: str = ""
    working_well: str = ""

    def problems(self, *, emergency: bool = False) -> list[Problem]:
        """What is missing before a record can be made, each located on the page where it is entered.
        In immediate danger the agreement is the referrer's own call, so it may be left unsaid."""
        missing = []
        if self.agreement is None and not emergency:
            missing.append(Problem("say whether you agree with the recommended outcome, or your judgement differs",
                                   Location("Outcome page")))
        if self.agreement == "differ" and not self.reason.strip():
            missing.append(Problem("give the reason your judgement differs from the recommendation",
                                   Location("Outcome page")))
        if self.consent is None:
            missing.append(Problem("say what happened about consent: given, refused, sought and awaiting an "
                                   "answer, not sought because of risk, or not required", Location("Record page")))
        elif self.consent not in CONSENT_LABELS:
            missing.append(Problem(f"{self.consent!r} is not a consent status", Location("Record page")))
        if self.consent == "not_sought_risk" and not self.consent_reason.strip():
            missing.append(Problem("say why seeking consent would increase the risk", Location("Record page")))
        return missing

    def judgement(self) -> Judgement:
        if self.agreement == "differ":
            return Judgement(False, self.level, self.route, self.reason.strip())
        return Judgement(True)

    def consent_record(self) -> Consent:
        status = cast(ConsentStatus, self.consent if self.consent in CONSENT_LABELS else "sought_awaiting")
        return Consent(status, self.consent_reason.strip())

    def trimmed_child(self) -> Child:
        c = self.child
        return Child(c.initials.strip(), c.local_reference.strip(), c.age_band.strip(),
                     (c.date_of_birth or "").strip() or None, c.full_name.strip())

    def trimmed_referrer(self) -> Referrer:
        r = self.referrer
        return Referrer(*(value.strip() for value in (r.name, r.role, r.agency, r.team, r.phone, r.email)))

    # -- as a draft keeps them ------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The details as a draft and the unsaved-work check keep them. The referrer's own details are not
        here: they are the person's, kept in their preferences, not the child's."""
        c = self.child
        return {"fields": {"initials": c.initials, "local_reference": c.local_reference, "age_band": c.age_band,
                           "date_of_birth": c.date_of_birth or "", "full_name": c.full_name},
                "worry": self.worry, "working_well": self.working_well,
                "consent": [self.consent, self.consent_reason],
                # The level and route chosen only matter when the referrer's judgement differs.
                "judgement": [self.agreement, self.level if self.agreement == "differ" else None,
                              self.route if self.agreement == "differ" else None, self.reason]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], referrer: Referrer | None = None) -> RecordDetails:
        """Details from a draft (data from a file: a wrong shape raises ValueError, never anything else)."""
        try:
            fields = data.get("fields", {})
            consent, consent_reason = data.get("consent", [None, ""])
            agreement, level, route, reason = data.get("judgement", [None, None, None, ""])
            child = Child(_text(fields.get("initials", "")), _text(fields.get("local_reference", "")),
                          _text(fields.get("age_band", "")), _text(fields.get("date_of_birth", "")) or None,
                          _text(fields.get("full_name", "")))
            if agreement not in (None, "agree", "differ") or (consent is not None and not isinstance(consent, str)):
                raise ValueError("a draft's judgement or consent has the wrong form")
            if level is not None and (isinstance(level, bool) or not isinstance(level, int)):
                raise ValueError("a draft's level is not a whole number")
            return cls(referrer or Referrer(), child, agreement, level,
                       route if isinstance(route, str) else None, _text(reason), consent, _text(consent_reason),
                       _text(data.get("worry", "")), _text(data.get("working_well", "")))
        except (AttributeError, TypeError, ValueError) as exc:
            raise ValueError(f"the draft's details cannot be read ({exc})") from None

    @classmethod
    def of_record(cls, record: DecisionRecord) -> RecordDetails:
        """The details a saved record holds, to show it again."""
        j = record.judgement
        return cls(record.referrer, record.child, "agree" if j.agrees else "differ", j.level, j.route, j.reason,
                   record.consent.status, record.consent.reason, record.worry, record.working_well)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("a draft's text is not text")
    return value
