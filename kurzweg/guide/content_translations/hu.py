# ruff: noqa: E501 - texts read best as one line per field
"""The service texts in Hungarian, translated from the German texts in content.py. Official
German terms that newcomers meet on letters follow in brackets."""

from .base import Text

# fmt: off
TEXTS: dict[str, Text] = {
    "abh-aufenthalt": Text(
        "Az idegenrendészeti hivatal (Ausländerbehörde) kiadja vagy meghosszabbítja az Ön tartózkodási engedélyét (Aufenthaltserlaubnis). Jöjjön időben, legkésőbb négy héttel az engedély lejárta előtt.",
        "Mindenkinek, aki nem állampolgára egy EU-országnak, Izlandnak, Liechtensteinnek, Norvégiának vagy Svájcnak, és hosszabb ideig Németországban szeretne maradni.",
        "Útlevél vagy útlevelet helyettesítő okmány\nFriss biometrikus igazolványkép\nA jelenlegi tartózkodási engedély\nA lakás igazolása (bérleti szerződés vagy a szállásadó igazolása, Wohnungsgeberbestätigung)\nJövedelemigazolás vagy az ellátásról szóló határozat\nAz egészségbiztosítás igazolása",
        "Általában 100 euró, hosszabbításnál 93–98 euró. Gyermekeknek és ellátásban részesülőknek olcsóbb vagy ingyenes.",
    ),
    "abh-fiktion": Text(
        "Ha a kérelméről még nem döntöttek, ideiglenes igazolást (Fiktionsbescheinigung) kap. Ez igazolja, hogy továbbra is Németországban maradhat.",
        "Mindenkinek, aki időben benyújtotta a tartózkodási engedély iránti kérelmét, és még várja a döntést.",
        "Útlevél vagy útlevelet helyettesítő okmány\nA jelenlegi tartózkodási engedély\nA kérelem beérkezéséről szóló igazolás, ha van",
        "13 euró.",
    ),
    "abh-ausweis": Text(
        "Nincs útlevele, és nem is tud szerezni? Az idegenrendészeti hivatal úti okmányt (Reiseausweis) vagy személyazonosító igazolványt helyettesítő okmányt (Ausweisersatz) állíthat ki Önnek.",
        "Elismert menekülteknek, hontalanoknak és azoknak, akik igazolni tudják, hogy nem kapnak útlevelet a saját országuktól.",
        "A Szövetségi Migrációs és Menekültügyi Hivatal (BAMF) határozata, ha van\nFriss biometrikus igazolványkép\nRégi útlevél vagy más személyazonosító okmány, ha van\nIgazolás arról, hogy megpróbált útlevelet szerezni",
        "Menekült úti okmány: 70 euró (24 év alatt: 45 euró). Személyazonosító igazolványt helyettesítő okmány: 30 euró.",
    ),
    "abh-eat": Text(
        "Az Ön elektronikus tartózkodási engedélye (a kártya) elkészült. Személyesen veszi át, és ekkor adja meg a PIN-kódját.",
        "Mindenkinek, aki levelet kapott arról, hogy a kártyája átvehető.",
        "Útlevél vagy útlevelet helyettesítő okmány\nA PIN-kódot tartalmazó levél (PIN-Brief)\nA jelenlegi tartózkodási engedély vagy ideiglenes igazolás (Fiktionsbescheinigung)",
        "Nincs; a díjat már a kérelem benyújtásakor kifizette.",
    ),
    "asylblg-antrag": Text(
        "A menekültügyi eljárás alatt a menedékkérők ellátásáról szóló törvény (Asylbewerberleistungsgesetz) alapján ellátást kap élelemre, ruházatra, lakhatásra és egészségügyi ellátásra.",
        "Menedékkérőknek, tűrt státuszú személyeknek (Duldung) és más, Bürgergeldre nem jogosult személyeknek, akik a járásban (Landkreis) élnek.",
        "Tartózkodási jogosultság a menekültügyi eljárás idejére (Aufenthaltsgestattung), tűrt státusz igazolása (Duldung) vagy érkezési igazolás (Ankunftsnachweis)\nÚtlevél vagy más személyazonosító okmány, ha van\nBankszámlaszám (IBAN), ha van\nJövedelem- és vagyonigazolások, ha vannak",
        "Ingyenes.",
    ),
    "asylblg-auszahlung": Text(
        "Kérdések a kifizetésekről és a határozatokról (Bescheide), változások bejelentése (például új lakcím vagy munka).",
        "Mindenkinek, aki már ellátást kap a menedékkérők ellátásáról szóló törvény alapján.",
        "Tartózkodási jogosultság a menekültügyi eljárás idejére (Aufenthaltsgestattung) vagy tűrt státusz igazolása (Duldung)\nA határozat, amellyel kapcsolatban kérdése van\nA változások igazolása",
        "Ingyenes.",
    ),
    "unterkunft-wohnen": Text(
        "A szálláskezelés helyet biztosít Önnek közösségi szálláson vagy lakásban, és segít a költözésben, valamint a szállással kapcsolatos problémákban.",
        "Menekülteknek, akiket a járás (Landkreis) szállásol el.",
        "Tartózkodási jogosultság a menekültügyi eljárás idejére (Aufenthaltsgestattung), tűrt státusz igazolása (Duldung) vagy tartózkodási engedély (Aufenthaltserlaubnis)\nKijelölő határozat (Zuweisungsbescheid), ha van",
        "A szállásért díjat számolhatnak fel; ezt gyakran az ellátásból fizetik.",
    ),
    "integration-beratung": Text(
        "A beilleszkedési tanácsadás segít megtervezni a következő lépéseit: nyelv, munka, lakhatás, család. Összekapcsolja Önt a megfelelő intézményekkel.",
        "Minden bevándorlónak, különösen az első években.",
        "Személyi igazolvány vagy tartózkodási okmány\nLevelek és határozatok, amelyekkel kapcsolatban kérdése van",
        "A tanácsadás ingyenes és bizalmas.",
    ),
    "jobcenter-antrag": Text(
        "A Jobcenter Bürgergeldet (polgári juttatást) fizet, ha tud dolgozni, de a jövedelme nem elég a megélhetéshez. Abban is segít, hogy munkát találjon.",
        "A 15 éves kor és a nyugdíjkorhatár közötti személyeknek, akik dolgozhatnak és képesek dolgozni, például elismert menekülteknek, valamint családjaiknak.",
        "Útlevél és tartózkodási engedély vagy ideiglenes igazolás (Fiktionsbescheinigung)\nBérleti szerződés és a lakbér igazolása\nAz elmúlt három hónap bankszámlakivonatai\nJövedelemigazolások (például bérjegyzék)\nA BAMF határozata, ha van",
        "Ingyenes.",
    ),
    "jobcenter-unterlagen": Text(
        "Adja le a Jobcenter számára szükséges iratokat. Átvételi igazolást kap.",
        "Mindenkinek, aki Bürgergeldet kap vagy igényelt.",
        "Az iratok, amelyeket a Jobcenter kért Öntől\nA Jobcenter levele, ha van",
        "Ingyenes.",
    ),
    "jobcenter-vermittlung": Text(
        "Munkaközvetítőjével közösen munkát, szakképzést (Ausbildung) vagy továbbképzést keres.",
        "Mindenkinek, aki Bürgergeldet kap és munkát keres. Csak előre egyeztetett időpontban.",
        "Önéletrajz, ha van\nBizonyítványok és a végzettségek igazolásai\nA Jobcenter meghívója",
        "Ingyenes.",
    ),
    "afa-arbeitslos": Text(
        "Jelentkezzen be a Munkaügyi Ügynökségnél (Agentur für Arbeit) álláskeresőként vagy munkanélküliként. Ott segítséget kap a munkakereséshez, és ha jogosult rá, munkanélküli-segélyt (Arbeitslosengeld).",
        "Mindenkinek, aki munkát keres, vagy akinek a munkája hamarosan megszűnik. Legkésőbb három hónappal a munkaviszony vége előtt jelentkezzen.",
        "Útlevél és tartózkodási engedély (uniós polgárok: személyi igazolvány vagy útlevél)\nFelmondás vagy munkaszerződés, ha van\nÖnéletrajz, ha van",
        "Ingyenes.",
    ),
    "afa-berufsberatung": Text(
        "A pályatanácsadás segít kiválasztani az Önhöz illő szakképzést, egyetemi tanulmányokat vagy foglalkozást.",
        "Fiataloknak és felnőtteknek, akik pályát szeretnének választani. Csak előre egyeztetett időpontban.",
        "Iskolai bizonyítványok, ha vannak\nÖnéletrajz, ha van",
        "Ingyenes.",
    ),
    "wirtschaft-gewerbe": Text(
        "Önálló vállalkozóként dolgozna, vagy vállalkozást (Gewerbe) jelentene be? A gazdaságfejlesztési hivatal tanácsot ad az alapításról, a támogatásokról és az engedélyekről.",
        "Mindenkinek, aki vállalkozást szeretne alapítani. A tartózkodási engedélyének lehetővé kell tennie az önálló tevékenységet. Csak előre egyeztetett időpontban.",
        "Útlevél és tartózkodási engedély\nAz üzleti ötlete, lehetőleg írásban",
        "Tanácsadás: ingyenes. Vállalkozás bejelentése (Gewerbeanmeldung): 20–40 euró.",
    ),
    "jugendamt-beratung": Text(
        "A gyermek- és ifjúságvédelmi hivatal (Jugendamt) tanácsot ad a családoknak nevelési kérdésekben, családi problémák esetén, valamint a gyermekeknek és fiataloknak szóló támogatásokról.",
        "Szülőknek, gyermekeknek és fiataloknak. A tanácsadás bizalmas.",
        "Személyi igazolvány vagy tartózkodási okmány\nA gyermekek születési anyakönyvi kivonata, ha van",
        "Ingyenes.",
    ),
    "vhs-kurs": Text(
        "A népfőiskola (Volkshochschule) segít integrációs tanfolyamot (Integrationskurs) vagy nyelvtanfolyamot találni, és beiratkozik Önnel.",
        "Mindenkinek, aki németül szeretne tanulni. Egyeseknek kötelező integrációs tanfolyamon részt venniük.",
        "Személyi igazolvány vagy tartózkodási okmány\nRészvételi jogosultság (Berechtigungsschein) vagy az integrációs tanfolyamra vonatkozó kötelezés, ha van",
        "Integrációs tanfolyam: tanóránként 2,29 euró; Bürgergeld, menedékkérői ellátás vagy alacsony jövedelem esetén ingyenes.",
    ),
    "vhs-einstufung": Text(
        "A szintfelmérő teszt megmutatja, mennyire tud már németül, hogy a megfelelő tanfolyamra kerüljön.",
        "Mindenkinek, aki nyelv- vagy integrációs tanfolyamra jelentkezett. Csak előre egyeztetett időpontban; a teszt körülbelül 45 percig tart.",
        "Személyi igazolvány vagy tartózkodási okmány\nAz időpont visszaigazolása",
        "Ingyenes.",
    ),
    "bildung-schule": Text(
        "Az oktatási koordináció segít helyet találni gyermekének iskolában vagy óvodában/bölcsődében (Kita).",
        "Gyermekes családoknak. Németországban minden gyermeknek hatéves kortól iskolába kell járnia.",
        "A gyermekek személyazonosító vagy tartózkodási okmányai\nSzületési anyakönyvi kivonatok, ha vannak\nKorábbi iskolák bizonyítványai, ha vannak\nA gyermekek oltási könyve",
        "Iskola: ingyenes. Kita: jövedelemtől függő szülői hozzájárulás, amelyet gyakran átvállalnak.",
    ),
    "bildung-anerkennung": Text(
        "Ismertesse el külföldön szerzett iskolai, szakmai vagy felsőfokú végzettségét. Megmondjuk, melyik szerv illetékes, és segítünk a kérelemben.",
        "Mindenkinek, aki külföldön szerzett végzettséggel rendelkezik.",
        "Bizonyítványok és oklevelek (eredeti és másolat)\nFordítások, ha vannak\nÖnéletrajz\nA szakmai tapasztalat igazolásai, ha vannak",
        "Tanácsadás: ingyenes. Az elismerési eljárás a szakmától függően 100–600 euróba kerül; gyakran van rá támogatás.",
    ),
    "sport-verein": Text(
        "A járási sportszövetség (Kreissportbund) segít sportegyesületet találni a közelében, gyermekeknek és felnőtteknek.",
        "Mindenkinek, aki sportolni és új embereket megismerni szeretne.",
        "Semmi különös.",
        "Tanácsadás: ingyenes. Az egyesületi tagdíjat gyermekeknél gyakran átvállalják (oktatási és részvételi támogatás, Bildung und Teilhabe).",
    ),
    "ehrenamt-hilfe": Text(
        "Önkéntesek elkísérik Önt az ügyintézésekre, tolmácsolnak és segítenek a mindennapokban. Egy mentor megkönnyítheti a kezdetet.",
        "Mindenkinek, aki kísérőt, tolmácsot vagy mentort keres.",
        "Semmi különös.",
        "Ingyenes.",
    ),
}
# fmt: on
