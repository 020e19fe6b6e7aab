"""Reads: the invitation behind a link, the offer page's summary and the unit's results.

Small numbers are not shown: averages and distributions only from ``MIN_ANSWERS``
answers in the period (the last half-year: this month and the five before it)."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Avg, Count, F, FloatField, Q
from django.utils import timezone

from catalogue.feedback.models import FeedbackAnswer, FeedbackInvitation
from catalogue.feedback.services import first_of_month, token_hash
from portal.small_numbers import MIN_FIGURE

MIN_ANSWERS = MIN_FIGURE
PERIOD_MONTHS = 6
QUESTIONS = ("enjoyed", "took_part", "recommend")
SCALE = (1, 2, 3, 4, 5)


def invitation_for(token: str) -> FeedbackInvitation | None:
    """The invitation whose link carries ``token`` (used or not), or None."""
    if not token or len(token) > 100:
        return None
    return FeedbackInvitation.objects.filter(token_hash=token_hash(token)).first()


def is_open(invitation: FeedbackInvitation) -> bool:
    return invitation.used_at is None and invitation.expires_at > timezone.now()


def period_start(today: date | None = None) -> date:
    """The first day of the half-year: the first of the month five months back."""
    start = first_of_month(today or timezone.localdate())
    month = start.month - (PERIOD_MONTHS - 1)
    year = start.year
    while month < 1:
        month += 12
        year -= 1
    return start.replace(year=year, month=month)


@dataclass(frozen=True)
class Summary:
    count: int
    average: float | None  # None below MIN_ANSWERS


def offer_summary(offer_id: int, today: date | None = None) -> Summary:
    """The offer page's line: the answers of the half-year and the average of all three
    questions, in one query; no average below ``MIN_ANSWERS``."""
    row = FeedbackAnswer.objects.filter(
        offer_id=offer_id, answered_on__gte=period_start(today)
    ).aggregate(
        count=Count("pk"),
        total=Avg(F("enjoyed") + F("took_part") + F("recommend"), output_field=FloatField()),
    )
    count = row["count"] or 0
    if count < MIN_ANSWERS or row["total"] is None:
        return Summary(count=count, average=None)
    return Summary(count=count, average=round(row["total"] / len(QUESTIONS), 1))


@dataclass
class QuestionResult:
    name: str
    average: float | None
    distribution: list[tuple[int, int]] = field(default_factory=list)  # (score, answers)


@dataclass
class Results:
    count: int
    shown: bool  # enough answers to show averages and distributions
    start: date
    questions: list[QuestionResult]
    free_texts: list[FeedbackAnswer]


def offer_results(offer_id: int, today: date | None = None) -> Results:
    """The unit's page: per question the average and how many gave each score (only
    from ``MIN_ANSWERS`` answers), and the free texts, newest first."""
    start = period_start(today)
    answers = FeedbackAnswer.objects.filter(offer_id=offer_id, answered_on__gte=start)
    aggregates: dict[str, Count | Avg] = {"count": Count("pk")}
    for name in QUESTIONS:
        aggregates[f"{name}_avg"] = Avg(name, output_field=FloatField())
        for score in SCALE:
            aggregates[f"{name}_{score}"] = Count("pk", filter=Q(**{name: score}))
    row = answers.aggregate(**aggregates)
    count = row["count"] or 0
    shown = count >= MIN_ANSWERS
    questions = [
        QuestionResult(
            name=name,
            average=round(row[f"{name}_avg"], 1) if shown and row[f"{name}_avg"] else None,
            distribution=[(score, row[f"{name}_{score}"]) for score in SCALE] if shown else [],
        )
        for name in QUESTIONS
    ]
    free_texts = list(answers.exclude(free_text="").only("free_text", "answered_on")[:200])
    return Results(
        count=count, shown=shown, start=start, questions=questions, free_texts=free_texts
    )
