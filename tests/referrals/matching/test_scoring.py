"""The pure fit score: each point of fit adds and says why; unmet preferences lower."""

from referrals.matching.scoring import Candidate, Need, score


def test_no_preferences_no_points():
    points, reasons = score(Need(), Candidate())
    assert points == 0
    assert reasons == []


def test_same_district_interests_language_and_time_add_up():
    need = Need(
        district_id=1,
        interests=frozenset({"fisking", "tur"}),
        languages=frozenset({"arabisk"}),
        slots=frozenset({(0, "morning"), (2, "evening")}),
    )
    near = Candidate(
        district_id=1,
        interests=frozenset({"fisking", "tur", "musikk"}),
        languages=frozenset({"arabisk", "norsk"}),
        slots=frozenset({(0, "morning")}),
    )
    far = Candidate(district_id=2, interests=frozenset({"musikk"}))
    near_points, near_reasons = score(need, near)
    far_points, far_reasons = score(need, far)
    assert near_points == 30 + 20 + 15 + 5
    assert far_points == 0
    assert "Bor i samme bydel" in near_reasons
    assert "Felles interesser: fisking, tur" in near_reasons
    assert "Ledig 1 av 2 ønskede tider" in near_reasons
    assert "Ingen felles ledige tider" in far_reasons
    assert "Snakker ikke det ønskede språket" in far_reasons


def test_gender_and_age_preferences():
    need = Need(gender="man", min_age=40, max_age=70)
    fits, fits_reasons = score(need, Candidate(gender="man", age=55))
    misses, misses_reasons = score(need, Candidate(gender="woman", age=25))
    unknown_age, _ = score(need, Candidate(gender="man"))
    assert fits == 20
    assert misses == -30
    assert unknown_age == 0  # the gender fits, an unknown age does not
    assert "Ikke det ønskede kjønnet" in misses_reasons
    assert "Alder utenfor ønsket" in misses_reasons


def test_interest_points_are_capped():
    need = Need(interests=frozenset("abcde"))
    points, _ = score(need, Candidate(interests=frozenset("abcde")))
    assert points == 30
