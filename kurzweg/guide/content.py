# ruff: noqa: E501 - texts read best as one line per field
"""Starting content for the guide: texts for the standard services (servicepoint/setup.py
STANDARD_SERVICES) — German and English here, Leichte Sprache and the other newcomer languages
in content_translations/ —, the demo's opening hours and public holidays, directions, and the
page in Leichte Sprache. Agencies edit all of it afterwards (texts in the content editor, hours
and closures in the administration).

The texts are written for the county case (Sachsen-Anhalt); fees are the federal fees of the
Aufenthaltsverordnung as of 2026 and are to be checked by each agency."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from kurzweg.core.models import Agency
from kurzweg.servicepoint.models import Service

from .content_translations import TRANSLATIONS, Text
from .models import SOURCE_LANGUAGE, AgencyGuide, Closure, OpeningHours, ServiceText

# fmt: off
TEXTS: dict[str, dict[str, Text]] = {
    "abh-aufenthalt": {
        "de": Text(
            "Die Ausländerbehörde erteilt oder verlängert Ihre Aufenthaltserlaubnis. Kommen Sie rechtzeitig, spätestens vier Wochen bevor Ihre Erlaubnis abläuft.",
            "Für alle, die keine Staatsangehörigkeit eines EU-Landes, Islands, Liechtensteins, Norwegens oder der Schweiz haben und länger in Deutschland bleiben wollen.",
            "Reisepass oder Passersatz\nAktuelles biometrisches Passfoto\nBisherige Aufenthaltserlaubnis\nNachweis über Ihre Wohnung (Mietvertrag oder Wohnungsgeberbestätigung)\nNachweis über Einkommen oder Leistungsbescheid\nNachweis über die Krankenversicherung",
            "In der Regel 100 Euro, bei einer Verlängerung 93 bis 98 Euro. Für Kinder und für Menschen, die Leistungen beziehen, ist es günstiger oder gebührenfrei.",
        ),
        "en": Text(
            "The foreigners authority issues or extends your residence permit. Come in good time, at the latest four weeks before your permit expires.",
            "For everyone who is not a citizen of an EU country, Iceland, Liechtenstein, Norway or Switzerland and wants to stay in Germany for longer.",
            "Passport or substitute passport\nA recent biometric passport photo\nYour current residence permit\nProof of your home (tenancy agreement or landlord's confirmation)\nProof of income or a notice of benefits\nProof of health insurance",
            "Usually 100 euros, 93 to 98 euros for an extension. Cheaper or free of charge for children and for people who receive benefits.",
        ),
    },
    "abh-fiktion": {
        "de": Text(
            "Wenn über Ihren Antrag noch nicht entschieden ist, bekommen Sie eine Fiktionsbescheinigung. Sie zeigt, dass Sie weiter in Deutschland bleiben dürfen.",
            "Für alle, die rechtzeitig eine Aufenthaltserlaubnis beantragt haben und noch auf die Entscheidung warten.",
            "Reisepass oder Passersatz\nBisherige Aufenthaltserlaubnis\nEingangsbestätigung Ihres Antrags, wenn vorhanden",
            "13 Euro.",
        ),
        "en": Text(
            "If your application has not yet been decided, you receive an interim certificate (Fiktionsbescheinigung). It shows that you may continue to stay in Germany.",
            "For everyone who applied for a residence permit in time and is still waiting for the decision.",
            "Passport or substitute passport\nYour current residence permit\nConfirmation that your application was received, if you have one",
            "13 euros.",
        ),
    },
    "abh-ausweis": {
        "de": Text(
            "Sie haben keinen Pass und können keinen bekommen? Die Ausländerbehörde kann Ihnen einen Reiseausweis oder einen Ausweisersatz ausstellen.",
            "Für anerkannte Flüchtlinge, Staatenlose und Menschen, die nachweislich keinen Pass ihres Landes bekommen.",
            "Bescheid des Bundesamts für Migration und Flüchtlinge (BAMF), wenn vorhanden\nAktuelles biometrisches Passfoto\nAlter Pass oder andere Ausweise, wenn vorhanden\nNachweise, dass Sie sich um einen Pass bemüht haben",
            "Reiseausweis für Flüchtlinge: 70 Euro (unter 24 Jahren: 45 Euro). Ausweisersatz: 30 Euro.",
        ),
        "en": Text(
            "You have no passport and cannot get one? The foreigners authority can issue a travel document or an identity card substitute.",
            "For recognised refugees, stateless persons and people who can show that they cannot get a passport from their country.",
            "Notice of the Federal Office for Migration and Refugees (BAMF), if you have one\nA recent biometric passport photo\nOld passport or other identity papers, if you have them\nProof that you tried to get a passport",
            "Refugee travel document: 70 euros (under 24: 45 euros). Identity card substitute: 30 euros.",
        ),
    },
    "abh-eat": {
        "de": Text(
            "Ihr elektronischer Aufenthaltstitel (die Karte) ist fertig. Sie holen ihn persönlich ab und legen dabei Ihre PIN fest.",
            "Für alle, die einen Brief bekommen haben, dass ihre Karte abholbereit ist.",
            "Reisepass oder Passersatz\nDer Brief mit der PIN (PIN-Brief)\nBisherige Aufenthaltserlaubnis oder Fiktionsbescheinigung",
            "Keine; die Gebühr haben Sie schon beim Antrag bezahlt.",
        ),
        "en": Text(
            "Your electronic residence permit (the card) is ready. You collect it in person and set your PIN.",
            "For everyone who received a letter that their card is ready.",
            "Passport or substitute passport\nThe letter with your PIN (PIN letter)\nYour current residence permit or interim certificate",
            "None; you paid the fee when you applied.",
        ),
    },
    "asylblg-antrag": {
        "de": Text(
            "Während Ihres Asylverfahrens bekommen Sie Leistungen für Essen, Kleidung, Wohnen und Gesundheit nach dem Asylbewerberleistungsgesetz.",
            "Für Asylsuchende, Menschen mit Duldung und andere Menschen ohne Anspruch auf Bürgergeld, die im Landkreis wohnen.",
            "Aufenthaltsgestattung, Duldung oder Ankunftsnachweis\nReisepass oder andere Ausweise, wenn vorhanden\nNachweis über Konto (IBAN), wenn vorhanden\nNachweise über Einkommen und Vermögen, wenn vorhanden",
            "Keine.",
        ),
        "en": Text(
            "During your asylum procedure you receive benefits for food, clothing, housing and health under the Asylum Seekers' Benefits Act.",
            "For asylum seekers, people with a toleration (Duldung) and other people without a right to citizen's benefit who live in the county.",
            "Permission to stay (Aufenthaltsgestattung), toleration or proof of arrival\nPassport or other identity papers, if you have them\nYour bank account (IBAN), if you have one\nProof of income and savings, if any",
            "None.",
        ),
    },
    "asylblg-auszahlung": {
        "de": Text(
            "Fragen zu Ihrer Auszahlung und zu Ihren Bescheiden, Änderungen melden (zum Beispiel neue Adresse oder Arbeit).",
            "Für alle, die schon Leistungen nach dem Asylbewerberleistungsgesetz bekommen.",
            "Aufenthaltsgestattung oder Duldung\nDer Bescheid, um den es geht\nNachweise über Änderungen",
            "Keine.",
        ),
        "en": Text(
            "Questions about your payment and your notices; report changes (for example a new address or a job).",
            "For everyone who already receives benefits under the Asylum Seekers' Benefits Act.",
            "Permission to stay or toleration\nThe notice you have questions about\nProof of the changes",
            "None.",
        ),
    },
    "unterkunft-wohnen": {
        "de": Text(
            "Die Unterkunftsverwaltung gibt Ihnen einen Platz in einer Gemeinschaftsunterkunft oder Wohnung und hilft bei Umzug und Problemen in der Unterkunft.",
            "Für Geflüchtete, die der Landkreis unterbringt.",
            "Aufenthaltsgestattung, Duldung oder Aufenthaltserlaubnis\nZuweisungsbescheid, wenn vorhanden",
            "Für die Unterkunft kann eine Gebühr anfallen; sie wird oft von den Leistungen bezahlt.",
        ),
        "en": Text(
            "The accommodation management gives you a place in shared accommodation or a flat and helps with moving and with problems where you live.",
            "For refugees housed by the county.",
            "Permission to stay, toleration or residence permit\nAllocation notice, if you have one",
            "There can be a fee for the accommodation; benefits often pay it.",
        ),
    },
    "integration-beratung": {
        "de": Text(
            "Die Integrationsberatung hilft Ihnen, Ihre nächsten Schritte zu planen: Sprache, Arbeit, Wohnen, Familie. Sie bringt Sie mit den richtigen Stellen zusammen.",
            "Für alle Zugewanderten, besonders in den ersten Jahren.",
            "Ausweis oder Aufenthaltspapier\nBriefe und Bescheide, zu denen Sie Fragen haben",
            "Keine. Die Beratung ist kostenlos und vertraulich.",
        ),
        "en": Text(
            "Integration counselling helps you plan your next steps: language, work, housing, family. It brings you together with the right offices.",
            "For all newcomers, especially in their first years.",
            "Identity card or residence paper\nLetters and notices you have questions about",
            "None. Counselling is free and confidential.",
        ),
    },
    "jobcenter-antrag": {
        "de": Text(
            "Das Jobcenter zahlt Bürgergeld, wenn Sie arbeiten können, aber Ihr Einkommen nicht zum Leben reicht. Es hilft Ihnen auch, Arbeit zu finden.",
            "Für Menschen zwischen 15 Jahren und dem Rentenalter, die arbeiten dürfen und können, zum Beispiel anerkannte Flüchtlinge, und für ihre Familien.",
            "Reisepass und Aufenthaltserlaubnis oder Fiktionsbescheinigung\nMietvertrag und Nachweis über Mietkosten\nKontoauszüge der letzten drei Monate\nNachweise über Einkommen (zum Beispiel Lohnabrechnung)\nBescheid des BAMF, wenn vorhanden",
            "Keine.",
        ),
        "en": Text(
            "The Jobcenter pays citizen's benefit (Bürgergeld) when you can work but your income is not enough to live on. It also helps you find work.",
            "For people between 15 and retirement age who may and can work, for example recognised refugees, and for their families.",
            "Passport and residence permit or interim certificate\nTenancy agreement and proof of rent\nBank statements of the last three months\nProof of income (for example payslips)\nBAMF notice, if you have one",
            "None.",
        ),
    },
    "jobcenter-unterlagen": {
        "de": Text(
            "Geben Sie Unterlagen für das Jobcenter ab. Sie bekommen eine Eingangsbestätigung.",
            "Für alle, die Bürgergeld beziehen oder beantragt haben.",
            "Die Unterlagen, die das Jobcenter von Ihnen verlangt hat\nDer Brief des Jobcenters, wenn vorhanden",
            "Keine.",
        ),
        "en": Text(
            "Hand in documents for the Jobcenter. You receive a confirmation of receipt.",
            "For everyone who receives or has applied for citizen's benefit.",
            "The documents the Jobcenter asked you for\nThe Jobcenter's letter, if you have one",
            "None.",
        ),
    },
    "jobcenter-vermittlung": {
        "de": Text(
            "Gemeinsam mit Ihrer Vermittlerin oder Ihrem Vermittler suchen Sie Arbeit, eine Ausbildung oder eine Weiterbildung.",
            "Für alle, die Bürgergeld beziehen und Arbeit suchen. Nur mit Termin.",
            "Lebenslauf, wenn vorhanden\nZeugnisse und Nachweise über Abschlüsse\nEinladung des Jobcenters",
            "Keine.",
        ),
        "en": Text(
            "Together with your placement officer you look for work, training or further education.",
            "For everyone who receives citizen's benefit and is looking for work. Appointment only.",
            "Your CV, if you have one\nCertificates and proof of qualifications\nThe Jobcenter's invitation",
            "None.",
        ),
    },
    "afa-arbeitslos": {
        "de": Text(
            "Melden Sie sich bei der Agentur für Arbeit arbeitsuchend oder arbeitslos. Dort bekommen Sie Hilfe bei der Suche nach Arbeit und gegebenenfalls Arbeitslosengeld.",
            "Für alle, die Arbeit suchen oder deren Arbeit bald endet. Melden Sie sich spätestens drei Monate vor dem Ende Ihrer Arbeit.",
            "Reisepass und Aufenthaltserlaubnis (EU-Bürger: Personalausweis oder Pass)\nKündigung oder Arbeitsvertrag, wenn vorhanden\nLebenslauf, wenn vorhanden",
            "Keine.",
        ),
        "en": Text(
            "Register with the employment agency as looking for work or unemployed. You get help finding work and, if you are entitled, unemployment benefit.",
            "For everyone who is looking for work or whose job ends soon. Register at the latest three months before your job ends.",
            "Passport and residence permit (EU citizens: identity card or passport)\nNotice of termination or employment contract, if you have one\nYour CV, if you have one",
            "None.",
        ),
    },
    "afa-berufsberatung": {
        "de": Text(
            "Die Berufsberatung hilft Ihnen, eine Ausbildung, ein Studium oder einen Beruf zu wählen, der zu Ihnen passt.",
            "Für junge Menschen und Erwachsene, die sich beruflich orientieren wollen. Nur mit Termin.",
            "Zeugnisse, wenn vorhanden\nLebenslauf, wenn vorhanden",
            "Keine.",
        ),
        "en": Text(
            "Career guidance helps you choose training, studies or an occupation that suits you.",
            "For young people and adults who want to find their way into a career. Appointment only.",
            "School certificates, if you have them\nYour CV, if you have one",
            "None.",
        ),
    },
    "wirtschaft-gewerbe": {
        "de": Text(
            "Sie wollen sich selbstständig machen oder ein Gewerbe anmelden? Das Wirtschaftsamt berät Sie zu Gründung, Förderung und Genehmigungen.",
            "Für alle, die ein Unternehmen gründen wollen. Ihre Aufenthaltserlaubnis muss Selbstständigkeit erlauben. Nur mit Termin.",
            "Reisepass und Aufenthaltserlaubnis\nIhre Geschäftsidee, wenn möglich schriftlich",
            "Beratung: keine. Gewerbeanmeldung: 20 bis 40 Euro.",
        ),
        "en": Text(
            "You want to become self-employed or register a business? The economic development office advises you on starting up, funding and permits.",
            "For everyone who wants to start a business. Your residence permit must allow self-employment. Appointment only.",
            "Passport and residence permit\nYour business idea, in writing if possible",
            "Advice: none. Business registration: 20 to 40 euros.",
        ),
    },
    "jugendamt-beratung": {
        "de": Text(
            "Das Jugendamt berät Familien bei Fragen zur Erziehung, bei Problemen in der Familie und zu Hilfen für Kinder und Jugendliche.",
            "Für Eltern, Kinder und Jugendliche. Die Beratung ist vertraulich.",
            "Ausweis oder Aufenthaltspapier\nGeburtsurkunden der Kinder, wenn vorhanden",
            "Keine.",
        ),
        "en": Text(
            "The youth welfare office advises families on parenting, problems in the family and support for children and young people.",
            "For parents, children and young people. Counselling is confidential.",
            "Identity card or residence paper\nYour children's birth certificates, if you have them",
            "None.",
        ),
    },
    "vhs-kurs": {
        "de": Text(
            "Die Volkshochschule hilft Ihnen, einen Integrationskurs oder Sprachkurs zu finden, und meldet Sie an.",
            "Für alle, die Deutsch lernen wollen. Manche Menschen sind zu einem Integrationskurs verpflichtet.",
            "Ausweis oder Aufenthaltspapier\nBerechtigungsschein oder Verpflichtung zum Integrationskurs, wenn vorhanden",
            "Integrationskurs: 2,29 Euro pro Unterrichtsstunde; mit Bürgergeld, AsylbLG-Leistungen oder wenig Einkommen kostenfrei.",
        ),
        "en": Text(
            "The adult education centre helps you find an integration course or a language course and signs you up.",
            "For everyone who wants to learn German. Some people are obliged to take an integration course.",
            "Identity card or residence paper\nEntitlement or obligation to attend an integration course, if you have one",
            "Integration course: 2.29 euros per lesson; free of charge with citizen's benefit, asylum seekers' benefits or a low income.",
        ),
    },
    "vhs-einstufung": {
        "de": Text(
            "Im Einstufungstest finden wir heraus, wie gut Sie schon Deutsch können, damit Sie in den passenden Kurs kommen.",
            "Für alle, die sich für einen Sprach- oder Integrationskurs angemeldet haben. Nur mit Termin; der Test dauert etwa 45 Minuten.",
            "Ausweis oder Aufenthaltspapier\nTerminbestätigung",
            "Keine.",
        ),
        "en": Text(
            "The placement test shows how much German you already know, so that you join the right course.",
            "For everyone who has signed up for a language or integration course. Appointment only; the test takes about 45 minutes.",
            "Identity card or residence paper\nConfirmation of your appointment",
            "None.",
        ),
    },
    "bildung-schule": {
        "de": Text(
            "Die Bildungskoordination hilft Ihnen, einen Platz in der Schule oder in der Kita für Ihr Kind zu finden.",
            "Für Familien mit Kindern. In Deutschland müssen alle Kinder ab sechs Jahren zur Schule gehen.",
            "Ausweise oder Aufenthaltspapiere der Kinder\nGeburtsurkunden, wenn vorhanden\nZeugnisse aus früheren Schulen, wenn vorhanden\nImpfausweis der Kinder",
            "Schule: keine. Kita: Elternbeitrag je nach Einkommen, oft übernommen.",
        ),
        "en": Text(
            "Education coordination helps you find a place at a school or a Kita (childcare) for your child.",
            "For families with children. In Germany every child from six years must go to school.",
            "Your children's identity or residence papers\nBirth certificates, if you have them\nReports from earlier schools, if you have them\nYour children's vaccination record",
            "School: none. Kita: a parents' fee depending on income, often covered.",
        ),
    },
    "bildung-anerkennung": {
        "de": Text(
            "Lassen Sie Ihren Schulabschluss, Berufsabschluss oder Hochschulabschluss aus dem Ausland anerkennen. Wir sagen Ihnen, welche Stelle zuständig ist, und helfen beim Antrag.",
            "Für alle mit einem Abschluss aus dem Ausland.",
            "Zeugnisse und Urkunden (Original und Kopie)\nÜbersetzungen, wenn vorhanden\nLebenslauf\nNachweise über Berufserfahrung, wenn vorhanden",
            "Beratung: keine. Das Anerkennungsverfahren kostet je nach Beruf 100 bis 600 Euro; oft gibt es Zuschüsse.",
        ),
        "en": Text(
            "Have your school, vocational or university qualification from abroad recognised. We tell you which authority decides and help you apply.",
            "For everyone with a qualification from abroad.",
            "Certificates and diplomas (originals and copies)\nTranslations, if you have them\nYour CV\nProof of work experience, if you have it",
            "Advice: none. Recognition costs 100 to 600 euros depending on the occupation; grants are often available.",
        ),
    },
    "sport-verein": {
        "de": Text(
            "Der Kreissportbund hilft Ihnen, einen Sportverein in Ihrer Nähe zu finden, für Kinder und Erwachsene.",
            "Für alle, die Sport treiben und Menschen kennenlernen wollen.",
            "Nichts Besonderes.",
            "Beratung: keine. Der Mitgliedsbeitrag des Vereins wird für Kinder oft übernommen (Bildung und Teilhabe).",
        ),
        "en": Text(
            "The county sports association helps you find a sports club near you, for children and adults.",
            "For everyone who wants to do sport and meet people.",
            "Nothing in particular.",
            "Advice: none. The club's membership fee for children is often covered (education and participation benefits).",
        ),
    },
    "ehrenamt-hilfe": {
        "de": Text(
            "Ehrenamtliche begleiten Sie zu Terminen, dolmetschen und helfen im Alltag. Eine Patin oder ein Pate kann Ihnen den Anfang erleichtern.",
            "Für alle, die Begleitung, Übersetzung oder eine Patenschaft suchen.",
            "Nichts Besonderes.",
            "Keine.",
        ),
        "en": Text(
            "Volunteers accompany you to appointments, interpret and help in everyday life. A mentor can make the start easier.",
            "For everyone looking for accompaniment, interpreting or a mentor.",
            "Nothing in particular.",
            "None.",
        ),
    },
}
# fmt: on

DIRECTIONS = (
    "Mit dem Zug: vom Bahnhof Lindwerder (Saale) 300 Meter geradeaus über die Bahnhofstraße, das Haus "
    "liegt auf der linken Seite.\n"
    "Mit dem Bus: Linien 701 und 705, Haltestelle „Bahnhof“.\n"
    "Mit dem Auto: Parkplätze hinter dem Haus, zwei Behindertenparkplätze direkt am Eingang.\n"
    "Der Eingang ist stufenlos. Ein Aufzug führt in das erste Obergeschoss. Die Information ist gleich "
    "rechts hinter dem Eingang."
)


@dataclass(frozen=True)
class EasySection:
    """A part of the page in Leichte Sprache: one sentence per line, and where to read on."""

    title: str
    lines: list[str]
    link: str = ""  # a URL name of the guide (guide:home, …), in Leichte Sprache
    link_text: str = ""


# The page in Leichte Sprache that BITV 2.0 § 4 (Anlage 2 Teil 2) asks for: what the website
# offers, how to use it, what the accessibility statement says, and what else there is in
# Leichte Sprache. The sign-language video and the contact come from the agency's settings
# (templates/guide/easy_read.html).
EASY_READ: list[EasySection] = [
    EasySection(
        "Was ist auf dieser Internet-Seite?",
        [
            "Das ist die Internet-Seite von der Migrations-Agentur.",
            "Die Migrations-Agentur ist für Menschen, die neu in Deutschland sind.",
            "In der Migrations-Agentur arbeiten viele Ämter in einem Haus.",
            "Zum Beispiel: die Ausländer-Behörde, das Jobcenter und die Volks-Hoch-Schule.",
            "Auf dieser Internet-Seite steht: Was macht welches Amt? Was müssen Sie mitbringen? Wann ist das Haus offen?",
            "Die Internet-Seite gibt es in 12 Sprachen.",
            "Eine davon ist Leichte Sprache.",
        ],
    ),
    EasySection(
        "Was gibt es in Leichter Sprache?",
        [
            "Für jedes Angebot von den Ämtern gibt es eine eigene Seite.",
            "Dort steht: Was ist das? Für wen ist das? Was müssen Sie mitbringen? Was kostet das?",
            "Manchmal gibt es einen Text noch nicht in Leichter Sprache.",
            "Dann steht der Text in normaler Sprache da.",
            "Darüber steht dann ein Hinweis.",
        ],
        "guide:home",
        "Alle Angebote",
    ),
    EasySection(
        "Wie finde ich heraus, was ich machen muss?",
        [
            "Klicken Sie auf: Was muss ich tun?",
            "Dann kommen ein paar Fragen.",
            "Danach bekommen Sie eine Liste.",
            "Auf der Liste steht: Zu welchem Amt gehen Sie? Was bringen Sie mit?",
            "Sie können die Liste ausdrucken.",
        ],
        "guide:finder",
        "Was muss ich tun?",
    ),
    EasySection(
        "Wie bekomme ich einen Termin?",
        [
            "Für manche Angebote brauchen Sie einen Termin.",
            "Termin heißt: Sie kommen an einem bestimmten Tag zu einer bestimmten Uhr-Zeit.",
            "Auf der Seite von jedem Angebot steht: Brauchen Sie einen Termin?",
            "Bei manchen Angeboten können Sie den Termin auf dieser Internet-Seite machen.",
            "Dann bekommen Sie eine Nummer für Ihren Termin.",
            "Sie können den Termin auch wieder absagen.",
            "Sie haben dafür so viel Zeit, wie Sie brauchen.",
        ],
    ),
    EasySection(
        "Wo ist das Haus? Wann ist es offen?",
        [
            "Auf einer eigenen Seite steht: Wann ist das Haus offen?",
            "Dort steht auch: Wie kommen Sie zum Haus?",
            "Und: In welchem Raum ist welches Amt?",
            "Der Weg zum Haus steht dort nur in normaler Sprache.",
        ],
        "guide:way",
        "Öffnungs-Zeiten und Weg",
    ),
    EasySection(
        "Wie benutze ich die Internet-Seite?",
        [
            "Oben auf jeder Seite können Sie die Sprache wählen.",
            "Unten auf jeder Seite ist ein Link zu dieser Seite.",
            "Sie können die Internet-Seite auch nur mit der Tastatur benutzen.",
            "Mit der Taste Tab kommen Sie zum nächsten Link.",
            "Mit der Taste Enter öffnen Sie den Link.",
            "Sie wollen die Schrift größer machen?",
            "Dann drücken Sie die Taste Strg und die Taste Plus zusammen.",
        ],
    ),
    EasySection(
        "Was ist, wenn etwas nicht gut geht?",
        [
            "Wir wollen, dass alle Menschen diese Internet-Seite gut benutzen können.",
            "Das heißt: Barriere-Freiheit.",
            "Wir haben die Internet-Seite geprüft.",
            "Vieles ist gut.",
            "Manches ist noch nicht gut.",
            "Zum Beispiel: Manche Texte gibt es noch nicht in jeder Sprache.",
            "Das steht alles auf der Seite: Erklärung zur Barriere-Freiheit.",
            "Sie finden ein Problem auf der Internet-Seite?",
            "Dann schreiben Sie uns bitte.",
            "Das geht auch auf der Seite: Erklärung zur Barriere-Freiheit.",
            "Schreiben Sie uns Ihre E-Mail-Adresse dazu.",
            "Dann antworten wir Ihnen in 2 Wochen.",
            "Sie sind mit unserer Antwort nicht zufrieden?",
            "Dann können Sie sich an eine Schlichtungs-Stelle wenden.",
            "Die Schlichtungs-Stelle hilft bei Streit. Das kostet nichts.",
        ],
        "guide:accessibility",
        "Erklärung zur Barriere-Freiheit",
    ),
]


def easter_sunday(year: int) -> dt.date:
    """The Gregorian Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def holidays_sachsen_anhalt(year: int) -> list[tuple[dt.date, str]]:
    """The public holidays of Sachsen-Anhalt (Feiertagsgesetz LSA)."""
    easter = easter_sunday(year)
    days = [
        (dt.date(year, 1, 1), "Neujahr"),
        (dt.date(year, 1, 6), "Heilige Drei Könige"),
        (easter - dt.timedelta(days=2), "Karfreitag"),
        (easter + dt.timedelta(days=1), "Ostermontag"),
        (dt.date(year, 5, 1), "Tag der Arbeit"),
        (easter + dt.timedelta(days=39), "Christi Himmelfahrt"),
        (easter + dt.timedelta(days=50), "Pfingstmontag"),
        (dt.date(year, 10, 3), "Tag der Deutschen Einheit"),
        (dt.date(year, 10, 31), "Reformationstag"),
        (dt.date(year, 12, 25), "1. Weihnachtstag"),
        (dt.date(year, 12, 26), "2. Weihnachtstag"),
    ]
    return sorted(days)


