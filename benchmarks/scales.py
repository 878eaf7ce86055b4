"""How much data each scale seeds."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    users: int
    courses: int
    modules_per_course: int
    lessons_per_module: int
    offerings: int
    enrollments: int
    progress_events: int
    certificates: int
    seconds_per_scenario: float
    sync_batch: int


SCALES = {
    "smoke": Scale(users=300, courses=6, modules_per_course=2, lessons_per_module=3,
                   offerings=12, enrollments=1_500, progress_events=6_000, certificates=150,
                   seconds_per_scenario=1.5, sync_batch=20),
    "full": Scale(users=50_000, courses=500, modules_per_course=10, lessons_per_module=5,
                  offerings=2_000, enrollments=200_000, progress_events=2_000_000,
                  certificates=20_000, seconds_per_scenario=15, sync_batch=200),
}
