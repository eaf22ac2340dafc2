"""Name pools of the origin groups, towns and spelling variants; the weights persons are drawn with."""

from __future__ import annotations

import random

ARABIC = {
    "m": "Mohammad Mohammed Ahmad Ali Omar Khaled Hassan Hussein Mahmoud Yousef Ibrahim Mustafa Abdullah Karim "
    "Samer Bilal Tarek Rami Fadi Walid Ammar Bashar Ghassan Hamza Jamal Majd Osama Saleh Ziad Anas Moaz "
    "Abdulrahman Yazan Qusai Louay",
    "f": "Fatima Aisha Mariam Noor Layla Rania Huda Amal Rasha Yasmin Salma Zainab Hiba Dima Lina Reem Sara Nadia "
    "Ghada Asmaa Batoul Rahaf Joud Sidra Nour Hanan Wafaa Manal",
    "family": "Al-Ahmad Al-Hussein Haddad Khalil Hamdan Nasser Saleh Mansour Youssef Al-Khatib Darwish Hamwi Shami "
    "Al-Masri Kassem Othman Najjar Sabbagh Aziz Rahman Qassab Halabi Jaber Suleiman Issa Barakat Al-Sayed "
    "Abdo Zaher Fares Al-Ali Al-Hamoud Khoury Tahhan Kurdi Al-Omar Sheikh Hammoud Ibrahim Mohammad",
}
KURDISH = {
    "m": "Azad Baran Hozan Kawa Dilshad Rebwar Shivan Hogir Ahmed Khalil Jamil Kamal Nechirvan Sherzad Dildar",
    "f": "Dilan Rojin Shirin Berivan Nasrin Hevin Zozan Ronahi Gulistan Layla Jiyan Avin Bahar",
    "family": "Ahmed Hussein Khalaf Murad Qasim Haji Sulaiman Barzani Mahmoud Rashid Khidir Hasan Ali Ismail Jindo",
}
AFGHAN = {
    "m": "Ahmad Mohammad Abdul Farid Habib Jawad Karim Mustafa Naveed Rahim Sami Shafiq Wahid Zabihullah Hamid "
    "Sayed Noorullah Rahmatullah Hamidullah Ezatullah Mirwais Sharif Bilal Qasim",
    "f": "Fatima Maryam Zahra Sima Nilofar Parwana Shabnam Freshta Mursal Tahmina Mahbooba Soraya Masooda Laila",
    "family": "Ahmadi Rahimi Karimi Hashimi Sultani Noori Popal Stanikzai Wardak Haidari Hussaini Mohammadi Rezaei "
    "Amiri Sadat Safi Jalali Nazari Qaderi Azizi Hotak Niazi Samadi Yousufzai",
}
IRANIAN = {
    "m": "Reza Ali Amir Hossein Mehdi Saeed Behnam Farhad Arash Dariush Kaveh Omid Babak Navid Pouya",
    "f": "Maryam Zahra Shirin Neda Parisa Leila Nazanin Sara Mina Roya Shadi Bahareh Mahsa",
    "family": "Mohammadi Hosseini Rezaei Ahmadi Karimi Moradi Jafari Rahimi Sadeghi Hashemi Ebrahimi Ghasemi "
    "Tehrani Shirazi Kazemi Nazari Akbari Esfahani",
}
ERITREAN = {
    "m": "Yonas Tesfay Mehari Dawit Samuel Filmon Haben Yohannes Biniam Merhawi Kibrom Efrem Robel Aron",
    "f": "Selam Senait Hiwet Rahel Lidya Meron Helen Saba Winta Feven Luwam Tsega",
    "family": "Tekle Gebremedhin Haile Berhane Tesfamariam Woldu Kidane Ghebre Asmerom Mebrahtu Tesfaye Habte "
    "Gebrehiwet Yemane Andemariam",
}