# Monday to Friday 8–16, Thursday until 18 (the long day for people who work).
DEMO_HOURS = [(weekday, dt.time(8), dt.time(18 if weekday == 3 else 16)) for weekday in range(5)]


TEXT_FIELDS = ("summary", "who_for", "documents", "fees")


def starting_texts(code: str) -> list[tuple[str, Text]]:
    """A standard service's starting texts by language, German first (the others record the
    hash of the German text they were made from)."""
    texts = [(SOURCE_LANGUAGE, TEXTS[code][SOURCE_LANGUAGE]), ("en", TEXTS[code]["en"])]
    texts += [(language, by_code[code]) for language, by_code in TRANSLATIONS.items() if code in by_code]
    return texts


def load_service_texts(
    agency: Agency, *, translation_status: str = ServiceText.Status.REVIEWED, overwrite: bool = True
) -> int:
    """The starting texts of the agency's standard services (those with a code of
    STANDARD_SERVICES) in every newcomer language; returns how many rows it wrote. German and
    English are reviewed; the other languages get `translation_status` (content_translations/).
    Without `overwrite`, texts the agency has already are left as they are. Each translation
    records the hash of the starting German text, so a translation added under a German text
    the agency has changed shows as outdated."""
    services = list(Service.objects.filter(agency=agency, code__in=TEXTS))
    existing = {(t.service_id, t.language): t for t in ServiceText.objects.filter(service__in=services)}
    now = timezone.now()
    new: list[ServiceText] = []
    changed: list[ServiceText] = []
    for service in services:
        german_hash = ""
        for language, text in starting_texts(service.code):
            row = existing.get((service.pk, language)) or ServiceText(service=service, language=language)
            for field in TEXT_FIELDS:
                setattr(row, field, getattr(text, field))
            row.status = ServiceText.Status.REVIEWED if language in (SOURCE_LANGUAGE, "en") else translation_status
            row.source_hash = german_hash
            row.updated_by = None
            row.updated_at = now
            if language == SOURCE_LANGUAGE:
                german_hash = row.content_hash()
            if not row.pk:
                new.append(row)
            elif overwrite:
                changed.append(row)
    # In bulk: 21 services in 12 languages. No save signals fire here: a caller whose pages
    # are public tells the page cache (load_guide_content saves the guide settings, which does).
    ServiceText.objects.bulk_create(new)
    ServiceText.objects.bulk_update(changed, [*TEXT_FIELDS, "status", "source_hash", "updated_by", "updated_at"])
    return len(new) + len(changed)


