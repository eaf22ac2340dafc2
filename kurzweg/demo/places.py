"""The fictional county and the places where the demo's people were born. The county, its towns
and postcodes are invented; birth places are real cities, in the spelling of the passport and,
where offices write it differently, in German (Kharkiv / Charkiw)."""

from __future__ import annotations

COUNTY = "Landkreis Saalegrund"
AGENCY_NAME = "Migrationsagentur Landkreis Saalegrund"
SERVICE_POINT_NAME = "Haus der kurzen Wege, Wartebereich Erdgeschoss"
AGENCY_ADDRESS = "Haus der kurzen Wege\nBahnhofstraße 14\n06610 Lindwerder (Saale)"

# (town, postcode, share of the county's newcomers)
TOWNS = [
    ("Lindwerder (Saale)", "06610", 34),
    ("Eulenhain", "06624", 16),
    ("Kirchsteig", "06631", 12),
    ("Mühlhagen", "06638", 10),
    ("Teichwitz", "06643", 9),
    ("Bergsalza", "06651", 8),
    ("Wendelsroda", "06667", 6),
    ("Schöngrund", "06679", 5),
]

STREETS = [
    "Hauptstraße",
    "Bahnhofstraße",
    "Am Markt",
    "Weinbergstraße",
    "Saaleweg",
    "Lindenstraße",
    "Schulstraße",
    "Kirchgasse",
    "Wiesenweg",
    "Gartenstraße",
    "Am Sportplatz",
    "Unstrutstraße",
    "Friedensstraße",
    "Thomas-Müntzer-Straße",
    "Jahnstraße",
    "Bergstraße",
    "Rosenweg",
    "Mühlgraben",
    "Salzstraße",
    "Am Wasserturm",
    "Plattenweg",
    "Käthe-Kollwitz-Straße",
    "Dorfstraße",
    "Burgblick",
    "Neue Siedlung",
]

# Where children of newcomers are born: the county's hospital town and the cities nearby.
GERMAN_BIRTH_PLACES = ["Lindwerder (Saale)", "Lindwerder (Saale)", "Eulenhain", "Halle (Saale)", "Leipzig", "Jena"]

# Real cities, "passport spelling/German spelling" where the two differ.
BIRTH_PLACES = {
    "ROU": "București/Bukarest Constanța Iași Craiova Brașov Timișoara Galați Bacău Cluj-Napoca Suceava Botoșani "
    "Vaslui",
    "MDA": "Chișinău/Chisinau Bălți Cahul Orhei",
    "BGR": "Sofia Plovdiv/Plowdiw Varna/Warna Burgas Pazardzhik/Pasardschik Sliven/Sliwen Stara_Zagora/Stara_Sagora "
    "Ruse/Russe Pleven/Plewen Shumen/Schumen",
    "POL": "Warszawa/Warschau Kraków/Krakau Wrocław/Breslau Łódź/Lodz Poznań/Posen Szczecin/Stettin Lublin "
    "Opole/Oppeln Katowice/Kattowitz Białystok",
    "HUN": "Budapest Debrecen Szeged Miskolc Pécs Győr Nyíregyháza Kecskemét",
    "UKR": "Kharkiv/Charkiw Kyiv/Kiew Odesa/Odessa Dnipro Zaporizhzhia/Saporischschja Mykolaiv/Mykolajiw "
    "Lviv/Lwiw Mariupol Kherson/Cherson Sumy Chernihiv/Tschernihiw Poltava/Poltawa",
    "RUS": "Moskva/Moskau Sankt-Peterburg/Sankt_Petersburg Kaliningrad Volgograd/Wolgograd",
    "SYR": "Aleppo/Halab Damascus/Damaskus Homs Idlib Deir_ez-Zor/Deir_al-Zour Hama Latakia "
    "Al-Hasakah/Hasaka Qamishli/Kamischli Raqqa/Rakka Daraa/Deraa Afrin",
    "XXA": "Damascus/Damaskus Aleppo/Halab Yarmouk/Jarmuk",
    "XXX": "Damascus/Damaskus Aleppo/Halab",
    "IRQ": "Baghdad/Bagdad Mosul/Mossul Erbil/Arbil Kirkuk Sulaymaniyah/Sulaimaniyya Basra Duhok/Dohuk "
    "Sinjar/Sindschar",
    "AFG": "Kabul Herat Mazar-e_Sharif/Masar-e_Scharif Kandahar Ghazni/Gasni Kunduz/Kundus "
    "Jalalabad/Dschalalabad Baghlan",
    "IRN": "Tehran/Teheran Mashhad/Maschhad Isfahan Shiraz/Schiras",
    "ERI": "Asmara Keren Massawa/Massaua Mendefera Dekemhare Adi_Keyh",
    "SOM": "Mogadishu/Mogadischu Kismayo/Kismaayo Baidoa Hargeisa Beledweyne Galkayo",
    "TUR": "İstanbul/Istanbul Ankara İzmir/Izmir Gaziantep Diyarbakır/Diyarbakir Konya Kayseri Adana "
    "Şanlıurfa/Sanliurfa",
    "VNM": "Hà_Nội/Hanoi Hải_Phòng/Haiphong Nam_Định Thanh_Hóa",
    "NGA": "Lagos Ibadan Enugu Benin_City",
}


def birth_places(code: str) -> list[tuple[str, str]]:
    """(passport spelling, German spelling) for a nationality."""
    places = []
    for item in BIRTH_PLACES.get(code, "").split():
        passport, _, german = item.replace("_", " ").partition("/")
        places.append((passport, german or passport))
    return places
