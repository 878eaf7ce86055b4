"""A course's content: modules, lessons, quizzes and questions, authored in drafts."""
