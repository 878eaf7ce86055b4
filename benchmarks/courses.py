"""The catalogue the seeder builds: courses of modules of lessons, the last one a quiz."""

from __future__ import annotations


def course_rows(scale, now) -> tuple[tuple[list, ...], dict[int, list[int]]]:
    """(courses, modules, lessons, quizzes, questions) rows, and each course's lesson ids."""
    courses, modules, lessons, quizzes, questions = [], [], [], [], []
    lesson_ids: dict[int, list[int]] = {}
    for c in range(1, scale.courses + 1):
        courses.append({
            "id": c, "code": f"BENCH-{c}", "version": 1, "status": "published",
            "owner_country_code": None,
            "category": ("human-rights", "leadership", "cybercrime")[c % 3],
            "level": "beginner", "default_language": "en", "languages": ["en", "ar"],
            "title": {"en": f"Policing course {c}", "ar": f"دورة الشرطة {c}"},
            "description": {"en": "Community policing and human rights in practice."},
            "search_text": f"policing course {c}\nدورة الشرطة {c}\ncommunity policing",
            "certificate_validity_months": 24, "created_at": now, "updated_at": now,
            "published_at": now})
        for m in range(1, scale.modules_per_course + 1):
            module_id = len(modules) + 1
            modules.append({"id": module_id, "course_id": c, "position": m,
                            "title": {"en": f"Module {m}"}})
            for position in range(1, scale.lessons_per_module + 1):
                lesson_id = len(lessons) + 1
                last = m == scale.modules_per_course and position == scale.lessons_per_module
                lessons.append({
                    "id": lesson_id, "course_id": c, "module_id": module_id,
                    "key": f"m{m}-l{position}", "position": position,
                    "kind": "quiz" if last else "text", "required": True,
                    "title": {"en": f"Lesson {m}.{position}"},
                    "body": {"en": "Read this carefully. " * 40}, "url": {}})
                lesson_ids.setdefault(c, []).append(lesson_id)
                if last:
                    quizzes.append({"id": c, "lesson_id": lesson_id, "pass_mark": 50,
                                    "max_attempts": None})
                    questions += [{
                        "quiz_id": c, "position": q, "kind": "single_choice", "points": 1,
                        "text": {"en": f"Question {q}"}, "explanation": {},
                        "choices": [{"key": k, "text": {"en": k}, "correct": k == "a"}
                                    for k in ("a", "b", "c")]} for q in (1, 2)]
    return (courses, modules, lessons, quizzes, questions), lesson_ids
