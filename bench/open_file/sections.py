"""What the office sections hold: titles per office, special-category titles and free texts."""

# office code -> weight, titles, special categories that occur there
SECTION_CONTENT = {
    "abh": (
        35,
        [
            "Aufenthaltserlaubnis § 25 Abs. 2 AufenthG erteilt",
            "Fiktionsbescheinigung ausgestellt",
            "Passbeschaffung angemahnt",
            "Duldung verlängert",
            "Wohnsitzauflage geändert",
            "Aufenthaltsgestattung ausgestellt",
            "Antrag auf Niederlassungserlaubnis",
        ],
        ["asylum", "health"],
    ),
    "asylblg": (
        20,
        [
            "Leistungsbescheid Grundleistungen",
            "Krankenschein ausgegeben",
            "Bewilligung Mehrbedarf",
            "Änderungsbescheid",
            "Barbetrag ausgezahlt",
        ],
        ["health"],
    ),
    "jobcenter": (
        15,
        ["Kooperationsplan", "Vermittlungsvorschlag", "Bewilligung Bürgergeld", "Einladung Beratungsgespräch"],
        ["health"],
    ),
    "unterkunft": (8, ["Zuweisung Gemeinschaftsunterkunft", "Umzug in Wohnung", "Hausordnung belehrt"], []),
    "integration": (
        8,
        ["Integrationskurs-Berechtigung", "Beratungsgespräch", "Anerkennung Berufsabschluss"],
        ["religion"],
    ),
    "afa": (4, ["Arbeitsmarktzulassung", "Beschäftigungserlaubnis Zustimmung"], []),
    "jugendamt": (4, ["Inobhutnahme", "Vormundschaft bestellt", "Hilfeplangespräch"], ["health"]),
    "vhs": (3, ["Einstufungstest B1", "Kursanmeldung Integrationskurs"], []),
    "bildung": (1, ["Schulanmeldung", "Kita-Platz vermittelt"], []),
    "sport": (1, ["Vereinsmitgliedschaft vermittelt"], []),
    "ehrenamt": (1, ["Patenschaft vermittelt"], []),
}
SPECIAL_TITLES = {
    "health": "Ärztliche Bescheinigung eingereicht",
    "asylum": "Anhörungsprotokoll BAMF (Auszug)",
    "religion": "Religionszugehörigkeit angegeben",
}
TEXTS = [
    "Vorsprache im Büro, Unterlagen vollständig.",
    "Termin telefonisch vereinbart.",
    "Dolmetscher war anwesend; Inhalt wurde erläutert.",
    "Bescheid per Post zugestellt.",
    "Nachweise sollen bis zum nächsten Termin nachgereicht werden.",
    "Rücksprache mit der Sachbearbeitung erfolgt.",
    "Person erschien nicht zum Termin; neuer Termin in zwei Wochen.",
    "",
]
