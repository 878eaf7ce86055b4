"""How much data each scale seeds, and how long each scenario runs."""

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
    user_import: int  # rows of the users CSV import
    enrollment_import: int  # rows of the enrolment CSV import
    import_runs: int  # timed runs of each one-off scenario (imports, scans)
    pairings: int  # mentoring pairings, each with milestones and check-ins
    thread_replies: int  # replies of the one long thread of a space
    library_resources: int  # resources in a space's library
    survey_people: int  # people a campaign is sent to
    survey_answers: int  # answers of the campaign whose results are read


SCALES = {
    "smoke": Scale(users=300, courses=6, modules_per_course=2, lessons_per_module=3,
                   offerings=12, enrollments=1_500, progress_events=6_000, certificates=150,
                   seconds_per_scenario=1.5, sync_batch=20, user_import=200,
                   enrollment_import=100, import_runs=1, pairings=8, thread_replies=500,
                   library_resources=300, survey_people=300, survey_answers=3_000),
    "full": Scale(users=50_000, courses=500, modules_per_course=10, lessons_per_module=5,
                  offerings=2_000, enrollments=200_000, progress_events=2_000_000,
                  certificates=20_000, seconds_per_scenario=15, sync_batch=200,
                  user_import=10_000, enrollment_import=5_000, import_runs=1, pairings=200,
                  thread_replies=10_000, library_resources=5_000, survey_people=10_000,
                  survey_answers=100_000),
}
