"""The language of a story that declares none, read from its letters and words."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import clipper
from clipper.extraction.language import detect_language

PROSE = {
    "en": "The harbour authority closed the port on Tuesday after the storm damaged two "
    "cranes. Officials said that repairs would take at least three weeks, and that ships "
    "were being sent to the northern terminal in the meantime. It is the second closure "
    "this year, and the workers are worried about their wages.",
    "de": "Die Hafenbehörde hat den Hafen am Dienstag geschlossen, nachdem der Sturm zwei "
    "Kräne beschädigt hatte. Die Reparatur wird nach Angaben der Stadt mindestens drei "
    "Wochen dauern, und die Schiffe werden in der Zeit zum nördlichen Terminal geschickt. "
    "Es ist nicht die erste Schließung in diesem Jahr, und die Arbeiter sind besorgt.",
    "fr": "L'autorité portuaire a fermé le port mardi après que la tempête a endommagé "
    "deux grues. Selon la ville, les réparations prendront au moins trois semaines, et les "
    "navires sont envoyés vers le terminal nord pendant ce temps. C'est la deuxième "
    "fermeture de l'année, et les dockers qui sont inquiets pour leurs salaires.",
    "es": "La autoridad portuaria cerró el puerto el martes después de que la tormenta "
    "dañara dos grúas. Según el ayuntamiento, las reparaciones durarán al menos tres "
    "semanas, y los barcos se envían a la terminal del norte mientras tanto. Es el segundo "
    "cierre del año y los trabajadores temen por sus salarios, pero no hay otra opción.",
    "pt": "A autoridade portuária fechou o porto na terça-feira depois que a tempestade "
    "danificou dois guindastes. Segundo a prefeitura, os reparos vão levar pelo menos três "
    "semanas, e os navios são enviados para o terminal do norte. Não é o primeiro "
    "fechamento do ano, e os trabalhadores das docas temem pelos salários.",
    "it": "L'autorità portuale ha chiuso il porto martedì dopo che la tempesta ha "
    "danneggiato due gru. Secondo il comune, le riparazioni richiederanno almeno tre "
    "settimane, e le navi sono dirottate verso il terminal nord. Non è la prima chiusura "
    "dell'anno, e anche i lavoratori della banchina sono preoccupati per gli stipendi.",
    "nl": "Het havenbedrijf heeft de haven dinsdag gesloten nadat de storm twee kranen had "
    "beschadigd. Volgens de gemeente zal het herstel minstens drie weken duren, en de "
    "schepen worden in de tussentijd naar de noordelijke terminal gestuurd. Het is niet de "
    "eerste sluiting van dit jaar, en ook de havenarbeiders zijn bezorgd.",
    "sv": "Hamnmyndigheten stängde hamnen på tisdagen efter att stormen skadat två kranar. "
    "Enligt kommunen kommer reparationerna att ta minst tre veckor, och fartygen skickas "
    "till den norra terminalen under tiden. Det är inte den första stängningen i år, och "
    "hamnarbetarna är oroliga för sina löner som har sjunkit.",
    "pl": "Zarząd portu zamknął we wtorek port, po tym jak burza uszkodziła dwa dźwigi. "
    "Według miasta naprawa potrwa co najmniej trzy tygodnie, a statki są w tym czasie "
    "kierowane do północnego terminalu. To nie jest pierwsze zamknięcie w tym roku i "
    "dokerzy obawiają się o swoje pensje, jak mówi ich związek.",
    "tr": "Liman idaresi, fırtınanın iki vinci hasara uğratmasının ardından salı günü "
    "limanı kapattı. Belediyeye göre onarım en az üç hafta sürecek ve bu süre içinde "
    "gemiler kuzey terminaline yönlendirilecek. Bu yıl ilk kapanma değil ve liman "
    "işçileri maaşları için çok endişeli, ama başka bir seçenek de yok.",
    "id": "Otoritas pelabuhan menutup pelabuhan pada hari Selasa setelah badai merusak dua "
    "derek. Menurut pemerintah kota, perbaikan akan memakan waktu setidaknya tiga minggu, "
    "dan kapal-kapal dialihkan ke terminal utara. Ini bukan penutupan yang pertama tahun "
    "ini, dan para pekerja juga khawatir karena upah mereka tidak dibayar.",
    "vi": "Cảng vụ đã đóng cửa cảng vào thứ Ba sau khi cơn bão làm hư hại hai cần cẩu. "
    "Theo thành phố, việc sửa chữa sẽ mất ít nhất ba tuần.",
    "ru": "Администрация порта во вторник закрыла порт после того, как шторм повредил два "
    "крана. Ремонт займёт не меньше трёх недель, и суда пока направляют на северный терминал.",
    "uk": "Адміністрація порту у вівторок закрила порт після того, як шторм пошкодив два "
    "крани. Ремонт триватиме щонайменше три тижні, і судна поки що йдуть до північного "
    "терміналу.",
    "bg": "Пристанищната администрация затвори пристанището във вторник след бурята.",
    "kk": "Порт әкімшілігі дауыл екі кранды зақымдағаннан кейін сейсенбі күні портты жапты. "
    "Жөндеу кемінде үш аптаға созылады.",
    "ar": "أغلقت سلطة الميناء الميناء يوم الثلاثاء بعد أن ألحقت العاصفة أضرارا برافعتين، "
    "وقالت البلدية إن الإصلاحات ستستغرق ثلاثة أسابيع على الأقل.",
    "fa": "اداره بندر روز سه شنبه پس از آنکه طوفان به دو جرثقیل آسیب رساند، بندر را بست. "
    "به گفته شهرداری تعمیرات دست کم سه هفته طول می کشد.",
    "ur": "بندرگاہ کی انتظامیہ نے منگل کو طوفان سے دو کرینوں کو نقصان پہنچنے کے بعد "
    "بندرگاہ بند کر دی۔ مرمت میں کم از کم تین ہفتے لگیں گے۔",
    "hi": "तूफान से दो क्रेन क्षतिग्रस्त होने के बाद बंदरगाह प्राधिकरण ने मंगलवार को "
    "बंदरगाह बंद कर दिया। मरम्मत में कम से कम तीन सप्ताह लगेंगे और जहाज़ उत्तरी टर्मिनल "
    "भेजे जा रहे हैं।",
    "ka": "ნავსადგურის ადმინისტრაციამ სამშაბათს ნავსადგური დახურა მას შემდეგ, რაც "
    "ქარიშხალმა ორი ამწე დააზიანა.",
    "hy": "Նավահանգստի վարչությունը երեքշաբթի փակեց նավահանգիստը այն բանից հետո, երբ "
    "փոթորիկը վնասեց երկու կռունկ։",
    "el": "Η λιμενική αρχή έκλεισε το λιμάνι την Τρίτη αφού η καταιγίδα κατέστρεψε δύο γερανούς.",
    "he": "רשות הנמל סגרה את הנמל ביום שלישי לאחר שהסערה פגעה בשני עגורנים והציפה את מחסני המכס.",
    "bn": "ঝড়ে দুটি ক্রেন ক্ষতিগ্রস্ত হওয়ার পর মঙ্গলবার বন্দর কর্তৃপক্ষ বন্দরটি বন্ধ করে দিয়েছে।",
    "ta": "புயல் இரண்டு கிரேன்களை சேதப்படுத்தியதை அடுத்து துறைமுக ஆணையம் செவ்வாய்க்கிழமை துறைமுகத்தை மூடியது.",
    "th": "การท่าเรือปิดท่าเรือเมื่อวันอังคารหลังจากพายุทำให้เครนสองตัวเสียหาย",
    "ja": "嵐で2台のクレーンが損傷したため、港湾当局は火曜日に港を閉鎖した。",
    "zh": "由于风暴损坏了两台起重机，港口管理局周二关闭了港口。修复工作至少需要三周。",
    "ko": "폭풍으로 크레인 두 대가 파손되자 항만 당국은 화요일 항구를 폐쇄했다.",
}


@pytest.mark.parametrize(("language", "text"), PROSE.items(), ids=list(PROSE))
def test_detect_language(language: str, text: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Storm closes the harbour",  # too short to tell
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
        "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud "
        "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.",
        # A shop's list: a few short words of many languages, no prose.
        "Behringer X Air XR18 £315 beyerdynamic DT-770 Pro 80 Ohm £133 Shure SE215 Pro CL "
        "£99 Behringer WING Compact £1,959 Sennheiser HD 600 £259 Rode NT1 5th Gen £199 "
        "Audio-Technica AT2020 £89 Yamaha HS8 £299 KRK Rokit 5 G4 £149",
        # Cyrillic with no letter one language alone writes (Serbian's "ј" is
        # Macedonian's too).
        "Лука је затворена у уторак, после олује која је оштетила две дизалице.",
    ],
)
def test_detect_language_names_none_without_clear_evidence(text: str) -> None:
    assert detect_language(text) is None


@pytest.mark.parametrize(
    ("declared", "prose", "language"),
    [
        ("", "de", "de"),  # none declared: the story's own
        (' lang="en-GB"', "en", "en-GB"),  # a declared one is kept, region and all
    ],
)
def test_a_pages_language(declared: str, prose: str, language: str) -> None:
    body = "".join(f"<p>{sentence}.</p>" for sentence in PROSE[prose].split(". "))
    html = (
        f"<html{declared}><head><title>Storm</title></head><body><article>"
        f"<h1>Storm</h1>{body}</article></body></html>"
    )
    assert clipper.extract(html, "https://example.org/a/b").language == language


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_detect_language_never_raises(text: str) -> None:
    found = detect_language(text)
    assert found is None or (found.isalpha() and found.islower() and 2 <= len(found) <= 3)
