"""mentoring

Revision ID: 0007
Revises: 0006


"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('programmes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('applications_open_on', sa.Date(), nullable=False),
    sa.Column('applications_close_on', sa.Date(), nullable=False),
    sa.Column('total_seats', sa.Integer(), nullable=True),
    sa.Column('checkin_cadence_days', sa.Integer(), nullable=False),
    sa.Column('eligible_gender', sa.String(length=12), nullable=True),
    sa.Column('eligible_ranks', sa.JSON(), nullable=False),
    sa.Column('min_years_experience', sa.Integer(), nullable=True),
    sa.Column('milestone_template', sa.JSON(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('applications_close_on >= applications_open_on', name=op.f('ck_programmes_window')),
    sa.CheckConstraint('checkin_cadence_days > 0', name=op.f('ck_programmes_cadence_positive')),
    sa.CheckConstraint('ends_on > starts_on', name=op.f('ck_programmes_ends_after_start')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_programmes_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programmes'))
    )
    op.create_table('opportunities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('audience', sa.String(length=8), nullable=False),
    sa.Column('seats', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("audience IN ('mentees', 'alumni', 'both')", name=op.f('ck_opportunities_audience')),
    sa.CheckConstraint("kind IN ('conference', 'coaching', 'field_exercise')", name=op.f('ck_opportunities_kind')),
    sa.CheckConstraint('ends_on >= starts_on', name=op.f('ck_opportunities_ends_after_start')),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_opportunities_programme_id_programmes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opportunities'))
    )
    with op.batch_alter_table('opportunities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opportunities_programme_id'), ['programme_id'], unique=False)

    op.create_table('pathway_courses',
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['courses.id'], name=op.f('fk_pathway_courses_course_id_courses')),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_pathway_courses_programme_id_programmes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('programme_id', 'course_id', name=op.f('pk_pathway_courses'))
    )
    op.create_table('programme_countries',
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('seats', sa.Integer(), nullable=False),
    sa.CheckConstraint('seats >= 1', name=op.f('ck_programme_countries_seats_positive')),
    sa.ForeignKeyConstraint(['country_code'], ['countries.code'], name=op.f('fk_programme_countries_country_code_countries')),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_programme_countries_programme_id_programmes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('programme_id', 'country_code', name=op.f('pk_programme_countries'))
    )
    op.create_table('programme_mentors',
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('mentor_id', sa.Integer(), nullable=False),
    sa.Column('max_mentees', sa.Integer(), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('expertise', sa.JSON(), nullable=False),
    sa.CheckConstraint('max_mentees >= 1', name=op.f('ck_programme_mentors_max_mentees_positive')),
    sa.ForeignKeyConstraint(['mentor_id'], ['users.id'], name=op.f('fk_programme_mentors_mentor_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_programme_mentors_programme_id_programmes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('programme_id', 'mentor_id', name=op.f('pk_programme_mentors'))
    )
    op.create_table('applications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('applicant_id', sa.Integer(), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('motivation', sa.Text(), nullable=False),
    sa.Column('area_of_work', sa.String(length=200), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('years_experience', sa.Integer(), nullable=True),
    sa.Column('supervisor_name', sa.String(length=200), nullable=False),
    sa.Column('supervisor_endorsement', sa.Text(), nullable=False),
    sa.Column('demographics', sa.JSON(), nullable=True),
    sa.Column('demographics_consent', sa.Boolean(), nullable=False),
    sa.Column('nominated_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('shortlisted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=1000), nullable=True),
    sa.Column('conduct_acknowledged_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('outcome', sa.String(length=14), nullable=True),
    sa.Column('outcome_reason', sa.String(length=1000), nullable=True),
    sa.Column('outcome_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('certificate_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("outcome IS NULL OR outcome IN ('alumni', 'not_completed')", name=op.f('ck_applications_outcome')),
    sa.CheckConstraint("status IN ('submitted', 'shortlisted', 'selected', 'rejected')", name=op.f('ck_applications_status')),
    sa.ForeignKeyConstraint(['applicant_id'], ['users.id'], name=op.f('fk_applications_applicant_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['certificate_id'], ['certificates.id'], name=op.f('fk_applications_certificate_id_certificates'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['country_code'], ['countries.code'], name=op.f('fk_applications_country_code_countries')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_applications_decided_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['nominated_by_id'], ['users.id'], name=op.f('fk_applications_nominated_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_applications_programme_id_programmes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_applications')),
    sa.UniqueConstraint('programme_id', 'applicant_id', name=op.f('uq_applications_programme_id_applicant_id'))
    )
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_applications_applicant_id'), ['applicant_id'], unique=False)
        batch_op.create_index('ix_applications_programme_id_country_code_status', ['programme_id', 'country_code', 'status'], unique=False)

    op.create_table('mentoring_goals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('measurable_outcome', sa.String(length=1000), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('not_started', 'on_track', 'at_risk', 'done')", name=op.f('ck_mentoring_goals_status')),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_mentoring_goals_application_id_applications'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mentoring_goals'))
    )
    with op.batch_alter_table('mentoring_goals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mentoring_goals_application_id'), ['application_id'], unique=False)

    op.create_table('milestones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('not_started', 'on_track', 'at_risk', 'done')", name=op.f('ck_milestones_status')),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_milestones_application_id_applications'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestones')),
    sa.UniqueConstraint('application_id', 'key', name=op.f('uq_milestones_application_id_key'))
    )
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.create_index('ix_milestones_status_due_on', ['status', 'due_on'], unique=False)

    op.create_table('nominations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('opportunity_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('nominated_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reason', sa.String(length=1000), nullable=True),
    sa.CheckConstraint("status IN ('nominated', 'confirmed', 'attended', 'declined')", name=op.f('ck_nominations_status')),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_nominations_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['nominated_by_id'], ['users.id'], name=op.f('fk_nominations_nominated_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['opportunity_id'], ['opportunities.id'], name=op.f('fk_nominations_opportunity_id_opportunities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_nominations')),
    sa.UniqueConstraint('opportunity_id', 'application_id', name=op.f('uq_nominations_opportunity_id_application_id'))
    )
    with op.batch_alter_table('nominations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_nominations_application_id'), ['application_id'], unique=False)

    op.create_table('pairings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('mentor_id', sa.Integer(), nullable=False),
    sa.Column('mentee_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('proposed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('status_reason', sa.String(length=1000), nullable=True),
    sa.Column('replaces_id', sa.Integer(), nullable=True),
    sa.Column('mentor_conduct_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('mentor_review', sa.Text(), nullable=True),
    sa.Column('mentor_reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('mentee_review', sa.Text(), nullable=True),
    sa.Column('mentee_reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('proposed', 'active', 'paused', 'ended', 'closed')", name=op.f('ck_pairings_status')),
    sa.CheckConstraint('mentor_id <> mentee_id', name=op.f('ck_pairings_not_self')),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_pairings_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['mentee_id'], ['users.id'], name=op.f('fk_pairings_mentee_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['mentor_id'], ['users.id'], name=op.f('fk_pairings_mentor_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_pairings_programme_id_programmes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['replaces_id'], ['pairings.id'], name=op.f('fk_pairings_replaces_id_pairings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pairings'))
    )
    with op.batch_alter_table('pairings', schema=None) as batch_op:
        batch_op.create_index('ix_pairings_application_id_status', ['application_id', 'status'], unique=False)
        batch_op.create_index('ix_pairings_mentor_id_status', ['mentor_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_pairings_programme_id'), ['programme_id'], unique=False)

    op.create_table('checkins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pairing_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('topics', sa.String(length=1000), nullable=False),
    sa.Column('next_steps', sa.String(length=1000), nullable=True),
    sa.Column('private_notes', sa.Text(), nullable=True),
    sa.Column('logged_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('minutes > 0', name=op.f('ck_checkins_minutes_positive')),
    sa.ForeignKeyConstraint(['logged_by_id'], ['users.id'], name=op.f('fk_checkins_logged_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['pairing_id'], ['pairings.id'], name=op.f('fk_checkins_pairing_id_pairings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checkins'))
    )
    with op.batch_alter_table('checkins', schema=None) as batch_op:
        batch_op.create_index('ix_checkins_pairing_id_held_on', ['pairing_id', 'held_on'], unique=False)

    op.create_table('concerns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pairing_id', sa.Integer(), nullable=False),
    sa.Column('raised_by_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('action', sa.Text(), nullable=True),
    sa.Column('acted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('acted_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("status IN ('open', 'acted')", name=op.f('ck_concerns_status')),
    sa.ForeignKeyConstraint(['acted_by_id'], ['users.id'], name=op.f('fk_concerns_acted_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['pairing_id'], ['pairings.id'], name=op.f('fk_concerns_pairing_id_pairings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['raised_by_id'], ['users.id'], name=op.f('fk_concerns_raised_by_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_concerns'))
    )
    with op.batch_alter_table('concerns', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_concerns_pairing_id'), ['pairing_id'], unique=False)



def downgrade():
    with op.batch_alter_table('concerns', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_concerns_pairing_id'))

    op.drop_table('concerns')
    with op.batch_alter_table('checkins', schema=None) as batch_op:
        batch_op.drop_index('ix_checkins_pairing_id_held_on')

    op.drop_table('checkins')
    with op.batch_alter_table('pairings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pairings_programme_id'))
        batch_op.drop_index('ix_pairings_mentor_id_status')
        batch_op.drop_index('ix_pairings_application_id_status')

    op.drop_table('pairings')
    with op.batch_alter_table('nominations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nominations_application_id'))

    op.drop_table('nominations')
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.drop_index('ix_milestones_status_due_on')

    op.drop_table('milestones')
    with op.batch_alter_table('mentoring_goals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mentoring_goals_application_id'))

    op.drop_table('mentoring_goals')
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_index('ix_applications_programme_id_country_code_status')
        batch_op.drop_index(batch_op.f('ix_applications_applicant_id'))

    op.drop_table('applications')
    op.drop_table('programme_mentors')
    op.drop_table('programme_countries')
    op.drop_table('pathway_courses')
    with op.batch_alter_table('opportunities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opportunities_programme_id'))

    op.drop_table('opportunities')
    op.drop_table('programmes')
