"""Synthetic persons with the spelling variants offices produce and with hard negatives, for
tuning the matching engine and for the unit tests. Pure Python (no Django).

    python -m tests.matching.synthetic 2000     # precision/recall of find_duplicates
"""

from __future__ import annotations

import random
import sys
import time
import unicodedata
from dataclasses import replace

from kurzweg.people.matching.records import Record


def _system(pairs: str) -> dict[str, str]:
    return dict(p.split("=", 1) for p in pairs.split())


UK_PASSPORT = _system(
    "а=a б=b в=v г=h ґ=g д=d е=e є=ie ж=zh з=z и=y і=i ї=i й=i к=k л=l м=m н=n о=o п=p р=r с=s т=t "
    "у=u ф=f х=kh ц=ts ч=ch ш=sh щ=shch ь= ю=iu я=ia"
)
UK_DUDEN = _system(
    "а=a б=b в=w г=h ґ=g д=d е=e є=je ж=sch з=s и=y і=i ї=ji й=j к=k л=l м=m н=n о=o п=p р=r с=s т=t "
    "у=u ф=f х=ch ц=z ч=tsch ш=sch щ=schtsch ь= ю=ju я=ja"
)
UK_SCHOLARLY = _system(
    "а=a б=b в=v г=h ґ=g д=d е=e є=je ж=ž з=z и=y і=i ї=ji й=j к=k л=l м=m н=n о=o п=p р=r с=s т=t "
    "у=u ф=f х=ch ц=c ч=č ш=š щ=šč ь= ю=ju я=ja"
)
UK_ENGLISH = _system(
    "а=a б=b в=v г=h ґ=g д=d е=e є=ye ж=zh з=z и=y і=i ї=yi й=y к=k л=l м=m н=n о=o п=p р=r с=s т=t "
    "у=u ф=f х=kh ц=ts ч=ch ш=sh щ=shch ь= ю=yu я=ya"
)
UK_SYSTEMS = (UK_PASSPORT, UK_DUDEN, UK_SCHOLARLY, UK_ENGLISH)


def translit(text: str, system: dict[str, str]) -> str:
    out = []
    for ch in text:
        lower = ch.lower()
        latin = system.get(lower, ch)
        out.append(latin.capitalize() if ch != lower else latin)
    return "".join(out)


