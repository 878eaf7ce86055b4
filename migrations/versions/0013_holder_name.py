"""certificates keep the name they were issued to

Revision ID: 0013_holder_name
Revises: 0012_kpi_index

A certificate showed its holder's current name: renaming yourself renamed every certificate,
its public verification page and each newly signed credential. The name is now stored when
the certificate is issued; existing certificates take their holder's name of today.
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0013_holder_name'
down_revision = '0012_kpi_index'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('holder_name', sa.String(length=200), nullable=True))
    op.execute("UPDATE certificates SET holder_name = "
               "(SELECT users.name FROM users WHERE users.id = certificates.holder_id)")
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.alter_column('holder_name', existing_type=sa.String(length=200),
                              nullable=False)


def downgrade():
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.drop_column('holder_name')
