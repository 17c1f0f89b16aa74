"""The boilerplate vocabulary: what tags, class/id names and short lines say.

Kept as data, apart from the code that applies it, so that adding a language
means adding words here (English, German, French, Spanish, Italian,
Portuguese, Dutch, Polish, Turkish, Russian, Chinese, Japanese and Arabic so
far).

- Class and id words match anywhere inside the lower-cased ``class`` and ``id``
  values (``_`` read as ``-``), so they are fragments, not whole names; they
  are compiled into prefix-sharing patterns and ``name_flags`` caches what a
  value says. The code never trusts a name alone to throw away most of a
  page's prose (see ``clipper.extraction.content``), so a name that happens
  to contain a fragment ("shared", "sidebar-layout") costs little.
- Line patterns are written in lower case and matched against
  ``text.lower()``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from clipper.extraction.dates import longest_first

# Elements that never hold article prose; removed before anything is measured
# (a <title> that strayed into the body is never shown either).
REMOVED_TAGS = (
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object",
    "embed", "button", "input", "select", "textarea", "option", "dialog", "nav",
    "aside", "footer", "menu", "link", "meta", "map", "audio", "video", "source",
    "frameset", "frame", "applet", "label", "datalist", "progress", "title",
)  # fmt: skip

# Hidden by the page itself (in a ``style`` attribute): never shown to a reader.
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")

# ARIA landmarks that are furniture by definition: the site's banner, its
# navigation, search and footer, and content complementary to the main one;
# and the widgets of a page's controls: menus and the choices of a picker.
FURNITURE_ROLES = frozenset(
    {
        "banner", "navigation", "search", "contentinfo", "complementary",
        "menu", "menubar", "menuitem", "menuitemradio", "menuitemcheckbox", "listbox", "option",
    }
)  # fmt: skip

_Trie = dict[str, "_Trie"]


def _alternation(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, factored as a trie.

    Python's ``re`` tries the branches of a flat alternation one by one at every
    position; sharing prefixes makes a search over a class attribute cost a
    handful of character tests instead of a few hundred.
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        if "" in node:  # a shorter word already matches: longer ones add nothing
            return ""
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return build(trie)


def _names(words: Iterable[str]) -> re.Pattern[str]:
    """Match ``words`` anywhere in a lower-cased class/id value."""
    return re.compile(_alternation(words))


# The schema.org type names in a microdata ``itemtype``.
SCHEMA_TYPE = re.compile(r"schema\.org/(\w+)", re.IGNORECASE)
# schema.org types of one post in a thread (microdata ``itemtype``, lower-cased
# names): the topic's opening post, its replies, a question and its answers.
POST_TYPES = frozenset({"discussionforumposting", "comment", "question", "answer"})

# Names of reader comments: furniture under a story, but the posts of a thread.
COMMENT_WORDS = ("comment", "komment", "comentario", "commento", "коммент", "评论", "留言", "تعليق")

# Names of page furniture, in many languages.
NEGATIVE_WORDS = (
    *COMMENT_WORDS,
    "share", "sharing", "social", "teilen", "partager", "compartir", "condividi", "поделит",
    "分享", "مشاركة", "related", "relacionad", "verwandt", "similaire", "correlat", "похож",
    "相关", "関連", "ذات-صلة", "recommend", "empfehl", "recomend", "raccomand", "рекоменд",
    "推荐", "おすすめ", "promo", "sponsor", "advert", "adslot", "ad-slot", "ad-unit",
    "adunit", "dfp-", "outbrain", "taboola", "zergnet", "werbung", "anzeige", "publicit",
    "pubblicit", "реклам", "广告", "إعلان", "footer", "fußzeile", "pied-de", "pie-de",
    "подвал", "页脚", "sidebar", "side-bar", "widget", "seitenleiste", "barre-lat",
    "сайдбар", "侧边", "newsletter", "subscri", "abonn", "suscri", "iscriz", "подпис",
    "订阅", "اشترك", "cookie", "consent", "gdpr", "datenschutz", "popular", "trending",
    "most-read", "mostread", "meistgelesen", "plus-lus", "mas-leido", "popolari", "популяр",
    "热门", "人気", "الأكثر", "breadcrumb", "pagination", "pager", "masthead", "menu",
    "navbar", "topbar", "toolbar", "skip-link", "modal", "popup", "overlay", "paywall",
    "login", "signin", "signup", "register", "teaser", "more-stories", "more-news",
    "read-more", "readmore", "weiterlesen", "lire-aussi", "leer-mas", "tag-list", "taglist",
    "lesen-sie-auch", "lesetipp", "mehr-zum-thema", "a-lire", "lee-tambien", "leia-tambem",
    "leggi-anche",
    "keywords", "author-bio", "bio-box", "disclaimer", "byline", "dateline", "timestamp",
    "caption", "credit", "print-only", "visually-hidden", "sr-only", "screen-reader",
    "offscreen", "reactie", "gerelateerd", "delen", "komentarz", "powiazane", "powiązane",
    "udostepnij", "yorum", "ilgili", "paylas", "paylaş", "reklam", "kommentti", "aiheeseen",
    "signatur", "read-also", "readalso", "also-read", "alsoread", "baca-juga", "bacajuga",
    "terkait", "berkaitan", "souvisejici", "kapcsolodo", "relatera", "relatere", "lien-quan",
    "lienquan", "tin-khac", "xem-them",
)  # fmt: skip
NEGATIVE = _names(NEGATIVE_WORDS)
# Short names that are furniture only as a whole part of a name ("ad-box", not "header").
NEGATIVE_PARTS = frozenset({"ad", "ads", "nav", "tag", "tags", "meta", "date", "hidden"})

# Names of whole areas that hold no story, even when they hold prose: a story
# found inside one of these is probably a comment or a teaser. Layout names
# such as "with-sidebar" are taken out first (``LAYOUT_NAMES``).
NEGATIVE_AREA = _names(
    (
        *COMMENT_WORDS,
        "disqus", "respond", "sidebar", "side-bar", "seitenleiste", "сайдбар", "侧边",
        "related", "relacionad", "verwandt", "similaire", "correlat", "похож",
        "相关", "関連", "recommend", "empfehl", "recomend", "raccomand", "рекоменд", "推荐",
        "outbrain", "taboola", "zergnet", "popular", "trending", "most-read", "mostread",
        "meistgelesen", "популяр", "热门", "footer", "newsletter", "cookie", "consent",
        "promo", "sponsor", "teaser", "more-stories", "more-news", "modal", "popup",
    )
)  # fmt: skip
LAYOUT_NAMES = re.compile(r"(?:with|has|no|one|two|left|right)-sidebars?|sidebar-layout")

# Names of elements that frame a picture: their short text is a caption.
MEDIA_NAMES = _names(
    (
        "image", "img", "photo", "picture", "figure", "media", "caption", "credit", "gallery",
        "slideshow", "foto", "bild", "imagen", "immagine", "фото", "图片", "صورة",
    )
)  # fmt: skip

# Posts the story quotes from elsewhere (an embedded tweet): part of the story,
# even in a wrapper named "social".
EMBED_NAMES = _names(
    (
        "twitter-tweet", "instagram-media", "tiktok-embed", "twitter-embed", "tweet-embed",
        "instagram-embed", "embed-twitter", "embed-instagram", "embedded-tweet", "social-embed",
        "social-media-embed", "embed-social", "fb-post", "bluesky-embed", "mastodon-embed",
        "reddit-card", "threads-embed",
    )
)  # fmt: skip

POSITIVE = _names(
    (
        "article", "story", "content", "entry", "post", "text", "body", "main", "blog",
        "prose", "hentry", "h-entry", "artikel", "inhalt", "beitrag", "contenu", "texte",
        "contenido", "cuerpo", "contenuto", "corpo", "conteudo", "статья", "текст", "正文",
        "内容", "本文", "記事", "مقال", "محتوى", "نص",
    )
)  # fmt: skip

# Names that say "this is the story's body" with confidence.
BODY_NAMES = _names(
    (
        *(
            f"{first}{joint}{second}"
            for first, second in (
                ("article", "body"), ("article", "content"), ("article", "text"),
                ("story", "body"), ("story", "content"), ("story", "text"),
                ("entry", "content"), ("entry", "body"), ("post", "content"),
                ("post", "body"), ("post", "entry"), ("body", "text"), ("main", "text"),
                ("artikel", "text"), ("articulo", "texto"), ("texte", "article"),
                ("article", "texte"), ("news", "text"), ("text", "body"), ("rich", "text"),
                ("field", "body"), ("node", "body"), ("detail", "body"), ("content", "body"),
                ("news", "body"), ("item", "body"),
            )
            for joint in ("", "-", "--")
        ),
        "articlebody", "td-post-content",
    )
)  # fmt: skip


# The line patterns below are written in lower case and matched against
# ``text.lower()``: Python's IGNORECASE makes these alternations several times
# slower.

# "Read also" in the languages besides English: the one list of it, which the
# whole-line, heading and "Read also:" patterns below all use.
_READ_ALSO_PHRASES = (
    "baca juga", "lihat juga", "lesen sie auch", "lire aussi", "à lire aussi", "leia também",
    "lea también", "lee también", "leggi anche", "читайте также", "читайте також",
    "czytaj też", "czytaj także", "zobacz też", "zobacz także", "čtěte také", "lees ook",
    "läs också", "les også", "læs også", "lue myös", "διαβάστε επίσης", "διαβάστε ακόμα",
    "ayrıca okuyun", "đọc thêm", "xem thêm", "यह भी पढ़ें", "ये भी पढ़ें", "इसे भी पढ़ें",
    "আরও পড়ুন", "اقرأ أيضا", "اقرأ أيضاً", "اقرأ ايضا",
)  # fmt: skip
# Headings over other stories, in the languages the lists below do not spell out:
# "Berita Terkait", "İlgili Haberler" (lower-cased "i̇lgili", with a combining dot),
# "関連記事", "Σχετικά άρθρα".
_OTHER_STORIES_PHRASES = (
    *_READ_ALSO_PHRASES,
    "berita terkait", "artikel terkait", "berita lainnya", "terpopuler", "ilgili haberler",
    "i\u0307lgili haberler", "benzer haberler", "en çok okunan", "tin liên quan", "tin khác",
    "đọc nhiều", "powiązane artykuły", "najczęściej czytane", "související články",
    "nejčtenější", "gerelateerde artikelen", "meer nieuws", "meest gelezen",
    "relaterade artiklar", "mest lästa", "relaterede artikler", "mest læste",
    "relaterte artikler", "mest lest", "aiheeseen liittyvät", "luetuimmat", "σχετικά άρθρα",
    "δημοφιλέστερα", "схожі новини", "найпопулярніше", "関連記事", "関連ニュース",
    "あわせて読みたい", "人気記事", "관련기사", "관련 기사", "많이 본 뉴스", "اخبار مرتبط",
    "مطالب مرتبط", "پربازدیدترین", "כתבות נוספות", "כתבות קשורות", "kapcsolódó cikkek",
    "legolvasottabb", "articole similare", "cele mai citite", "সম্পর্কিত খবর",
    "ข่าวที่เกี่ยวข้อง", "संबंधित खबरें",
)  # fmt: skip
# An ad slot's label, share and comment buttons, "read on", in the same languages.
_BUTTON_PHRASES = (
    "reklama", "reklam", "reklame", "advertentie", "annonse", "annons", "iklan", "quảng cáo",
    "広告", "광고", "विज्ञापन", "διαφήμιση", "hirdetés", "publicitate", "mainos", "anuncio",
    "oglas", "publicidade", "bagikan", "udostępnij", "compartilhar", "compartilhe", "paylaş",
    "delen", "dela", "megosztás", "sdílet", "共有", "공유", "शेयर करें", "chia sẻ",
    "κοινοποίηση", "partajează", "komentar", "komentarze", "comentários", "comentarios",
    "yorumlar", "reacties", "kommentarer", "kommentare", "комментарии", "コメント", "댓글",
    "टिप्पणियाँ", "bình luận", "σχόλια", "hozzászólások", "komentáře", "kommentit", "commenti",
    "commentaires", "baca selengkapnya", "selengkapnya", "czytaj więcej", "czytaj dalej",
    "leia mais", "devamını oku", "lees meer", "läs mer", "lue lisää", "đọc tiếp", "続きを読む",
    "더보기", "और पढ़ें", "διαβάστε περισσότερα", "tovább", "citește mai mult",
    "continua a leggere",
)  # fmt: skip
# These lists are tried at the start of every short line of every story: as
# tries that match the longest phrase they can (``longest_first``), not flat
# alternations that ``re`` tries branch by branch.
_READ_ALSO = longest_first(_READ_ALSO_PHRASES)
_OTHER_STORIES = longest_first(_OTHER_STORIES_PHRASES)

# Short lines inside a story that are furniture, not prose: "Read more",
# "Advertisement", share prompts. Matched against a whole (short) block.
_FURNITURE_WORDS = (
    r"advertisements?|advertising|anzeige|werbung|publicité|publicidad|pubblicità|реклама"
    r"|广告|إعلان|sponsored|story continues below|article continues below"
    r"|continue reading|continues below|read more|read the full story|read full article"
    r"|see also|related(?: articles?| stories| content| coverage)?|more on this"
    r"|also read|also see|you may also like|recommended|share this(?: article| story)?"
    r"|share on \w+|share|tweet|email|print|comments?|leave a (?:comment|reply)"
    r"|sign up(?: for)?.*newsletter.*|subscribe(?: now| to .*)?|click here.*"
    r"|follow us.*|weiterlesen|mehr zum thema|auch interessant|teilen|lire la suite"
    r"|voir aussi|partager|leer más|ver también|compartir|te puede interesar|condividi"
    r"|читать далее|поделиться|подробнее|阅读更多|相关阅读|分享|اقرأ المزيد|شارك"
    # the same in more languages
    rf"|{longest_first((*_BUTTON_PHRASES, *_OTHER_STORIES_PHRASES))}"
    r"|advert|ad|promoted|sponsored content|text size|font size|learn more|more"
    r"|this (?:slideshow|video|content|embed) requires javascript.*"
    r"|(?:reading time|lesezeit|temps de lecture|tiempo de lectura|tempo de leitura"
    r"|tempo di lettura|время чтения|阅读时间)\W.*|\d+ min(?:ute)?s? read"
    # a line that is only an e-mail address, a link or a handle
    r"|[\w.+-]+@[\w-]+\.[\w.]+|(?:https?://|www\.)\S+|[\w.-]+\.(?:com|org|net)/\S*|@\w+"
    # the two states of a toggle, written side by side ("read less read more")
    r"|(?:read|show|see|view) (?:more|less)"
    # a page's own controls: a jump back up, a request for a rating
    r"|(?:back|return|jump|scroll) to (?:the )?top|rate this (?:page|article|post)"
    r"|skip to (?:the )?(?:main )?(?:content|navigation|menu)|skip navigation"
    r"|(?:was|is) this (?:page|article|post|answer|information) (?:helpful|useful)"
    # a post's tally of reactions ("2 Likes", "1 reaction")
    r"|\d[\d,.]*k? (?:likes?|reactions?|upvotes?)"
)
FURNITURE_LINE = re.compile(rf"^\W*(?:{_FURNITURE_WORDS})(?:\W+(?:{_FURNITURE_WORDS}))*\W*$")

# Short lines of a thread's furniture, printed with every post by forum
# software: the post's number, a tally of votes alone, the poster's profile
# (join date, post count, location, rank) and the note of an edit; and around
# the thread, the prompt to log in before answering, the button to ask a
# question and the heading of other questions.
THREAD_LINE = re.compile(
    r"^\W*(?:"
    r"#?[\d,.]+k?|original poster|thread starter|topic starter"
    r"|join(?:ed)?(?: date)?\W.*|(?:posts?|messages|reputation|reaction score|points|karma)"
    r"\W+[\d,.]+k?|location\W.*|level \d+|(?:last )?edited\b.*"
    r"|(?:you (?:must|need to|have to) |please )?(?:be )?"
    r"(?:log(?:ged)? ?in|sign(?:ed)? ?in|sign up|register(?:ed)?)"
    r"(?: or (?:log ?in|sign ?in|sign up|register))? to (?:answer|reply|post|comment|vote)\b.*"
    r"|ask (?:a |your )?question|(?:explore |see )?(?:other |more )?(?:related|similar|linked)"
    r" questions\b.*"
    r")\W*$"
)

# Starts of short lines that ask the reader to do something (subscribe, follow)
# or credit the desk rather than tell the story.
FURNITURE_PREFIX = re.compile(
    r"^\W*(?:"
    r"subscribe to (?:our|the)|sign up (?:for|to) (?:our|the)|follow us on|join us on|join our"
    r"|click here to|download (?:our|the) app|get (?:our|the) app"
    r"|abonnez-vous|suivez-nous|inscrivez-vous|abonnieren sie|folgen sie uns"
    r"|suscríbete|síguenos|regístrate|iscriviti|seguici|inscreva-se|siga-nos"
    r"|подписывайтесь|подпишитесь|следите за нами|читайте нас в"
    r"|关注我们|扫码关注|扫描二维码|责任编辑|原标题|编辑[:：]|来源[:：]"
    r"|تابعونا|اشترك في|للاشتراك"
    r"|assine (?:a )?nossa|cadastre-se|zapisz się do|obserwuj nas|subskrybuj"
    r"|meld je aan voor|meld u aan voor|schrijf je in voor|volg ons op|abonneer je"
    r"|prenumerera på|följ oss på|følg os på|følg oss på|tilmeld dig|meld deg på"
    r"|bizi takip edin|ikuti (?:kami|berita|update)|simak (?:breaking news|berita|video)"
    r"|dapatkan (?:update|berita)|gabung (?:di|ke) (?:grup|saluran|channel)"
    # "Read also:" before another story's headline, linked or not
    rf"|(?:read also|also read|read more|{_READ_ALSO})\s*[:：]"
    # filing and credit lines
    r"|filed under|tags?\s*:|tagged\s*:|categor(?:y|ies)\s*:|schlagw(?:o|ö)rte?\s*:"
    r"|étiquettes\s*:|etiquetas\s*:|теги\s*:|标签[:：]|©|copyright\b|click to"
    # the site's own cookie notice, in the first person
    r"|we (?:and our partners )?use cookies|(?:this|our) (?:web)?site uses cookies"
    r"|by (?:using|continuing to use|browsing) (?:our|this) (?:web)?site"
    r"|nous utilisons des cookies|wir verwenden cookies|utilizamos cookies|usamos cookies"
    r"|utilizziamo (?:i )?cookie|мы используем (?:файлы )?cookie"
    r")",
)

# Calls to action anywhere in a short line: "... Subscribe to our newsletter",
# "Follow her on Twitter", "can be reached at".
FURNITURE_CALL = re.compile(
    r"\b(?:subscribe to (?:our|the|[\w.]+['’]s) (?:\w+ )?newsletters?"
    r"|sign up (?:for|to) (?:our|the) (?:\w+ )?newsletters?"
    r"|follow (?:us|her|him|me|them|[\w@.]+(?: [\w@.]+)?) on"
    r" (?:twitter|facebook|instagram|linkedin|x|threads|bluesky|tiktok|youtube)"
    r"|(?:may|can) be reached at|have a (?:news )?tip\?"
    r"|abonnez-vous à notre|suivez-nous sur|abonnieren sie unseren|folgen sie uns auf"
    r"|suscríbete a nuestro|síguenos en|iscriviti alla nostra|seguici su|inscreva-se na nossa"
    r"|подписывайтесь на наш|подпишитесь на наш|关注我们的|تابعونا على"
    r"|assine (?:a )?nossa newsletter|do naszego newslettera|voor onze nieuwsbrief"
    r"|vårt nyhetsbrev|vores nyhedsbrev|bültenimize abone|abone olun"
    r"|di google news|(?:saluran|channel) whatsapp|whatsapp channel"
    # the desk's credits at the end of an agency story
    r"|contributed (?:to )?(?:this )?report|additional reporting by|(?:reporting|editing) by"
    r"|follow [\w@.']+(?: [\w@.']+)? (?:full )?coverage"
    r"|share (?:it|this)(?: story| article)? with (?:a|your) friends?"
    r"|(?:requires|enable) javascript)",
)

# A short line that only dates the story: "Updated at 1:23 p.m.",
# "05/10/2018 - Publicado por: ...", "sexta-feira, 22 de outubro de 2010 às 20:13".
DATE_LINE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|\b\d{1,2}[:h]\d{2}\b")
# ... or starts by saying when it was published or updated, full stop or not.
DATED_LINE = re.compile(
    r"^\W*(?:updated|published|posted|modified|aktualisiert|veröffentlicht|publié|mis à jour"
    r"|publicado|actualizado|atualizado|pubblicato|aggiornato|опубликовано|обновлено|发布|更新)\b",
)

# The end of a picture caption: a photo credit.
PHOTO_CREDIT = re.compile(
    r"(?:\b(?:photo|photograph|image|picture|credit|foto|bild|imagen|immagine|фото)s?"
    r"\s*(?:by|:|：|/)[^.!?]{0,60}"
    r"|\((?:image|photo|picture|credit|foto|bild)s?\s*:[^)]{0,60}\)"
    r"|(?:[/|©(]|\s[-–—]\s)\s*(?:getty(?: images)?|shutterstock|reuters|afp|ap(?: photo)?|epa"
    r"|dpa|imago|istock|alamy)\b[^.!?]{0,40}"
    r"|(?:摄|供图|资料图)|تصوير[^.]{0,40})[)\]\s]*$",
)

# Headings that introduce a section of furniture ("Related stories", "Most
# read"): matched at the start of a short heading.
FURNITURE_HEADING = re.compile(
    r"^\W*(?:"
    # whole headings of one word or two
    r"(?:related|recommended|trending|popular|tags?|topics?|comments?|replies|share"
    r"|newsletter|advertisement|sponsored|more|latest|mehr|plus|más|ещё|еще|更多|المزيد)"
    r"(?:\s+(?:news|stories|articles|posts|content|videos|now|for you))?[\W\d]*$"
    # phrases that start a heading
    r"|related (?:news|stories|articles|posts|content|coverage|links|reading|topics)"
    r"|more (?:from|on|in|to read|like this)|more(?: \w+){0,3} (?:stories|news|articles|posts)"
    r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested)"
    r"|most (?:read|popular|viewed|shared|emailed|recent)|latest (?:news|stories|articles|posts)"
    r"|top stories|around the web|from the web|(?:sponsored|promoted|partner) (?:stories|content)"
    r"|read (?:more|also|next)\b|see also|also read|what to read next|further reading"
    r"|(?:leave|post|add) a (?:comment|reply)|share (?:this|on)|follow us|sign up for"
    r"|subscribe to|filed under|das könnte|mehr zum thema|mehr aus|meistgelesen"
    r"|weitere artikel|sur le même sujet|les plus lus"
    r"|articles similaires|vous aimerez|dans la même rubrique|te puede interesar"
    r"|noticias relacionadas|lo más leído|más noticias|veja também"
    r"|você pode gostar|mais lidas|notícias relacionadas|potrebbe interessarti"
    r"|articoli correlati|i più letti|похожие (?:статьи|новости)"
    r"|популярное|новости по теме|самое читаемое|相关(?:阅读|文章|新闻)|热门(?:文章|新闻)"
    r"|推荐阅读|猜你喜欢|延伸阅读|ذات صلة|الأكثر قراءة"
    rf"|{_OTHER_STORIES}"
    r"|about the author|über den autor|über die autorin|à propos de l['’]auteur|sobre el autor"
    r"|sobre a autora?|sull['’]autore|об авторе|关于作者|عن الكاتب"
    r")",
)

# Elements whose text, on its own, is a whole block of the story.
BLOCK_TAGS = frozenset(
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "blockquote", "pre",
        "table", "figure", "img", "hr", "div", "section", "article", "main", "header",
        "li", "dt", "dd", "tr", "td", "th", "figcaption", "address", "details", "summary",
        "center", "form", "fieldset",
    }
)  # fmt: skip


NAME_NEGATIVE, NAME_AREA, NAME_POSITIVE, NAME_BODY, NAME_MEDIA, NAME_EMBED = 1, 2, 4, 8, 16, 32
_NAME_PARTS = re.compile(r"[-\s#]+")
_COMMENT = _names(COMMENT_WORDS)


def thread_flags(names: str) -> int:
    """``name_flags`` on a page that declares itself a thread (a forum topic, a
    question and its answers): there the "comments" are the posts, not furniture."""
    return name_flags(_COMMENT.sub(" ", names) if _COMMENT.search(names) else names)


# Utility classes (Tailwind and its kin) style an element; they say nothing of
# what it holds: "overflow-hidden" hides no element, and the words inside a
# variant ("data-[state=closed]:animate-accordion-up", "md:hidden") are the
# state of a widget or a screen size, not a name.
_UTILITY = re.compile(r"\S*[:\[]\S*|overflow(?:-[xy])?-hidden")


@lru_cache(maxsize=16384)
def name_flags(names: str) -> int:
    """What a lower-cased class/id value (``_`` read as ``-``) says, as ``NAME_*`` bits.

    Cached: the same few hundred names recur on every page of a site.
    """
    if ":" in names or "[" in names or "overflow" in names:
        names = _UTILITY.sub(" ", names)
    flags = 0
    if NEGATIVE.search(names) or not NEGATIVE_PARTS.isdisjoint(_NAME_PARTS.split(names)):
        flags |= NAME_NEGATIVE
    area_names = LAYOUT_NAMES.sub("", names) if "sidebar" in names else names
    if NEGATIVE_AREA.search(area_names):
        flags |= NAME_AREA
    if POSITIVE.search(names):
        flags |= NAME_POSITIVE
    if BODY_NAMES.search(names):
        flags |= NAME_BODY
    if MEDIA_NAMES.search(names):
        flags |= NAME_MEDIA
    if EMBED_NAMES.search(names):
        flags |= NAME_EMBED
    return flags
