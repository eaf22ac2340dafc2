"""Naming by nationality: where given and family names come from, how the family name of a wife or
daughter is formed, and which other spellings of a name offices write down."""

from __future__ import annotations

import random
import zlib

from faker import Faker

from . import names as t
from . import spelling as s
from .names import Part

MALE, FEMALE = "M", "F"


def _words(text: str) -> list[str]:
    return text.split()


# Common names first: Faker's lists alone lean towards rare ones. A culture draws from these
# most of the time and from Faker for variety.
UK_MALE = _words("""Олександр Сергій Андрій Дмитро Микола Володимир Іван Михайло Юрій Олексій Максим Артем Богдан
    Віктор Ігор Олег Євген Василь Павло Денис""")
UK_FEMALE = _words("""Олена Наталія Юлія Ольга Тетяна Ірина Анна Марія Катерина Оксана Світлана Галина Людмила
    Вікторія Анастасія Дарина Софія""")
UK_FAMILY = _words("""Коваленко Шевченко Бондаренко Ткаченко Кравченко Мельник Бойко Ковальчук Олійник Шевчук
    Поліщук Лисенко Савченко Руденко Марченко Петренко Мороз Коваль Кравець Ковальов Вишневський Зайченко Гребенюк
    Тимошенко""")
# The Russian form by which many Ukrainians are also known (birth certificates before 1991).
UK_RUSSIAN_FORM = {
    cyrillic: forms.split(",")
    for cyrillic, forms in (
        item.split("=")
        for item in _words("""Олександр=Aleksandr,Alexander Сергій=Sergej,Sergey Андрій=Andrej,Andrey
            Дмитро=Dmitrij,Dmitriy Микола=Nikolaj,Nikolay Володимир=Wladimir,Vladimir Михайло=Michail,Mikhail
            Юрій=Juri,Yuriy Олексій=Alexej,Aleksey Максим=Maxim Артем=Artjom,Artyom Богдан=Bogdan Ігор=Igor
            Олег=Oleg Євген=Jewgeni,Evgeniy Василь=Wassili,Vasiliy Павло=Pawel,Pavel Олена=Jelena,Elena
            Наталія=Natalja,Natalya Юлія=Julia,Yulia Ольга=Olga Тетяна=Tatjana,Tatiana Ірина=Irina
            Катерина=Jekaterina,Ekaterina Світлана=Swetlana,Svetlana Галина=Galina Людмила=Ljudmila,Ludmila
            Анастасія=Anastasia""")
    )
}
BG_MALE = _words("""Георги Иван Димитър Николай Христо Петър Стоян Тодор Йордан Атанас Васил Красимир Живко
    Ангел Росен Емил""")
BG_FEMALE = _words("""Мария Иванка Елена Йорданка Пенка Десислава Радка Снежана Цветелина Даниела Гергана Виолета
    Стефка Анелия""")
BG_FAMILY = _words("""Иванов Георгиев Димитров Петров Николов Христов Стоянов Тодоров Илиев Василев Атанасов Петков
    Ангелов Колев Йорданов Цветков Маринов Костадинов Янков Митев Жечев""")
TR_MALE = _words("Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim Murat Emre Yusuf Ömer Serkan İsmail Osman Ramazan")
TR_FEMALE = _words("Fatma Ayşe Emine Hatice Zeynep Elif Meryem Şerife Sultan Esra Özlem Gülsüm Hülya")
TR_FAMILY = _words("""Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan
    Çetin Kara Koç Kurt Özkan Şimşek""")

OTHER_SPELLING_NOTES = [
    "Schreibweise im BAMF-Bescheid",
    "Schreibweise der Meldebehörde",
    "Schreibweise im Ankunftsnachweis",
    "Schreibweise der Krankenkasse",
    "Schreibweise in der Altakte",
]


