# ruff: noqa: E501 - texts read best as one line per field
"""The service texts in Leichte Sprache (easy-to-read German), written after the rules of the
Netzwerk Leichte Sprache: one statement per sentence, each sentence on its own line (the
service page keeps the line breaks), common words, long words split with a hyphen, terms
explained, numbers as digits, the reader addressed as "Sie". Made from the German texts in
content.py; an agency has them checked by readers of the target group before it relies on them."""

from .base import Text

# fmt: off
TEXTS: dict[str, Text] = {
    "abh-aufenthalt": Text(
        "Sie wollen in Deutschland wohnen?\nDann brauchen Sie eine Aufenthalts-Erlaubnis.\nDas ist ein Papier vom Amt.\nDarauf steht: Sie dürfen in Deutschland bleiben.\nDie Ausländer-Behörde gibt Ihnen die Aufenthalts-Erlaubnis.\nOder sie macht Ihre Aufenthalts-Erlaubnis länger.\nWichtig: Kommen Sie früh genug.\nKommen Sie spätestens 4 Wochen bevor Ihre Aufenthalts-Erlaubnis endet.",
        "Sie kommen nicht aus einem Land in der EU.\nEU heißt: Europäische Union.\nSie kommen auch nicht aus Island, Liechtenstein, Norwegen oder der Schweiz.\nUnd Sie wollen länger in Deutschland bleiben.\nDann ist das für Sie.",
        "Ihr Pass oder ein Ersatz für Ihren Pass.\nEin neues Pass-Foto. Das Foto muss biometrisch sein. Das Foto-Geschäft weiß, was das heißt.\nIhre alte Aufenthalts-Erlaubnis.\nEin Papier über Ihre Wohnung. Zum Beispiel: Ihr Miet-Vertrag.\nEin Papier über Ihr Geld. Zum Beispiel: Ihre Lohn-Abrechnung oder ein Brief vom Amt über Ihr Geld.\nEin Papier von Ihrer Kranken-Versicherung.",
        "Meistens kostet das 100 Euro.\nWenn die Ausländer-Behörde Ihre Aufenthalts-Erlaubnis länger macht:\nDann kostet das 93 bis 98 Euro.\nFür Kinder kostet es weniger.\nSie bekommen Geld vom Amt?\nDann kostet es weniger.\nOder Sie müssen gar nichts bezahlen.",
    ),
    "abh-fiktion": Text(
        "Sie haben eine Aufenthalts-Erlaubnis beantragt.\nDas Amt hat aber noch nicht entschieden.\nDann bekommen Sie eine Fiktions-Bescheinigung.\nDas ist ein Papier vom Amt.\nDarauf steht: Sie dürfen weiter in Deutschland bleiben.",
        "Sie haben früh genug eine Aufenthalts-Erlaubnis beantragt.\nSie warten noch auf die Antwort vom Amt.\nDann ist das für Sie.",
        "Ihr Pass oder ein Ersatz für Ihren Pass.\nIhre alte Aufenthalts-Erlaubnis.\nDer Brief vom Amt: Wir haben Ihren Antrag bekommen. Nur wenn Sie den Brief haben.",
        "Das kostet 13 Euro.",
    ),
    "abh-ausweis": Text(
        "Sie haben keinen Pass?\nUnd Sie können auch keinen Pass bekommen?\nDann kann die Ausländer-Behörde Ihnen ein anderes Papier geben.\nZum Beispiel einen Reise-Ausweis.\nOder einen Ausweis-Ersatz.\nMit diesem Papier können Sie zeigen: Wer sind Sie?",
        "Sie sind als Flüchtling anerkannt.\nOder Sie haben keine Staats-Angehörigkeit.\nOder Sie können zeigen: Mein Land gibt mir keinen Pass.\nDann ist das für Sie.",
        "Der Brief vom Bundes-Amt für Migration und Flüchtlinge. Das Amt heißt kurz: BAMF. Nur wenn Sie den Brief haben.\nEin neues Pass-Foto. Das Foto muss biometrisch sein.\nIhr alter Pass oder andere Ausweise. Nur wenn Sie sie haben.\nPapiere, die zeigen: Sie haben versucht, einen Pass zu bekommen.",
        "Reise-Ausweis für Flüchtlinge: 70 Euro.\nSie sind jünger als 24 Jahre?\nDann kostet der Reise-Ausweis 45 Euro.\nAusweis-Ersatz: 30 Euro.",
    ),
    "abh-eat": Text(
        "Ihre Aufenthalts-Erlaubnis ist eine Karte.\nDie Karte ist fertig.\nSie holen die Karte selbst ab.\nDabei denken Sie sich eine Geheim-Zahl aus.\nDie Geheim-Zahl heißt: PIN.",
        "Sie haben einen Brief bekommen.\nIn dem Brief steht: Ihre Karte ist fertig.\nDann ist das für Sie.",
        "Ihr Pass oder ein Ersatz für Ihren Pass.\nDer Brief mit der PIN.\nIhre alte Aufenthalts-Erlaubnis oder Ihre Fiktions-Bescheinigung.",
        "Sie müssen jetzt nichts bezahlen.\nSie haben schon beim Antrag bezahlt.",
    ),
    "asylblg-antrag": Text(
        "Sie haben Asyl beantragt?\nDann bekommen Sie Hilfe vom Amt.\nDie Hilfe ist für: Essen, Kleidung, Wohnen und Gesundheit.\nDas steht in einem Gesetz.\nDas Gesetz heißt: Asyl-Bewerber-Leistungs-Gesetz.",
        "Sie haben Asyl beantragt.\nOder Sie haben eine Duldung.\nDuldung heißt: Sie müssen Deutschland eigentlich verlassen.\nAber Sie dürfen im Moment noch bleiben.\nOder Sie bekommen kein Bürger-Geld.\nUnd Sie wohnen in unserem Land-Kreis.\nDann ist das für Sie.",
        "Ihre Aufenthalts-Gestattung, Ihre Duldung oder Ihr Ankunfts-Nachweis.\nIhr Pass oder andere Ausweise. Nur wenn Sie sie haben.\nDie Nummer von Ihrem Konto bei der Bank. Die Nummer heißt: IBAN. Nur wenn Sie ein Konto haben.\nPapiere über Ihr Geld und über Dinge, die viel wert sind. Nur wenn Sie sie haben.",
        "Das kostet nichts.",
    ),
    "asylblg-auszahlung": Text(
        "Sie haben Fragen zu Ihrem Geld vom Amt?\nOder zu einem Brief vom Amt?\nDann kommen Sie zu uns.\nEtwas ist bei Ihnen anders?\nZum Beispiel: Sie haben eine neue Adresse.\nOder Sie haben Arbeit.\nDann müssen Sie uns das sagen.",
        "Sie bekommen schon Geld nach dem Asyl-Bewerber-Leistungs-Gesetz.\nDann ist das für Sie.",
        "Ihre Aufenthalts-Gestattung oder Ihre Duldung.\nDer Brief vom Amt, zu dem Sie Fragen haben.\nPapiere, die zeigen: Das ist bei mir jetzt anders.",
        "Das kostet nichts.",
    ),
    "unterkunft-wohnen": Text(
        "Sie brauchen einen Platz zum Wohnen?\nDie Unterkunfts-Verwaltung gibt Ihnen einen Platz.\nDas ist ein Platz in einem Wohn-Heim.\nOder eine Wohnung.\nDie Unterkunfts-Verwaltung hilft Ihnen auch beim Umzug.\nUnd wenn es Probleme beim Wohnen gibt.",
        "Sie sind ein Flüchtling.\nUnd der Land-Kreis gibt Ihnen einen Platz zum Wohnen.\nDann ist das für Sie.",
        "Ihre Aufenthalts-Gestattung, Ihre Duldung oder Ihre Aufenthalts-Erlaubnis.\nDer Brief vom Amt: Hier sollen Sie wohnen. Der Brief heißt: Zuweisungs-Bescheid. Nur wenn Sie den Brief haben.",
        "Für das Wohnen müssen Sie vielleicht Geld bezahlen.\nOft bezahlt das Amt das Geld für Sie.",
    ),
    "integration-beratung": Text(
        "Sie sind neu in Deutschland?\nDann hilft Ihnen die Integrations-Beratung.\nSie planen mit uns: Was machen Sie als Nächstes?\nZum Beispiel: Deutsch lernen, Arbeit finden, eine Wohnung finden.\nOder Fragen zu Ihrer Familie.\nWir sagen Ihnen: Wer kann Ihnen noch helfen?",
        "Für alle Menschen, die nach Deutschland gekommen sind.\nBesonders in den ersten Jahren.",
        "Ihr Ausweis oder Ihr Papier über Ihren Aufenthalt.\nBriefe vom Amt, zu denen Sie Fragen haben.",
        "Die Beratung kostet nichts.\nWir erzählen niemandem, was Sie uns sagen.",
    ),
    "jobcenter-antrag": Text(
        "Sie können arbeiten.\nAber Sie haben nicht genug Geld zum Leben?\nDann zahlt Ihnen das Jobcenter Geld.\nDas Geld heißt: Bürger-Geld.\nDas Jobcenter hilft Ihnen auch, eine Arbeit zu finden.",
        "Sie sind älter als 15 Jahre.\nSie sind noch nicht in Rente.\nSie dürfen arbeiten und Sie können arbeiten.\nZum Beispiel: Sie sind als Flüchtling anerkannt.\nDann ist das für Sie.\nUnd für Ihre Familie.",
        "Ihr Pass und Ihre Aufenthalts-Erlaubnis. Oder Ihre Fiktions-Bescheinigung.\nIhr Miet-Vertrag und ein Papier: So viel Miete bezahlen Sie.\nIhre Konto-Auszüge von der Bank von den letzten 3 Monaten.\nPapiere über Ihr Geld. Zum Beispiel: Ihre Lohn-Abrechnung.\nDer Brief vom BAMF. Nur wenn Sie den Brief haben.",
        "Das kostet nichts.",
    ),
    "jobcenter-unterlagen": Text(
        "Das Jobcenter will Papiere von Ihnen haben?\nDann geben Sie die Papiere hier ab.\nSie bekommen ein Papier zurück.\nDarauf steht: Das Jobcenter hat Ihre Papiere bekommen.",
        "Sie bekommen Bürger-Geld.\nOder Sie haben Bürger-Geld beantragt.\nDann ist das für Sie.",
        "Die Papiere, die das Jobcenter haben will.\nDer Brief vom Jobcenter. Nur wenn Sie den Brief haben.",
        "Das kostet nichts.",
    ),
    "jobcenter-vermittlung": Text(
        "Sie suchen eine Arbeit?\nOder Sie wollen einen Beruf lernen?\nOder Sie wollen noch mehr lernen für Ihren Beruf?\nDann suchen Sie zusammen mit einer Person vom Jobcenter.",
        "Sie bekommen Bürger-Geld.\nUnd Sie suchen eine Arbeit.\nDann ist das für Sie.\nSie brauchen einen Termin.",
        "Ihr Lebens-Lauf. Nur wenn Sie einen haben.\nIhre Zeugnisse und Papiere über Ihre Abschlüsse.\nDer Brief vom Jobcenter mit Ihrem Termin.",
        "Das kostet nichts.",
    ),
    "afa-arbeitslos": Text(
        "Sie haben keine Arbeit?\nOder Sie suchen eine neue Arbeit?\nDann melden Sie sich bei der Agentur für Arbeit.\nDort hilft man Ihnen, Arbeit zu finden.\nVielleicht bekommen Sie auch Geld.\nDas Geld heißt: Arbeitslosen-Geld.",
        "Sie suchen eine Arbeit.\nOder Ihre Arbeit hört bald auf.\nDann ist das für Sie.\nWichtig: Ihre Arbeit hört bald auf?\nDann melden Sie sich spätestens 3 Monate vorher.",
        "Ihr Pass und Ihre Aufenthalts-Erlaubnis. Sie kommen aus einem Land in der EU? Dann Ihr Personal-Ausweis oder Ihr Pass.\nDer Brief: Ihre Arbeit hört auf. Oder Ihr Arbeits-Vertrag. Nur wenn Sie ihn haben.\nIhr Lebens-Lauf. Nur wenn Sie einen haben.",
        "Das kostet nichts.",
    ),
    "afa-berufsberatung": Text(
        "Sie wissen nicht: Welcher Beruf passt zu mir?\nDann hilft Ihnen die Berufs-Beratung.\nZum Beispiel bei der Frage:\nWelche Ausbildung soll ich machen?\nSoll ich an einer Hoch-Schule studieren?\nWelche Arbeit passt zu mir?",
        "Für junge Menschen und für Erwachsene.\nSie wollen einen Beruf finden.\nDann ist das für Sie.\nSie brauchen einen Termin.",
        "Ihre Zeugnisse. Nur wenn Sie welche haben.\nIhr Lebens-Lauf. Nur wenn Sie einen haben.",
        "Das kostet nichts.",
    ),
    "wirtschaft-gewerbe": Text(
        "Sie wollen eine eigene Firma haben?\nZum Beispiel: einen Laden oder einen Imbiss.\nDann müssen Sie die Firma beim Amt anmelden.\nDas heißt: Gewerbe-Anmeldung.\nDas Wirtschafts-Amt hilft Ihnen.\nZum Beispiel bei den Fragen:\nWie gründe ich eine Firma?\nWo bekomme ich Geld für meine Firma?\nWelche Erlaubnis brauche ich?",
        "Sie wollen eine Firma gründen.\nDann ist das für Sie.\nWichtig: Ihre Aufenthalts-Erlaubnis muss das erlauben.\nSie brauchen einen Termin.",
        "Ihr Pass und Ihre Aufenthalts-Erlaubnis.\nIhre Idee für die Firma. Am besten auf Papier geschrieben.",
        "Die Beratung kostet nichts.\nDie Gewerbe-Anmeldung kostet 20 bis 40 Euro.",
    ),
    "jugendamt-beratung": Text(
        "Das Jugend-Amt hilft Familien.\nZum Beispiel bei Fragen zur Erziehung von Kindern.\nOder bei Problemen in der Familie.\nDas Jugend-Amt sagt Ihnen auch:\nWelche Hilfe gibt es für Kinder und Jugendliche?",
        "Für Eltern.\nUnd für Kinder und Jugendliche.\nWir erzählen niemandem, was Sie uns sagen.",
        "Ihr Ausweis oder Ihr Papier über Ihren Aufenthalt.\nDie Geburts-Urkunden von Ihren Kindern. Nur wenn Sie sie haben.",
        "Das kostet nichts.",
    ),
    "vhs-kurs": Text(
        "Sie wollen Deutsch lernen?\nDie Volks-Hoch-Schule hilft Ihnen.\nSie sucht einen passenden Kurs für Sie.\nZum Beispiel einen Integrations-Kurs.\nIn einem Integrations-Kurs lernen Sie Deutsch.\nUnd Sie lernen viel über das Leben in Deutschland.\nDie Volks-Hoch-Schule meldet Sie für den Kurs an.",
        "Für alle, die Deutsch lernen wollen.\nManche Menschen müssen einen Integrations-Kurs machen.\nDas steht dann in einem Brief vom Amt.",
        "Ihr Ausweis oder Ihr Papier über Ihren Aufenthalt.\nDer Brief vom Amt über den Integrations-Kurs. Nur wenn Sie den Brief haben.",
        "Der Integrations-Kurs kostet 2,29 Euro für jede Stunde Unterricht.\nSie bekommen Bürger-Geld?\nOder Geld nach dem Asyl-Bewerber-Leistungs-Gesetz?\nOder Sie haben wenig Geld?\nDann kostet der Kurs nichts.",
    ),
    "vhs-einstufung": Text(
        "Sie machen einen kleinen Test.\nDer Test zeigt: So gut können Sie schon Deutsch.\nDann wissen wir: Dieser Kurs passt zu Ihnen.",
        "Sie haben sich für einen Deutsch-Kurs angemeldet.\nOder für einen Integrations-Kurs.\nDann ist das für Sie.\nSie brauchen einen Termin.\nDer Test dauert ungefähr 45 Minuten.",
        "Ihr Ausweis oder Ihr Papier über Ihren Aufenthalt.\nDas Papier mit Ihrem Termin.",
        "Das kostet nichts.",
    ),
    "bildung-schule": Text(
        "Ihr Kind braucht einen Platz in der Schule?\nOder in der Kita?\nKita heißt: Kinder-Tages-Stätte.\nDort werden kleine Kinder am Tag betreut.\nDie Bildungs-Koordination hilft Ihnen, einen Platz zu finden.",
        "Für Familien mit Kindern.\nWichtig: In Deutschland müssen alle Kinder in die Schule gehen.\nDas gilt ab 6 Jahren.",
        "Die Ausweise von Ihren Kindern. Oder die Papiere über den Aufenthalt von Ihren Kindern.\nDie Geburts-Urkunden. Nur wenn Sie sie haben.\nZeugnisse von den alten Schulen. Nur wenn Sie sie haben.\nDer Impf-Ausweis von Ihren Kindern.",
        "Die Schule kostet nichts.\nFür die Kita bezahlen Eltern Geld.\nWie viel Geld: Das hängt davon ab, wie viel Sie verdienen.\nOft bezahlt das Amt das Geld für Sie.",
    ),
    "bildung-anerkennung": Text(
        "Sie haben im Ausland eine Schule abgeschlossen?\nOder einen Beruf gelernt?\nOder an einer Hoch-Schule studiert?\nDann kann Ihr Abschluss in Deutschland anerkannt werden.\nWir sagen Ihnen: Welches Amt entscheidet darüber?\nUnd wir helfen Ihnen beim Antrag.",
        "Sie haben einen Abschluss aus einem anderen Land.\nDann ist das für Sie.",
        "Ihre Zeugnisse und Urkunden. Bringen Sie die echten Papiere und eine Kopie mit.\nÜbersetzungen von Ihren Papieren. Nur wenn Sie sie haben.\nIhr Lebens-Lauf.\nPapiere über Ihre Arbeit in Ihrem Beruf. Nur wenn Sie sie haben.",
        "Die Beratung kostet nichts.\nDie Anerkennung kostet Geld.\nDas sind 100 bis 600 Euro.\nWie viel: Das hängt von Ihrem Beruf ab.\nOft können Sie Geld dafür bekommen.",
    ),
    "sport-verein": Text(
        "Sie wollen Sport machen?\nDer Kreis-Sport-Bund hilft Ihnen.\nEr sucht einen Sport-Verein in Ihrer Nähe.\nFür Kinder und für Erwachsene.",
        "Für alle, die Sport machen wollen.\nUnd neue Menschen kennen-lernen wollen.",
        "Sie brauchen nichts Besonderes.",
        "Die Beratung kostet nichts.\nIm Verein bezahlen Mitglieder Geld.\nFür Kinder bezahlt das oft das Amt.\nDas Geld heißt: Bildung und Teilhabe.",
    ),
    "ehrenamt-hilfe": Text(
        "Manche Menschen helfen anderen Menschen.\nSie bekommen dafür kein Geld.\nDas heißt: Ehren-Amt.\nEhren-Amtliche gehen mit Ihnen zu Terminen.\nSie übersetzen für Sie.\nSie helfen Ihnen im Alltag.\nEine Patin oder ein Pate hilft Ihnen am Anfang.",
        "Sie möchten, dass jemand mit Ihnen zu einem Termin geht?\nOder dass jemand für Sie übersetzt?\nOder Sie möchten eine Patin oder einen Paten?\nDann ist das für Sie.",
        "Sie brauchen nichts Besonderes.",
        "Das kostet nichts.",
    ),
}
# fmt: on
