"""trainer requests

Revision ID: 0005
Revises: 0004


"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('trainer_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('course_code', sa.String(length=40), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reason', sa.String(length=500), nullable=True),
    sa.Column('certificate_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('pending', 'approved', 'rejected')", name=op.f('ck_trainer_requests_status')),
    sa.CheckConstraint('decided_by_id IS NULL OR decided_by_id <> requested_by_id', name=op.f('ck_trainer_requests_four_eyes')),
    sa.ForeignKeyConstraint(['candidate_id'], ['users.id'], name=op.f('fk_trainer_requests_candidate_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['certificate_id'], ['certificates.id'], name=op.f('fk_trainer_requests_certificate_id_certificates')),
    sa.ForeignKeyConstraint(['country_code'], ['countries.code'], name=op.f('fk_trainer_requests_country_code_countries')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_trainer_requests_decided_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_trainer_requests_requested_by_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trainer_requests'))
    )
    with op.batch_alter_table('trainer_requests', schema=None) as batch_op:
        batch_op.create_index('ix_trainer_requests_candidate_id_course_code', ['candidate_id', 'course_code'], unique=False)




def downgrade():

    with op.batch_alter_table('trainer_requests', schema=None) as batch_op:
        batch_op.drop_index('ix_trainer_requests_candidate_id_course_code')

    op.drop_table('trainer_requests')

