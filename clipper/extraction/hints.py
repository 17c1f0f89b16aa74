"""The boilerplate vocabulary: what tags, class/id names and short lines say.

Kept as data, apart from the code that applies it, so that adding a language
means adding words here. Class and id patterns match inside the lower-cased
``class`` and ``id`` values, so they are word fragments, not whole names; the
code never trusts a name alone to throw away most of a page's prose (see
``clipper.extraction.content``), so a name that happens to contain a fragment
("shared", "sidebar-layout") costs little.
"""

from __future__ import annotations

import re

# Elements that never hold article prose; removed before anything is measured.
REMOVED_TAGS = (
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object",
    "embed", "button", "input", "select", "textarea", "option", "dialog", "nav",
    "aside", "footer", "menu", "link", "meta", "map", "audio", "video", "source",
    "frameset", "frame", "applet", "label", "datalist", "progress",
)  # fmt: skip

# Hidden by the page itself: never shown to a reader.
HIDDEN_SELECTOR = (
    '[hidden], [style*="display:none" i], [style*="display: none" i],'
    ' [style*="visibility:hidden" i], [style*="visibility: hidden" i]'
)

# Names of page furniture, in many languages.
NEGATIVE = re.compile(
    r"comment|komment|commentaire|comentario|commento|коммент|评论|留言|تعليق"
    r"|share|sharing|social|teilen|partager|compartir|condividi|поделит|分享|مشاركة"
    r"|related|relacionad|verwandt|similaire|correlat|похож|相关|関連|ذات-صلة"
    r"|recommend|empfehl|recomend|raccomand|рекоменд|推荐|おすすめ"
    r"|promo|sponsor|advert|(?:^|[-_ ])ads?(?:$|[-_ ])|adslot|ad-slot|ad-unit|adunit|dfp"
    r"|outbrain|taboola|zergnet|werbung|anzeige|publicit|pubblicit|реклам|广告|إعلان"
    r"|footer|fußzeile|pied-de|pie-de|подвал|页脚"
    r"|sidebar|side-bar|widget|seitenleiste|barre-lat|сайдбар|侧边"
    r"|newsletter|subscri|abonn|suscri|iscriz|подпис|订阅|اشترك"
    r"|cookie|consent|gdpr|datenschutz"
    r"|popular|trending|most-read|mostread|meistgelesen|plus-lus|mas-leido|popolari"
    r"|популяр|热门|人気|الأكثر"
    r"|breadcrumb|pagination|pager|masthead|menu|navbar|(?:^|[-_ ])nav(?:$|[-_ ])|topbar"
    r"|toolbar|skip-link|modal|popup|overlay|paywall|login|signin|signup|register"
    r"|teaser|more-stories|more-news|read-more|readmore|weiterlesen|lire-aussi|leer-mas"
    r"|(?:^|[-_ ])tags?(?:$|[-_ ])|tag-list|taglist|keywords|author-bio|bio-box|disclaimer"
    r"|byline|dateline|timestamp|(?:^|[-_ ])meta(?:$|[-_ ])|(?:^|[-_ ])date(?:$|[-_ ])"
    r"|caption|credit|print-only|(?:^| )(?:is-)?hidden(?:$| )|visually-hidden|sr-only|screen-reader"
    r"|offscreen",
    re.IGNORECASE,
)

# Names of whole areas that hold no story, even when they hold prose: a story
# found inside one of these is probably a comment or a teaser.
NEGATIVE_AREA = re.compile(
    r"comment|komment|commentaire|comentario|commento|коммент|评论|留言|تعليق|disqus|respond"
    r"|(?<!with-)(?<!has-)(?<!no-)(?<!one-)sidebar(?!-layout)|side-bar|seitenleiste|сайдбар"
    r"|侧边|widget|related|relacionad|verwandt|similaire|correlat|похож|相关|関連"
    r"|recommend|empfehl|recomend|raccomand|рекоменд|推荐|outbrain|taboola|zergnet"
    r"|popular|trending|most-read|mostread|meistgelesen|популяр|热门"
    r"|footer|newsletter|cookie|consent|promo|sponsor|teaser|more-stories|more-news",
    re.IGNORECASE,
)

# Names of elements that frame a picture: their short text is a caption.
MEDIA_NAMES = re.compile(
    r"image|img|photo|picture|figure|media|caption|credit|gallery|slideshow|foto|bild|imagen"
    r"|immagine|фото|图片|صورة",
    re.IGNORECASE,
)

POSITIVE = re.compile(
    r"article|story|content|entry|post|text|body|main|blog|prose|hentry|h-entry"
    r"|artikel|inhalt|beitrag|contenu|texte|contenido|cuerpo|contenuto|corpo|conteudo"
    r"|статья|текст|正文|内容|本文|記事|مقال|محتوى|نص",
    re.IGNORECASE,
)

# Names that say "this is the story's body" with confidence.
BODY_NAMES = re.compile(
    r"article-?body|article-?content|article-?text|articletext|story-?body|story-?content"
    r"|story-?text|entry-?content|post-?content|post-?body|post-?entry|entry-?body"
    r"|body-?text|bodytext|main-?text|article__body|article__content|story__body"
    r"|artikel-?text|articulo-?texto|texte-?article|article-?texte|news-?text|text-?body"
    r"|rich-?text|field-?body|td-post-content|node-?body|detail-?body|content-?body",
    re.IGNORECASE,
)

# Short lines inside a story that are furniture, not prose: "Read more",
# "Advertisement", share prompts. Matched against a whole (short) block.
FURNITURE_LINE = re.compile(
    r"^\W*(?:"
    r"advertisements?|advertising|anzeige|werbung|publicité|publicidad|pubblicità|реклама"
    r"|广告|إعلان|sponsored|story continues below|article continues below"
    r"|continue reading|continues below|read more|read the full story|read full article"
    r"|see also|related(?: articles?| stories| content| coverage)?|more on this"
    r"|also read|also see|you may also like|recommended|share this(?: article| story)?"
    r"|share on \w+|share|tweet|email|print|comments?|leave a (?:comment|reply)"
    r"|sign up(?: for)?.*newsletter.*|subscribe(?: now| to .*)?|click here.*"
    r"|follow us.*|weiterlesen|mehr zum thema|lesen sie auch|auch interessant|teilen"
    r"|lire aussi|lire la suite|à lire aussi|voir aussi|partager|leer más|lea también"
    r"|ver también|compartir|te puede interesar|leggi anche|condividi|читайте также"
    r"|читать далее|поделиться|подробнее|阅读更多|相关阅读|分享|اقرأ أيضا|اقرأ المزيد|شارك"
    r")\W*$",
    re.IGNORECASE,
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
    r"|weitere artikel|lesen sie auch|à lire aussi|lire aussi|sur le même sujet|les plus lus"
    r"|articles similaires|vous aimerez|dans la même rubrique|te puede interesar"
    r"|noticias relacionadas|lo más leído|más noticias|lee también|leia também|veja também"
    r"|você pode gostar|mais lidas|notícias relacionadas|potrebbe interessarti"
    r"|articoli correlati|i più letti|leggi anche|читайте также|похожие (?:статьи|новости)"
    r"|популярное|новости по теме|самое читаемое|相关(?:阅读|文章|新闻)|热门(?:文章|新闻)"
    r"|推荐阅读|猜你喜欢|延伸阅读|اقرأ أيضا|ذات صلة|الأكثر قراءة"
    r")",
    re.IGNORECASE,
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
