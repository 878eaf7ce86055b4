"""reminder scan indexes

Revision ID: 0011_reminder_scan
Revises: 0010_invite

The due-soon and overdue reminders look for enrolled learners whose due date falls in a few
days' band; a partial index on the due date of enrolled rows answers both with a range scan
instead of a pass over every enrolment. Certificates by the one they renew: every expiry
reminder asks whether a certificate was renewed, a pass over all certificates without it.
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0011_reminder_scan'
down_revision = '0010_invite'
branch_labels = None
depends_on = None

ENROLLED = sa.text("status = 'enrolled'")


def upgrade():
    with op.batch_alter_table('enrollments', schema=None) as batch_op:
        batch_op.create_index('ix_enrollments_due_at_enrolled', ['due_at'], unique=False,
                              postgresql_where=ENROLLED, sqlite_where=ENROLLED)
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificates_previous_id'), ['previous_id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificates_previous_id'))
    with op.batch_alter_table('enrollments', schema=None) as batch_op:
        batch_op.drop_index('ix_enrollments_due_at_enrolled')
