# ruff: noqa: E501 - texts read best as one line per field
"""The service texts in Turkish, translated from the German texts in content.py. Official
German terms that newcomers meet on letters follow in brackets."""

from .base import Text

# fmt: off
TEXTS: dict[str, Text] = {
    "abh-aufenthalt": Text(
        "Yabancılar Dairesi (Ausländerbehörde) oturum izninizi (Aufenthaltserlaubnis) verir veya uzatır. Zamanında gelin; en geç izninizin süresi dolmadan dört hafta önce.",
        "AB ülkesi, İzlanda, Lihtenştayn, Norveç veya İsviçre vatandaşı olmayan ve Almanya'da daha uzun süre kalmak isteyen herkes için.",
        "Pasaport veya pasaport yerine geçen belge\nGüncel biyometrik vesikalık fotoğraf\nMevcut oturum izniniz\nİkamet belgesi (kira sözleşmesi veya ev sahibi onayı, Wohnungsgeberbestätigung)\nGelir belgesi veya yardım kararı\nSağlık sigortası belgesi",
        "Genellikle 100 euro, uzatma için 93 ile 98 euro arası. Çocuklar ve sosyal yardım alan kişiler için daha ucuz veya ücretsiz.",
    ),
    "abh-fiktion": Text(
        "Başvurunuz hakkında henüz karar verilmediyse geçici bir belge (Fiktionsbescheinigung) alırsınız. Bu belge, Almanya'da kalmaya devam edebileceğinizi gösterir.",
        "Oturum izni için zamanında başvurmuş ve hâlâ kararı bekleyen herkes için.",
        "Pasaport veya pasaport yerine geçen belge\nMevcut oturum izniniz\nBaşvurunuzun alındığına dair onay, varsa",
        "13 euro.",
    ),
    "abh-ausweis": Text(
        "Pasaportunuz yok ve alamıyor musunuz? Yabancılar Dairesi size bir seyahat belgesi (Reiseausweis) veya kimlik yerine geçen bir belge (Ausweisersatz) düzenleyebilir.",
        "Tanınmış mülteciler, vatansız kişiler ve kendi ülkesinden pasaport alamadığını kanıtlayabilen kişiler için.",
        "Federal Göç ve Mülteciler Dairesi'nin (BAMF) kararı, varsa\nGüncel biyometrik vesikalık fotoğraf\nEski pasaport veya diğer kimlik belgeleri, varsa\nPasaport almaya çalıştığınızı gösteren belgeler",
        "Mülteciler için seyahat belgesi: 70 euro (24 yaş altı: 45 euro). Kimlik yerine geçen belge: 30 euro.",
    ),
    "abh-eat": Text(
        "Elektronik oturum izniniz (kart) hazır. Kartı bizzat teslim alır ve bu sırada PIN kodunuzu belirlersiniz.",
        "Kartının teslime hazır olduğuna dair mektup almış herkes için.",
        "Pasaport veya pasaport yerine geçen belge\nPIN kodunun bulunduğu mektup (PIN-Brief)\nMevcut oturum izniniz veya geçici belge (Fiktionsbescheinigung)",
        "Yok; ücreti başvuru sırasında ödediniz.",
    ),
    "asylblg-antrag": Text(
        "İltica süreciniz boyunca Sığınmacılara Yardım Yasası (Asylbewerberleistungsgesetz) kapsamında yiyecek, giyim, barınma ve sağlık için yardım alırsınız.",
        "Sığınmacılar, sınır dışı edilmesi ertelenmiş kişiler (Duldung) ve Bürgergeld hakkı olmayan, ilçede (Landkreis) yaşayan diğer kişiler için.",
        "İltica süreci için oturma müsaadesi (Aufenthaltsgestattung), sınır dışı erteleme belgesi (Duldung) veya varış belgesi (Ankunftsnachweis)\nPasaport veya diğer kimlik belgeleri, varsa\nBanka hesabınız (IBAN), varsa\nGelir ve mal varlığı belgeleri, varsa",
        "Ücretsiz.",
    ),
    "asylblg-auszahlung": Text(
        "Ödemeleriniz ve kararlarınız (Bescheide) hakkında sorular; değişikliklerin bildirilmesi (örneğin yeni adres veya iş).",
        "Sığınmacılara Yardım Yasası kapsamında zaten yardım alan herkes için.",
        "İltica süreci için oturma müsaadesi (Aufenthaltsgestattung) veya sınır dışı erteleme belgesi (Duldung)\nHakkında sorunuz olan karar\nDeğişikliklere ilişkin belgeler",
        "Ücretsiz.",
    ),
    "unterkunft-wohnen": Text(
        "Konaklama yönetimi size toplu konaklama yerinde veya bir dairede yer verir; taşınmada ve konakladığınız yerdeki sorunlarda yardımcı olur.",
        "İlçenin (Landkreis) barındırdığı mülteciler için.",
        "İltica süreci için oturma müsaadesi (Aufenthaltsgestattung), sınır dışı erteleme belgesi (Duldung) veya oturum izni (Aufenthaltserlaubnis)\nYerleştirme kararı (Zuweisungsbescheid), varsa",
        "Konaklama için bir ücret alınabilir; bu ücret çoğu zaman yardımlardan ödenir.",
    ),
    "integration-beratung": Text(
        "Uyum danışmanlığı sonraki adımlarınızı planlamanıza yardım eder: dil, iş, konut, aile. Sizi doğru kurumlarla buluşturur.",
        "Tüm yeni gelenler için, özellikle ilk yıllarda.",
        "Kimlik kartı veya oturum belgesi\nHakkında sorunuz olan mektuplar ve kararlar",
        "Danışmanlık ücretsiz ve gizlidir.",
    ),
    "jobcenter-antrag": Text(
        "Jobcenter, çalışabildiğiniz halde geliriniz geçiminize yetmiyorsa Bürgergeld (vatandaşlık parası) öder. Ayrıca iş bulmanıza da yardımcı olur.",
        "15 yaş ile emeklilik yaşı arasında olan, çalışma izni bulunan ve çalışabilen kişiler, örneğin tanınmış mülteciler, ve aileleri için.",
        "Pasaport ve oturum izni veya geçici belge (Fiktionsbescheinigung)\nKira sözleşmesi ve kira giderlerine ilişkin belge\nSon üç aya ait banka hesap dökümleri\nGelir belgeleri (örneğin maaş bordrosu)\nBAMF kararı, varsa",
        "Ücretsiz.",
    ),
    "jobcenter-unterlagen": Text(
        "Jobcenter için belgelerinizi teslim edin. Teslim alındığına dair bir onay alırsınız.",
        "Bürgergeld alan veya Bürgergeld için başvurmuş herkes için.",
        "Jobcenter'ın sizden istediği belgeler\nJobcenter'ın mektubu, varsa",
        "Ücretsiz.",
    ),
    "jobcenter-vermittlung": Text(
        "İş danışmanınızla birlikte iş, meslek eğitimi (Ausbildung) veya mesleki ileri eğitim ararsınız.",
        "Bürgergeld alan ve iş arayan herkes için. Sadece randevuyla.",
        "Özgeçmiş (CV), varsa\nDiplomalar ve niteliklerinizi gösteren belgeler\nJobcenter'ın davet mektubu",
        "Ücretsiz.",
    ),
    "afa-arbeitslos": Text(
        "İş Ajansı'na (Agentur für Arbeit) iş arayan veya işsiz olarak kaydolun. Orada iş aramanızda yardım alırsınız ve hakkınız varsa işsizlik parası (Arbeitslosengeld) alırsınız.",
        "İş arayan veya işi yakında sona erecek olan herkes için. İşiniz bitmeden en geç üç ay önce kaydolun.",
        "Pasaport ve oturum izni (AB vatandaşları: kimlik kartı veya pasaport)\nFesih bildirimi veya iş sözleşmesi, varsa\nÖzgeçmiş (CV), varsa",
        "Ücretsiz.",
    ),
    "afa-berufsberatung": Text(
        "Meslek danışmanlığı, size uygun bir meslek eğitimi, üniversite eğitimi veya meslek seçmenize yardımcı olur.",
        "Mesleki yönelim arayan gençler ve yetişkinler için. Sadece randevuyla.",
        "Okul karneleri ve diplomalar, varsa\nÖzgeçmiş (CV), varsa",
        "Ücretsiz.",
    ),
    "wirtschaft-gewerbe": Text(
        "Kendi işinizi kurmak veya bir ticari işletme (Gewerbe) kaydettirmek mi istiyorsunuz? Ekonomi Dairesi size kuruluş, teşvikler ve izinler konusunda danışmanlık yapar.",
        "Bir işletme kurmak isteyen herkes için. Oturum izninizin serbest çalışmaya izin vermesi gerekir. Sadece randevuyla.",
        "Pasaport ve oturum izni\nİş fikriniz, mümkünse yazılı olarak",
        "Danışmanlık: ücretsiz. Ticari işletme kaydı (Gewerbeanmeldung): 20 ile 40 euro arası.",
    ),
    "jugendamt-beratung": Text(
        "Gençlik Dairesi (Jugendamt) ailelere çocuk yetiştirme, aile içi sorunlar ve çocuklar ile gençlere yönelik destekler konusunda danışmanlık yapar.",
        "Ebeveynler, çocuklar ve gençler için. Danışmanlık gizlidir.",
        "Kimlik kartı veya oturum belgesi\nÇocukların doğum belgeleri, varsa",
        "Ücretsiz.",
    ),
    "vhs-kurs": Text(
        "Halk Eğitim Merkezi (Volkshochschule) bir uyum kursu (Integrationskurs) veya dil kursu bulmanıza yardım eder ve kaydınızı yapar.",
        "Almanca öğrenmek isteyen herkes için. Bazı kişiler uyum kursuna katılmakla yükümlüdür.",
        "Kimlik kartı veya oturum belgesi\nKatılım hakkı belgesi (Berechtigungsschein) veya uyum kursu yükümlülüğü, varsa",
        "Uyum kursu: ders saati başına 2,29 euro; Bürgergeld, sığınmacı yardımı alanlar veya düşük gelirliler için ücretsiz.",
    ),
    "vhs-einstufung": Text(
        "Seviye tespit sınavında ne kadar Almanca bildiğinizi belirleriz; böylece size uygun kursa katılırsınız.",
        "Bir dil kursuna veya uyum kursuna kaydolmuş herkes için. Sadece randevuyla; sınav yaklaşık 45 dakika sürer.",
        "Kimlik kartı veya oturum belgesi\nRandevu onayı",
        "Ücretsiz.",
    ),
    "bildung-schule": Text(
        "Eğitim koordinasyonu, çocuğunuz için okulda veya kreşte (Kita) yer bulmanıza yardım eder.",
        "Çocuklu aileler için. Almanya'da altı yaşından itibaren tüm çocuklar okula gitmek zorundadır.",
        "Çocukların kimlik veya oturum belgeleri\nDoğum belgeleri, varsa\nÖnceki okullardan karneler, varsa\nÇocukların aşı kartı",
        "Okul: ücretsiz. Kreş: gelire göre veli katkı payı, çoğu zaman karşılanır.",
    ),
    "bildung-anerkennung": Text(
        "Yurt dışında aldığınız okul, meslek veya üniversite diplomanızın denkliğini aldırın. Hangi kurumun yetkili olduğunu size söyler ve başvuruda yardımcı oluruz.",
        "Yurt dışından diploması olan herkes için.",
        "Diplomalar ve belgeler (asılları ve fotokopileri)\nTercümeler, varsa\nÖzgeçmiş (CV)\nİş deneyiminizi gösteren belgeler, varsa",
        "Danışmanlık: ücretsiz. Denklik işlemi mesleğe göre 100 ile 600 euro arasında tutar; çoğu zaman destek alınabilir.",
    ),
    "sport-verein": Text(
        "İlçe Spor Birliği (Kreissportbund), size yakın bir spor kulübü bulmanıza yardım eder; çocuklar ve yetişkinler için.",
        "Spor yapmak ve yeni insanlarla tanışmak isteyen herkes için.",
        "Özel bir şey gerekmez.",
        "Danışmanlık: ücretsiz. Çocuklar için kulüp aidatı çoğu zaman karşılanır (eğitim ve katılım yardımı, Bildung und Teilhabe).",
    ),
    "ehrenamt-hilfe": Text(
        "Gönüllüler randevularınıza size eşlik eder, tercümanlık yapar ve günlük hayatta yardım eder. Bir gönüllü rehber (mentor) başlangıcı sizin için kolaylaştırabilir.",
        "Refakat, tercüman veya gönüllü rehber arayan herkes için.",
        "Özel bir şey gerekmez.",
        "Ücretsiz.",
    ),
}
# fmt: on
