"""Birth places: the same city under its German name (exonym), its name in the passport and its
local name (Posen / Poznań, Halab / Aleppo). `place_key` maps a folded place name to one key per
city, so that the comparison sees one place where offices wrote two names; spelling variants
(Kharkiv / Charkiw) are left to the phonetic key and Jaro-Winkler in `compare`."""

from __future__ import annotations

from functools import lru_cache

from .normalize import fold
from .phonetic import skeleton

# One line per city: the names an office may write, the first one the key. Folded on load.
_CITIES = """
bucuresti / bukarest / bucharest
cluj napoca / klausenburg / cluj
timisoara / temeswar / temesvar
brasov / kronstadt
sibiu / hermannstadt
iasi / jassy
chisinau / kischinau / kischinew / kishinev
warszawa / warschau / warsaw
krakow / krakau / cracow
wroclaw / breslau
poznan / posen
szczecin / stettin
opole / oppeln
katowice / kattowitz
gdansk / danzig
lodz / lodsch
bialystok / belostok
kaliningrad / koenigsberg / konigsberg
lviv / lwiw / lemberg / lvov / lwow
kyiv / kiew / kiev
odesa / odessa
zaporizhzhia / saporischschja / zaporozhye / saporoschje
dnipro / dnipropetrovsk / dnepropetrowsk
moskva / moskau / moscow
sankt peterburg / sankt petersburg / saint petersburg / st petersburg
volgograd / wolgograd
aleppo / halab
damascus / damaskus / dimashq
deir ez zor / deir al zour / deir ez zour / dayr az zawr
al hasakah / hasaka / hasakah
qamishli / kamischli / qamishlo
latakia / latakija / lattakia
baghdad / bagdad
mosul / mossul
erbil / arbil / hawler
sulaymaniyah / sulaimaniyya / sulaymaniyya
kabul / kabol
mazar e sharif / masar e scharif
tehran / teheran
mogadishu / mogadischu / muqdisho
belgrad / beograd / belgrade
prag / praha / prague
pressburg / bratislava
"""


def _load() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in _CITIES.strip().splitlines():
        names = [fold(n) for n in line.split("/")]
        for name in names:
            table[name] = names[0]
    return table


_TABLE: dict[str, str] = {}


@lru_cache(maxsize=50_000)
def place_key(text: str) -> str:
    """A key for a birth place: the phonetic skeleton of its words, the same for the German and
    the local name of the cities in the table."""
    if not _TABLE:
        _TABLE.update(_load())
    folded = fold(text)
    folded = _TABLE.get(folded, folded)
    return "".join(skeleton(t) for t in folded.split())