# key, weight, nationality, places of birth, name source (dict or Faker locale), original script?
GROUPS = [
    ("syr", 24, "SYR", "Aleppo Damaskus Homs Idlib Latakia Hama Deir-ez-Zor Rakka Daraa", ARABIC, False),
    ("ukr", 20, "UKR", "Kyjiw Charkiw Odesa Dnipro Saporischschja Lwiw Mariupol Cherson Mykolajiw", "uk_UA", True),
    ("afg", 14, "AFG", "Kabul Herat Kandahar Mazar-e-Scharif Dschalalabad Kundus Ghazni", AFGHAN, False),
    ("tur", 10, "TUR", "Istanbul Ankara Izmir Gaziantep Diyarbakır Van Mardin Kahramanmaraş", "tr_TR", False),
    ("irq", 8, "IRQ", "Bagdad Mossul Erbil Basra Dohuk Sindschar Kirkuk", KURDISH, False),
    ("rou", 5, "ROU", "Bukarest Cluj-Napoca Iași Timișoara Constanța Craiova", "ro_RO", False),
    ("pol", 4, "POL", "Warschau Krakau Łódź Breslau Posen Danzig Lublin", "pl_PL", False),
    ("eri", 4, "ERI", "Asmara Keren Massaua Mendefera Barentu", ERITREAN, False),
    ("irn", 4, "IRN", "Teheran Maschhad Isfahan Schiras Täbris Ahvaz", IRANIAN, False),
    ("rus", 4, "RUS", "Moskau Sankt-Petersburg Grosny Kasan Machatschkala Nalchik", "ru_RU", True),
    ("deu", 3, "DEU", "Berlin Hamburg München Köln Leipzig Dortmund", "de_DE", False),
]
TOWNS = [
    "Benchheim",
    "Altdorf",
    "Neustadt",
    "Kirchberg",
    "Lindenau",
    "Bergen",
    "Rosenthal",
    "Waldau",
    "Hofheim",
    "Mühlbach",
    "Steinfeld",
    "Eichenau",
    "Talheim",
    "Grünberg",
    "Sonnenfeld",
]
SECOND_NATIONALITIES = ["DEU", "TUR", "RUS", "SYR", "IRQ", "ROU", "POL", "XXA", "XXX"]

SPELLING_RULES = [
    ("Mohammad", "Muhammad"),
    ("Mohammed", "Mohamed"),
    ("Mohammad", "Mohamad"),
    ("Ahmad", "Ahmed"),
    ("Yousef", "Youssef"),
    ("Youssef", "Yusuf"),
    ("Hussein", "Husain"),
    ("Al-", "Al "),
    ("Al-", "El-"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("kh", "ch"),
    ("sh", "sch"),
    ("y", "j"),
    ("j", "y"),
    ("ei", "ai"),
    ("ss", "s"),
    ("ş", "s"),
    ("ç", "c"),
    ("ı", "i"),
    ("ğ", "g"),
    ("ă", "a"),
    ("ș", "ş"),
    ("ł", "l"),
    ("w", "v"),
    ("v", "w"),
    ("ie", "iye"),
    ("i", "y"),
    ("ko", "co"),
    ("e", "a"),
]
SPELLING_NOTES = [
    "AZR",
    "Ankunftsnachweis",
    "frühere Passschreibweise",
    "BAMF-Bescheid",
    "Schreibweise Jobcenter",
    "Geburtsurkunde",
]


def build_name_pools(seed: int) -> list[dict]:
    """Per origin group: lists of (latin, original) for male/female given names and family names.
    Built once from fixed lists and Faker (seeded), so rows only draw from the pools."""
    from faker import Faker
    from unidecode import unidecode

    groups = []
    for key, weight, nat, places, source, original in GROUPS:
        if isinstance(source, dict):
            pools = {k: [(n, "") for n in v.split()] for k, v in source.items()}
        else:
            fake = Faker(source)
            fake.seed_instance(seed)
            m, f, fm, ff = set(), set(), set(), set()
            for _ in range(1500):
                m.add(fake.first_name_male())
                f.add(fake.first_name_female())
                fm.add(fake.last_name_male() if hasattr(fake, "last_name_male") else fake.last_name())
                ff.add(fake.last_name_female() if hasattr(fake, "last_name_female") else fake.last_name())

            def pairs(names: set[str], original: bool = original) -> list[tuple[str, str]]:
                return [(unidecode(n), n) if original else (n, "") for n in sorted(names)]

            pools = {"m": pairs(m), "f": pairs(f), "family_m": pairs(fm), "family_f": pairs(ff)}
        pools.setdefault("family_m", pools.get("family", []))
        pools.setdefault("family_f", pools.get("family", []))
        groups.append({"key": key, "weight": weight, "nationality": nat, "places": places.split(), **pools})
    return groups


def vary_spelling(rng: random.Random, name: str) -> str:
    rules = [r for r in SPELLING_RULES if r[0] in name]
    if not rules:
        return name + ("h" if name[-1:] in "ae" else "e")
    old, new = rng.choice(rules)
    return name.replace(old, new, 1)


def _cumulative(weights):  # type: ignore[no-untyped-def]
    total = 0.0
    for w in weights:
        total += w
        yield total


def _age_weight(age: int) -> float:
    """Newcomers are young: many children and people in their twenties and thirties."""
    if age < 18:
        return 1.6
    if age < 40:
        return 2.0
    if age < 60:
        return 0.9
    return 0.25
