"""The crisis lines Lantern ships with (US, English and Spanish): seeded into the database by a
migration, and shown whenever no line is configured for a language, so the crisis page can
never be empty."""

FIELDS = [
    "locale",
    "kind",
    "order",
    "name",
    "description",
    "phone",
    "phone_label",
    "sms",
    "sms_body",
    "sms_label",
    "url",
]

# fmt: off
RESOURCES = [
    # locale, kind, order, name, description, phone, phone_label, sms, sms_body, sms_label, url
    ("en", "emergency", 10, "Emergency", "Overdose, danger to life, or a medical emergency.",
     "911", "Call 911", "", "", "", ""),
    ("en", "crisis", 20, "988 Suicide & Crisis Lifeline",
     "Free and confidential, 24/7, for anyone in emotional distress or a substance use crisis. "
     "Press 2 for Spanish.",
     "988", "Call 988", "988", "", "Text 988", "https://988lifeline.org/chat/"),
    ("en", "helpline", 30, "SAMHSA National Helpline",
     "Free, confidential treatment referral and information, 24/7, in English and Spanish.",
     "+18006624357", "Call 1-800-662-4357", "", "", "", ""),
    ("en", "text", 40, "Crisis Text Line", "Text with a trained crisis counselor, 24/7.",
     "", "", "741741", "HOME", "Text HOME to 741741", ""),
    ("en", "overdose", 50, "Never Use Alone",
     "If you are going to use, don't use alone. They stay on the line and send help to your "
     "location if you stop responding.",
     "+18004843731", "Call 1-800-484-3731", "", "", "", ""),
    ("es", "emergency", 10, "Emergencias",
     "Sobredosis, peligro de muerte o una emergencia médica.",
     "911", "Llama al 911", "", "", "", ""),
    ("es", "crisis", 20, "988 Línea de Prevención del Suicidio y Crisis",
     "Gratis y confidencial, las 24 horas. Llama al 988 y oprime 2 para hablar en español, "
     "o envía la palabra AYUDA por mensaje de texto al 988.",
     "988", "Llama al 988", "988", "AYUDA", "Envía AYUDA al 988", ""),
    ("es", "helpline", 30, "Línea Nacional de Ayuda de SAMHSA",
     "Información y referidos a tratamiento, gratis y confidencial, las 24 horas, en español.",
     "+18006624357", "Llama al 1-800-662-4357", "", "", "", ""),
    ("es", "overdose", 50, "Never Use Alone (Nunca consumas a solas)",
     "Si vas a consumir, no lo hagas a solas. Se quedan en la línea contigo y envían ayuda si "
     "dejas de responder.",
     "+18004843731", "Llama al 1-800-484-3731", "", "", "", ""),
]
# fmt: on


def rows(locale: str | None = None) -> list[dict]:
    return [
        dict(zip(FIELDS, row, strict=True))
        for row in RESOURCES
        if locale is None or row[0] == locale
    ]
