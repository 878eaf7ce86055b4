"""What one domain announces and others react to (blinker, as Flask's own signals).

The domain that acts sends; the receivers live in the reacting domain (`receivers.py`) and
are connected in `create_app` from one explicit list, so a lower domain never imports a
higher one. Receivers run at once, in the sender's unit of work: what they write commits or
rolls back with it. A few signals ask rather than announce: a higher domain that holds a
rule the lower one must respect answers, and one `False` refuses (`refused`).
"""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

#: An enrolment has just been completed. Sender: the Enrollment; `now`.
enrollment_completed = _signals.signal("enrollment-completed")

#: Someone got a place: an approval, or a promotion from the waiting list. Sender: the
#: Enrollment; `now`, `how` ("enrolment-approved" or "waitlist-promoted").
enrollment_admitted = _signals.signal("enrollment-admitted")

#: Invitations were created and want their mail. Sender: None; `where` (SQL criteria on
#: Invitation naming them), `now`. Receivers return how many mails they queued.
users_invited = _signals.signal("users-invited")

#: Asks whether a person may lead the offerings of a course. Sender: the User; `course_code`,
#: `now`. Certification answers False unless they hold a valid trainer certificate for it.
lead_trainer_wanted = _signals.signal("lead-trainer-wanted")

#: Asks whether invitation mail goes out in a country. Sender: the country code. Reminders
#: answer False where the country's admins switched it off.
invitation_mail_wanted = _signals.signal("invitation-mail-wanted")


def refused(signal, sender, **kwargs) -> bool:
    """Whether any receiver of the asking `signal` answered False."""
    return any(answer is False for _receiver, answer in signal.send(sender, **kwargs))

#: A post was published in a space's thread. Sender: the Post; `now`, `mentioned` (ids of the
#: members it mentions), `followers` (whether the thread's followers are told: a reply).
post_published = _signals.signal("post-published")

#: A moderator sent an announcement to a space. Sender: the Announcement; `members` (a select
#: of the members' ids), `now`. Receivers return how many people it was queued for.
announcement_published = _signals.signal("announcement-published")

#: People were asked to answer a survey. Sender: the Campaign; `recipient_ids` (the new
#: Recipient rows), `now`. Reminders queue their invitations.
survey_invited = _signals.signal("survey-invited")

#: Asks whether an enrolment whose lessons are all done may complete. Sender: the Enrollment;
#: `now`. Live delivery answers False while the offering's attendance minimum is not met.
completion_wanted = _signals.signal("completion-wanted")

#: A live session was planned, moved or cancelled. Sender: the Session; `change` ("new",
#: "moved" or "cancelled"), `now`. Reminders send the calendar invitations and updates.
session_changed = _signals.signal("session-changed")