# (latin, original script, variants)
ARABIC_GIVEN_M = [
    ("Mohammed", "محمد", "Muhammad Mohamed Mohammad Muhammed"),
    ("Ahmad", "أحمد", "Ahmed Achmed"),
    ("Mahmoud", "محمود", "Mahmud Mahmood"),
    ("Hussein", "حسين", "Husain Hussain Hossein"),
    ("Hassan", "حسن", "Hasan"),
    ("Ali", "علي", ""),
    ("Omar", "عمر", "Umar"),
    ("Khaled", "خالد", "Khalid Chaled"),
    ("Abdullah", "عبدالله", "Abdallah"),
    ("Youssef", "يوسف", "Yousef Yusuf Jusuf"),
    ("Ibrahim", "إبراهيم", "Ebrahim Ibraheem"),
    ("Mustafa", "مصطفى", "Moustafa Mostafa"),
    ("Bilal", "بلال", ""),
    ("Karim", "كريم", "Kareem"),
    ("Walid", "وليد", "Waleed"),
    ("Tarek", "طارق", "Tariq Tarik"),
    ("Jamal", "جمال", "Gamal Dschamal"),
    ("Majed", "ماجد", "Majid"),
    ("Yasser", "ياسر", "Yasir Jasser"),
    ("Hamza", "حمزة", "Hamzah"),
    ("Saleh", "صالح", "Salih"),
    ("Abdulrahman", "عبدالرحمن", "Abdul-Rahman Abdelrahman"),
    ("Osama", "أسامة", "Usama"),
    ("Anas", "أنس", ""),
    ("Fadi", "فادي", ""),
    ("Rami", "رامي", ""),
    ("Samer", "سامر", ""),
]
ARABIC_GIVEN_F = [
    ("Fatima", "فاطمة", "Fatma Fatimah"),
    ("Aisha", "عائشة", "Aischa Ayesha"),
    ("Maryam", "مريم", "Mariam"),
    ("Nour", "نور", "Noor Nur"),
    ("Zainab", "زينب", "Zaynab Zeinab"),
    ("Layla", "ليلى", "Leila Laila"),
    ("Huda", "هدى", "Houda"),
    ("Yasmin", "ياسمين", "Yasmine Jasmin"),
    ("Khadija", "خديجة", "Khadidja Chadidscha"),
    ("Iman", "إيمان", "Eman"),
    ("Rasha", "رشا", "Rascha"),
    ("Sara", "سارة", "Sarah"),
    ("Rania", "رانيا", ""),
    ("Amal", "أمل", ""),
    ("Hala", "هالة", ""),
    ("Samira", "سميرة", ""),
    ("Salma", "سلمى", ""),
]
ARABIC_FAMILY = [
    ("Al-Hassan", "الحسن", "Alhassan Al Hasan El-Hassan"),
    ("Khalil", "خليل", "Chalil Khaleel"),
    ("Darwish", "درويش", "Darwisch Derwisch"),
    ("Othman", "عثمان", "Uthman"),
    ("Al-Sheikh", "الشيخ", "Sheikh Scheich"),
    ("Jaber", "جابر", "Djaber Dschaber"),
    ("Al-Najjar", "النجار", "Najjar Alnajjar"),
    ("Mansour", "منصور", "Mansur"),
    ("Al-Kurdi", "الكردي", "Kurdi"),
    ("Al-Masri", "المصري", "Almasri El-Masri"),
    ("Qassem", "قاسم", "Kassem Qasim"),
    ("Suleiman", "سليمان", "Sulaiman Sleiman"),
    ("Hammoud", "حمود", "Hamoud"),
    ("Haddad", "حداد", ""),
    ("Hamdan", "حمدان", ""),
    ("Al-Khatib", "الخطيب", "Alkhatib El-Khatib"),
    ("Al-Tamimi", "التميمي", "Altamimi"),
    ("Al-Jubouri", "الجبوري", "Al-Juburi"),
    ("Nasser", "ناصر", "Naser"),
    ("Saleh", "صالح", "Salih"),
    ("Abboud", "عبود", "Abbud"),
    ("Zaher", "زاهر", "Saher"),
    ("Barakat", "بركات", ""),
    ("Shaaban", "شعبان", "Schaban"),
]
PERSIAN_GIVEN_M = [
    ("Mohammad", "محمد", "Mohammed Muhammad Mohamad"),
    ("Ahmad", "احمد", "Ahmed Achmad"),
    ("Ali", "علی", ""),
    ("Reza", "رضا", "Resa"),
    ("Hamid", "حمید", "Chamid"),
    ("Javad", "جواد", "Jawad Dschawad"),
    ("Sayed", "سید", "Seyed Sayyed"),
    ("Habib", "حبیب", ""),
    ("Rahim", "رحیم", "Rachim"),
    ("Jamshid", "جمشید", "Dschamschid"),
    ("Farid", "فرید", "Fareed"),
    ("Nasir", "ناصر", "Naser Nasser"),
    ("Wahid", "وحید", "Vahid"),
    ("Shafiq", "شفیق", "Schafik Shafik"),
    ("Omid", "امید", "Omed"),
    ("Mahdi", "مهدی", "Mehdi"),
    ("Hussain", "حسین", "Hossein Hussein"),
    ("Zabiullah", "ذبیح الله", "Zabihullah"),
    ("Rahmatullah", "رحمت الله", "Rahmatollah"),
    ("Najib", "نجیب", "Nadschib"),
    ("Masoud", "مسعود", "Masud"),
]
PERSIAN_GIVEN_F = [
    ("Fatema", "فاطمه", "Fatima Fatemeh"),
    ("Zahra", "زهرا", "Sahra"),
    ("Maryam", "مریم", "Mariam"),
    ("Masooma", "معصومه", "Masuma Masoumeh"),
    ("Shabnam", "شبنم", "Schabnam"),
    ("Nilofar", "نیلوفر", "Nilufar"),
    ("Parwin", "پروین", "Parvin"),
    ("Farzana", "فرزانه", "Farsana"),
    ("Sakina", "سکینه", "Sakineh"),
    ("Soraya", "ثریا", "Suraya"),
    ("Freshta", "فرشته", "Fereshteh"),
    ("Nazanin", "نازنین", ""),
    ("Mina", "مینا", ""),
]
PERSIAN_FAMILY = [
    ("Jafari", "جعفری", "Dschafari Djafari Jaafari"),
    ("Ahmadi", "احمدی", "Achmadi Ahmady"),
    ("Mohammadi", "محمدی", "Mohamadi"),
    ("Hosseini", "حسینی", "Husseini Hoseini"),
    ("Rahimi", "رحیمی", "Rachimi"),
    ("Karimi", "کریمی", "Karimy"),
    ("Sultani", "سلطانی", "Soltani"),
    ("Haidari", "حیدری", "Heidari Haydari"),
    ("Rezaei", "رضایی", "Rezai Resai"),
    ("Noorzai", "نورزی", "Nurzai"),
    ("Wardak", "وردک", "Wardag"),
    ("Stanikzai", "ستانکزی", "Stanekzai"),
    ("Amiri", "امیری", "Emiri"),
    ("Nazari", "نظری", "Nasari"),
    ("Azizi", "عزیزی", "Asisi"),
    ("Rasuli", "رسولی", "Rasouli"),
    ("Akbari", "اکبری", ""),
    ("Popal", "پوپل", ""),
    ("Sadat", "سادات", ""),
    ("Safi", "صافی", ""),
    ("Habibi", "حبیبی", ""),
    ("Samadi", "صمدی", ""),
    ("Naseri", "ناصری", "Nasseri"),
    ("Kazemi", "کاظمی", "Kasemi"),
    ("Sharifi", "شریفی", "Scharifi"),
]
UK_GIVEN_M = [
    "Олександр",
    "Сергій",
    "Андрій",
    "Дмитро",
    "Микола",
    "Володимир",
    "Іван",
    "Михайло",
    "Юрій",
    "Олексій",
    "Максим",
    "Артем",
    "Богдан",
    "Віктор",
    "Ігор",
    "Олег",
    "Євген",
    "Василь",
    "Павло",
    "Денис",
    "Тарас",
    "Роман",
]
UK_GIVEN_F = [
    "Олена",
    "Наталія",
    "Юлія",
    "Ольга",
    "Тетяна",
    "Ірина",
    "Анна",
    "Марія",
    "Катерина",
    "Оксана",
    "Світлана",
    "Галина",
    "Людмила",
    "Вікторія",
    "Анастасія",
    "Дарина",
    "Софія",
]
UK_FAMILY = [
    "Коваленко",
    "Шевченко",
    "Бондаренко",
    "Ткаченко",
    "Кравченко",
    "Мельник",
    "Бойко",
    "Ковальчук",
    "Олійник",
    "Шевчук",
    "Поліщук",
    "Лисенко",
    "Савченко",
    "Руденко",
    "Марченко",
    "Петренко",
    "Мороз",
    "Коваль",
    "Кравець",
    "Вишневський",
    "Зайченко",
    "Гребенюк",
    "Тимошенко",
    "Харченко",
    "Литвиненко",
    "Гончаренко",
    "Карпенко",
    "Павленко",
    "Захарченко",
    "Левченко",
]
RO_GIVEN_M = [
    "Ștefan",
    "Ion",
    "Gheorghe",
    "Constantin",
    "Mihai",
    "Andrei",
    "Alexandru",
    "Florin",
    "Cristian",
    "Marius",
    "Bogdan",
    "Ionuț",
    "Răzvan",
    "Vasile",
    "Dumitru",
]
RO_GIVEN_F = [
    "Maria",
    "Elena",
    "Ioana",
    "Andreea",
    "Mihaela",
    "Cristina",
    "Alexandra",
    "Gabriela",
    "Florentina",
    "Alina",
    "Daniela",
    "Roxana",
    "Ancuța",
]
RO_FAMILY = [
    "Popescu",
    "Ionescu",
    "Popa",
    "Pop",
    "Radu",
    "Dumitru",
    "Stoica",
    "Stan",
    "Gheorghe",
    "Munteanu",
    "Matei",
    "Constantin",
    "Ștefănescu",
    "Țurcanu",
    "Lungu",
    "Mureșan",
    "Dinu",
    "Toma",
    "Șerban",
    "Oprea",
    "Neagu",
    "Vasilescu",
    "Bălan",
    "Cîrstea",
]
PL_GIVEN_M = [
    "Piotr",
    "Krzysztof",
    "Andrzej",
    "Tomasz",
    "Paweł",
    "Michał",
    "Marcin",
    "Łukasz",
    "Grzegorz",
    "Jakub",
    "Mateusz",
    "Wojciech",
]
PL_GIVEN_F = [
    "Anna",
    "Katarzyna",
    "Małgorzata",
    "Agnieszka",
    "Barbara",
    "Ewa",
    "Magdalena",
    "Joanna",
    "Aleksandra",
    "Zofia",
]
PL_FAMILY = [
    "Nowak",
    "Kowalski",
    "Wiśniewski",
    "Wójcik",
    "Kowalczyk",
    "Kamiński",
    "Lewandowski",
    "Zieliński",
    "Szymański",
    "Woźniak",
    "Dąbrowski",
    "Kozłowski",
    "Jankowski",
    "Mazur",
    "Krawczyk",
]
HU_GIVEN_M = ["László", "István", "József", "János", "Zoltán", "Sándor", "Gábor", "Ferenc", "Attila", "Péter", "Tamás"]
HU_GIVEN_F = ["Mária", "Erzsébet", "Katalin", "Éva", "Ilona", "Anikó", "Zsuzsanna", "Krisztina", "Ildikó"]
HU_FAMILY = [
    "Nagy",
    "Kovács",
    "Tóth",
    "Szabó",
    "Horváth",
    "Varga",
    "Kiss",
    "Molnár",
    "Németh",
    "Farkas",
    "Balogh",
    "Papp",
    "Takács",
    "Juhász",
    "Lakatos",
]
ER_GIVEN_M = [
    "Yonas",
    "Dawit",
    "Tesfay",
    "Filmon",
    "Yohannes",
    "Mehari",
    "Habtom",
    "Kidane",
    "Tekle",
    "Amanuel",
    "Merhawi",
    "Goitom",
    "Berhane",
    "Haile",
    "Negash",
    "Abraham",
    "Samuel",
    "Robel",
]
ER_GIVEN_F = [
    "Helen",
    "Selam",
    "Saba",
    "Mebrat",
    "Almaz",
    "Yordanos",
    "Senait",
    "Luwam",
    "Freweyni",
    "Winta",
    "Semhar",
    "Hiwet",
]
ER_VARIANTS = {
    "Yonas": "Jonas",
    "Dawit": "Dawid",
    "Tesfay": "Tesfai",
    "Yohannes": "Johannes",
    "Tekle": "Tecle",
    "Amanuel": "Emanuel",
    "Habtom": "Habtum",
    "Haile": "Hayle",
    "Almaz": "Almas",
    "Hiwet": "Hiwot",
}
TR_GIVEN_M = [
    "Mehmet",
    "Mustafa",
    "Ahmet",
    "Ali",
    "Hüseyin",
    "Hasan",
    "İbrahim",
    "Murat",
    "Emre",
    "Yusuf",
    "Ömer",
    "Serkan",
]
TR_GIVEN_F = ["Fatma", "Ayşe", "Emine", "Hatice", "Zeynep", "Elif", "Meryem", "Esra", "Özlem"]
TR_FAMILY = [
    "Yılmaz",
    "Kaya",
    "Demir",
    "Şahin",
    "Çelik",
    "Yıldız",
    "Yıldırım",
    "Öztürk",
    "Aydın",
    "Özdemir",
    "Arslan",
    "Doğan",
    "Kılıç",
    "Aslan",
]

