"""The story and nothing else, on hand-written pages in six languages and scripts.

Each page carries the furniture real news sites put around and inside a story
(cookie banners, menus, share bars, "read also" boxes, advertising labels,
related and most-read teasers, newsletter boxes, comments, footers), with
class names in the page's own language where sites do that.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

import clipper
from tests.conftest import page_bytes


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    paragraphs: tuple[str, ...]
    furniture: tuple[str, ...]


GERMAN = Page(
    "content_de.html",
    "https://www.example.de/wirtschaft/energie/waermespeicher-leipzig",
    (
        "Die Leipziger Stadtwerke haben am Montag mit dem Bau eines Wärmespeichers begonnen, "
        "der nach Angaben des Unternehmens der größte seiner Art in Sachsen werden soll. Der 55 "
        "Meter hohe Tank am Südwestkraftwerk fasst rund 44.000 Kubikmeter Wasser.",
        "Der Speicher soll überschüssige Wärme aus Blockheizkraftwerken und künftig auch aus "
        "Solarthermie aufnehmen und bei Bedarf in das Fernwärmenetz abgeben. So lasse sich der "
        "Betrieb der Anlagen vom Verbrauch entkoppeln, sagte Geschäftsführer Thomas Brandt.",
        "Millionen aus dem Bundesprogramm",
        "Die Kosten beziffern die Stadtwerke auf 38 Millionen Euro, knapp ein Drittel davon "
        "trägt das Bundesförderprogramm für effiziente Wärmenetze. Die Inbetriebnahme ist für "
        "den Winter 2026 geplant.",
        "„Ohne Speicher bleibt die Wärmewende Stückwerk“, sagte Brandt bei der Grundsteinlegung.",
        "Umweltverbände begrüßten das Vorhaben, mahnten aber einen schnelleren Ausstieg aus dem "
        "Erdgas an. Die Stadtwerke wollen bis 2038 vollständig auf fossile Brennstoffe in der "
        "Wärmeerzeugung verzichten.",
    ),
    (
        "Cookies", "Alle akzeptieren", "Politik", "Startseite", "Energiewende", "Katrin Vogel",
        "Teilen", "Twittern", "Fundamente", "Anzeige", "Lesen Sie auch", "Fernwärme wird teurer",
        "Schlagworte", "Newsletter", "Postfach", "Meistgelesen", "A38", "Kommentare",
        "Heizer64", "Grundgebühr", "Impressum", "GmbH",
    ),
)  # fmt: skip

FRENCH = Page(
    "content_fr.html",
    "https://www.example.fr/lyon/rues-scolaires",
    (
        "Depuis la rentrée, six rues bordant des écoles du 7e arrondissement sont interdites à la "
        "circulation aux heures d'entrée et de sortie des classes. La municipalité veut étendre "
        "le dispositif à une vingtaine d'établissements d'ici à la fin de l'année scolaire.",
        "Concrètement, des barrières amovibles sont installées chaque matin par des agents de la "
        "ville, entre 8 heures et 8 h 45, puis de nouveau l'après-midi. Les riverains peuvent "
        "circuler, mais à allure réduite et en présence des agents.",
        "« Les parents nous disaient qu'ils n'osaient plus laisser leurs enfants venir seuls à "
        "pied », explique l'adjointe chargée de l'éducation, qui assure que les premiers retours "
        "sont très positifs.",
        "Certains commerçants dénoncent toutefois une baisse de fréquentation et réclament des "
        "aménagements pour les livraisons, qui doivent désormais être effectuées en dehors des "
        "créneaux de fermeture.",
    ),
    (
        "cookies", "Accepter", "Actualité", "S'abonner", "Claire Dumont", "Publié le",
        "Partager", "Copier le lien", "À lire aussi", "Pistes cyclables", "Publicité",
        "Abonnez-vous", "Sur le même sujet", "Zone à faibles émissions",
        "Tramway T10", "Commentaires", "Marc69", "Mentions légales", "Tous droits réservés",
    ),
)  # fmt: skip

SPANISH = Page(
    "content_es.html",
    "https://www.example.es/valencia/turia-bano",
    (
        "El Ayuntamiento de Valencia abrirá el próximo 1 de julio una zona de baño en el antiguo "
        "cauce del río Turia, junto al puente de las Flores. Será la primera vez en más de "
        "sesenta años que los vecinos podrán bañarse en el jardín que atraviesa la ciudad.",
        "La piscina natural, de unos 2.000 metros cuadrados, se alimenta con agua depurada de la "
        "acequia de Rovella y cuenta con un sistema de filtrado biológico mediante plantas "
        "acuáticas que evita el uso de cloro.",
        "El aforo estará limitado a 400 personas por turno y será necesario reservar plaza a "
        "través de la aplicación municipal. El acceso será gratuito para los empadronados en la "
        "ciudad y costará tres euros para el resto de visitantes.",
        "Los técnicos municipales realizarán análisis diarios de la calidad del agua, cuyos "
        "resultados se publicarán en un panel situado a la entrada del recinto y en la página "
        "web del consistorio.",
        "La alcaldesa ha defendido que el proyecto forma parte de la estrategia para adaptar la "
        "ciudad a las olas de calor, cada vez más frecuentes e intensas en el litoral "
        "mediterráneo.",
    ),
    (
        "cookies", "Suscríbete", "Lucía Ferrer", "WhatsApp", "Te puede interesar",
        "cumple 40 años", "Ayuntamiento de Valencia\n", "Noticias relacionadas", "bandera azul",
        "Aviso naranja", "Lo más leído", "Valencia CF", "boletín", "comentarios", "Pepe_V",
        "Aviso legal",
    ),
)  # fmt: skip

RUSSIAN = Page(
    "content_ru.html",
    "https://www.example.ru/culture/2024/05/biblioteka",
    (
        "В центре Казани начала работу цифровая библиотека, в которой нет ни одной бумажной "
        "книги: читателям предлагают электронные издания, аудиокниги и доступ к научным базам "
        "данных.",
        "Библиотека разместилась в отреставрированном здании бывшей типографии на улице Баумана. "
        "В читальном зале установлено 120 рабочих мест с компьютерами и планшетами, а также "
        "кабины для прослушивания аудиокниг.",
        "По словам директора учреждения Ильдара Сафина, фонд библиотеки насчитывает более 300 "
        "тысяч электронных изданий на русском, татарском и английском языках. Читательский "
        "билет можно оформить по паспорту или через портал госуслуг.",
        "Отдельный зал отведён для школьников: здесь проходят занятия по программированию и "
        "медиаграмотности. Записаться на них можно бесплатно на сайте библиотеки.",
        "Проект обошёлся городскому бюджету в 210 миллионов рублей. В мэрии рассчитывают, что в "
        "течение первого года библиотеку посетят не менее 50 тысяч человек.",
    ),
    (
        "cookie", "Понятно", "Новости", "Анна Захарова", "просмотр", "ВКонтакте",
        "Читайте также", "Ночь музеев", "Реклама", "Подписывайтесь", "Telegram",
        "Новости по теме", "Театр имени Камала", "Комментарии", "Рустем", "Самое читаемое",
        "Кремлёвской", "Все права защищены",
    ),
)  # fmt: skip

CHINESE = Page(
    "content_zh.html",
    "https://www.example.cn/news/2024/0820/metro12.html",
    (
        "8月19日上午，随着最后一段盾构区间顺利接收，杭州地铁12号线实现全线“洞通”。这条线路全长约"
        "35公里，共设车站19座，是连接城西科创大走廊与钱塘新区的重要通道。",
        "据杭州市地铁集团介绍，12号线采用六节编组A型车，最高运行速度每小时100公里。线路开通后，"
        "从未来科技城到杭州东站的通勤时间将缩短至40分钟左右。",
        "目前，全线已进入轨道铺设和设备安装阶段。施工方表示，将在确保质量和安全的前提下加快推进"
        "后续工程，力争年底前具备开通运营条件。",
        "此外，12号线沿线多个站点将与既有线路实现换乘，其中在火车东站可与1号线、4号线和6号线换乘，"
        "进一步完善城市轨道交通网络。",
    ),
    (
        "首页", "登录", "正文", "来源", "作者", "分享到", "微信", "责任编辑",
        "版权声明", "相关新闻", "票价调整", "网友评论", "杭漂小王", "热门推荐", "西湖景区",
        "扫码关注", "版权所有",
    ),
)  # fmt: skip

ARABIC = Page(
    "content_ar.html",
    "https://www.example.jo/economy/2024/04/aqaba-desalination",
    (
        "افتتحت وزارة المياه والري الأردنية، اليوم الثلاثاء، أكبر محطة لتحلية المياه تعمل "
        "بالطاقة الشمسية في المملكة، في منطقة العقبة جنوبي البلاد، بطاقة إنتاجية تبلغ خمسين ألف "
        "متر مكعب يوميا.",
        "وقال وزير المياه في كلمة خلال حفل الافتتاح إن المحطة ستغطي احتياجات أكثر من ثلاثمئة ألف "
        "نسمة، وستخفف الضغط على المياه الجوفية التي تعاني من استنزاف متزايد منذ سنوات.",
        "وتعتمد المحطة على حقل من الألواح الشمسية بقدرة ثلاثين ميغاواط، ما يقلل تكلفة إنتاج "
        "المتر المكعب بنحو الثلث مقارنة بالمحطات التي تعمل بالوقود التقليدي، بحسب بيان الوزارة.",
        "ويعد الأردن من أفقر دول العالم في الموارد المائية، إذ لا تتجاوز حصة الفرد السنوية من "
        "المياه مئة متر مكعب، وهو أقل بكثير من خط الفقر المائي المعتمد دوليا.",
    ),
    (
        "ملفات تعريف الارتباط", "محليات", "الرئيسية", "سارة الخطيب", "فيسبوك", "اقرأ أيضا",
        "خطة لخفض الفاقد", "الكلمات المفتاحية", "النشرة البريدية", "التعليقات", "أبو محمد",
        "الأكثر قراءة", "النشامى", "جميع الحقوق محفوظة",
    ),
)  # fmt: skip

PAGES = [GERMAN, FRENCH, SPANISH, RUSSIAN, CHINESE, ARABIC]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_the_body_is_the_story_paragraphs_exactly(page: Page) -> None:
    article = clipper.extract(page_bytes(page.name), url=page.url)
    assert article.text == "\n\n".join(page.paragraphs)


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_no_furniture_in_text_or_markdown(page: Page) -> None:
    article = clipper.extract(page_bytes(page.name), url=page.url)
    for fragment in page.furniture:
        assert fragment not in article.text, fragment
        assert fragment not in article.markdown, fragment


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_text_and_bytes_give_the_same_article(page: Page) -> None:
    raw = page_bytes(page.name)
    assert clipper.extract(raw, url=page.url) == clipper.extract(raw.decode(), url=page.url)


def test_story_subheading_and_quote_keep_their_markup() -> None:
    article = clipper.extract(page_bytes(GERMAN.name), url=GERMAN.url)
    assert "\n\n## Millionen aus dem Bundesprogramm\n\n" in article.markdown
    assert "\n\n> „Ohne Speicher bleibt die Wärmewende Stückwerk“" in article.markdown


def test_captions_stay_with_their_pictures_in_markdown_only() -> None:
    # A <figcaption>, and a centred line under a picture ending in a photo credit.
    french = clipper.extract(page_bytes(FRENCH.name), url=FRENCH.url)
    assert (
        "![Une barrière devant une école](https://img.example.fr/rue-scolaire.jpg)\\\n"
        "*Une barrière ferme la rue Pasteur aux heures d'entrée en classe. "
        "Photo : Le Courrier du Rhône*"
    ) in french.markdown
    assert "Une barrière ferme" not in french.text
    chinese = clipper.extract(page_bytes(CHINESE.name), url=CHINESE.url)
    assert (
        "![盾构机顺利出洞](https://img.example.cn/metro12.jpg)\\\n*盾构机顺利出洞。记者 李明 摄*"
    ) in chinese.markdown
    assert "记者" not in chinese.text


def test_a_page_drawn_by_javascript_falls_back_to_its_declared_article_body() -> None:
    paragraphs = [
        "The regional parliament voted on Thursday to extend the night train service between "
        "the two capitals until at least 2030, after months of negotiations over its cost.",
        "The operator said it would add two sleeping cars per train from the spring and keep "
        "fares at their current level for passengers under 26.",
        "Opposition members argued that the money would be better spent on local lines, but "
        "the motion passed with a clear majority.",
    ]
    declared = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Night trains extended until 2030",
        "articleBody": "\n".join(paragraphs),
    }
    html = (
        "<html><head><title>Night trains extended until 2030</title>"
        f'<script type="application/ld+json">{json.dumps(declared)}</script></head>'
        '<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>'
        '<div id="app">Loading…</div><footer>© Example News</footer></body></html>'
    )
    article = clipper.extract(html, url="https://news.example.org/trains")
    assert article.text == "\n\n".join(paragraphs)
    assert article.markdown == "\n\n".join(paragraphs)


def test_a_lead_repeated_as_a_teaser_above_the_story_is_dropped() -> None:
    lead = (
        "Heavy snow closed the mountain pass for the third time this week, stranding dozens of "
        "lorries on both sides of the border overnight."
    )
    html = (
        "<html><body><main><h1>Pass closed again</h1>"
        f"<div class='standfirst'><p>{lead.replace(',', '')}</p></div>"
        "<div class='body'>"
        f"<p>{lead}</p>"
        "<p>Police said the road would reopen once snowploughs had cleared the upper section, "
        "which could take until Saturday morning.</p>"
        "<p>Drivers were advised to use the coastal route, which adds about two hours.</p>"
        "<p>Hauliers have asked for a heated waiting area at the foot of the pass.</p>"
        "</div></main></body></html>"
    )
    article = clipper.extract(html, url="https://example.org/pass")
    assert article.text.startswith(lead)
    assert article.text.count("stranding dozens of lorries") == 1


@pytest.mark.parametrize(
    ("page", "title", "author", "published", "site", "language"),
    [
        (GERMAN, "Stadtwerke Leipzig bauen größten Wärmespeicher Sachsens", "Katrin Vogel",
         "2024-03-12T08:15:00+01:00", "Mitteldeutsche Rundschau", "de"),
        (FRENCH, "À Lyon, la ville teste des rues scolaires fermées aux voitures",
         "Claire Dumont", "2023-10-04T07:30:00", "Le Courrier du Rhône", "fr"),
        # The date stands in the byline itself: "Lucía Ferrer · Valencia · 15 jun 2024 - 10:42".
        (SPANISH, "Valencia recupera el cauce del Turia para el baño en verano", "Lucía Ferrer",
         "2024-06-15T10:42:00", "Diario del Levante", "es"),
        (RUSSIAN, "В Казани открыли первую в Поволжье библиотеку без книг", "Анна Захарова",
         "2024-05-18T14:05:00", "Волжские вести", "ru"),
        (CHINESE, "杭州地铁12号线全线贯通 预计年底开通运营", "陈静", "2024-08-20T09:32:00",
         "钱江晚报网", "zh-CN"),
        # The dateline starts with its place: "عمّان - سارة الخطيب" (Amman - the writer).
        (ARABIC, "افتتاح أكبر محطة لتحلية المياه بالطاقة الشمسية في الأردن", "سارة الخطيب",
         "2024-04-09T11:20:00", "الخبر اليوم", "ar"),
    ],
    ids=lambda value: value.name if isinstance(value, Page) else "",
)  # fmt: skip
def test_the_metadata_of_each_language(
    page: Page, title: str, author: str, published: str, site: str, language: str
) -> None:
    article = clipper.extract(page_bytes(page.name), url=page.url)
    assert (article.title, article.author, article.published) == (title, author, published)
    assert (article.site, article.language) == (site, language)


def _slides(count: int) -> str:
    """A gallery's slides, each opening with its counter and a caption of another story."""
    return "".join(
        f"<li><h2><span class='counter'>{i}/{count}</span> Market snapshot number {i}</h2>"
        f"<p>{CAPTIONS[i % len(CAPTIONS)]} (slide {i})</p></li>"
        for i in range(1, count + 1)
    )


