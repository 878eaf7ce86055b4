"""surveys: questionnaires and their versions, campaigns, recipients (a mark of having
answered, timeless in an anonymous campaign), drafts, responses and answers, check-up flags;
a programme's check-up cadence

Revision ID: 0016_surveys
Revises: 0015_networks
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016_surveys'
down_revision = '0015_networks'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('questionnaires',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=24), nullable=False),
    sa.Column('title', sa.JSON(), nullable=False),
    sa.Column('description', sa.JSON(), nullable=False),
    sa.Column('default_language', sa.String(length=5), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('template', sa.String(length=40), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("purpose IN ('needs_assessment', 'course_evaluation', 'mentoring_checkup', 'mentoring_midpoint', 'mentoring_closing', 'other')", name=op.f('ck_questionnaires_purpose')),
    sa.ForeignKeyConstraint(['country_code'], ['countries.code'], name=op.f('fk_questionnaires_country_code_countries')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_questionnaires_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_questionnaires')),
    sa.UniqueConstraint('template', name=op.f('uq_questionnaires_template'))
    )
    with op.batch_alter_table('questionnaires', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_questionnaires_country_code'), ['country_code'], unique=False)

    op.create_table('questionnaire_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('questionnaire_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('questions', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['questionnaire_id'], ['questionnaires.id'], name=op.f('fk_questionnaire_versions_questionnaire_id_questionnaires'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_questionnaire_versions')),
    sa.UniqueConstraint('questionnaire_id', 'number', name=op.f('uq_questionnaire_versions_questionnaire_id_number'))
    )
    op.create_table('survey_campaigns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('questionnaire_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('purpose', sa.String(length=24), nullable=False),
    sa.Column('audience', sa.JSON(), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=True),
    sa.Column('anonymous', sa.Boolean(), nullable=False),
    sa.Column('opens_on', sa.Date(), nullable=False),
    sa.Column('closes_on', sa.Date(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=True),
    sa.Column('programme_id', sa.Integer(), nullable=True),
    sa.Column('offering_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("purpose IN ('needs_assessment', 'course_evaluation', 'mentoring_checkup', 'mentoring_midpoint', 'mentoring_closing', 'other')", name=op.f('ck_survey_campaigns_purpose')),
    sa.CheckConstraint('closes_on >= opens_on', name=op.f('ck_survey_campaigns_closes_after_opening')),
    sa.ForeignKeyConstraint(['country_code'], ['countries.code'], name=op.f('fk_survey_campaigns_country_code_countries')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_survey_campaigns_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['offering_id'], ['offerings.id'], name=op.f('fk_survey_campaigns_offering_id_offerings')),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_survey_campaigns_programme_id_programmes')),
    sa.ForeignKeyConstraint(['questionnaire_id'], ['questionnaires.id'], name=op.f('fk_survey_campaigns_questionnaire_id_questionnaires')),
    sa.ForeignKeyConstraint(['version_id'], ['questionnaire_versions.id'], name=op.f('fk_survey_campaigns_version_id_questionnaire_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_campaigns')),
    sa.UniqueConstraint('key', name=op.f('uq_survey_campaigns_key'))
    )
    with op.batch_alter_table('survey_campaigns', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_campaigns_country_code'), ['country_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_campaigns_offering_id'), ['offering_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_campaigns_programme_id'), ['programme_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_campaigns_questionnaire_id'), ['questionnaire_id'], unique=False)

    op.create_table('survey_drafts',
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('saved_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['survey_campaigns.id'], name=op.f('fk_survey_drafts_campaign_id_survey_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_survey_drafts_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('campaign_id', 'user_id', name=op.f('pk_survey_drafts'))
    )
    op.create_table('survey_flags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('pairing_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('raised_on', sa.Date(), nullable=False),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(length=1000), nullable=True),
    sa.ForeignKeyConstraint(['campaign_id'], ['survey_campaigns.id'], name=op.f('fk_survey_flags_campaign_id_survey_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['pairing_id'], ['pairings.id'], name=op.f('fk_survey_flags_pairing_id_pairings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['users.id'], name=op.f('fk_survey_flags_resolved_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_flags'))
    )
    with op.batch_alter_table('survey_flags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_flags_campaign_id'), ['campaign_id'], unique=False)

    op.create_table('survey_recipients',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('pairing_id', sa.Integer(), nullable=True),
    sa.Column('invited_on', sa.Date(), nullable=False),
    sa.Column('answered', sa.Boolean(), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['campaign_id'], ['survey_campaigns.id'], name=op.f('fk_survey_recipients_campaign_id_survey_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['pairing_id'], ['pairings.id'], name=op.f('fk_survey_recipients_pairing_id_pairings'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_survey_recipients_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_recipients')),
    sa.UniqueConstraint('campaign_id', 'user_id', name=op.f('uq_survey_recipients_campaign_id_user_id'))
    )
    with op.batch_alter_table('survey_recipients', schema=None) as batch_op:
        batch_op.create_index('ix_survey_recipients_user_id', ['user_id'], unique=False)

    op.create_table('survey_responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('pairing_id', sa.Integer(), nullable=True),
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('gender', sa.String(length=12), nullable=False),
    sa.Column('client_id', sa.String(length=64), nullable=False),
    sa.Column('submitted_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['survey_campaigns.id'], name=op.f('fk_survey_responses_campaign_id_survey_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['country_code'], ['countries.code'], name=op.f('fk_survey_responses_country_code_countries')),
    sa.ForeignKeyConstraint(['pairing_id'], ['pairings.id'], name=op.f('fk_survey_responses_pairing_id_pairings'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_survey_responses_user_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['version_id'], ['questionnaire_versions.id'], name=op.f('fk_survey_responses_version_id_questionnaire_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_responses')),
    sa.UniqueConstraint('campaign_id', 'client_id', name=op.f('uq_survey_responses_campaign_id_client_id'))
    )
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.create_index('ix_survey_responses_campaign_id_country', ['campaign_id', 'country_code', 'gender'], unique=False)

    op.create_table('survey_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('question_key', sa.String(length=60), nullable=False),
    sa.Column('choice_key', sa.String(length=60), nullable=True),
    sa.Column('value', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['response_id'], ['survey_responses.id'], name=op.f('fk_survey_answers_response_id_survey_responses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_answers'))
    )
    with op.batch_alter_table('survey_answers', schema=None) as batch_op:
        batch_op.create_index('ix_survey_answers_response_id', ['response_id'], unique=False)

    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('checkup_cadence_days', sa.Integer(), server_default='60', nullable=False))



def downgrade():
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.drop_column('checkup_cadence_days')

    with op.batch_alter_table('survey_answers', schema=None) as batch_op:
        batch_op.drop_index('ix_survey_answers_response_id')

    op.drop_table('survey_answers')
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.drop_index('ix_survey_responses_campaign_id_country')

    op.drop_table('survey_responses')
    with op.batch_alter_table('survey_recipients', schema=None) as batch_op:
        batch_op.drop_index('ix_survey_recipients_user_id')

    op.drop_table('survey_recipients')
    with op.batch_alter_table('survey_flags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_flags_campaign_id'))

    op.drop_table('survey_flags')
    op.drop_table('survey_drafts')
    with op.batch_alter_table('survey_campaigns', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_campaigns_questionnaire_id'))
        batch_op.drop_index(batch_op.f('ix_survey_campaigns_programme_id'))
        batch_op.drop_index(batch_op.f('ix_survey_campaigns_offering_id'))
        batch_op.drop_index(batch_op.f('ix_survey_campaigns_country_code'))

    op.drop_table('survey_campaigns')
    op.drop_table('questionnaire_versions')
    with op.batch_alter_table('questionnaires', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_questionnaires_country_code'))

    op.drop_table('questionnaires')
