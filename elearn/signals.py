"""What one domain announces and others react to (blinker, as Flask's own signals).

The domain that acts sends; the receivers live in the reacting domain (`receivers.py`) and
are connected in `create_app` from one explicit list, so a lower domain never imports a
higher one. Receivers run at once, in the sender's unit of work: what they write commits or
rolls back with it.
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