@transaction.atomic
def load_guide_content(
    agency: Agency,
    years: tuple[int, ...] = (2026, 2027),
    *,
    translation_status: str = ServiceText.Status.REVIEWED,
) -> None:
    """The demo's guide: the texts of the standard services in every newcomer language
    (translations published unless `translation_status` says otherwise), the house's opening
    hours and the public holidays of Sachsen-Anhalt, and the directions. Run again, it brings
    them back to this state without duplicating anything. An agency of its own takes only the
    texts, as drafts: `kurzweg load_service_texts`."""
    load_service_texts(agency, translation_status=translation_status)
    OpeningHours.objects.filter(agency=agency, office__isnull=True).delete()
    OpeningHours.objects.bulk_create(
        OpeningHours(agency=agency, weekday=weekday, opens=opens, closes=closes)
        for weekday, opens, closes in DEMO_HOURS
    )
    for year in years:
        for day, name in holidays_sachsen_anhalt(year):
            Closure.objects.get_or_create(
                agency=agency, office=None, first_day=day, last_day=day, defaults={"reason": name}
            )
    AgencyGuide.objects.update_or_create(
        agency=agency,
        defaults={
            "directions": DIRECTIONS,
            "phone": "03445 73-0",
            "email": "migrationsagentur@example.org",
            "accessibility_contact": "barrierefreiheit@example.org",
        },
    )
