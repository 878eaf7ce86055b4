"""courses

Revision ID: 0002
Revises: 0001


"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('course_prerequisites',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('required_code', sa.String(length=40), nullable=False),
    sa.CheckConstraint('code <> required_code', name=op.f('ck_course_prerequisites_not_self')),
    sa.PrimaryKeyConstraint('code', 'required_code', name=op.f('pk_course_prerequisites'))
    )
    op.create_table('courses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('owner_country_code', sa.String(length=2), nullable=True),
    sa.Column('category', sa.String(length=60), nullable=False),
    sa.Column('level', sa.String(length=12), nullable=False),
    sa.Column('default_language', sa.String(length=5), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('title', sa.JSON(), nullable=False),
    sa.Column('description', sa.JSON(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('estimated_minutes', sa.Integer(), nullable=True),
    sa.Column('certificate_validity_months', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("level IN ('beginner', 'intermediate', 'advanced')", name=op.f('ck_courses_level')),
    sa.CheckConstraint("status IN ('draft', 'published', 'archived')", name=op.f('ck_courses_status')),
    sa.CheckConstraint('certificate_validity_months IS NULL OR certificate_validity_months > 0', name=op.f('ck_courses_validity_positive')),
    sa.CheckConstraint('version >= 1', name=op.f('ck_courses_version_positive')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_courses_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['owner_country_code'], ['countries.code'], name=op.f('fk_courses_owner_country_code_countries')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_courses')),
    sa.UniqueConstraint('code', 'version', name=op.f('uq_courses_code_version'))
    )
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_courses_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_courses_code'), ['code'], unique=False)
        batch_op.create_index('ix_courses_status_owner_country_code', ['status', 'owner_country_code'], unique=False)

    op.create_table('mandatory_exemptions',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('required_code', sa.String(length=40), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('granted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['granted_by_id'], ['users.id'], name=op.f('fk_mandatory_exemptions_granted_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_mandatory_exemptions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'required_code', name=op.f('pk_mandatory_exemptions'))
    )
    op.create_table('mandatory_rules',
    sa.Column('required_code', sa.String(length=40), nullable=False),
    sa.Column('category', sa.String(length=60), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_mandatory_rules_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('required_code', 'category', name=op.f('pk_mandatory_rules'))
    )
    op.create_table('course_modules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['courses.id'], name=op.f('fk_course_modules_course_id_courses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course_modules')),
    sa.UniqueConstraint('course_id', 'position', name=op.f('uq_course_modules_course_id_position'))
    )
    with op.batch_alter_table('course_modules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_modules_course_id'), ['course_id'], unique=False)

    op.create_table('lessons',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('module_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=15), nullable=False),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=True),
    sa.Column('title', sa.JSON(), nullable=False),
    sa.Column('body', sa.JSON(), nullable=False),
    sa.Column('url', sa.JSON(), nullable=False),
    sa.CheckConstraint("kind IN ('text', 'video', 'document', 'quiz', 'live_session')", name=op.f('ck_lessons_kind')),
    sa.ForeignKeyConstraint(['course_id'], ['courses.id'], name=op.f('fk_lessons_course_id_courses'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['module_id'], ['course_modules.id'], name=op.f('fk_lessons_module_id_course_modules'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lessons')),
    sa.UniqueConstraint('course_id', 'key', name=op.f('uq_lessons_course_id_key')),
    sa.UniqueConstraint('module_id', 'position', name=op.f('uq_lessons_module_id_position'))
    )
    with op.batch_alter_table('lessons', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lessons_course_id'), ['course_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_lessons_module_id'), ['module_id'], unique=False)

    op.create_table('quizzes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lesson_id', sa.Integer(), nullable=False),
    sa.Column('pass_mark', sa.Integer(), nullable=False),
    sa.Column('max_attempts', sa.Integer(), nullable=True),
    sa.CheckConstraint('max_attempts IS NULL OR max_attempts > 0', name=op.f('ck_quizzes_max_attempts_positive')),
    sa.CheckConstraint('pass_mark BETWEEN 0 AND 100', name=op.f('ck_quizzes_pass_mark_percent')),
    sa.ForeignKeyConstraint(['lesson_id'], ['lessons.id'], name=op.f('fk_quizzes_lesson_id_lessons'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quizzes')),
    sa.UniqueConstraint('lesson_id', name=op.f('uq_quizzes_lesson_id'))
    )
    op.create_table('questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('quiz_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('text', sa.JSON(), nullable=False),
    sa.Column('explanation', sa.JSON(), nullable=False),
    sa.Column('choices', sa.JSON(), nullable=False),
    sa.CheckConstraint("kind IN ('single_choice', 'multiple_choice', 'true_false')", name=op.f('ck_questions_kind')),
    sa.CheckConstraint('points > 0', name=op.f('ck_questions_points_positive')),
    sa.ForeignKeyConstraint(['quiz_id'], ['quizzes.id'], name=op.f('fk_questions_quiz_id_quizzes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_questions')),
    sa.UniqueConstraint('quiz_id', 'position', name=op.f('uq_questions_quiz_id_position'))
    )
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_questions_quiz_id'), ['quiz_id'], unique=False)




def downgrade():

    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_questions_quiz_id'))

    op.drop_table('questions')
    op.drop_table('quizzes')
    with op.batch_alter_table('lessons', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lessons_module_id'))
        batch_op.drop_index(batch_op.f('ix_lessons_course_id'))

    op.drop_table('lessons')
    with op.batch_alter_table('course_modules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_course_modules_course_id'))

    op.drop_table('course_modules')
    op.drop_table('mandatory_rules')
    op.drop_table('mandatory_exemptions')
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.drop_index('ix_courses_status_owner_country_code')
        batch_op.drop_index(batch_op.f('ix_courses_code'))
        batch_op.drop_index(batch_op.f('ix_courses_category'))

    op.drop_table('courses')
    op.drop_table('course_prerequisites')

