"""notifications remember the file a message was kept in

Revision ID: 0014_mail_file
Revises: 0013_holder_name

Without an SMTP server configured (a demo, a fresh install) each message is kept as an .eml
file in the instance folder and its notification is marked sent with that file's path.
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0014_mail_file'
down_revision = '0013_holder_name'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mail_file', sa.String(length=300), nullable=True))


def downgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_column('mail_file')