CAPTIONS = (
    "Shares of a carmaker moved sharply after quarterly figures surprised analysts.",
    "A brewer said duty rises had left beer sales fragile after a devastating decade.",
    "Airport owners put a city runway up for sale, hoping to fetch two billion pounds.",
    "A fashion chain poached a rival's menswear chief to lead a push for male shoppers.",
    "Bus and rail operators paid the price for losing a string of franchises last year.",
    "A court quashed an insider trading case against seven aircraft executives on Monday.",
    "Drama and football helped a broadcaster record its best growth in eleven years.",
    "Retail sales fell unexpectedly as households cut purchases of cars and other goods.",
)


STORY_PARAGRAPHS = (
    "Hotel owners rarely tell guests how often the blankets are washed, and two consultants "
    "who advise chains on their operations say the answer is less often than most would hope.",
    "Duvet covers are changed between stays, they said, but the blankets underneath can go "
    "weeks without a wash, so travellers who worry should strip them off the bed at once.",
    "Minibars, for their part, almost always lose money for the hotel despite their prices, "
    "because stocking and checking them costs staff time in every room every single day.",
    "Wall-mounted hairdryers carry more germs than anything else in the room, according to "
    "one study, perhaps because housekeepers forget to wipe them when they clean the room.",
    "Rooms are priced by what they cost to build: a thousand dollars invested buys a dollar "
    "of the nightly rate, so a room that cost three hundred thousand sells for three hundred.",
    "Peepholes deserve a look too: one consultant checks that nobody has tampered with the "
    "door's and covers it with a piece of notepaper whenever he is not using it himself.",
    "Luggage racks made of wood can harbour bed bugs, so both men leave their bags on the "
    "hard floor of the bathroom, where the insects find nowhere to hide from the light.",
    "None of this should put travellers off, they said; it should only make them look at "
    "their room with the eyes of the people who run the place, and ask for what they want.",
)


