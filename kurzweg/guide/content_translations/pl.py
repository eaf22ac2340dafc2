# ruff: noqa: E501 - texts read best as one line per field
"""The service texts in Polish, translated from the German texts in content.py. Official
German terms that newcomers meet on letters follow in brackets."""

from .base import Text

# fmt: off
TEXTS: dict[str, Text] = {
    "abh-aufenthalt": Text(
        "Urząd ds. cudzoziemców (Ausländerbehörde) wydaje lub przedłuża Pana/Pani zezwolenie na pobyt (Aufenthaltserlaubnis). Prosimy przyjść odpowiednio wcześnie, najpóźniej cztery tygodnie przed upływem ważności zezwolenia.",
        "Dla wszystkich, którzy nie mają obywatelstwa kraju UE, Islandii, Liechtensteinu, Norwegii ani Szwajcarii i chcą zostać w Niemczech na dłużej.",
        "Paszport lub dokument zastępujący paszport\nAktualne zdjęcie biometryczne\nDotychczasowe zezwolenie na pobyt\nPotwierdzenie zamieszkania (umowa najmu lub zaświadczenie wynajmującego, Wohnungsgeberbestätigung)\nPotwierdzenie dochodów lub decyzja o przyznaniu świadczeń\nPotwierdzenie ubezpieczenia zdrowotnego",
        "Zwykle 100 euro, za przedłużenie od 93 do 98 euro. Dla dzieci i osób pobierających świadczenia taniej lub bezpłatnie.",
    ),
    "abh-fiktion": Text(
        "Jeśli w sprawie Pana/Pani wniosku nie zapadła jeszcze decyzja, otrzymuje Pan/Pani zaświadczenie tymczasowe (Fiktionsbescheinigung). Potwierdza ono, że może Pan/Pani nadal przebywać w Niemczech.",
        "Dla wszystkich, którzy w terminie złożyli wniosek o zezwolenie na pobyt i nadal czekają na decyzję.",
        "Paszport lub dokument zastępujący paszport\nDotychczasowe zezwolenie na pobyt\nPotwierdzenie złożenia wniosku, jeśli je Pan/Pani ma",
        "13 euro.",
    ),
    "abh-ausweis": Text(
        "Nie ma Pan/Pani paszportu i nie może go uzyskać? Urząd ds. cudzoziemców może wydać dokument podróży (Reiseausweis) lub dokument zastępujący dowód tożsamości (Ausweisersatz).",
        "Dla uznanych uchodźców, bezpaństwowców i osób, które mogą wykazać, że nie mogą uzyskać paszportu swojego kraju.",
        "Decyzja Federalnego Urzędu ds. Migracji i Uchodźców (BAMF), jeśli ją Pan/Pani ma\nAktualne zdjęcie biometryczne\nStary paszport lub inne dokumenty tożsamości, jeśli je Pan/Pani ma\nDowody, że próbował Pan / próbowała Pani uzyskać paszport",
        "Dokument podróży dla uchodźców: 70 euro (poniżej 24 lat: 45 euro). Dokument zastępujący dowód tożsamości: 30 euro.",
    ),
    "abh-eat": Text(
        "Pana/Pani elektroniczny dokument pobytowy (karta) jest gotowy. Odbiera go Pan/Pani osobiście i przy tym ustala swój kod PIN.",
        "Dla wszystkich, którzy otrzymali list, że ich karta jest gotowa do odbioru.",
        "Paszport lub dokument zastępujący paszport\nList z kodem PIN (PIN-Brief)\nDotychczasowe zezwolenie na pobyt lub zaświadczenie tymczasowe (Fiktionsbescheinigung)",
        "Brak; opłatę uiścił Pan / uiściła Pani już przy składaniu wniosku.",
    ),
    "asylblg-antrag": Text(
        "W trakcie postępowania azylowego otrzymuje Pan/Pani świadczenia na wyżywienie, odzież, mieszkanie i zdrowie na podstawie ustawy o świadczeniach dla osób ubiegających się o azyl (Asylbewerberleistungsgesetz).",
        "Dla osób ubiegających się o azyl, osób z tolerowanym pobytem (Duldung) i innych osób bez prawa do Bürgergeld, które mieszkają w powiecie (Landkreis).",
        "Zezwolenie na pobyt na czas postępowania azylowego (Aufenthaltsgestattung), tolerowany pobyt (Duldung) lub zaświadczenie o przybyciu (Ankunftsnachweis)\nPaszport lub inne dokumenty tożsamości, jeśli je Pan/Pani ma\nNumer konta bankowego (IBAN), jeśli je Pan/Pani ma\nDowody dochodów i majątku, jeśli są",
        "Bezpłatnie.",
    ),
    "asylblg-auszahlung": Text(
        "Pytania dotyczące wypłaty świadczeń i decyzji (Bescheide), zgłaszanie zmian (na przykład nowego adresu lub podjęcia pracy).",
        "Dla wszystkich, którzy już otrzymują świadczenia na podstawie ustawy o świadczeniach dla osób ubiegających się o azyl.",
        "Zezwolenie na pobyt na czas postępowania azylowego (Aufenthaltsgestattung) lub tolerowany pobyt (Duldung)\nDecyzja, której dotyczą pytania\nDowody zmian",
        "Bezpłatnie.",
    ),
    "unterkunft-wohnen": Text(
        "Zarząd zakwaterowania przydziela miejsce w ośrodku zbiorowego zakwaterowania lub mieszkanie i pomaga przy przeprowadzce oraz w problemach w miejscu zamieszkania.",
        "Dla uchodźców zakwaterowanych przez powiat (Landkreis).",
        "Zezwolenie na pobyt na czas postępowania azylowego (Aufenthaltsgestattung), tolerowany pobyt (Duldung) lub zezwolenie na pobyt (Aufenthaltserlaubnis)\nDecyzja o przydziale (Zuweisungsbescheid), jeśli ją Pan/Pani ma",
        "Za zakwaterowanie może być pobierana opłata; często pokrywają ją świadczenia.",
    ),
    "integration-beratung": Text(
        "Doradztwo integracyjne pomaga zaplanować kolejne kroki: język, praca, mieszkanie, rodzina. Kontaktuje Pana/Panią z właściwymi instytucjami.",
        "Dla wszystkich nowo przybyłych, zwłaszcza w pierwszych latach.",
        "Dowód tożsamości lub dokument pobytowy\nListy i decyzje, których dotyczą pytania",
        "Doradztwo jest bezpłatne i poufne.",
    ),
    "jobcenter-antrag": Text(
        "Jobcenter wypłaca Bürgergeld (zasiłek obywatelski), jeśli może Pan/Pani pracować, ale dochód nie wystarcza na życie. Pomaga także znaleźć pracę.",
        "Dla osób w wieku od 15 lat do wieku emerytalnego, które mogą i mają prawo pracować, na przykład uznanych uchodźców, oraz dla ich rodzin.",
        "Paszport i zezwolenie na pobyt lub zaświadczenie tymczasowe (Fiktionsbescheinigung)\nUmowa najmu i potwierdzenie kosztów najmu\nWyciągi z konta z ostatnich trzech miesięcy\nPotwierdzenia dochodów (na przykład odcinek wypłaty)\nDecyzja BAMF, jeśli ją Pan/Pani ma",
        "Bezpłatnie.",
    ),
    "jobcenter-unterlagen": Text(
        "Proszę złożyć dokumenty dla Jobcenter. Otrzyma Pan/Pani potwierdzenie odbioru.",
        "Dla wszystkich, którzy pobierają Bürgergeld lub złożyli o niego wniosek.",
        "Dokumenty, o które prosiło Jobcenter\nList z Jobcenter, jeśli go Pan/Pani ma",
        "Bezpłatnie.",
    ),
    "jobcenter-vermittlung": Text(
        "Razem z doradcą zawodowym szuka Pan/Pani pracy, miejsca nauki zawodu (Ausbildung) lub kursu doskonalenia zawodowego.",
        "Dla wszystkich, którzy pobierają Bürgergeld i szukają pracy. Tylko po umówieniu wizyty.",
        "CV (życiorys), jeśli je Pan/Pani ma\nŚwiadectwa i dokumenty potwierdzające wykształcenie\nZaproszenie z Jobcenter",
        "Bezpłatnie.",
    ),
    "afa-arbeitslos": Text(
        "Proszę zarejestrować się w Agencji Pracy (Agentur für Arbeit) jako osoba poszukująca pracy lub bezrobotna. Tam otrzyma Pan/Pani pomoc w szukaniu pracy oraz, jeśli przysługuje, zasiłek dla bezrobotnych (Arbeitslosengeld).",
        "Dla wszystkich, którzy szukają pracy lub których praca wkrótce się kończy. Prosimy zarejestrować się najpóźniej trzy miesiące przed końcem pracy.",
        "Paszport i zezwolenie na pobyt (obywatele UE: dowód osobisty lub paszport)\nWypowiedzenie lub umowa o pracę, jeśli je Pan/Pani ma\nCV (życiorys), jeśli je Pan/Pani ma",
        "Bezpłatnie.",
    ),
    "afa-berufsberatung": Text(
        "Doradztwo zawodowe pomaga wybrać naukę zawodu, studia lub zawód, który do Pana/Pani pasuje.",
        "Dla młodzieży i dorosłych, którzy chcą znaleźć swoją drogę zawodową. Tylko po umówieniu wizyty.",
        "Świadectwa szkolne, jeśli je Pan/Pani ma\nCV (życiorys), jeśli je Pan/Pani ma",
        "Bezpłatnie.",
    ),
    "wirtschaft-gewerbe": Text(
        "Chce Pan/Pani prowadzić własną działalność lub zarejestrować działalność gospodarczą (Gewerbe)? Urząd ds. gospodarki doradza w sprawie zakładania firmy, dofinansowania i zezwoleń.",
        "Dla wszystkich, którzy chcą założyć firmę. Zezwolenie na pobyt musi pozwalać na działalność na własny rachunek. Tylko po umówieniu wizyty.",
        "Paszport i zezwolenie na pobyt\nPomysł na biznes, jeśli to możliwe na piśmie",
        "Doradztwo: bezpłatnie. Rejestracja działalności gospodarczej (Gewerbeanmeldung): od 20 do 40 euro.",
    ),
    "jugendamt-beratung": Text(
        "Urząd ds. dzieci i młodzieży (Jugendamt) doradza rodzinom w sprawach wychowania, problemów w rodzinie oraz pomocy dla dzieci i młodzieży.",
        "Dla rodziców, dzieci i młodzieży. Doradztwo jest poufne.",
        "Dowód tożsamości lub dokument pobytowy\nAkty urodzenia dzieci, jeśli je Pan/Pani ma",
        "Bezpłatnie.",
    ),
    "vhs-kurs": Text(
        "Uniwersytet ludowy (Volkshochschule) pomaga znaleźć kurs integracyjny (Integrationskurs) lub kurs językowy i zapisuje Pana/Panią na niego.",
        "Dla wszystkich, którzy chcą uczyć się niemieckiego. Niektóre osoby są zobowiązane do udziału w kursie integracyjnym.",
        "Dowód tożsamości lub dokument pobytowy\nUprawnienie do udziału (Berechtigungsschein) lub zobowiązanie do kursu integracyjnego, jeśli je Pan/Pani ma",
        "Kurs integracyjny: 2,29 euro za godzinę lekcyjną; bezpłatnie dla osób pobierających Bürgergeld, świadczenia dla osób ubiegających się o azyl lub o niskich dochodach.",
    ),
    "vhs-einstufung": Text(
        "Test kwalifikacyjny pokazuje, jak dobrze zna Pan/Pani już niemiecki, aby trafić do odpowiedniego kursu.",
        "Dla wszystkich, którzy zapisali się na kurs językowy lub integracyjny. Tylko po umówieniu wizyty; test trwa około 45 minut.",
        "Dowód tożsamości lub dokument pobytowy\nPotwierdzenie terminu",
        "Bezpłatnie.",
    ),
    "bildung-schule": Text(
        "Koordynacja edukacji pomaga znaleźć dla dziecka miejsce w szkole lub w przedszkolu/żłobku (Kita).",
        "Dla rodzin z dziećmi. W Niemczech wszystkie dzieci od szóstego roku życia muszą chodzić do szkoły.",
        "Dokumenty tożsamości lub dokumenty pobytowe dzieci\nAkty urodzenia, jeśli je Pan/Pani ma\nŚwiadectwa z poprzednich szkół, jeśli je Pan/Pani ma\nKsiążeczka szczepień dzieci",
        "Szkoła: bezpłatnie. Przedszkole: opłata rodziców zależna od dochodu, często pokrywana.",
    ),
    "bildung-anerkennung": Text(
        "Proszę uznać w Niemczech swoje świadectwo szkolne, kwalifikacje zawodowe lub dyplom ukończenia studiów zdobyte za granicą. Powiemy, która instytucja jest właściwa, i pomożemy złożyć wniosek.",
        "Dla wszystkich, którzy mają wykształcenie zdobyte za granicą.",
        "Świadectwa i dyplomy (oryginały i kopie)\nTłumaczenia, jeśli je Pan/Pani ma\nCV (życiorys)\nDowody doświadczenia zawodowego, jeśli je Pan/Pani ma",
        "Doradztwo: bezpłatnie. Postępowanie o uznanie kosztuje od 100 do 600 euro w zależności od zawodu; często można otrzymać dofinansowanie.",
    ),
    "sport-verein": Text(
        "Powiatowy związek sportowy (Kreissportbund) pomaga znaleźć klub sportowy w pobliżu, dla dzieci i dorosłych.",
        "Dla wszystkich, którzy chcą uprawiać sport i poznać ludzi.",
        "Nic szczególnego.",
        "Doradztwo: bezpłatnie. Składka członkowska w klubie jest dla dzieci często pokrywana (świadczenia na edukację i uczestnictwo, Bildung und Teilhabe).",
    ),
    "ehrenamt-hilfe": Text(
        "Wolontariusze towarzyszą Panu/Pani podczas wizyt w urzędach, tłumaczą i pomagają w codziennym życiu. Opiekun lub opiekunka może ułatwić start.",
        "Dla wszystkich, którzy szukają towarzystwa, tłumacza lub opiekuna.",
        "Nic szczególnego.",
        "Bezpłatnie.",
    ),
}
# fmt: on
