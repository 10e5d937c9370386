"""Helpers for tests that build a whole site: a journal project on disk, `mkdocs`, HTML parsing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .conftest import REPO

TODAY_ENV = {"KITHBOOK_TODAY": "2026-11-22", "NO_MKDOCS_2_WARNING": "1"}


def make_project(
    where: Path,
    files: Mapping[str, str | bytes] | None = None,
    settings: str = "",
    example: bool = False,
) -> Path:
    """A journal project: the repository's mkdocs.yml and docs/, plus `files` (or the example).

    `settings` is YAML text added under `extra: kithbook:` (indented by the caller's layout).
    """
    where.mkdir(parents=True, exist_ok=True)
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    hook = (REPO / "hooks" / "kithbook_hook.py").as_posix()
    text = text.replace("hooks/kithbook_hook.py", hook).replace("  - hooks\n", "")
    if settings:
        assert "\n  kithbook:\n" in text
        lines = settings.strip("\n").split("\n")
        keys = {line.split(":")[0].strip() for line in lines if not line.startswith(" ")}
        head, _, block = text.partition("\n  kithbook:\n")
        kept = [  # the repository's own values for these keys go
            line
            for line in block.split("\n")
            if not (line.startswith("    ") and line.strip().split(":")[0] in keys)
        ]
        indented = "".join(f"    {line}\n" for line in lines)
        text = head + "\n  kithbook:\n" + indented + "\n".join(kept)
    (where / "mkdocs.yml").write_text(text, encoding="utf-8")
    shutil.copytree(REPO / "docs", where / "docs", dirs_exist_ok=True)
    if example:
        shutil.copytree(REPO / "contacts", where / "contacts", dirs_exist_ok=True)
        shutil.copytree(REPO / "journal", where / "journal", dirs_exist_ok=True)
    for folder in ("contacts", "journal"):
        (where / folder).mkdir(exist_ok=True)
    for rel, content in (files or {}).items():
        path = where / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return where


def run_mkdocs(
    project: Path, *args: str, env: Mapping[str, str] | None = None, command: str = "build"
) -> subprocess.CompletedProcess[str]:
    """`python -m mkdocs <command> <args>` in `project`, today pinned, never redacted by default."""
    full = dict(os.environ, **TODAY_ENV)
    full.pop("KITHBOOK_REDACT", None)
    full.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", command, *args],
        cwd=project,
        env=full,
        capture_output=True,
        text=True,
        timeout=600,
    )


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]


@dataclass
class ParsedPage:
    """An HTML page as its elements (with attributes) and its visible text."""

    elements: list[Element] = field(default_factory=list)
    text: str = ""
    content_text: str = ""  # the text of the article only (no navigation, no search box)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._text: list[str] = []
        self._content: list[str] = []
        self._skip = 0  # inside <script> or <style>
        self._article = 0  # depth inside <article>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.elements.append(Element(tag, {k: v or "" for k, v in attrs}))
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "article" or self._article:
            self._article += tag not in VOID

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        if self._article and tag not in VOID:
            self._article -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._text.append(data)
            if self._article:
                self._content.append(data)

    def close(self) -> None:
        super().close()
        self.page.text = "".join(self._text)
        self.page.content_text = "".join(self._content)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip


def parse_html(text: str) -> ParsedPage:
    parser = _Parser()
    parser.feed(text)
    parser.close()
    return parser.page


def html_pages(site: Path) -> Iterator[tuple[str, str]]:
    """(path relative to the site, text) for every HTML page of a built site."""
    for path in sorted(site.rglob("*.html")):
        yield path.relative_to(site).as_posix(), path.read_text(encoding="utf-8")


# --- a journal with hostile text in every field --------------------------------------------


def hostile(tag: str) -> str:
    """A value that would be markup, a link, a mention, a template or a table cell break."""
    return (
        f"{tag}</title></textarea></style></noscript><script>window.pwned='{tag}'</script>"
        f"<img src=http://evil.example/img-{tag} onerror=alert(1)>"
        f"[md](http://evil.example/field-{tag})|pipe|[[tiago]]{{{{ jinja }}}}{{% raw %}}"
        f"`tick`*em*_u_ #h &amp; \\ <!-- c --> {{: .mermaid onclick=x }} ![i](//evil.example/i)"
    )


HOSTILE_BODY = """\
Plain words and a mention of [[tiago]] and of [[nobody-here]].
<script>window.pwned='body'</script>
<img src=http://evil.example/body-img onerror="window.pwned='img'">
<iframe src="http://evil.example/body-frame"></iframe>
<div markdown="1" onclick="window.pwned='div'">*inside a div*</div>
[a javascript link](javascript:window.pwned='js') and [entity](&#106;avascript:alert(1))
[a fine link](https://ok.example/body-link) and <https://ok.example/body-autolink>
![a remote image](http://evil.example/body-image.png) ![ref image][pic]
a paragraph with attributes
{: onclick="window.pwned='attr'" style="background:url(http://evil.example/body-css)" }
`<b>code span</b>` and {{ jinja }} {% raw %} and a | pipe

[pic]: http://evil.example/body-ref-image.png

> [quoted]: javascript:window.pwned='quoted-ref'
> Please [confirm in a quote][quoted].

- an item

    [listed]: JaVa&#x09;ScRiPt:window.pwned='listed-ref'

    Please [confirm in a list][listed].

!!! note "A note"
    [noted]: data:text/html,<script>alert(1)</script>

    Please [confirm in a note][noted].

[spaced out](SPACESjavascript:window.pwned='spaced')

```mermaid
graph TD; A-->B; click A "javascript:window.pwned='mermaid'"
```

<pre class="mermaid">graph TD; C-->D</pre>

## Private

A private note: call +351 912 345 678 or mail secret@example.com.
""".replace("SPACES", " " * 74)  # more than 64

HOSTILE_FIELDS = (
    "name", "alias", "company", "title", "location", "tag", "howwemet", "introducedby",
    "linklabel", "linkvalue", "knowsname", "knowscompany", "knowstitle", "knowsslug", "vouch",
    "gave", "got", "evidence", "about", "what", "with", "relationship", "met", "closeness",
    "cadence", "key", "kind", "initiated", "owner", "target",
)  # fmt: skip


def _front(data: Mapping[str, object], body: str = "") -> str:
    import yaml

    text = yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False, width=1_000_000)
    return f"---\n{text}---\n{body}"


def hostile_files() -> dict[str, str | bytes]:
    """A journal with a hostile value in every field, a hostile body, and hostile file names."""
    h = hostile
    return {
        "contacts/hostile-one.md": _front(
            {
                "name": h("name"),
                "aliases": [h("alias")],
                "company": h("company"),
                "title": h("title"),
                "location": h("location"),
                "tags": [h("tag")],
                "relationship": ["friend", h("relationship")],
                "met": h("met"),
                "how_we_met": h("howwemet"),
                "introduced_by": h("introducedby"),
                "closeness": h("closeness"),
                "cadence": h("cadence"),
                "links": {
                    h("linklabel"): h("linkvalue"),
                    "avatar": "http://evil.example/avatar.png",
                    "web": "javascript:window.pwned='link'",
                },
                "knows": [
                    {
                        "name": h("knowsname"),
                        "company": h("knowscompany"),
                        "title": h("knowstitle"),
                        "how_well": "close",
                    },
                    h("knowsslug"),
                ],
                "vouch": [h("vouch")],
                h("key"): 1,
            },
            HOSTILE_BODY,
        ),
        "contacts/tiago.md": _front({"name": "Tiago", "company": "Plain Co"}, "Plain notes.\n"),
        "contacts/<img src=x onerror=alert(1)>.md": _front({"name": "Bad file name"}),
        "journal/2026/2026-11-20-hostile.md": _front(
            {
                "date": "2026-11-20",
                "with": ["hostile-one", "tiago", h("with")],
                "kind": "meeting",
                "initiated_by": "me",
                "gave": h("gave"),
                "got": h("got"),
                "evidence": h("evidence"),
                "about": [h("about")],
                "follow_up": {"due": "2026-11-01", "what": h("what"), "done": False},
            },
            HOSTILE_BODY,
        ),
        "journal/2026/2026-11-18-bad-kind.md": _front(
            {"date": "2026-11-18", "with": ["tiago"], "kind": h("kind")}
        ),
        "journal/2026/2026-11-17-bad-initiator.md": _front(
            {
                "date": "2026-11-17",
                "with": ["tiago"],
                "kind": "call",
                "initiated_by": h("initiated"),
            }
        ),
        "journal/<b>folder`x</b>/2026-11-16-in-a-hostile-folder.md": _front(
            {"date": "2026-11-16", "with": ["hostile-one"], "kind": "call"}, "Hello.\n"
        ),
    }


def hostile_settings() -> str:
    import json

    return f"owner: {json.dumps(hostile('owner'))}\ntargets: [{json.dumps(hostile('target'))}]"
