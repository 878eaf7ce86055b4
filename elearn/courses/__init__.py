"""Courses: the catalogue, modules, lessons and quizzes in several languages, course packages."""