class Culture:
    """Draws names; subclasses differ in where from and how they are spelt."""

    # Does the name pass from father to children as a family name (False: patronymic naming)?
    family_names = True
    # Does a wife take her husband's family name?
    wife_takes_name = True

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._fakers: dict[str, Faker] = {}

    def faker(self, locale: str) -> Faker:
        # One Faker per load and locale, seeded from the load's seed: the same seed gives the same names.
        if locale not in self._fakers:
            self._fakers[locale] = Faker(locale)
            self._fakers[locale].seed_instance(self.seed + zlib.crc32(locale.encode()))
        return self._fakers[locale]

    def given(self, rng: random.Random, sex: str) -> Part:
        raise NotImplementedError

    def family(self, rng: random.Random) -> Part:
        raise NotImplementedError

    def for_sex(self, family: Part, sex: str) -> Part:
        return family


class TableCulture(Culture):
    def __init__(
        self,
        seed: int,
        male: list[Part],
        female: list[Part],
        family: list[Part] | None = None,
        *,
        wife_takes_name: bool = False,
    ) -> None:
        super().__init__(seed)
        self.male, self.female, self.families = male, female, family
        self.family_names = family is not None
        self.wife_takes_name = wife_takes_name

    def given(self, rng: random.Random, sex: str) -> Part:
        return rng.choice(self.male if sex == MALE else self.female)

    def family(self, rng: random.Random) -> Part:
        # Without family names (Eritrea, Somalia) the "family name" is the father's given name.
        return rng.choice(self.families or self.male)


class CyrillicCulture(Culture):
    def __init__(self, seed: int, locale: str, common: tuple[list[str], list[str], list[str]]) -> None:
        super().__init__(seed)
        self.locale, (self.male, self.female, self.families) = locale, common

    def _draw(self, rng: random.Random, common: list[str], faker_method: str) -> str:
        if common and rng.random() < 0.75:
            return rng.choice(common)
        return getattr(self.faker(self.locale), faker_method)().split("-")[0].capitalize()

    def given(self, rng: random.Random, sex: str) -> Part:
        if sex == MALE:
            return self.part(self._draw(rng, self.male, "first_name_male"))
        return self.part(self._draw(rng, self.female, "first_name_female"))

    def family(self, rng: random.Random) -> Part:
        return self.part(self._draw(rng, self.families, "last_name_male"))

    def for_sex(self, family: Part, sex: str) -> Part:
        if sex == MALE or not family.original:
            return family
        name = family.original
        for male_ending, female_ending in (("ський", "ська"), ("цький", "цька"), ("ий", "а")):
            if name.endswith(male_ending):
                return self.part(name[: -len(male_ending)] + female_ending)
        if name.endswith(("ов", "ев", "єв", "ин", "ін")):
            return self.part(name + "а")
        return family

    def part(self, cyrillic: str) -> Part:
        if self.locale == "uk_UA":
            latin = s.transliterate(cyrillic, s.UK_PASSPORT, s.UK_PASSPORT_INITIAL)
            variants = [
                (s.transliterate(cyrillic, s.UK_OLD_PASSPORT), "Schreibweise im alten Reisepass"),
                (s.transliterate(cyrillic, s.UK_DUDEN), "Transliteration nach Duden (Meldebehörde)"),
                (s.transliterate(cyrillic, s.UK_SCHOLARLY), "wissenschaftliche Umschrift (Urkundenübersetzung)"),
            ]
            variants += [(r, "russische Namensform") for r in UK_RUSSIAN_FORM.get(cyrillic, [])]
        elif self.locale == "bg_BG":
            latin = s.transliterate(cyrillic, s.BG_OFFICIAL)
            variants = [
                (s.transliterate(cyrillic, s.BG_DUDEN), "Transliteration nach Duden (Meldebehörde)"),
                (s.transliterate(cyrillic, s.BG_ISO), "ISO-Umschrift (Urkundenübersetzung)"),
            ]
        else:
            latin = s.transliterate(cyrillic, s.RU_PASSPORT)
            variants = [(s.transliterate(cyrillic, s.RU_DUDEN), "Transliteration nach Duden (Meldebehörde)")]
        seen = {latin}
        unique = [(v, note) for v, note in variants if not (v in seen or seen.add(v))]  # type: ignore[func-returns-value]
        return Part(latin, cyrillic, tuple(unique))


