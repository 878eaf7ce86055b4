"""The questionnaires the platform ships, in English, French, Arabic and Spanish: the training-
needs assessment of a country, the evaluation of a course (Kirkpatrick levels 1 and 2), and the
mentoring check-up with its mid-point and closing variants. Each is created, regional, the
first time it is used; an admin can change it from then on (a new version once answered)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from ..extensions import db
from .models import Purpose, Questionnaire, QuestionnaireVersion


def t(en: str, fr: str, ar: str, es: str) -> dict:
    return {"en": en, "fr": fr, "ar": ar, "es": es}


def choice(key: str, text: dict, **more) -> dict:
    return {"key": key, "text": text, **more}


AGREE = (t("Strongly disagree", "Pas du tout d'accord", "غير موافق بشدة", "Muy en desacuerdo"),
         t("Strongly agree", "Tout à fait d'accord", "موافق بشدة", "Muy de acuerdo"))

NEEDS = [
    {"key": "crime_areas", "kind": "multiple_choice", "required": True,
     "text": t("Which areas matter most for the training of your officers?",
               "Quels domaines comptent le plus pour la formation de vos agents ?",
               "ما المجالات الأهم لتدريب منتسبيكم؟",
               "¿Qué ámbitos importan más para la formación de sus agentes?"),
     "choices": [
         choice("human_rights", t("Human rights and gender", "Droits humains et genre",
                                  "حقوق الإنسان والنوع الاجتماعي", "Derechos humanos y género"),
                category="human-rights"),
         choice("cooperation", t("International police cooperation",
                                 "Coopération policière internationale",
                                 "التعاون الشرطي الدولي", "Cooperación policial internacional"),
                category="international-cooperation"),
         choice("leadership", t("Leadership", "Leadership", "القيادة", "Liderazgo"),
                category="leadership"),
         choice("training_of_trainers", t("Training of trainers", "Formation de formateurs",
                                          "تدريب المدربين", "Formación de formadores"),
                category="training-of-trainers"),
         choice("cybercrime", t("Cybercrime", "Cybercriminalité", "الجرائم الإلكترونية",
                                "Ciberdelincuencia"), category="cybercrime"),
     ]},
    {"key": "capacity", "kind": "scale", "required": True,
     "text": t("Our unit can already deliver this training itself.",
               "Notre unité peut déjà dispenser cette formation elle-même.",
               "وحدتنا قادرة اليوم على تقديم هذا التدريب بنفسها.",
               "Nuestra unidad ya puede impartir esta formación por sí misma."),
     "low": AGREE[0], "high": AGREE[1]},
    {"key": "delivery", "kind": "single_choice", "required": True,
     "text": t("How would you rather learn?", "Comment préférez-vous apprendre ?",
               "كيف تفضّل أن تتعلّم؟", "¿Cómo prefiere aprender?"),
     "choices": [
         choice("self_paced", t("Self-paced online", "En ligne, à mon rythme",
                                "عبر الإنترنت بالوتيرة الذاتية", "En línea, a mi ritmo")),
         choice("live_online", t("Live online sessions", "Sessions en ligne en direct",
                                 "جلسات مباشرة عبر الإنترنت", "Sesiones en línea en directo")),
         choice("blended", t("Blended: online and in person", "Hybride : en ligne et en présentiel",
                             "مدمج: عبر الإنترنت وحضوريًا", "Mixta: en línea y presencial")),
     ]},
    {"key": "connectivity", "kind": "single_choice", "required": True,
     "text": t("How is your internet connection at work?",
               "Comment est votre connexion internet au travail ?",
               "كيف اتصالك بالإنترنت في العمل؟", "¿Cómo es su conexión a internet en el trabajo?"),
     "choices": [
         choice("good", t("Good most of the time", "Bonne la plupart du temps",
                          "جيد في معظم الأوقات", "Buena casi siempre")),
         choice("unreliable", t("Slow or unreliable", "Lente ou instable", "بطيء أو متقطع",
                                "Lenta o inestable")),
         choice("none", t("None at work", "Aucune au travail", "لا يوجد اتصال في العمل",
                          "Ninguna en el trabajo")),
     ]},
    {"key": "devices", "kind": "multiple_choice", "required": False,
     "text": t("Which devices can you learn on?", "Sur quels appareils pouvez-vous apprendre ?",
               "ما الأجهزة التي يمكنك التعلّم عليها؟", "¿En qué dispositivos puede aprender?"),
     "choices": [
         choice("phone", t("A phone", "Un téléphone", "هاتف", "Un teléfono")),
         choice("computer", t("A computer", "Un ordinateur", "حاسوب", "Un ordenador")),
         choice("shared", t("A shared computer", "Un ordinateur partagé", "حاسوب مشترك",
                            "Un ordenador compartido")),
     ]},
    {"key": "language", "kind": "single_choice", "required": True,
     "text": t("In which language do you learn best?",
               "Dans quelle langue apprenez-vous le mieux ?",
               "بأي لغة تتعلّم أفضل؟", "¿En qué idioma aprende mejor?"),
     "choices": [choice(code, t(name, name, name, name)) for code, name in (
         ("en", "English"), ("fr", "Français"), ("ar", "العربية"), ("es", "Español"))]},
    {"key": "comments", "kind": "long_text", "required": False,
     "text": t("What else should the training plan cover?",
               "Que devrait encore couvrir le plan de formation ?",
               "ما الذي ينبغي أن تشمله خطة التدريب أيضًا؟",
               "¿Qué más debería cubrir el plan de formación?")},
]

EVALUATION = [
    {"key": "relevance", "kind": "scale", "required": True,
     "text": t("The course was relevant to my work.", "Le cours était utile pour mon travail.",
               "كانت الدورة وثيقة الصلة بعملي.", "El curso fue pertinente para mi trabajo."),
     "low": AGREE[0], "high": AGREE[1]},
    {"key": "satisfaction", "kind": "scale", "required": True,
     "text": t("Overall, I am satisfied with the course.",
               "Dans l'ensemble, je suis satisfait du cours.",
               "إجمالًا، أنا راضٍ عن الدورة.", "En general, estoy satisfecho con el curso."),
     "low": AGREE[0], "high": AGREE[1]},
    {"key": "learning", "kind": "scale", "required": True,
     "text": t("I learnt things I will use.", "J'ai appris des choses que j'utiliserai.",
               "تعلّمت أمورًا سأستخدمها.", "Aprendí cosas que voy a usar."),
     "low": AGREE[0], "high": AGREE[1]},
    {"key": "confidence", "kind": "scale", "required": True,
     "text": t("I feel able to apply what I learnt.",
               "Je me sens capable d'appliquer ce que j'ai appris.",
               "أشعر بأنني قادر على تطبيق ما تعلّمته.", "Me siento capaz de aplicar lo aprendido."),
     "low": AGREE[0], "high": AGREE[1]},
    {"key": "improve", "kind": "long_text", "required": False,
     "text": t("What would make the course better?", "Qu'est-ce qui améliorerait le cours ?",
               "ما الذي يجعل الدورة أفضل؟", "¿Qué mejoraría el curso?")},
]

CONCERN = choice("concern", t("I have a concern I would like the programme to know about",
                              "J'ai une préoccupation dont le programme devrait être informé",
                              "لديّ مصدر قلق أودّ أن يعرفه البرنامج",
                              "Tengo una preocupación que el programa debería conocer"),
                 flag=True)
CHECKUP = [
    {"key": "fit", "kind": "scale", "required": True, "flag_below": 3,
     "text": t("The pairing works well for me.", "Le binôme fonctionne bien pour moi.",
               "الشراكة الإرشادية تسير جيدًا بالنسبة لي.",
                         "La pareja de mentoría funciona bien para mí."),
     "low": AGREE[0], "high": AGREE[1]},
    {"key": "meetings", "kind": "single_choice", "required": True,
     "text": t("How often did you meet since the last check-up?",
               "À quelle fréquence vous êtes-vous rencontrés depuis le dernier point ?",
               "كم مرة التقيتما منذ آخر متابعة؟",
               "¿Con qué frecuencia se han reunido desde el último seguimiento?"),
     "choices": [
         choice("as_planned", t("As planned", "Comme prévu", "كما هو مخطط", "Según lo previsto")),
         choice("less", t("Less than planned", "Moins que prévu", "أقل مما هو مخطط",
                          "Menos de lo previsto")),
         choice("not_at_all", t("Not at all", "Pas du tout", "لم نلتقِ", "Nada")),
     ]},
    {"key": "support", "kind": "multiple_choice", "required": False,
     "text": t("Anything to tell the programme?", "Quelque chose à signaler au programme ?",
               "هل من شيء تودّ إبلاغ البرنامج به؟", "¿Algo que comunicar al programa?"),
     "choices": [choice("more_time", t("We need more time together",
               "Il nous faut plus de temps ensemble",
                                       "نحتاج إلى وقت أطول معًا", "Necesitamos más tiempo juntos")),
                 CONCERN]},
    {"key": "progress", "kind": "long_text", "required": False,
     "text": t("What went well, and what would help?",
               "Qu'est-ce qui a bien marché, et qu'est-ce qui aiderait ?",
               "ما الذي سار جيدًا، وما الذي قد يساعد؟", "¿Qué ha ido bien y qué ayudaría?")},
]
GOALS = {"key": "goals", "kind": "scale", "required": True,
         "text": t("The mentee is on the way to the goals of her development plan.",
                   "La mentorée progresse vers les objectifs de son plan de développement.",
                   "المتدرّبة تسير نحو أهداف خطة تطويرها.",
                   "La mentorada avanza hacia los objetivos de su plan de desarrollo."),
         "low": AGREE[0], "high": AGREE[1]}
RECOMMEND = {"key": "recommend", "kind": "scale", "required": True,
             "text": t("I would recommend the programme to a colleague.",
                       "Je recommanderais le programme à une collègue.",
                       "أوصي بالبرنامج لزميلة.", "Recomendaría el programa a una colega."),
             "low": AGREE[0], "high": AGREE[1]}

TEMPLATES = {
    Purpose.NEEDS: (t("Training-needs assessment", "Évaluation des besoins de formation",
                      "تقييم الاحتياجات التدريبية", "Evaluación de necesidades de formación"),
                    NEEDS),
    Purpose.EVALUATION: (t("Course evaluation", "Évaluation du cours", "تقييم الدورة",
                           "Evaluación del curso"), EVALUATION),
    Purpose.CHECKUP: (t("Mentoring check-up", "Point d'étape du mentorat", "متابعة الإرشاد",
                        "Seguimiento de la mentoría"), CHECKUP),
    Purpose.MIDPOINT: (t("Mentoring mid-point survey", "Enquête de mi-parcours du mentorat",
                         "استبيان منتصف برنامج الإرشاد", "Encuesta de mitad de la mentoría"),
                       [*CHECKUP, GOALS]),
    Purpose.CLOSING: (t("Mentoring closing survey", "Enquête de clôture du mentorat",
                        "استبيان ختام برنامج الإرشاد", "Encuesta de cierre de la mentoría"),
                      [*CHECKUP, GOALS, RECOMMEND]),
}


def template_questionnaire(purpose: Purpose, *, now: datetime) -> Questionnaire:
    """The shipped questionnaire for `purpose`, created (regional) the first time."""
    found = db.session.scalar(select(Questionnaire).where(Questionnaire.template == purpose))
    if found is not None:
        return found
    title, questions = TEMPLATES[purpose]
    questionnaire = Questionnaire(purpose=purpose.value, title=title, default_language="en",
                                  template=purpose.value, version=1, created_at=now,
                                  updated_at=now)
    db.session.add(questionnaire)
    db.session.flush()
    db.session.add(QuestionnaireVersion(questionnaire_id=questionnaire.id, number=1,
                                        questions=questions, created_at=now))
    db.session.flush()
    return questionnaire
