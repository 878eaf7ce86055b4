"""live delivery: an offering's sessions with their trainers and speakers, the attendance
register, calendar feeds, events beyond the mentoring programme with their nominations; an
offering's attendance minimum for completion

Revision ID: 0017_live
Revises: 0016_surveys
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017_live'
down_revision = '0016_surveys'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('calendar_feeds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_calendar_feeds_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_feeds')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_calendar_feeds_token_hash'))
    )
    with op.batch_alter_table('calendar_feeds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_feeds_user_id'), ['user_id'], unique=False)

    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=True),
    sa.Column('seats', sa.Integer(), nullable=True),
    sa.Column('offering_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('conference', 'field_exercise', 'coaching', 'workshop')", name=op.f('ck_events_kind')),
    sa.CheckConstraint('ends_on >= starts_on', name=op.f('ck_events_ends_after_start')),
    sa.ForeignKeyConstraint(['country_code'], ['countries.code'], name=op.f('fk_events_country_code_countries')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_events_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['offering_id'], ['offerings.id'], name=op.f('fk_events_offering_id_offerings'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_country_code'), ['country_code'], unique=False)

    op.create_table('live_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('offering_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('venue', sa.String(length=300), nullable=True),
    sa.Column('meeting_url', sa.String(length=2000), nullable=True),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('materials', sa.String(length=2000), nullable=True),
    sa.Column('uid', sa.String(length=80), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_live_sessions_ends_after_start')),
    sa.ForeignKeyConstraint(['offering_id'], ['offerings.id'], name=op.f('fk_live_sessions_offering_id_offerings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_live_sessions')),
    sa.UniqueConstraint('uid', name=op.f('uq_live_sessions_uid'))
    )
    with op.batch_alter_table('live_sessions', schema=None) as batch_op:
        batch_op.create_index('ix_live_sessions_offering_id_starts_at', ['offering_id', 'starts_at'], unique=False)
        batch_op.create_index('ix_live_sessions_starts_at', ['starts_at'], unique=False)

    op.create_table('event_nominations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('nominated_by_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=1000), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('nominated', 'confirmed', 'attended', 'declined')", name=op.f('ck_event_nominations_status')),
    sa.ForeignKeyConstraint(['country_code'], ['countries.code'], name=op.f('fk_event_nominations_country_code_countries')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_nominations_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['nominated_by_id'], ['users.id'], name=op.f('fk_event_nominations_nominated_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_event_nominations_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_nominations')),
    sa.UniqueConstraint('event_id', 'user_id', name=op.f('uq_event_nominations_event_id_user_id'))
    )
    with op.batch_alter_table('event_nominations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_nominations_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_nominations_user_id'), ['user_id'], unique=False)

    op.create_table('live_attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('enrollment_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('marked_by_id', sa.Integer(), nullable=True),
    sa.Column('marked_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('present', 'late', 'absent', 'excused')", name=op.f('ck_live_attendance_status')),
    sa.ForeignKeyConstraint(['enrollment_id'], ['enrollments.id'], name=op.f('fk_live_attendance_enrollment_id_enrollments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['marked_by_id'], ['users.id'], name=op.f('fk_live_attendance_marked_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['live_sessions.id'], name=op.f('fk_live_attendance_session_id_live_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_live_attendance')),
    sa.UniqueConstraint('session_id', 'enrollment_id', name=op.f('uq_live_attendance_session_id_enrollment_id'))
    )
    with op.batch_alter_table('live_attendance', schema=None) as batch_op:
        batch_op.create_index('ix_live_attendance_enrollment_id', ['enrollment_id'], unique=False)

    op.create_table('live_session_people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('gender', sa.String(length=12), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.CheckConstraint("role IN ('trainer', 'speaker')", name=op.f('ck_live_session_people_role')),
    sa.ForeignKeyConstraint(['session_id'], ['live_sessions.id'], name=op.f('fk_live_session_people_session_id_live_sessions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_live_session_people_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_live_session_people'))
    )
    with op.batch_alter_table('live_session_people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_live_session_people_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_live_session_people_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('offerings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('min_sessions_attended', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('min_attendance_percent', sa.Integer(), nullable=True))



def downgrade():
    with op.batch_alter_table('offerings', schema=None) as batch_op:
        batch_op.drop_column('min_attendance_percent')
        batch_op.drop_column('min_sessions_attended')

    with op.batch_alter_table('live_session_people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_live_session_people_user_id'))
        batch_op.drop_index(batch_op.f('ix_live_session_people_session_id'))

    op.drop_table('live_session_people')
    with op.batch_alter_table('live_attendance', schema=None) as batch_op:
        batch_op.drop_index('ix_live_attendance_enrollment_id')

    op.drop_table('live_attendance')
    with op.batch_alter_table('event_nominations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_nominations_user_id'))
        batch_op.drop_index(batch_op.f('ix_event_nominations_event_id'))

    op.drop_table('event_nominations')
    with op.batch_alter_table('live_sessions', schema=None) as batch_op:
        batch_op.drop_index('ix_live_sessions_starts_at')
        batch_op.drop_index('ix_live_sessions_offering_id_starts_at')

    op.drop_table('live_sessions')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_country_code'))

    op.drop_table('events')
    with op.batch_alter_table('calendar_feeds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calendar_feeds_user_id'))

    op.drop_table('calendar_feeds')
