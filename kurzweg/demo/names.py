"""Curated name tables for the demo where Faker has no usable locale: Faker's Arabic and Persian
locales give names in Arabic script only, and a passport needs the Latin spelling that goes with
them. Each row is "passport spelling | original script | other spellings offices produce".

Eritrean and Somali names have no family name in our sense: a person is "given name, father's
given name, grandfather's given name"; the generator builds them from the given-name tables.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    """One name (a given name or a family name) with its original script and known variants."""

    latin: str
    original: str = ""
    # (spelling, where it comes from); an empty note means "some other office or document".
    variants: tuple[tuple[str, str], ...] = ()


def _table(text: str) -> list[Part]:
    parts = []
    for line in text.strip().splitlines():
        latin, original, variants = (f.strip() for f in line.split("|"))
        parts.append(Part(latin, original, tuple((v.strip(), "") for v in variants.split(",") if v.strip())))
    return parts


ARABIC_MALE = _table("""
Mohammed | محمد | Muhammad, Mohamed, Mohammad, Muhammed
Ahmad | أحمد | Ahmed, Achmed
Mahmoud | محمود | Mahmud, Mahmood
Hussein | حسين | Husain, Hussain, Hussen
Hassan | حسن | Hasan
Ali | علي |
Omar | عمر | Umar
Khaled | خالد | Khalid, Chaled
Abdullah | عبدالله | Abdallah, Abd Allah
Youssef | يوسف | Yousef, Yusuf, Jusuf
Ibrahim | إبراهيم | Ebrahim, Ibraheem
Mustafa | مصطفى | Moustafa, Mostafa
Bilal | بلال |
Karim | كريم | Kareem
Walid | وليد | Waleed
Tarek | طارق | Tariq, Tarik
Jamal | جمال | Gamal, Dschamal
Majed | ماجد | Majid, Madschid
Yasser | ياسر | Yasir, Jasser
Ziad | زياد | Ziyad, Siad
Hamza | حمزة | Hamzah
Saleh | صالح | Salih
Abdulrahman | عبدالرحمن | Abdul Rahman, Abdelrahman, Abd al-Rahman
Osama | أسامة | Usama
Anas | أنس |
Fadi | فادي |
Rami | رامي |
Samer | سامر |
""")

ARABIC_FEMALE = _table("""
Fatima | فاطمة | Fatma, Fatimah
Aisha | عائشة | Aischa, Ayesha
Maryam | مريم | Mariam, Meryem
Nour | نور | Noor, Nur
Zainab | زينب | Zaynab, Zeinab
Layla | ليلى | Leila, Laila
Huda | هدى | Houda, Hoda
Yasmin | ياسمين | Yasmine, Jasmin
Khadija | خديجة | Khadidja, Chadidscha
Iman | إيمان | Eman
Asmaa | أسماء | Asma
Safaa | صفاء | Safa
Reem | ريم | Rim
Rasha | رشا | Rascha
Sara | سارة | Sarah
Rania | رانيا |
Amal | أمل |
Hala | هالة |
Samira | سميرة |
Lina | لينا |
Rana | رنا |
Salma | سلمى |
Ghada | غادة |
Dalia | داليا |
""")

ARABIC_FAMILY = _table("""
Al-Hassan | الحسن | Alhassan, Al Hasan, El-Hassan
Khalil | خليل | Chalil, Khaleel
Darwish | درويش | Darwisch, Derwisch
Al-Ahmad | الأحمد | Alahmad, Al Ahmed
Othman | عثمان | Osman, Uthman
Al-Sheikh | الشيخ | Sheikh, Scheich, Shaikh
Jaber | جابر | Djaber, Dschaber
Al-Najjar | النجار | Najjar, Alnajjar, Nadschar
Mansour | منصور | Mansur
Al-Kurdi | الكردي | Kurdi, Alkurdi
Al-Masri | المصري | Almasri, El-Masri
Qassem | قاسم | Kassem, Qasim, Kasim
Suleiman | سليمان | Sulaiman, Sleiman
Al-Ali | العلي | Alali
Hammoud | حمود | Hamoud
Al-Khatib | الخطيب | Alkhatib, El-Khatib
Al-Hamwi | الحموي | Alhamwi, Al Hamawi
Haddad | حداد |
Hamdan | حمدان |
Ibrahim | إبراهيم | Ebrahim
Mohammed | محمد | Muhammad, Mohamed
Hussein | حسين | Husain, Hussain
""")

IRAQI_FAMILY = _table("""
Al-Jubouri | الجبوري | Al-Juburi, Aljbouri, Al Jabouri
Al-Obaidi | العبيدي | Al-Ubaidi, Alobaidi
Al-Tamimi | التميمي | Altamimi, At-Tamimi
Al-Dulaimi | الدليمي | Aldulaimi, Al-Dulaymi
Al-Saadi | السعدي | Alsaadi, Al-Sadi
Khudhur | خضر | Khodr, Chudur
""")

PERSIAN_MALE = _table("""
Mohammad | محمد | Mohammed, Muhammad, Mohamad
Ahmad | احمد | Ahmed, Achmad
Ali | علی |
Reza | رضا | Resa, Riza
Hamid | حمید | Chamid, Hameed
Javad | جواد | Jawad, Dschawad
Sayed | سید | Seyed, Said, Sayyed
Habib | حبیب | Habeeb
Mustafa | مصطفی | Mostafa
Rahim | رحیم | Rachim, Raheem
Jamshid | جمشید | Dschamschid, Jamsheed
Farid | فرید | Fareed
Nasir | ناصر | Naser, Nasser
Wahid | وحید | Vahid
Shafiq | شفیق | Schafik, Shafik
Omid | امید | Umed, Omed
Mahdi | مهدی | Mehdi
Hussain | حسین | Hossein, Hussein, Husain
Zabiullah | ذبیح الله | Zabihullah, Sabiullah
Rahmatullah | رحمت الله | Rahmatollah, Rachmatullah
""")

PERSIAN_FEMALE = _table("""
Fatema | فاطمه | Fatima, Fatemeh
Zahra | زهرا | Sahra, Zehra
Maryam | مریم | Mariam
Masooma | معصومه | Masuma, Masoumeh
Shabnam | شبنم | Schabnam
Nilofar | نیلوفر | Nilufar, Niloufar
Parwin | پروین | Parvin, Parween
Khadija | خدیجه | Chadidscha, Khadidja
Farzana | فرزانه | Farsana, Farzaneh
Sakina | سکینه | Sakineh
Soraya | ثریا | Suraya, Soraja
Freshta | فرشته | Fereshteh, Freschta
Habiba | حبیبه | Habibe
Nazanin | نازنین |
Mina | مینا |
""")

PERSIAN_FAMILY = _table("""
Jafari | جعفری | Dschafari, Djafari, Jaafari, Jafary
Ahmadi | احمدی | Achmadi, Ahmady
Mohammadi | محمدی | Mohamadi, Muhammadi
Hosseini | حسینی | Husseini, Hoseini, Hussaini
Rahimi | رحیمی | Rachimi, Raheemi
Karimi | کریمی | Karimy
Sultani | سلطانی | Soltani
Haidari | حیدری | Heidari, Haydari
Rezaei | رضایی | Rezai, Resai, Rezaie
Noorzai | نورزی | Nurzai, Noorzay
Wardak | وردک | Wardag
Stanikzai | ستانکزی | Stanekzai
Amiri | امیری | Emiri
Nazari | نظری | Nasari
Azizi | عزیزی | Asisi
Rasuli | رسولی | Rasouli, Rassuli
Akbari | اکبری | Akbary
Popal | پوپل |
Sadat | سادات |
Safi | صافی |
""")

# Tigrinya names in the Latin spelling of Eritrean documents; Ge'ez script is left out.
ERITREAN_MALE = _table("""
Yonas | | Jonas, Yonass
Dawit | | Dawid, Davit
Tesfay | | Tesfai, Tesfaye
Filmon | | Filemon, Philmon
Yohannes | | Johannes, Yohanes
Mehari | | Mihari
Habtom | | Habtum
Kidane | | Kidana
Tekle | | Tecle
Amanuel | | Emanuel, Amanual
Merhawi | | Mirhawi
Goitom | | Goytom
Berhane | | Berhani
Gebremedhin | | Ghebremedhin, Gebre Medhin
Weldemichael | | Woldemichael, Welde Michael
Tesfamariam | | Tesfa Mariam
Haile | | Hayle
Negash | | Negasi
""")

ERITREAN_FEMALE = _table("""
Helen | | Hellen
Selam | | Salam
Saba | |
Mebrat | | Mibrat
Almaz | | Almas
Yordanos | | Jordanos
Senait | | Senayt
Luwam | | Lwam
Freweyni | | Fraweini
Winta | |
Semhar | |
Hiwet | | Hiwot
""")

# Somali names in Somali orthography have their own spellings (x for the Arabic ḥ, c for ʿayn).
SOMALI_MALE = _table("""
Abdirahman | | Cabdiraxmaan, Abdulrahman, Abdurahman
Mohamed | | Maxamed, Mohammed, Mahamed
Ahmed | | Axmed, Ahmad
Abdullahi | | Cabdullaahi, Abdulahi
Hassan | | Xasan, Hasan
Ali | | Cali
Omar | | Cumar
Abdikadir | | Cabdiqaadir, Abdulkadir
Yusuf | | Yuusuf
Ismail | | Ismaaciil
Mahad | |
Liban | | Liibaan
Farah | | Faarax
Hussein | | Xuseen, Husein
""")

SOMALI_FEMALE = _table("""
Hodan | | Xodan
Amina | | Aamina
Fadumo | | Faadumo, Fatuma, Fatima
Ayan | | Ayaan
Hawa | | Xaawo, Hawo
Asha | | Caasha, Aisha
Halimo | | Xaliimo, Halima
Ikran | | Ikraan
Nimco | | Nimo
Sagal | |
Ubah | | Ubax
Khadra | | Khadro
""")