class LatinCulture(Culture):
    """Names in Latin script from Faker (optionally with common names first); variants are the
    diacritics that other systems lose or re-encode."""

    def __init__(
        self,
        seed: int,
        locale: str,
        common: tuple[list[str], list[str], list[str]] | None = None,
        *,
        gendered: bool = False,
    ) -> None:
        super().__init__(seed)
        self.locale, self.common, self.gendered = locale, common, gendered

    def _draw(self, rng: random.Random, index: int, faker_method: str) -> str:
        if self.common and rng.random() < 0.7:
            return rng.choice(self.common[index])
        return getattr(self.faker(self.locale), faker_method)()

    def given(self, rng: random.Random, sex: str) -> Part:
        if sex == MALE:
            return self.part(self._draw(rng, 0, "first_name_male"))
        return self.part(self._draw(rng, 1, "first_name_female"))

    def family(self, rng: random.Random) -> Part:
        method = "last_name_male" if self.gendered else "last_name"
        return self.part(self._draw(rng, 2, method))

    def for_sex(self, family: Part, sex: str) -> Part:
        if not self.gendered or sex == MALE:
            return family
        for male_ending, female_ending in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
            if family.latin.endswith(male_ending):
                return self.part(family.latin[: -len(male_ending)] + female_ending)
        return family

    def part(self, name: str) -> Part:
        variants = []
        if self.locale == "ro_RO" and s.romanian_cedilla(name) != name:
            variants.append((s.romanian_cedilla(name), "Cedille statt Komma (ältere Software)"))
        if self.locale == "hu_HU" and s.hungarian_latin1(name) != name:
            variants.append((s.hungarian_latin1(name), "ő/ű als ö/ü (Zeichensatz)"))
        plain = s.without_diacritics(name)
        if self.locale in {"hu_HU", "tr_TR"} and s.without_diacritics(s.german_umlauts(name)) != plain:
            variants.append(
                (s.without_diacritics(s.german_umlauts(name)), "Umlaute ausgeschrieben (deutsches Altsystem)")
            )
        if plain != name:
            variants.append((plain, "ohne diakritische Zeichen (Fremdsystem)"))
        return Part(name, "", tuple(variants))


def cultures(seed: int) -> dict[str, Culture]:
    """One culture per nationality code (ISO 3166-1 alpha-3, XXA stateless, XXX unknown)."""
    arab = TableCulture(seed, t.ARABIC_MALE, t.ARABIC_FEMALE, t.ARABIC_FAMILY)
    persian = TableCulture(seed, t.PERSIAN_MALE, t.PERSIAN_FEMALE, t.PERSIAN_FAMILY)
    romanian = LatinCulture(seed, "ro_RO")
    return {
        "ROU": romanian,
        "MDA": romanian,
        "BGR": CyrillicCulture(seed, "bg_BG", (BG_MALE, BG_FEMALE, BG_FAMILY)),
        "POL": LatinCulture(seed, "pl_PL", gendered=True),
        "HUN": LatinCulture(seed, "hu_HU"),
        "UKR": CyrillicCulture(seed, "uk_UA", (UK_MALE, UK_FEMALE, UK_FAMILY)),
        "RUS": CyrillicCulture(seed, "ru_RU", ([], [], [])),
        "SYR": arab,
        "XXA": arab,
        "XXX": arab,
        "IRQ": TableCulture(seed, t.ARABIC_MALE, t.ARABIC_FEMALE, t.IRAQI_FAMILY + t.ARABIC_FAMILY),
        "AFG": persian,
        "IRN": persian,
        "ERI": TableCulture(seed, t.ERITREAN_MALE, t.ERITREAN_FEMALE),
        "SOM": TableCulture(seed, t.SOMALI_MALE, t.SOMALI_FEMALE),
        "TUR": LatinCulture(seed, "tr_TR", (TR_MALE, TR_FEMALE, TR_FAMILY)),
        "VNM": LatinCulture(seed, "vi_VN"),
        "NGA": LatinCulture(seed, "en_NG"),
    }
