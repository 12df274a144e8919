"""The learning domain: curricula (paths → phases → units → topics), exercises, submissions."""

from .curriculum import (
    CallToAction,
    CrossReference,
    GlossaryTerm,
    Outcome,
    Path,
    PathResource,
    Phase,
    Resource,
    Skill,
    Tag,
    Topic,
    Trap,
    Unit,
    UnitExercise,
    UnitReading,
)
from .exercises import Exercise, ReferenceRun
from .learning import Draft, Enrollment, ItemProgress, Notification, ReviewRequest
from .reviews import Cohort, CohortInvite, CommentBankEntry, ExerciseCheck, LineComment, Review
from .submissions import Status, Submission

__all__ = [
    "CallToAction",
    "Cohort",
    "CohortInvite",
    "CommentBankEntry",
    "ExerciseCheck",
    "LineComment",
    "Review",
    "CrossReference",
    "Draft",
    "Enrollment",
    "ItemProgress",
    "Notification",
    "ReviewRequest",
    "Exercise",
    "GlossaryTerm",
    "Outcome",
    "Path",
    "PathResource",
    "Phase",
    "ReferenceRun",
    "Resource",
    "Skill",
    "Status",
    "Submission",
    "Tag",
    "Topic",
    "Trap",
    "Unit",
    "UnitExercise",
    "UnitReading",
]
