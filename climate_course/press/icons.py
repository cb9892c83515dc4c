"""The theme's Font Awesome icons as a small stylesheet instead of its 1.5 MB script.

The book theme loads ``fontawesome.js`` (every free icon, 543 KB gzipped) on every page to
turn a few ``<i class="fa-solid fa-bars">`` elements into SVG. After the build,
:func:`write_icon_css` finds every icon the built pages and their scripts name, takes
those icons' outlines from the theme's own ``fontawesome.js`` (the same Font Awesome
release, CC BY 4.0), and writes them as CSS masks: each icon is drawn in the text
colour, at the size and alignment Font Awesome gives it, with no script.

The theme's stylesheet also draws a few glyphs of the Font Awesome fonts itself (the admonition
icons, the source link's logo); :func:`subset_fonts` cuts those fonts down to these glyphs, so that
a page downloads a few kilobytes of font instead of 270 KB.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

SCRIPT = "scripts/fontawesome.js"  # the theme's copy, under _static/
CSS_NAME = "course-icons.css"
FONT_DIR = "vendor/fontawesome/webfonts"  # the theme's Font Awesome fonts, under _static/
# {name: [width, height, [aliases], unicode, "svg path"]} inside each style's block,
# which ends by registering the block under the style's prefix: d("fab", p).
_ICON = re.compile(r'(?:"([a-z0-9-]+)"|\b([a-z0-9]+)):\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]*","(M[^"]+)"\]')
_PACK = re.compile(r'\b[a-zA-Z]\("(fa[brs])",[a-zA-Z]\)')
STYLES = {"fa-solid": "fas", "fas": "fas", "fa-regular": "far", "far": "far", "fa-brands": "fab", "fab": "fab"}
_CLASSES = re.compile(r'class(?:Name|List)?\s*[=:]\s*\\?["\']([^"\'\\]*\bfa[a-z]*\b[^"\'\\]*)\\?["\']')
_FA_WORDS = re.compile(r"\bfa-[a-z0-9-]+\b|\bfa[brs]\b")
# Font Awesome's own sizes (from its stylesheet) for the size classes the theme uses.
_SIZES = """.fa-xs{font-size:.75em;line-height:.0833333337em;vertical-align:.125em}
.fa-sm{font-size:.875em;line-height:.0714285718em;vertical-align:.0535714295em}
.fa-lg{font-size:1.25em;line-height:.05em;vertical-align:-.075em}
.fa-xl{font-size:1.5em;line-height:.0416666682em;vertical-align:-.125em}
.fa-fw{text-align:center;width:1.25em}"""


def icon_outlines(script: str) -> dict[tuple[str, str], tuple[int, int, str]]:
    """Every icon defined in a ``fontawesome.js``: (prefix, name) -> (width, height, SVG path)."""
    icons = {}
    start = 0
    for pack in _PACK.finditer(script):
        for icon in _ICON.finditer(script, start, pack.start()):
            name = icon[1] or icon[2]
            icons[(pack[1], name)] = (int(icon[3]), int(icon[4]), icon[5])
        start = pack.end()
    return icons


def used_icons(texts, known: dict) -> set[tuple[str, str]]:
    """The (prefix, name) of every known icon named in a class list in ``texts`` (HTML or JS)."""
    used = set()
    for text in texts:
        for classes in _CLASSES.findall(text):
            words = _FA_WORDS.findall(classes)
            prefix = next((STYLES[w] for w in words if w in STYLES), "fas")
            used.update((prefix, w[3:]) for w in words if (prefix, w[3:]) in known)
    return used


def icon_css(icons: dict, used: set) -> str:
    """A stylesheet drawing each used icon as a mask over ``currentColor``."""
    rules = [
        "/* Font Awesome Free 6 icons (CC BY 4.0, https://fontawesome.com/license/free), only those the book shows. */",
        # The theme's stylesheet names the Font Awesome fonts for these classes; an icon drawn as a mask
        # needs no font, and naming it would make the browser download it (about 270 KB).
        ":is(.fa-solid,.fas,.fa-regular,.far,.fa-brands,.fab){display:inline-block;font-style:normal;line-height:1;"
        "font-family:inherit!important}",
        ":is(.fa-solid,.fas,.fa-regular,.far,.fa-brands,.fab)::before{content:\"\";font-family:inherit!important;"
        "display:inline-block;height:1em;"
        "width:var(--fa-width,1em);vertical-align:-.125em;background-color:currentColor;"
        "-webkit-mask:var(--fa-icon) no-repeat center/contain;mask:var(--fa-icon) no-repeat center/contain}",
        _SIZES,
    ]
    selectors = {"fas": (".fa-solid", ".fas"), "far": (".fa-regular", ".far"), "fab": (".fa-brands", ".fab")}
    for prefix, name in sorted(used):
        width, height, path = icons[(prefix, name)]
        svg = f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'><path d='{path}'/></svg>"
        where = ",".join(f"{style}.fa-{name}" for style in selectors[prefix])
        data = quote(svg, safe=" =:/<>'")
        rules.append(f'{where}{{--fa-width:{width / height:.4g}em;--fa-icon:url("data:image/svg+xml,{data}")}}')
    return "\n".join(rules) + "\n"


def write_icon_css(outdir: Path) -> tuple[int, Path]:
    """Write ``_static/course-icons.css`` for the pages in ``outdir``; return (icons, path)."""
    static = outdir / "_static"
    icons = icon_outlines((static / SCRIPT).read_text(encoding="utf-8"))
    texts = (p.read_text(encoding="utf-8", errors="replace") for p in outdir.rglob("*")
             if p.suffix in (".html", ".js") and p.is_file() and p.name not in ("fontawesome.js", "searchindex.js"))
    used = used_icons(texts, icons)
    target = static / CSS_NAME
    target.write_text(icon_css(icons, used), encoding="utf-8")
    return len(used), target


_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_ICON_CLASS_RULE = re.compile(r"\.fa-[a-z0-9-]+::?(?:before|after)")
_PRIVATE_USE = re.compile(r"\\([ef][0-9a-f]{3})(?![0-9a-f])|([\ue000-\uf8ff])", re.I)


def theme_glyphs(css: str) -> set[int]:
    """Code points of the Font Awesome glyphs a stylesheet's own rules draw: every private-use
    character outside the ``.fa-NAME::before`` rules (the icons :func:`icon_css` draws as masks)."""
    found = set()
    for selectors, body in _RULE.findall(css):
        if all(_ICON_CLASS_RULE.fullmatch(s.strip()) for s in selectors.split(",")):
            continue
        found.update(int(escape, 16) if escape else ord(char) for escape, char in _PRIVATE_USE.findall(body))
    return found


THEME_CSS = "styles/pydata-sphinx-theme.css"  # under _static/: the theme's stylesheet, Font Awesome's rules in it


def without_icon_rules(css: str) -> str:
    """``css`` without its ``.fa-NAME::before`` rules (about 1,800 glyph codes, 20 KB gzipped): the
    icons the book shows are drawn by the masks of :func:`icon_css`, which need none of them."""
    return _RULE.sub(lambda rule: "" if all(_ICON_CLASS_RULE.fullmatch(s.strip()) for s in rule[1].split(","))
                     else rule[0], css)


def prune_theme_css(outdir: Path) -> None:
    """Rewrite the theme's stylesheet in ``outdir`` without its per-icon rules (:func:`without_icon_rules`)."""
    path = outdir / "_static" / THEME_CSS
    path.write_text(without_icon_rules(path.read_text(encoding="utf-8")), encoding="utf-8")


def subset_fonts(outdir: Path) -> dict[str, tuple[int, int]]:
    """Cut every Font Awesome font of the site in ``outdir`` down to the glyphs its stylesheets draw
    (:func:`theme_glyphs`); return ``{font file: (bytes before, bytes after)}``."""
    from fontTools import subset

    static = outdir / "_static"
    glyphs = set().union(*(theme_glyphs(p.read_text(encoding="utf-8", errors="replace")) for p in static.rglob("*.css")))
    sizes = {}
    for font in sorted((static / FONT_DIR).glob("*")):
        if font.suffix not in (".woff2", ".ttf"):
            continue
        before = font.stat().st_size
        options = subset.Options(flavor="woff2" if font.suffix == ".woff2" else None)
        loaded = subset.load_font(str(font), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=glyphs)
        subsetter.subset(loaded)
        subset.save_font(loaded, str(font), options)
        sizes[font.name] = (before, font.stat().st_size)
    return sizes
