"""Members' writing to safe HTML: a small Markdown (CommonMark, raw HTML off, no images or
headings) rendered by markdown-it-py, then cleaned by nh3 (an allow-list sanitiser), so nothing
a member types can become markup, script or a tracking image. Links get rel="nofollow ugc"."""

import re

import nh3
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable(
    ["image", "heading", "lheading", "html_block", "html_inline", "hr"]
)
ALLOWED_TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre"}
MENTION = re.compile(r"(?<![\w@/])@([A-Za-z0-9_.-]{2,30})")


def render(text: str) -> str:
    """Markdown source → sanitised HTML fragment."""
    html = _md.render(text)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow ugc",
        strip_comments=True,
    )


def mentioned_handles(text: str) -> set[str]:
    return {m.group(1).rstrip(".").lower() for m in MENTION.finditer(text)}
