"""Small numbers in statistics: no figure below ``MIN_FIGURE`` is shown, so that nobody
can be picked out of a small group (the pages say "færre enn 5" instead). Used by the
volunteer matching statistics, the participation numbers and the feedback results."""

MIN_FIGURE = 5


def shown(count: int, minimum: int = MIN_FIGURE) -> int | None:
    """The count if it may be shown, else None."""
    return count if count >= minimum else None
