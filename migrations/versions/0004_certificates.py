"""certificates

Revision ID: 0004
Revises: 0003


"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('certificates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('holder_id', sa.Integer(), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('course_code', sa.String(length=40), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=True),
    sa.Column('enrollment_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.JSON(), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('issued_by_id', sa.Integer(), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('short_code', sa.String(length=16), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_by_id', sa.Integer(), nullable=True),
    sa.Column('revocation_reason', sa.String(length=500), nullable=True),
    sa.Column('previous_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("kind IN ('course', 'programme', 'trainer')", name=op.f('ck_certificates_kind')),
    sa.CheckConstraint('expires_at IS NULL OR expires_at > issued_at', name=op.f('ck_certificates_expires_after_issue')),
    sa.ForeignKeyConstraint(['country_code'], ['countries.code'], name=op.f('fk_certificates_country_code_countries')),
    sa.ForeignKeyConstraint(['course_id'], ['courses.id'], name=op.f('fk_certificates_course_id_courses'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['enrollment_id'], ['enrollments.id'], name=op.f('fk_certificates_enrollment_id_enrollments'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['holder_id'], ['users.id'], name=op.f('fk_certificates_holder_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['issued_by_id'], ['users.id'], name=op.f('fk_certificates_issued_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['previous_id'], ['certificates.id'], name=op.f('fk_certificates_previous_id_certificates')),
    sa.ForeignKeyConstraint(['revoked_by_id'], ['users.id'], name=op.f('fk_certificates_revoked_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificates')),
    sa.UniqueConstraint('code', name=op.f('uq_certificates_code')),
    sa.UniqueConstraint('enrollment_id', name=op.f('uq_certificates_enrollment_id')),
    sa.UniqueConstraint('short_code', name=op.f('uq_certificates_short_code'))
    )
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.create_index('ix_certificates_country_code_issued_at', ['country_code', 'issued_at'], unique=False)
        batch_op.create_index('ix_certificates_holder_id_course_code', ['holder_id', 'course_code'], unique=False)




def downgrade():

    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.drop_index('ix_certificates_holder_id_course_code')
        batch_op.drop_index('ix_certificates_country_code_issued_at')

    op.drop_table('certificates')

