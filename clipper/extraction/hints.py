"""The boilerplate vocabulary: what class and id names say about an element.

Kept as data, apart from the code that applies it, so that adding a language
means adding words here. Patterns match inside ``class``/``id`` values, so they
are word fragments, not whole names.
"""

from __future__ import annotations

import re

# Elements that never hold article prose.
REMOVED_TAGS = (
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object",
    "embed", "button", "input", "select", "textarea", "option", "dialog", "nav",
    "aside", "footer", "menu", "link", "meta",
)  # fmt: skip

# Names of page furniture in many languages.
NEGATIVE = re.compile(
    r"comment|komment|kommentar|commentaire|comentario|commento|коммент|评论|留言"
    r"|share|sharing|social|teilen|partager|compartir|condividi|поделит|分享"
    r"|related|relacionad|verwandt|similaire|correlat|похож|相关|関連"
    r"|recommend|empfehl|recomend|raccomand|рекоменд|推荐|おすすめ"
    r"|promo|sponsor|advert|(?:^|[-_ ])ads?(?:$|[-_ ])|adslot|banner|dfp|outbrain|taboola"
    r"|werbung|anzeige|publicit|реклам|广告"
    r"|footer|foot(?:$|[-_ ])|fußzeile|pied|pie-de|подвал|页脚"
    r"|sidebar|side-bar|widget|rail|aside|seitenleiste|barre-lat|lateral|сайдбар|侧边"
    r"|newsletter|subscribe|subscription|abonn|suscri|iscri|подпис|订阅"
    r"|cookie|consent|gdpr|datenschutz|privacy"
    r"|popular|trending|most-read|mostread|meistgelesen|plus-lus|mas-leido|popolari|популяр|热门|人気"
    r"|breadcrumb|pagination|pager|masthead|menu|navbar|(?:^|[-_ ])nav(?:$|[-_ ])|topbar|toolbar"
    r"|skip-link|print-only|modal|popup|overlay|paywall|login|signin|signup|register"
    r"|teaser|latest|more-stories|more-news|read-more|readmore|weiterlesen|lire-aussi|leer-mas"
    r"|(?:^|[-_ ])tags?(?:$|[-_ ])|keywords|author-bio|bio-box|disclaimer",
    re.IGNORECASE,
)

POSITIVE = re.compile(
    r"article|story|content|entry|post|text|body|main|blog|news-?item-?body|prose"
    r"|artikel|inhalt|beitrag|contenu|texte|contenido|cuerpo|contenuto|corpo|conteudo"
    r"|статья|текст|正文|内容|本文|記事",
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
