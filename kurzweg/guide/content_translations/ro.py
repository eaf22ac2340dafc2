# ruff: noqa: E501 - texts read best as one line per field
"""The service texts in Romanian, translated from the German texts in content.py. Official
German terms that newcomers meet on letters follow in brackets."""

from .base import Text

# fmt: off
TEXTS: dict[str, Text] = {
    "abh-aufenthalt": Text(
        "Autoritatea pentru străini (Ausländerbehörde) eliberează sau prelungește permisul dumneavoastră de ședere (Aufenthaltserlaubnis). Veniți din timp, cel târziu cu patru săptămâni înainte să expire permisul.",
        "Pentru toți cei care nu au cetățenia unei țări din UE, a Islandei, a Liechtensteinului, a Norvegiei sau a Elveției și vor să rămână mai mult timp în Germania.",
        "Pașaport sau document care înlocuiește pașaportul\nO fotografie biometrică recentă\nPermisul de ședere actual\nDovada locuinței (contract de închiriere sau confirmarea proprietarului, Wohnungsgeberbestätigung)\nDovada veniturilor sau decizia de acordare a prestațiilor sociale\nDovada asigurării de sănătate",
        "De regulă 100 de euro, pentru prelungire între 93 și 98 de euro. Pentru copii și pentru persoanele care primesc prestații sociale costă mai puțin sau este gratuit.",
    ),
    "abh-fiktion": Text(
        "Dacă nu s-a luat încă o decizie privind cererea dumneavoastră, primiți un certificat provizoriu (Fiktionsbescheinigung). Acesta arată că aveți dreptul să rămâneți în continuare în Germania.",
        "Pentru toți cei care au depus la timp cererea pentru permisul de ședere și încă așteaptă decizia.",
        "Pașaport sau document care înlocuiește pașaportul\nPermisul de ședere actual\nConfirmarea primirii cererii, dacă o aveți",
        "13 euro.",
    ),
    "abh-ausweis": Text(
        "Nu aveți pașaport și nu puteți obține unul? Autoritatea pentru străini vă poate elibera un document de călătorie (Reiseausweis) sau un act care înlocuiește actul de identitate (Ausweisersatz).",
        "Pentru refugiații recunoscuți, persoanele apatride și persoanele care pot dovedi că nu pot obține un pașaport din țara lor.",
        "Decizia Oficiului Federal pentru Migrație și Refugiați (BAMF), dacă o aveți\nO fotografie biometrică recentă\nPașaportul vechi sau alte acte de identitate, dacă le aveți\nDovezi că ați încercat să obțineți un pașaport",
        "Document de călătorie pentru refugiați: 70 de euro (sub 24 de ani: 45 de euro). Act care înlocuiește actul de identitate: 30 de euro.",
    ),
    "abh-eat": Text(
        "Permisul dumneavoastră de ședere electronic (cardul) este gata. Îl ridicați personal și cu această ocazie vă stabiliți codul PIN.",
        "Pentru toți cei care au primit o scrisoare că cardul lor poate fi ridicat.",
        "Pașaport sau document care înlocuiește pașaportul\nScrisoarea cu codul PIN (PIN-Brief)\nPermisul de ședere actual sau certificatul provizoriu (Fiktionsbescheinigung)",
        "Nimic; taxa ați plătit-o deja când ați depus cererea.",
    ),
    "asylblg-antrag": Text(
        "În timpul procedurii de azil primiți prestații pentru hrană, îmbrăcăminte, locuință și sănătate conform Legii privind prestațiile pentru solicitanții de azil (Asylbewerberleistungsgesetz).",
        "Pentru solicitanții de azil, persoanele cu tolerare (Duldung) și alte persoane fără drept la Bürgergeld care locuiesc în district (Landkreis).",
        "Permisiunea de ședere pe durata procedurii de azil (Aufenthaltsgestattung), tolerarea (Duldung) sau dovada sosirii (Ankunftsnachweis)\nPașaportul sau alte acte de identitate, dacă le aveți\nContul bancar (IBAN), dacă aveți unul\nDovezi privind veniturile și bunurile, dacă există",
        "Gratuit.",
    ),
    "asylblg-auszahlung": Text(
        "Întrebări despre plata prestațiilor și despre deciziile primite (Bescheide); comunicarea schimbărilor (de exemplu o adresă nouă sau un loc de muncă).",
        "Pentru toți cei care primesc deja prestații conform Legii privind prestațiile pentru solicitanții de azil.",
        "Permisiunea de ședere pe durata procedurii de azil (Aufenthaltsgestattung) sau tolerarea (Duldung)\nDecizia despre care aveți întrebări\nDovezi privind schimbările",
        "Gratuit.",
    ),
    "unterkunft-wohnen": Text(
        "Administrarea cazării vă oferă un loc într-un centru de cazare comun sau o locuință și vă ajută la mutare și la problemele legate de locuință.",
        "Pentru refugiații cazați de district (Landkreis).",
        "Permisiunea de ședere pe durata procedurii de azil (Aufenthaltsgestattung), tolerarea (Duldung) sau permisul de ședere (Aufenthaltserlaubnis)\nDecizia de repartizare (Zuweisungsbescheid), dacă o aveți",
        "Pentru cazare se poate percepe o taxă; adesea este plătită din prestațiile sociale.",
    ),
    "integration-beratung": Text(
        "Consilierea pentru integrare vă ajută să vă planificați pașii următori: limbă, muncă, locuință, familie. Vă pune în legătură cu instituțiile potrivite.",
        "Pentru toți cei nou-veniți, mai ales în primii ani.",
        "Act de identitate sau document de ședere\nScrisori și decizii despre care aveți întrebări",
        "Consilierea este gratuită și confidențială.",
    ),
    "jobcenter-antrag": Text(
        "Jobcenter-ul plătește Bürgergeld (ajutor social) dacă puteți lucra, dar venitul nu vă ajunge pentru trai. Vă ajută și să găsiți un loc de muncă.",
        "Pentru persoanele între 15 ani și vârsta de pensionare care au voie și pot să lucreze, de exemplu refugiații recunoscuți, și pentru familiile lor.",
        "Pașaportul și permisul de ședere sau certificatul provizoriu (Fiktionsbescheinigung)\nContractul de închiriere și dovada costurilor cu chiria\nExtrasele de cont din ultimele trei luni\nDovezi ale veniturilor (de exemplu fluturașul de salariu)\nDecizia BAMF, dacă o aveți",
        "Gratuit.",
    ),
    "jobcenter-unterlagen": Text(
        "Depuneți documente pentru Jobcenter. Primiți o confirmare de primire.",
        "Pentru toți cei care primesc Bürgergeld sau au depus o cerere pentru acesta.",
        "Documentele pe care vi le-a cerut Jobcenter-ul\nScrisoarea de la Jobcenter, dacă o aveți",
        "Gratuit.",
    ),
    "jobcenter-vermittlung": Text(
        "Împreună cu consilierul dumneavoastră pentru ocuparea forței de muncă căutați un loc de muncă, o formare profesională (Ausbildung) sau o perfecționare.",
        "Pentru toți cei care primesc Bürgergeld și caută un loc de muncă. Doar cu programare.",
        "CV-ul, dacă îl aveți\nCertificate, diplome și dovezi ale calificărilor\nInvitația de la Jobcenter",
        "Gratuit.",
    ),
    "afa-arbeitslos": Text(
        "Înregistrați-vă la Agenția pentru Muncă (Agentur für Arbeit) ca persoană în căutarea unui loc de muncă sau ca șomer. Acolo primiți ajutor la căutarea unui loc de muncă și, dacă aveți dreptul, indemnizație de șomaj (Arbeitslosengeld).",
        "Pentru toți cei care caută un loc de muncă sau al căror contract de muncă se încheie curând. Înregistrați-vă cel târziu cu trei luni înainte de încetarea contractului.",
        "Pașaportul și permisul de ședere (cetățenii UE: cartea de identitate sau pașaportul)\nNotificarea de concediere sau contractul de muncă, dacă îl aveți\nCV-ul, dacă îl aveți",
        "Gratuit.",
    ),
    "afa-berufsberatung": Text(
        "Orientarea profesională vă ajută să alegeți o formare profesională, studii sau o meserie care vi se potrivește.",
        "Pentru tineri și adulți care vor să se orienteze profesional. Doar cu programare.",
        "Certificatele școlare, dacă le aveți\nCV-ul, dacă îl aveți",
        "Gratuit.",
    ),
    "wirtschaft-gewerbe": Text(
        "Vreți să lucrați pe cont propriu sau să înregistrați o activitate economică (Gewerbe)? Oficiul pentru dezvoltare economică vă consiliază privind înființarea, finanțarea și autorizațiile.",
        "Pentru toți cei care vor să înființeze o afacere. Permisul de ședere trebuie să permită activitatea independentă. Doar cu programare.",
        "Pașaportul și permisul de ședere\nIdeea dumneavoastră de afacere, dacă se poate în scris",
        "Consilierea: gratuită. Înregistrarea activității (Gewerbeanmeldung): între 20 și 40 de euro.",
    ),
    "jugendamt-beratung": Text(
        "Oficiul pentru tineret (Jugendamt) consiliază familiile în privința educației copiilor, a problemelor din familie și a ajutoarelor pentru copii și tineri.",
        "Pentru părinți, copii și tineri. Consilierea este confidențială.",
        "Act de identitate sau document de ședere\nCertificatele de naștere ale copiilor, dacă le aveți",
        "Gratuit.",
    ),
    "vhs-kurs": Text(
        "Universitatea populară (Volkshochschule) vă ajută să găsiți un curs de integrare (Integrationskurs) sau un curs de limbă și vă înscrie.",
        "Pentru toți cei care vor să învețe germana. Unele persoane sunt obligate să urmeze un curs de integrare.",
        "Act de identitate sau document de ședere\nAdeverința de participare (Berechtigungsschein) sau obligația de a urma cursul de integrare, dacă o aveți",
        "Cursul de integrare: 2,29 euro pe oră de curs; gratuit pentru cei care primesc Bürgergeld, prestații pentru solicitanții de azil sau au venituri mici.",
    ),
    "vhs-einstufung": Text(
        "Testul de plasare arată cât de bine știți deja germana, ca să ajungeți în cursul potrivit.",
        "Pentru toți cei care s-au înscris la un curs de limbă sau de integrare. Doar cu programare; testul durează aproximativ 45 de minute.",
        "Act de identitate sau document de ședere\nConfirmarea programării",
        "Gratuit.",
    ),
    "bildung-schule": Text(
        "Coordonarea educațională vă ajută să găsiți un loc pentru copilul dumneavoastră la școală sau la grădiniță (Kita).",
        "Pentru familiile cu copii. În Germania toți copiii de la vârsta de șase ani trebuie să meargă la școală.",
        "Actele de identitate sau documentele de ședere ale copiilor\nCertificatele de naștere, dacă le aveți\nFoile matricole de la școlile anterioare, dacă le aveți\nCarnetul de vaccinări al copiilor",
        "Școala: gratuită. Grădinița: o contribuție a părinților în funcție de venit, adesea acoperită.",
    ),
    "bildung-anerkennung": Text(
        "Obțineți recunoașterea diplomei dumneavoastră școlare, profesionale sau universitare din străinătate. Vă spunem ce instituție este competentă și vă ajutăm cu cererea.",
        "Pentru toți cei care au o diplomă din străinătate.",
        "Certificate și diplome (originale și copii)\nTraduceri, dacă le aveți\nCV-ul\nDovezi ale experienței profesionale, dacă le aveți",
        "Consilierea: gratuită. Procedura de recunoaștere costă între 100 și 600 de euro, în funcție de profesie; adesea există subvenții.",
    ),
    "sport-verein": Text(
        "Federația sportivă a districtului (Kreissportbund) vă ajută să găsiți un club sportiv în apropiere, pentru copii și adulți.",
        "Pentru toți cei care vor să facă sport și să cunoască oameni.",
        "Nimic special.",
        "Consilierea: gratuită. Cotizația la club pentru copii este adesea acoperită (prestații pentru educație și participare, Bildung und Teilhabe).",
    ),
    "ehrenamt-hilfe": Text(
        "Voluntarii vă însoțesc la programări, traduc pentru dumneavoastră și vă ajută în viața de zi cu zi. Un mentor sau o mentoră vă poate ușura începutul.",
        "Pentru toți cei care caută însoțire, un interpret sau un mentor.",
        "Nimic special.",
        "Gratuit.",
    ),
}
# fmt: on