def test_a_gallery_set_into_a_story_is_left_out() -> None:
    # Its slides hold more prose than the story, and open with their counters ("3/12").
    before = "".join(f"<p>{text}</p>" for text in STORY_PARAGRAPHS[:4])
    after = "".join(f"<p>{text}</p>" for text in STORY_PARAGRAPHS[4:])
    html = (
        "<html><body><article><h1>Seven secrets hotel owners keep</h1>"
        f"<div class='text'>{before}"
        "<div class='gallery-widget'><h2>Business in pictures</h2>"
        f"<ul class='legends'>{_slides(40)}</ul></div>{after}</div>"
        "</article></body></html>"
    )
    article = clipper.extract(html, url="https://example.org/hotels")
    for text in STORY_PARAGRAPHS:
        assert text in article.text
    assert "Market snapshot" not in article.text
    assert "(slide " not in article.text


def test_a_gallery_under_a_line_of_introduction_is_the_page() -> None:
    html = (
        "<html><body><article><h1>The week in markets, in pictures</h1>"
        "<p>The week's trading, slide by slide.</p>"
        f"<ul class='legends'>{_slides(8)}</ul>"
        "</article></body></html>"
    )
    article = clipper.extract(html, url="https://example.org/markets")
    for i in range(1, 9):
        assert f"(slide {i})" in article.text
