"""performance indexes

Revision ID: 0009
Revises: 0008

Users by country and gender: the KPI report groups every enrolment by them, and the index
covers the users' side of that join. Progress events by lesson: deleting a lesson cascades
to its events, which otherwise scans millions of rows on PostgreSQL.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_index('ix_users_country_code_gender', ['country_code', 'gender'],
                              unique=False)
    with op.batch_alter_table('progress_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_progress_events_lesson_id'), ['lesson_id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('progress_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_progress_events_lesson_id'))
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index('ix_users_country_code_gender')
