"""reminders: notification outbox, rule settings, opt-outs, holidays, leases

Revision ID: 0008
Revises: 0007


"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('dedupe_key', sa.String(length=200), nullable=False),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('subject_type', sa.String(length=20), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('offset_days', sa.Integer(), nullable=True),
    sa.Column('scheduled_for', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.String(length=500), nullable=True),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('digest_id', sa.Integer(), nullable=True),
    sa.Column('subject_line', sa.String(length=300), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("channel IN ('email', 'in_app')", name=op.f('ck_notifications_channel')),
    sa.CheckConstraint("status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')", name=op.f('ck_notifications_status')),
    sa.ForeignKeyConstraint(['country_code'], ['countries.code'], name=op.f('fk_notifications_country_code_countries')),
    sa.ForeignKeyConstraint(['digest_id'], ['notifications.id'], name=op.f('fk_notifications_digest_id_notifications'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notifications_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications')),
    sa.UniqueConstraint('dedupe_key', name=op.f('uq_notifications_dedupe_key'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index('ix_notifications_country_code_created_at', ['country_code', 'created_at'], unique=False)
        batch_op.create_index('ix_notifications_status_scheduled_for', ['status', 'scheduled_for'], unique=False)
        batch_op.create_index('ix_notifications_user_id_channel_created_at', ['user_id', 'channel', 'created_at'], unique=False)

    op.create_table('reminder_settings',
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('scope', sa.String(length=2), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('offsets', sa.JSON(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_reminder_settings_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('kind', 'scope', name=op.f('pk_reminder_settings'))
    )
    op.create_table('notification_opt_outs',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notification_opt_outs_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'kind', name=op.f('pk_notification_opt_outs'))
    )
    op.create_table('country_holidays',
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['country_code'], ['countries.code'], name=op.f('fk_country_holidays_country_code_countries'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('country_code', 'day', name=op.f('pk_country_holidays'))
    )
    op.create_table('scheduler_leases',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('holder', sa.String(length=80), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_scheduler_leases'))
    )


def downgrade():

    op.drop_table('scheduler_leases')
    op.drop_table('country_holidays')
    op.drop_table('notification_opt_outs')
    op.drop_table('reminder_settings')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_user_id_channel_created_at')
        batch_op.drop_index('ix_notifications_status_scheduled_for')
        batch_op.drop_index('ix_notifications_country_code_created_at')

    op.drop_table('notifications')
