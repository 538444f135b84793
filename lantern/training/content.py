"""Reading a course from its files: `courses/<slug>/course.<language>.md`.

A file is Markdown with a small header between `---` lines (`key: value`: title, summary,
minutes, order), then its parts, in order:

    ## lesson listening: Listening without fixing
    (Markdown)

    ## scenario late-night: A message late at night
    ### situation
    ### prompts
    ### examples
    ### avoid
    ### handoff

The key after `lesson`/`scenario` is the part's stable name: progress points at it, so a new
version of a course keeps what people have done. Each language's file has the same parts in
the same order. Links to Lantern's own pages are written `{url:safety-help}` and resolved with
`reverse()` (no path is written by hand). The Markdown is small (no images, headings or raw
HTML) and the HTML is cleaned by nh3, so even a careless edit cannot put script on a page.
"""

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import nh3
from django.urls import reverse
from markdown_it import MarkdownIt

COURSES_DIR = Path(__file__).resolve().parent / "courses"
SCENARIO_SECTIONS = ("situation", "prompts", "examples", "avoid", "handoff")
HEADER_KEYS = ("title", "summary", "minutes", "order")

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable(
    ["image", "heading", "lheading", "html_block", "html_inline"]
)
ALLOWED_TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "hr"}
PART = re.compile(r"^## (lesson|scenario) ([a-z0-9][a-z0-9-]*): (.+)$")
SECTION = re.compile(r"^### (" + "|".join(SCENARIO_SECTIONS) + r")\s*$")
SITE_LINK = re.compile(r"\{url:([a-z0-9-]+)\}")


class CourseFileError(ValueError):
    """A course file that cannot be read as a course; the message says where and why."""


@dataclass
class ParsedPart:
    key: str
    kind: str
    content: dict = field(default_factory=dict)


@dataclass
class ParsedCourse:
    slug: str
    header: dict
    parts: list[ParsedPart]


def render(markdown: str) -> str:
    """Course Markdown → safe HTML."""
    text = SITE_LINK.sub(lambda m: reverse(m.group(1)), markdown.strip())
    return nh3.clean(
        _md.render(text),
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "tel", "sms"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def _header(lines: list[str], where: str) -> tuple[dict, list[str]]:
    if not lines or lines[0].strip() != "---":
        raise CourseFileError(f"{where}: start with a header between --- lines")
    try:
        end = lines.index("---", 1)
    except ValueError:
        raise CourseFileError(f"{where}: the header has no closing ---") from None
    header = {}
    for line in lines[1:end]:
        if not line.strip():
            continue
        name, sep, value = line.partition(":")
        if not sep or name.strip() not in HEADER_KEYS:
            raise CourseFileError(f"{where}: unknown header line {line!r}")
        header[name.strip()] = value.strip()
    if not header.get("title"):
        raise CourseFileError(f"{where}: the header needs a title")
    return header, lines[end + 1 :]


def parse(text: str, where: str = "course") -> tuple[dict, list[ParsedPart]]:
    """One language's file → (header, parts), the parts' text rendered to safe HTML."""
    header, lines = _header(text.splitlines(), where)
    parts: list[ParsedPart] = []
    chunks_of: dict[str, dict[str, list[str]]] = {}  # part key → section → lines
    chunks: dict[str, list[str]] = {}
    current = None
    section = None
    for number, line in enumerate(lines, start=1):
        match = PART.match(line)
        if match:
            kind, key, title = match.groups()
            if any(part.key == key for part in parts):
                raise CourseFileError(f"{where}: the key {key!r} is used twice")
            current = ParsedPart(key=key, kind=kind, content={"title": title.strip()})
            parts.append(current)
            chunks = chunks_of[key] = {}
            section = "body" if kind == "lesson" else None
            continue
        if current is None:
            if line.strip():
                raise CourseFileError(f"{where}: text before the first part (line {number})")
            continue
        section_match = SECTION.match(line)
        if section_match and current.kind == "scenario":
            section = section_match.group(1)
            continue
        if line.startswith("#"):
            raise CourseFileError(f"{where}: a heading Lantern does not know: {line!r}")
        if section is None:
            if line.strip():
                raise CourseFileError(f"{where}: {current.key}: text before its first ###")
            continue
        chunks.setdefault(section, []).append(line)
    if not parts:
        raise CourseFileError(f"{where}: a course needs at least one part")
    for part in parts:
        chunks = chunks_of[part.key]
        wanted = ("body",) if part.kind == "lesson" else SCENARIO_SECTIONS
        for name in wanted:
            body = "\n".join(chunks.get(name, [])).strip()
            if not body:
                raise CourseFileError(f"{where}: {part.key} needs its {name}")
            part.content[name] = render(body)
    return header, parts


def files_of(folder: Path) -> dict[str, Path]:
    """{language: path} for a course folder's `course.<language>.md` files."""
    found = {}
    for path in sorted(folder.glob("course.*.md")):
        found[path.name.split(".")[1]] = path
    return found


def fingerprint(folder: Path) -> str:
    """Changes whenever any of the course's files change: a new version."""
    digest = hashlib.sha256()
    for language, path in sorted(files_of(folder).items()):
        digest.update(language.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def read_course(folder: Path) -> ParsedCourse:
    """Every language of one course, checked to have the same parts as the English."""
    files = files_of(folder)
    if "en" not in files:
        raise CourseFileError(f"{folder.name}: every course has an English file, course.en.md")
    header_en, parts = parse(files["en"].read_text(encoding="utf-8"), f"{folder.name}/en")
    headers = {"en": header_en}
    for part in parts:
        part.content = {"en": part.content}
    for language, path in files.items():
        if language == "en":
            continue
        header, translated = parse(path.read_text(encoding="utf-8"), f"{folder.name}/{language}")
        expected = [(p.key, p.kind) for p in parts]
        got = [(p.key, p.kind) for p in translated]
        if got != expected:
            raise CourseFileError(
                f"{folder.name}/{language}: the parts differ from the English ({got} != {expected})"
            )
        headers[language] = header
        for part, other in zip(parts, translated, strict=True):
            part.content[language] = other.content
    return ParsedCourse(slug=folder.name, header=headers, parts=parts)


def course_folders(root: Path = COURSES_DIR) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir() and files_of(p))
