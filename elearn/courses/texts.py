"""Texts per language: pick the caller's language, fall back to the course's default."""

from __future__ import annotations

import unicodedata

from flask import g, has_request_context
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from ..errors import RuleViolation
from .models import Course, Lesson, LessonKind, Module, Question, Quiz


def current_language() -> str:
    """The caller's language, worked out once per request (a page of courses asks for it
    for every text it shows). Outside a request, and for mail or certificates written in
    another person's language, pass the language explicitly instead."""
    if not has_request_context():
        return "en"
    language = g.get("language")
    if language is None:
        language = g.language = str(get_locale() or "en")
    return language


def localize(texts: dict | None, default_language: str, language: str | None = None) -> str:
    """The text in `language` (the caller's by default), else in the default language."""
    texts = texts or {}
    language = language or current_language()
    return texts.get(language) or texts.get(default_language) or ""


def is_fallback(texts: dict | None, language: str | None = None) -> bool:
    """Whether `localize` had to fall back for this text."""
    return not (texts or {}).get(language or current_language())


def course_of(obj) -> Course:
    """The course a course (or a catalogue row), module, lesson, quiz or question belongs to.

    Each step is a many-to-one to an object loaded with the course tree (the identity map
    answers it), so walking up costs no query.
    """
    if isinstance(obj, Question):
        obj = obj.quiz
    if isinstance(obj, Quiz):
        obj = obj.lesson
    return obj.course if isinstance(obj, Module | Lesson) else obj


_ARABIC_FOLDS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
                               "ـ": None})


def fold(text: str) -> str:
    """Text for accent-, case- and diacritic-insensitive search, Arabic included."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.translate(_ARABIC_FOLDS).split())


def search_text(*maps: dict | None) -> str:
    """Every translation of the given texts, folded, for the catalogue's `?q=`."""
    return "\n".join(fold(text) for texts in maps for text in (texts or {}).values() if text)


# Which languages a text may use ---------------------------------------------------------


def text_problems(languages, default_language: str, texts: dict, *, need_default: bool) -> list:
    """Problems of one text map: languages outside the course's, or the default one missing
    (always when `need_default`, otherwise only when some translation is given)."""
    problems = []
    if set(texts) - set(languages):
        problems.append(_l("Only the course's languages may be used: %(languages)s.",
                           languages=", ".join(languages)))
    if (need_default or texts) and default_language not in texts:
        problems.append(_l("Give the text in the default language (%(language)s).",
                           language=default_language))
    return problems


def question_texts(question: dict, path: tuple = ()):
    """(path, texts, need_default) for every text of a question."""
    yield (*path, "text"), question.get("text") or {}, True
    yield (*path, "explanation"), question.get("explanation") or {}, False
    for number, choice in enumerate(question.get("choices") or ()):
        yield (*path, "choices", number, "text"), choice.get("text") or {}, True


def lesson_texts(lesson: dict, path: tuple = ()):
    """(path, texts, need_default) for every text of a lesson and its quiz.

    A text lesson needs its body, a video or document lesson its link, in the default
    language.
    """
    kind = lesson.get("kind")
    yield (*path, "title"), lesson.get("title") or {}, True
    yield (*path, "body"), lesson.get("body") or {}, kind == LessonKind.TEXT
    yield (*path, "url"), lesson.get("url") or {}, kind in (LessonKind.VIDEO,
                                                             LessonKind.DOCUMENT)
    for number, question in enumerate((lesson.get("quiz") or {}).get("questions") or ()):
        yield from question_texts(question, (*path, "quiz", "questions", number))


def texts_problems(languages, default_language: str, texts) -> dict[str, list]:
    """`{dotted.path: [problems]}` for (path, texts, need_default) triples."""
    errors = {}
    for path, values, need_default in texts:
        problems = text_problems(languages, default_language, values,
                                 need_default=need_default)
        if problems:
            errors[".".join(map(str, path))] = problems
    return errors


def check_texts(languages, default_language: str, texts) -> None:
    """Raise RuleViolation naming each text that uses other languages or lacks the default."""
    errors = texts_problems(languages, default_language, texts)
    if errors:
        raise RuleViolation(errors=errors)


def lesson_as_data(lesson: Lesson) -> dict:
    """A stored lesson in the shape `lesson_texts` reads."""
    quiz = lesson.quiz
    return {"kind": lesson.kind, "title": lesson.title, "body": lesson.body, "url": lesson.url,
            "quiz": quiz and {"questions": [{"text": q.text, "explanation": q.explanation,
                                             "choices": q.choices} for q in quiz.questions]}}


def course_texts(course: Course, *, content: bool = True):
    """(path, texts, need_default) for the course's own texts and, with `content`, every
    text of its modules, lessons and quizzes (load the tree first)."""
    yield ("title",), course.title or {}, True
    yield ("description",), course.description or {}, False
    for m, module in enumerate(course.modules if content else ()):
        yield ("modules", m, "title"), module.title or {}, True
        for n, lesson in enumerate(module.lessons):
            yield from lesson_texts(lesson_as_data(lesson), ("modules", m, "lessons", n))
