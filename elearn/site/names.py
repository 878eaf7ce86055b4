"""What the pages call the product's states and kinds, translated."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from ..reports.labels import GENDER_LABELS

STATUS_NAMES = {"pending": _l("Awaiting approval"), "waitlisted": _l("On the waiting list"),
                "enrolled": lazy_pgettext("enrolment status", "Enrolled"),
                "completed": lazy_pgettext("enrolment status", "Completed"),
                "failed": _l("Not passed"), "withdrawn": _l("Withdrawn")}
LEVEL_NAMES = {"beginner": _l("Beginner"), "intermediate": _l("Intermediate"),
               "advanced": _l("Advanced")}
MODE_NAMES = {"self_paced": _l("Self-paced"), "live_online": _l("Live online"),
              "blended": _l("Blended")}
KIND_NAMES = {"text": _l("Reading"), "video": _l("Video"), "document": _l("Document"),
              "quiz": _l("Quiz"), "live_session": _l("Live session")}
CERTIFICATE_STATUS_NAMES = {"valid": _l("Valid"), "expiring_soon": _l("Valid, expiring soon"),
                            "expired": _l("Expired"), "revoked": _l("Revoked")}
ITEM_STATUS_NAMES = {"not_started": _l("Not started"), "on_track": _l("On track"),
                     "at_risk": _l("At risk"), "done": _l("Done")}
PAIRING_STATUS_NAMES = {"proposed": _l("Proposed"), "active": _l("Active"),
                        "paused": _l("Paused"), "ended": _l("Ended early"),
                        "closed": _l("Closed")}
REMINDER_NAMES = {
    "enrolment-deadline": _l("Before an enrolment deadline"),
    "offering-start": _l("Before a course I am enrolled in starts"),
    "due-soon": _l("Before a course is due"),
    "no-progress": _l("When I have made no progress for a while"),
    "checkin-overdue": _l("When a mentoring check-in is overdue"),
    "milestone-due": _l("Before a mentoring milestone is due"),
    "network-mention": _l("When someone mentions me in a space"),
    "network-reply": _l("When a thread I follow has a reply"),
    "network-announcement": _l("Announcements of my spaces"),
    "network-digest": _l("A weekly digest of what is new in my spaces"),
    "survey-reminder": _l("Before a survey I have not answered closes"),
    "session-tomorrow": _l("The day before a live session"),
    "session-soon": _l("An hour before a live session"),
}
# What admins call each rule, and each state of a notification in the outbox.
RULE_NAMES = {
    "enrolment-deadline": _l("Enrolment deadline approaching"),
    "offering-start": _l("Course start approaching"),
    "due-soon": _l("Course due soon"), "overdue": _l("Course overdue"),
    "no-progress": _l("No progress for a while"),
    "certificate-expiring": _l("Certificate expiring"),
    "certificate-expired": _l("Certificate expired"),
    "application-decision": _l("Programme application decided"),
    "checkin-overdue": _l("Mentoring check-in overdue"),
    "milestone-due": _l("Mentoring milestone due"),
    "enrolment-approved": _l("Enrolment approved"),
    "waitlist-promoted": _l("Moved from the waiting list"),
    "account-invitation": _l("Invitation to choose a password"),
    "network-mention": _l("Mentioned in a space"),
    "network-reply": _l("Reply in a followed thread"),
    "network-announcement": _l("Announcement of a space"),
    "network-digest": _l("Weekly digest of the spaces"),
    "survey-invitation": _l("Invitation to answer a survey"),
    "survey-reminder": _l("Survey closing, not answered"),
    "session-scheduled": _l("Live session planned"),
    "session-moved": _l("Live session changed"),
    "session-cancelled": _l("Live session cancelled"),
    "session-tomorrow": _l("Live session tomorrow"),
    "session-soon": _l("Live session in an hour"),
    "session-register": _l("Register not filled"),
}
NOTIFICATION_STATUS_NAMES = {"pending": _l("Waiting to be sent"), "sending": _l("Sending"),
                             "sent": _l("Sent"), "failed": _l("Failed"),
                             "cancelled": _l("Cancelled")}
REQUEST_STATUS_NAMES = {"pending": _l("Waiting for a decision"), "approved": _l("Approved"),
                        "rejected": _l("Rejected")}
CERTIFICATE_KIND_NAMES = {"course": _l("Course certificate"),
                          "programme": _l("Programme certificate"),
                          "trainer": _l("Certified to deliver training")}
COURSE_STATUS_NAMES = {"draft": _l("Drafts"), "published": _l("Published"),
                       "archived": _l("Archived")}
QUESTION_KIND_NAMES = {"single_choice": _l("One right answer"),
                       "multiple_choice": _l("Several right answers"),
                       "true_false": _l("True or false")}
REGION_NAMES = {"pacific": _l("Pacific"), "mena": _l("Middle East and North Africa"),
                "other": _l("Other")}
APPLICATION_STATUS_NAMES = {"submitted": _l("Submitted"), "shortlisted": _l("Shortlisted"),
                            "selected": _l("Selected"), "rejected": _l("Not selected")}
DECISION_NAMES = {"shortlist": _l("Shortlist"), "select": _l("Select"), "reject": _l("Reject")}
COMPLETION_REASON_NAMES = {"pathway_not_completed": _l("pathway courses not all completed"),
                           "final_review_not_done": _l("final review not done")}
OPPORTUNITY_KIND_NAMES = {"conference": _l("Conference"), "coaching": _l("Coaching"),
                          "field_exercise": _l("Field exercise")}
AUDIENCE_NAMES = {"mentees": _l("Mentees"), "alumni": _l("Alumni"),
                  "both": _l("Mentees and alumni")}
NOMINATION_STATUS_NAMES = {"nominated": _l("Nominated"), "confirmed": _l("Confirmed"),
                           "attended": _l("Attended"), "declined": _l("Declined")}
TRAINER_ROLE_NAMES = {"lead": _l("Lead trainer"), "co_facilitator": _l("Co-facilitator")}
ROLE_NAMES = {"trainee": _l("Trainee"), "trainer": _l("Trainer"), "mentor": _l("Mentor"),
              "national_admin": _l("National administrator"),
              "programme_admin": _l("Programme administrator")}
IMPORT_ACTION_NAMES = {"create": _l("Created and invited"), "update": _l("Updated"),
                       "unchanged": _l("Unchanged")}
RESOURCE_TYPE_NAMES = {"toolkit": _l("Toolkit"), "curriculum": _l("Curriculum"),
                       "sop": _l("Standard operating procedure"),
                       "training_material": _l("Training material"), "policy": _l("Policy"),
                       "report": _l("Report"), "other": _l("Other")}
SPACE_AUDIENCE_NAMES = {"countries": _l("Every officer of its countries"),
                        "programme": _l("A mentoring programme's participants and mentors"),
                        "roles": _l("Holders of given roles"),
                        "certified_trainers": _l("Certified trainers"),
                        "invited": _l("Invited people only")}
SURVEY_PURPOSE_NAMES = {"needs_assessment": _l("Training-needs assessment"),
                        "course_evaluation": _l("Course evaluation"),
                        "mentoring_checkup": _l("Mentoring check-up"),
                        "mentoring_midpoint": _l("Mentoring mid-point survey"),
                        "mentoring_closing": _l("Mentoring closing survey"),
                        "other": _l("Other survey")}
EVENT_KIND_NAMES = {"conference": _l("Conference"), "field_exercise": _l("Field exercise"),
                    "coaching": _l("Coaching"), "workshop": _l("Workshop")}
ATTENDANCE_NAMES = {"present": _l("Present"), "late": _l("Late"), "absent": _l("Absent"),
                    "excused": _l("Excused")}
# Each language named in itself, as a language menu shows it.
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "ar": "العربية", "es": "Español"}

NAMES = {"status_names": STATUS_NAMES, "level_names": LEVEL_NAMES, "mode_names": MODE_NAMES,
         "kind_names": KIND_NAMES, "certificate_status_names": CERTIFICATE_STATUS_NAMES,
         "language_names": LANGUAGE_NAMES, "item_status_names": ITEM_STATUS_NAMES,
         "pairing_status_names": PAIRING_STATUS_NAMES, "reminder_names": REMINDER_NAMES,
         "role_names": ROLE_NAMES, "gender_names": GENDER_LABELS,
         "import_action_names": IMPORT_ACTION_NAMES, "rule_names": RULE_NAMES,
         "notification_status_names": NOTIFICATION_STATUS_NAMES,
         "trainer_role_names": TRAINER_ROLE_NAMES,
         "request_status_names": REQUEST_STATUS_NAMES,
         "certificate_kind_names": CERTIFICATE_KIND_NAMES,
         "course_status_names": COURSE_STATUS_NAMES,
         "question_kind_names": QUESTION_KIND_NAMES, "region_names": REGION_NAMES,
         "application_status_names": APPLICATION_STATUS_NAMES,
         "decision_names": DECISION_NAMES,
         "completion_reason_names": COMPLETION_REASON_NAMES,
         "opportunity_kind_names": OPPORTUNITY_KIND_NAMES, "audience_names": AUDIENCE_NAMES,
         "nomination_status_names": NOMINATION_STATUS_NAMES,
         "resource_type_names": RESOURCE_TYPE_NAMES,
         "space_audience_names": SPACE_AUDIENCE_NAMES,
         "survey_purpose_names": SURVEY_PURPOSE_NAMES, "attendance_names": ATTENDANCE_NAMES,
         "event_kind_names": EVENT_KIND_NAMES}