CULTURES = {"SYR": 14, "AFG": 14, "UKR": 18, "ROU": 18, "POL": 10, "HUN": 8, "ERI": 6, "TUR": 6, "IRQ": 6}


def plain(text: str) -> str:
    text = text.translate(str.maketrans({"ł": "l", "Ł": "L", "ı": "i", "İ": "I"}))
    return unicodedata.normalize(
        "NFC", "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    )


def typo(text: str, rng: random.Random) -> str:
    if len(text) < 4:
        return text + text[-1]
    i = rng.randrange(1, len(text) - 2)
    kind = rng.choice(("swap", "double", "drop", "replace"))
    if kind == "swap" and text[i] != text[i + 1]:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if kind == "drop":
        return text[:i] + text[i + 1 :]
    if kind == "replace":
        return text[:i] + rng.choice("aeiounrst") + text[i + 1 :]
    return text[:i] + text[i] + text[i:]


class Name:
    """A name with its canonical spelling, variants and original script."""

    def __init__(self, latin: str, original: str = "", variants: tuple[str, ...] = ()):
        self.latin, self.original, self.variants = latin, original, variants


def _table(rows) -> list[Name]:
    return [Name(latin, original, tuple(v.split())) for latin, original, v in rows]


def _cyrillic(words) -> list[Name]:
    out = []
    for w in words:
        forms = [translit(w, s) for s in UK_SYSTEMS]
        out.append(Name(forms[0], w, tuple(dict.fromkeys(forms[1:]))))
    return out


def _latin(words, variants=None) -> list[Name]:
    out = []
    for w in words:
        vs = [plain(w)] if plain(w) != w else []
        if variants and w in variants:
            vs.append(variants[w])
        if "ș" in w or "ț" in w or "Ș" in w or "Ț" in w:
            vs.append(w.translate(str.maketrans("șțȘȚ", "şţŞŢ")))
        out.append(Name(w, "", tuple(vs)))
    return out


TABLES = {
    "SYR": (_table(ARABIC_GIVEN_M), _table(ARABIC_GIVEN_F), _table(ARABIC_FAMILY)),
    "IRQ": (_table(ARABIC_GIVEN_M), _table(ARABIC_GIVEN_F), _table(ARABIC_FAMILY)),
    "AFG": (_table(PERSIAN_GIVEN_M), _table(PERSIAN_GIVEN_F), _table(PERSIAN_FAMILY)),
    "UKR": (_cyrillic(UK_GIVEN_M), _cyrillic(UK_GIVEN_F), _cyrillic(UK_FAMILY)),
    "ROU": (_latin(RO_GIVEN_M), _latin(RO_GIVEN_F), _latin(RO_FAMILY)),
    "POL": (_latin(PL_GIVEN_M), _latin(PL_GIVEN_F), _latin(PL_FAMILY)),
    "HUN": (_latin(HU_GIVEN_M), _latin(HU_GIVEN_F), _latin(HU_FAMILY)),
    "TUR": (_latin(TR_GIVEN_M), _latin(TR_GIVEN_F), _latin(TR_FAMILY)),
    "ERI": (_latin(ER_GIVEN_M, ER_VARIANTS), _latin(ER_GIVEN_F, ER_VARIANTS), []),
}
YEAR_ONLY = {"AFG": 0.45, "ERI": 0.5, "IRQ": 0.15, "SYR": 0.08}


class Generator:
    def __init__(self, seed: int = 1) -> None:
        self.rng = random.Random(seed)
        self.n = 0
        self.records: list[Record] = []
        self.entity: dict[str, int] = {}
        self.names: dict[str, tuple] = {}
        self.entities = 0

    def _id(self) -> str:
        self.n += 1
        return f"p{self.n:07d}"

    def _date(self, nat: str, year: int) -> tuple[int | None, int | None, int | None]:
        if self.rng.random() < YEAR_ONLY.get(nat, 0.02):
            return year, None, None
        return year, self.rng.randint(1, 12), self.rng.randint(1, 28)

    def _add(self, entity: int, record: Record, given: Name, family: Name | None, nat: str) -> None:
        self.records.append(record)
        self.entity[record.id] = entity
        self.names[record.id] = (given, family, nat)

    def person(self, nat: str, sex: str, given: Name, family: Name | None, date) -> Record:
        self.entities += 1
        if family is None and nat == "ERI":
            father = self.rng.choice(TABLES["ERI"][0])
            family_text = ""
            given_text = f"{given.latin} {father.latin}"
        else:
            given_text, family_text = given.latin, family.latin if family else ""
        record = Record(self._id(), given_text, family_text, *date, sex, (nat,))
        self._add(self.entities, record, given, family, nat)
        return record

    def culture(self) -> str:
        return self.rng.choices(list(CULTURES), list(CULTURES.values()))[0]

    def draw(self, nat: str, sex: str):
        male, female, family = TABLES[nat]
        given = self.rng.choice(male if sex == "M" else female)
        fam = self.rng.choice(family) if family else None
        if nat == "UKR" and fam and sex == "F" and fam.original.endswith("ський"):
            pass
        return given, fam

    def generate(self, persons: int, duplicate_share: float = 0.3) -> list[Record]:
        rng = self.rng
        originals: list[Record] = []
        while len(originals) < persons:
            nat = self.culture()
            roll = rng.random()
            if roll < 0.12:  # siblings
                _, fam = self.draw(nat, "M")
                for _ in range(rng.randint(2, 4)):
                    sex = rng.choice("MF")
                    given, _ = self.draw(nat, sex)
                    originals.append(self.person(nat, sex, given, fam, self._date(nat, rng.randint(1990, 2015))))
            elif roll < 0.16:  # twins: same date, different given names
                _, fam = self.draw(nat, "M")
                date = (rng.randint(1990, 2015), rng.randint(1, 12), rng.randint(1, 28))
                names = set()
                for _ in range(2):
                    sex = rng.choice("MF")
                    given, _ = self.draw(nat, sex)
                    if given.latin in names:
                        continue
                    names.add(given.latin)
                    originals.append(self.person(nat, sex, given, fam, date))
            elif roll < 0.19 and nat in ("SYR", "AFG", "IRQ", "TUR"):  # father and son of the same name
                given, fam = self.draw(nat, "M")
                year = rng.randint(1950, 1975)
                originals.append(self.person(nat, "M", given, fam, self._date(nat, year)))
                originals.append(self.person(nat, "M", given, fam, self._date(nat, year + rng.randint(20, 35))))
            elif roll < 0.23 and nat in ("AFG", "SYR"):  # namesakes with the year only
                given, fam = self.draw(nat, "M")
                year = rng.randint(1985, 2000)
                for _ in range(rng.randint(2, 4)):
                    originals.append(self.person(nat, "M", given, fam, (year, None, None)))
            else:
                sex = rng.choice("MF")
                given, fam = self.draw(nat, sex)
                originals.append(self.person(nat, sex, given, fam, self._date(nat, rng.randint(1950, 2015))))
        for record in originals[:]:
            if rng.random() < duplicate_share:
                for _ in range(1 if rng.random() < 0.8 else 2):
                    self.duplicate(record)
        return self.records

    def spell(self, name: Name | None) -> str:
        if name is None:
            return ""
        rng = self.rng
        roll = rng.random()
        if roll < 0.45 and name.variants:
            return rng.choice(name.variants)
        if roll < 0.55:
            return name.latin.upper()
        if roll < 0.62 and name.original:
            return name.original
        return name.latin

    def duplicate(self, record: Record) -> Record:
        rng = self.rng
        given, family, nat = self.names[record.id]
        given_text = self.spell(given)
        if record.given_names != given.latin:  # Eritrean: given + father's name
            rest = record.given_names.split(" ", 1)[1]
            given_text = f"{given_text} {rest}"
        family_text = self.spell(family)
        year, month, day = record.birth_year, record.birth_month, record.birth_day
        changes = rng.sample(
            [
                "swap_names",
                "father",
                "no_family",
                "placeholder",
                "daymonth",
                "year",
                "typo_given",
                "typo_family",
                "none",
                "none",
                "none",
                "no_nationality",
                "hungarian",
            ],
            k=rng.randint(0, 2),
        )
        for change in changes:
            if change == "swap_names" or (change == "hungarian" and nat == "HUN"):
                given_text, family_text = family_text, given_text
            elif change == "hungarian" and family_text:
                given_text, family_text = f"{family_text} {given_text}", ""
            elif change == "father" and nat in ("SYR", "AFG", "IRQ") and family_text:
                father = self.rng.choice(TABLES[nat][0])
                given_text = f"{given_text} {father.latin}"
            elif change == "no_family" and nat in ("SYR", "AFG", "IRQ", "ERI"):
                family_text = ""
            elif (change == "placeholder" and month is not None) or (
                change == "placeholder" and month is None and year is not None
            ):
                month = day = 1
            elif change == "daymonth" and month is not None and day is not None and day <= 12:
                month, day = day, month
            elif change == "year" and year is not None and month is not None:
                year += rng.choice((-1, 1))
            elif change == "typo_given" and given_text and not _foreign(given_text):
                given_text = typo(given_text, rng)
            elif change == "typo_family" and family_text and not _foreign(family_text):
                family_text = typo(family_text, rng)
        if not given_text and not family_text:
            given_text = given.latin
        nats = () if "no_nationality" in changes else record.nationalities
        dup = replace(
            record,
            id=self._id(),
            given_names=given_text,
            family_name=family_text,
            birth_year=year,
            birth_month=month,
            birth_day=day,
            nationalities=nats,
        )
        self._add(self.entity[record.id], dup, given, family, nat)
        return dup

    def true_pairs(self) -> set[tuple[str, str]]:
        by_entity: dict[int, list[str]] = {}
        for rid, e in self.entity.items():
            by_entity.setdefault(e, []).append(rid)
        pairs = set()
        for ids in by_entity.values():
            ids.sort()
            for i in range(len(ids)):
                for j in range(i + 1, len(ids)):
                    pairs.add((ids[i], ids[j]))
        return pairs


def _foreign(text: str) -> bool:
    return any(ord(c) > 0x3FF for c in text)


def evaluate(persons: int = 2000, seed: int = 1, show: int = 0) -> dict:
    from kurzweg.people.matching.engine import find_duplicates

    gen = Generator(seed)
    records = gen.generate(persons)
    truth = gen.true_pairs()
    start = time.perf_counter()
    found = {(a, b): s for a, b, s in find_duplicates(records, workers=1)}
    seconds = time.perf_counter() - start
    tp = sum(1 for p in found if p in truth)
    precision = tp / len(found) if found else 1.0
    recall = tp / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    if show:
        by_id = {r.id: r for r in records}
        print("false positives:")
        for p in [p for p in found if p not in truth][:show]:
            print(" ", found[p], by_id[p[0]], "\n   ", by_id[p[1]])
        print("missed:")
        for p in [p for p in truth if p not in found][:show]:
            print(" ", by_id[p[0]], "\n   ", by_id[p[1]])
    return {
        "records": len(records),
        "true_pairs": len(truth),
        "found": len(found),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "seconds": seconds,
    }


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    show = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    print(evaluate(n, show=show))
