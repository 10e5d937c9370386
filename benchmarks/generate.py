"""Generate a synthetic, valid kithbook journal of any size for the benchmarks."""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
import re
import shutil
import sys
import textwrap
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
HOOK = REPO / "hooks" / "kithbook_hook.py"
TODAY = dt.date(2026, 11, 22)  # builds get KITHBOOK_TODAY=2026-11-22
START = TODAY - dt.timedelta(days=4 * 365)  # entries span four years

# --- pools ------------------------------------------------------------------------------------

CULTURES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "portuguese": (
        ("João", "Ana", "Inês", "Tiago", "Rui", "Beatriz", "Gonçalo", "Mariana", "Duarte",
         "Leonor", "Afonso", "Catarina", "Sérgio", "Marta", "Luís", "Filipa", "Vítor", "Raquel"),
        ("Silva", "Santos", "Ferreira", "Pereira", "Costa", "Gonçalves", "Magalhães", "Simões",
         "Conceição", "Lourenço", "Antunes", "Araújo", "Carvalho", "Monteiro", "Nunes", "Sousa"),
    ),
    "spanish": (
        ("José", "María", "Íñigo", "Lucía", "Álvaro", "Sofía", "Javier", "Carmen", "Andrés",
         "Nuria", "Pablo", "Elena", "Diego", "Marta", "Raúl", "Paula"),
        ("García", "Martínez", "Núñez", "Peña", "Ibáñez", "Fernández", "López", "Muñoz", "Ruiz",
         "Jiménez", "Reyes", "Castillo", "Ortega", "Vázquez"),
    ),
    "english": (
        ("James", "Olivia", "Connor", "Emily", "Harry", "Grace", "Liam", "Chloe", "Oliver",
         "Hannah", "Jack", "Amelia", "Thomas", "Isla", "George", "Ruby"),
        ("Smith", "O'Brien", "Hart", "Walker", "Bennett", "Clarke", "Hughes", "Fletcher",
         "Murphy", "Doyle", "Turner", "Price", "Harper", "Ellis", "Shaw", "Gallagher"),
    ),
    "german": (
        ("Jürgen", "Lukas", "Anja", "Jörg", "Katrin", "Felix", "Lena", "Matthias", "Sabine",
         "Björn", "Jonas", "Mia", "Stefan", "Ute"),
        ("Müller", "Schäfer", "Becker", "Groß", "Köhler", "Wagner", "Weiß", "Hoffmann", "Krüger",
         "Schröder", "Fischer", "Neumann", "Zimmermann", "Vogel"),
    ),
    "french": (
        ("Camille", "Amélie", "Théo", "Léa", "Hélène", "François", "Chloé", "Étienne", "Benoît",
         "Margaux", "Julien", "Manon", "Hugo", "Inès"),
        ("Dubois", "Lefèvre", "Moreau", "Girard", "Rousseau", "Bérenger", "Fontaine", "Mercier",
         "Lambert", "Faure", "Garnier", "Chevalier", "Leclerc"),
    ),
    "polish": (
        ("Łukasz", "Agnieszka", "Paweł", "Małgorzata", "Wojciech", "Zofia", "Krzysztof",
         "Joanna", "Michał", "Katarzyna", "Tomasz", "Ewa"),
        ("Nowak", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński", "Szymański",
         "Dąbrowski", "Kozłowski", "Jankowski", "Kowalczyk"),
    ),
    "nordic": (
        ("Søren", "Astrid", "Bjørn", "Ingrid", "Lars", "Sigrid", "Mikkel", "Freja", "Øystein",
         "Linnea", "Henrik", "Maja"),
        ("Andersen", "Nielsen", "Johansson", "Lindqvist", "Eriksen", "Håkansson", "Sørensen",
         "Berg", "Dahl", "Ødegaard", "Lund", "Holm"),
    ),
    "japanese": (
        ("Aiko", "Haruto", "Yui", "Sōta", "Emi", "Kenji", "Sakura", "Takumi", "Yuki", "Ren",
         "Hina", "Daiki"),
        ("Tanaka", "Satō", "Suzuki", "Takahashi", "Watanabe", "Itō", "Yamamoto", "Nakamura",
         "Kobayashi", "Katō", "Yoshida", "Ōno"),
    ),
    "chinese": (
        ("Wei", "Mei", "Jun", "Xiaoling", "Hao", "Lin", "Yang", "Jing", "Zhiwei", "Yan", "Ming",
         "Xin"),
        ("Zhang", "Wang", "Li", "Liu", "Chen", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma"),
    ),
    "korean": (
        ("Ji-woo", "Min-jun", "Seo-yeon", "Hyun-woo", "Ha-eun", "Do-yun", "Su-bin", "Jae-won"),
        ("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon"),
    ),
    "indian": (
        ("Priya", "Arjun", "Ananya", "Rohan", "Kavya", "Vikram", "Aditi", "Siddharth", "Meera",
         "Rahul", "Divya", "Karthik", "Sneha", "Aarav"),
        ("Patel", "Sharma", "Iyer", "Reddy", "Menon", "Nair", "Gupta", "Raman", "Chatterjee",
         "Desai", "Krishnan", "Bose", "Kulkarni"),
    ),
    "west-african": (
        ("Amara", "Kwame", "Chidi", "Ngozi", "Kofi", "Adaeze", "Tunde", "Yaa", "Emeka",
         "Folake", "Kojo", "Abena"),
        ("Nwosu", "Mensah", "Okafor", "Adeyemi", "Boateng", "Owusu", "Eze", "Balogun", "Asante",
         "Okonkwo", "Adjei"),
    ),
    "arabic": (
        ("Fatima", "Omar", "Layla", "Youssef", "Nadia", "Karim", "Salma", "Hassan", "Amina",
         "Tariq", "Rania", "Khalid"),
        ("Haddad", "Benali", "El-Amin", "Khoury", "Mansour", "Saleh", "Nasser", "Aziz", "Farouk",
         "Hamdan", "Bakr"),
    ),
    "turkish": (
        ("Yusuf", "Elif", "Emre", "Zeynep", "Çağla", "Burak", "Ayşe", "Mert", "Şule", "Oğuz"),
        ("Demir", "Yılmaz", "Kaya", "Çelik", "Şahin", "Öztürk", "Aydın", "Arslan", "Doğan", "Koç"),
    ),
    "vietnamese": (
        ("Linh", "Minh", "Thảo", "Huy", "Ngọc", "Quang", "Trang", "Đức"),
        ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"),
    ),
    "greek": (
        ("Nikos", "Eleni", "Giorgos", "Katerina", "Dimitris", "Sofia", "Yannis", "Maria"),
        ("Papadakis", "Georgiou", "Nikolaidis", "Oikonomou", "Alexiou", "Vlachos", "Karagiannis",
         "Christodoulou"),
    ),
    "ukrainian": (
        ("Olena", "Dmytro", "Iryna", "Andriy", "Natalia", "Oksana", "Maksym", "Taras"),
        ("Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Melnyk", "Kravchenko", "Boyko"),
    ),
    "hebrew": (
        ("Noa", "Itai", "Tamar", "Yonatan", "Maya", "Eitan", "Shira", "Avi"),
        ("Cohen", "Levi", "Mizrahi", "Peretz", "Biton", "Friedman", "Ben-David"),
    ),
}  # fmt: skip
CULTURE_WEIGHTS = {
    "portuguese": 14, "spanish": 8, "english": 12, "german": 7, "french": 7, "polish": 4,
    "nordic": 4, "japanese": 4, "chinese": 6, "korean": 3, "indian": 9, "west-african": 5,
    "arabic": 5, "turkish": 3, "vietnamese": 2, "greek": 2, "ukrainian": 3, "hebrew": 2,
}  # fmt: skip
NICKNAMES = {
    "Katarzyna": "Kasia", "Małgorzata": "Gosia", "Dimitris": "Dimitri", "Giorgos": "George",
    "Zhiwei": "David", "Xiaoling": "Linda", "Siddharth": "Sid", "Mariana": "Mari",
    "Beatriz": "Bia", "Catarina": "Cat", "Jonas": "Jo", "Wojciech": "Wojtek",
}  # fmt: skip

TARGETS = ("Helix Bio", "Orbital Maps", "Quanta Cloud")
COMPANY_STEMS = (
    "Helix", "Orbital", "Quanta", "Lumen", "Tidewater", "Northwind", "Brightpath", "Estuary",
    "Cobalt", "Meridian", "Atlas", "Beacon", "Cedar", "Driftwood", "Ember", "Fjord", "Granite",
    "Harbor", "Iris", "Juniper", "Kestrel", "Lattice", "Mosaic", "Nimbus", "Oakline", "Pioneer",
    "Quarry", "Riverbend", "Saffron", "Tessera", "Umbra", "Vantage", "Willow", "Yarrow",
    "Zephyr", "Alba", "Boreal", "Corvid", "Dune", "Equinox", "Sintra", "Mondego", "Tejo",
    "Açor", "Fénix", "Nordlys", "Sakura", "Kilimanjaro", "Ölberg", "Zürich",
)  # fmt: skip
COMPANY_KINDS = (
    "Bio", "Maps", "Cloud", "Payments", "Labs", "Health", "Analytics", "Systems", "Capital",
    "Logistics", "Robotics", "Energy", "Studio", "Foods", "Insurance", "Bank", "Software",
    "Consulting", "Media", "Games", "Security", "Data", "Mobility", "Retail",
)  # fmt: skip
SPECIAL_COMPANIES = (
    "O'Neill & Partners", "Café Ñandú", "Bäckerei Kühn GmbH", "Société Générale des Données",
    "Universidade de Lisboa", "Freelance", "Self-employed", "NHS", "Stripe", "Spotify",
    "Yılmaz Lojistik A.Ş.", "Kraków Devs Sp. z o.o.",
)  # fmt: skip
TITLES = (
    "Software Engineer", "Senior Software Engineer", "Staff Engineer", "Principal Engineer",
    "Engineering Manager", "Director of Engineering", "VP Engineering", "CTO", "CEO", "Founder",
    "Co-founder", "Product Manager", "Senior Product Manager", "Head of Product", "Designer",
    "Product Designer", "UX Researcher", "Data Scientist", "Data Engineer", "ML Engineer",
    "SRE", "Platform Engineer", "Security Engineer", "QA Lead", "Technical Writer",
    "Technical Recruiter", "Talent Partner", "Account Executive", "Sales Director",
    "Customer Success Manager", "Marketing Lead", "Head of Growth", "Operations Manager",
    "Finance Director", "Legal Counsel", "Professor", "PhD Student", "Nurse", "Architect",
    "Teacher", "Investor", "Partner", "Consultant", "Developer Advocate", "Analyst",
)  # fmt: skip
CITIES = (
    "Lisbon", "Porto", "Coimbra", "Madrid", "Barcelona", "London", "Manchester", "Dublin",
    "Berlin", "München", "Hamburg", "Paris", "Lyon", "Kraków", "Warsaw", "Copenhagen",
    "Malmö", "Oslo", "Tokyo", "Osaka", "Shanghai", "Seoul", "Bengaluru", "Lagos", "Accra",
    "Beirut", "İstanbul", "Hanoi", "Athens", "Kyiv", "Tel Aviv", "São Paulo", "New York",
    "San Francisco", "Toronto", "Zürich", "Amsterdam", "remote",
)  # fmt: skip
TAGS = (
    "python", "rust", "go", "typescript", "postgres", "kafka", "kubernetes", "ml", "data",
    "payments", "fintech", "healthtech", "climate", "product", "design", "hiring", "mentor",
    "investor", "founder", "open-source", "conference", "running", "climbing", "cycling",
    "music", "books", "chess", "parenting", "alumni", "lisbon", "remote", "security",
    "infrastructure", "recruiter", "speaker", "writing", "research", "startups", "ai", "ux",
)  # fmt: skip
TOPICS = (
    "job-search", "hiring", "career", "side-project", "open-source", "conference", "family",
    "health", "travel", "housing", "fundraising", "architecture", "incident", "postgres",
    "kafka", "leadership", "mentoring", "promotion", "salary", "relocation", "books",
    "running", "climbing", "climate", "ai", "layoffs", "startup", "visa", "wedding", "baby",
)  # fmt: skip
RELATIONSHIP_WEIGHTS = {
    "colleague": 16, "former-colleague": 22, "friend": 10, "classmate": 5, "client": 4,
    "prospect": 3, "candidate": 3, "mentor": 2, "mentee": 3, "advisor": 1, "recruiter": 4,
    "supplier": 2, "family": 2, "other": 5,
}  # fmt: skip
KIND_WEIGHTS = {
    "message": 24, "meeting": 19, "video": 12, "call": 10, "reaction": 10, "activity": 8,
    "event": 7, "note": 6, "intro": 4,
}  # fmt: skip
KIND_WORDS = {
    "message": ("message-from", "email-to", "note-from", "dm-with"),
    "meeting": ("coffee-with", "lunch-with", "dinner-with", "drinks-with", "walk-with"),
    "video": ("video-call-with", "zoom-with", "catch-up-with"),
    "call": ("call-with", "phone-call-with"),
    "reaction": ("birthday-wish", "liked-post-by", "congrats-to"),
    "activity": ("bouldering-with", "run-with", "hackathon-with", "pairing-with"),
    "event": ("meetup-with", "conference-with", "alumni-drinks", "workshop-with"),
    "note": ("note-on", "thoughts-on"),
    "intro": ("intro-for", "introduced-to"),
}
HOW_WE_MET = (
    "Worked together at {company}", "Met at a {topic} meetup", "Introduced at a conference",
    "University, same year", "Cold message on LinkedIn", "Neighbours in {city}",
    "Friend of a friend at a dinner", "Interviewed me for a job", "Same climbing gym",
    "Open-source contributor on a project I maintain", "Sat next to me on a flight to {city}",
)  # fmt: skip
SENTENCES = (
    "We talked about {topic} for most of the time.",
    "{first} is thinking about leaving {company} next year.",
    "{first} asked how things are going with {topic}.",
    "Caught up on family news; the kids are well.",
    "{first} recommended a book on {topic} — add it to the list.",
    "Long conversation about {topic}; I learned a lot.",
    "{first} just moved to {city} and is still settling in.",
    "Quick one: {first} wanted a reference for a {topic} role.",
    "{first} is hiring two engineers at {company}.",
    "We disagreed about {topic}, in a good way.",
    "I should send {first} the notes from the {topic} talk.",
    "{first} seemed tired; a rough quarter at {company}.",
    "Planned to do this again next month.",
    "Shared some **good news**: a promotion at {company}.",
    "{mention} came up — they worked together years ago.",
    "Met at the café near the office in {city}.",
)  # fmt: skip
CONTACT_SENTENCES = (
    "Knows everyone in the {topic} scene in {city}.",
    "Very generous with time; always answers messages within a day.",
    "Good person to ask about {topic}.",
    "Works mostly remote; in {city} a few times a year.",
    "Introduced me to {mention} back in the day.",
    "Prefers a phone call to e-mail.",
    "Runs a small newsletter about {topic}.",
)  # fmt: skip
VOUCH = (
    "Led the {topic} migration at {company}; I was on the team",
    "Coached three juniors to promotion",
    "Shipped the {topic} rewrite on time and under budget",
    "Calm and precise in incident reviews; I watched several",
    "Gave the clearest {topic} talk I have seen",
    "Reviewed my code for a year: thorough and kind",
)  # fmt: skip
GAVE = (
    "Introduced {first} to a hiring manager at {company}", "Reviewed {first}'s CV",
    "Sent notes on {topic}", "Recommended {first} for a {topic} role",
    "Lent my copy of a {topic} book", "Helped debug a {topic} problem",
)  # fmt: skip
GOT = (
    "{first} reviewed my CV", "{first} introduced me to someone at {company}",
    "Advice on {topic}", "{first} sent a referral for a {topic} role",
    "{first} lent me a tent", "Feedback on my {topic} talk",
)  # fmt: skip
EVIDENCE = (
    "Watched {first} run the incident review: calm, precise, fast",
    "Saw {first}'s {topic} design doc: clear trade-offs",
    "Paired with {first} for a day; excellent debugger",
    "{first} mentored our intern brilliantly",
)  # fmt: skip
FOLLOW_UPS = (
    "Send {first} the {topic} article", "Introduce {first} to someone at {company}",
    "Ask {first} how the {topic} interview went", "Book dinner with {first}",
    "Review {first}'s draft on {topic}", "Send the photos",
)  # fmt: skip
OUTSIDER_TITLES = ("CTO", "VP Engineering", "Head of Data", "Recruiter", "Founder", "Professor")
HOW_WELL = ("acquaintance", "colleague", "close")
CADENCES = ("14d", "30d", "6w", "3m", "6m", "1y", "never")

# --- people -----------------------------------------------------------------------------------

_TRANSLIT = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
     "Æ": "AE", "ı": "i", "œ": "oe", "'": "", "’": ""}
)  # fmt: skip


def slugify(text: str) -> str:
    """ASCII slug of a name: `Łukasz Wiśniewski` → `lukasz-wisniewski`."""
    flat = unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
    ascii_text = "".join(ch for ch in flat if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "x"


@dataclass
class Person:
    slug: str
    name: str
    first: str
    company: str | None
    met: dt.date | None
    imported: bool = False
    archived: bool = False
    data: dict[str, Any] = field(default_factory=dict)
    body: str = ""


class Names:
    """Unique names and slugs; on a clash, a fuller name (a second surname) or a number."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.slugs: set[str] = set()
        self.cultures = list(CULTURE_WEIGHTS)
        self.weights = list(CULTURE_WEIGHTS.values())

    def _draw(self) -> tuple[str, str, str]:
        culture = self.rng.choices(self.cultures, self.weights)[0]
        firsts, lasts = CULTURES[culture]
        if self.rng.random() < 0.12:  # mixed families and married names
            lasts = CULTURES[self.rng.choices(self.cultures, self.weights)[0]][1]
        return culture, self.rng.choice(firsts), self.rng.choice(lasts)

    def _longer(self, culture: str, first: str, last: str) -> str:
        """A fuller form of a name: two surnames, a middle name, or (East Asian) an initial."""
        firsts, lasts = CULTURES[culture]
        if culture in ("portuguese", "spanish"):
            return f"{first} {self.rng.choice(lasts)} {last}"
        if culture in ("chinese", "japanese", "korean"):
            return f"{first} {self.rng.choice('ABCDEFGHJKLMNOPRSTW')}. {last}"
        middle = self.rng.choice([f for f in firsts if f != first])
        return f"{first} {middle} {last}"

    def new(self) -> tuple[str, str, str]:
        """(full name, first name, slug), the slug unused so far."""
        for _ in range(3):
            culture, first, last = self._draw()
            name = f"{first} {last}"
            if slugify(name) not in self.slugs:
                return self._take(name, first)
        for _ in range(8):
            name = self._longer(culture, first, last)
            if slugify(name) not in self.slugs:
                return self._take(name, first)
        base = slugify(f"{first} {last}")
        n = next(i for i in itertools.count(2) if f"{base}-{i}" not in self.slugs)
        self.slugs.add(f"{base}-{n}")
        return f"{first} {last}", first, f"{base}-{n}"

    def _take(self, name: str, first: str) -> tuple[str, str, str]:
        slug = slugify(name)
        self.slugs.add(slug)
        return name, first, slug


def make_companies(rng: random.Random, count: int) -> list[str]:
    """Targets first, then invented and a few real-world-like names, in a shuffled order."""
    invented = [f"{a} {b}" for a in COMPANY_STEMS for b in COMPANY_KINDS]
    rng.shuffle(invented)
    pool = list(dict.fromkeys([*TARGETS, *SPECIAL_COMPANIES, *invented]))
    head, tail = pool[: len(TARGETS)], pool[len(TARGETS) : count]
    rng.shuffle(tail)
    return head + tail


def zipf_weights(n: int, exponent: float, offset: float) -> list[float]:
    return [1.0 / (rank + offset) ** exponent for rank in range(1, n + 1)]


def random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def fill(rng: random.Random, template: str, ctx: dict[str, str]) -> str:
    return template.format(
        first=ctx.get("first", "them"),
        company=ctx.get("company") or "their company",
        topic=rng.choice(TOPICS).replace("-", " "),
        city=rng.choice(CITIES),
        mention=ctx.get("mention", "someone"),
    )


def make_people(rng: random.Random, names: Names, count: int) -> list[Person]:
    """The journal's own contacts, with the full field mix."""
    companies = make_companies(rng, 160)
    company_weights = zipf_weights(len(companies), 1.0, 2.0)
    people: list[Person] = []
    for _ in range(count):
        name, first, slug = names.new()
        company = rng.choices(companies, company_weights)[0] if rng.random() < 0.9 else None
        met = random_date(rng, dt.date(2008, 1, 1), TODAY) if rng.random() < 0.85 else None
        people.append(Person(slug, name, first, company, met))
    relationships = list(RELATIONSHIP_WEIGHTS)
    rel_weights = list(RELATIONSHIP_WEIGHTS.values())
    for i, person in enumerate(people):
        data: dict[str, Any] = {"name": person.name}
        r = rng.random
        if r() < 0.08:
            data["aliases"] = [NICKNAMES.get(person.first, person.first)]
        if person.company:
            data["company"] = person.company
        if r() < 0.85:
            data["title"] = rng.choice(TITLES)
        if r() < 0.6:
            data["location"] = rng.choice(CITIES)
        if r() < 0.65:
            data["tags"] = rng.sample(TAGS, rng.choice((1, 1, 2, 2, 3)))
        if r() < 0.8:
            rel = rng.choices(relationships, rel_weights, k=rng.choice((1, 1, 1, 2)))
            data["relationship"] = list(dict.fromkeys(rel))
        if person.met:
            data["met"] = person.met
        ctx = {"first": person.first, "company": person.company or ""}
        if r() < 0.5:
            data["how_we_met"] = fill(rng, rng.choice(HOW_WE_MET), ctx)
        if i > 0 and r() < 0.08:
            data["introduced_by"] = people[rng.randrange(i)].slug
        if r() < 0.3:
            data["closeness"] = rng.choices((1, 2, 3, 4, 5), (15, 30, 30, 17, 8))[0]
        if r() < 0.01:
            data["kin"] = True
        if r() < 0.04:
            data["cadence"] = rng.choice(CADENCES)
        data["links"] = make_links(rng, person)
        if r() < 0.2:
            data["knows"] = make_knows(rng, people, person, i)
        if r() < 0.06:
            data["vouch"] = [fill(rng, v, ctx) for v in rng.sample(VOUCH, rng.randint(1, 3))]
        if r() < 0.02:
            data["archived"] = True
            person.archived = True
        person.data = data
        if r() < 0.6:
            ctx["mention"] = f"[[{rng.choice(people).slug}]]" if len(people) > 1 else "someone"
            person.body = " ".join(
                fill(rng, s, ctx) for s in rng.sample(CONTACT_SENTENCES, rng.randint(1, 3))
            )
            if "[[" in person.body and person.slug in person.body:
                person.body = person.body.replace(f"[[{person.slug}]]", "an old friend")
    return people


def make_links(rng: random.Random, person: Person) -> dict[str, str]:
    links: dict[str, str] = {}
    handle = person.slug
    if rng.random() < 0.8 or person.imported:
        links["linkedin"] = f"https://www.linkedin.com/in/{handle}-{rng.randrange(16**4):04x}"
    if not person.imported and rng.random() < 0.4:
        links["email"] = f"{handle.replace('-', '.')}@example.com"
    if not person.imported and rng.random() < 0.05:
        links["phone"] = f"+351 9{rng.randrange(10**8):08d}"
    if not person.imported and rng.random() < 0.05:
        links["website"] = f"https://{handle}.example.org"
    return links


def make_knows(rng: random.Random, people: Sequence[Person], me: Person, i: int) -> list[object]:
    """Second-degree ties: other contacts (bare slug or with how_well) and outsiders by name."""
    items: list[object] = []
    used = {me.slug}
    for _ in range(rng.randint(1, 4)):
        roll = rng.random()
        if roll < 0.6 and len(people) > 1:
            other = people[rng.randrange(len(people))]
            if other.slug in used:
                continue
            used.add(other.slug)
            if rng.random() < 0.5:
                items.append(other.slug)
            else:
                items.append({"slug": other.slug, "how_well": rng.choice(HOW_WELL)})
        else:
            firsts, lasts = CULTURES[rng.choice(list(CULTURES))]
            outsider: dict[str, object] = {
                "name": f"{rng.choice(firsts)} {rng.choice(lasts)}",
                "company": rng.choice(TARGETS) if rng.random() < 0.3 else rng.choice(COMPANY_STEMS),
            }
            if rng.random() < 0.7:
                outsider["title"] = rng.choice(OUTSIDER_TITLES)
            outsider["how_well"] = rng.choice(HOW_WELL)
            items.append(outsider)
    return items or [{"name": "Grace Hopper", "company": "US Navy", "how_well": "acquaintance"}]


def make_imported(rng: random.Random, names: Names, count: int) -> list[Person]:
    """LinkedIn-style connections: name, company, title, met and a profile link only."""
    stems = [f"{a} {b}" for a in COMPANY_STEMS for b in COMPANY_KINDS]
    rng.shuffle(stems)
    weights = zipf_weights(len(stems), 0.9, 5.0)
    people: list[Person] = []
    for _ in range(count):
        name, first, slug = names.new()
        company = rng.choices(stems, weights)[0]
        met = random_date(rng, dt.date(2009, 1, 1), TODAY)
        person = Person(slug, name, first, company, met, imported=True)
        person.data = {"name": name, "company": company, "title": rng.choice(TITLES), "met": met}
        person.data["links"] = make_links(rng, person)
        people.append(person)
    return people


# --- entries ----------------------------------------------------------------------------------


@dataclass
class EntryDoc:
    date: dt.date
    words: str
    data: dict[str, Any]
    body: str


def make_entries(rng: random.Random, people: Sequence[Person], count: int) -> list[EntryDoc]:
    """Entries over four years; who appears follows a heavy tail (a few weekly, most rarely)."""
    if not people:
        return []
    order = list(people)
    rng.shuffle(order)
    # The archived appear, but only long ago; the rest follow a Zipf-like curve over a shuffle.
    weights = zipf_weights(len(order), 1.2, 15.0)
    by_company: dict[str, list[Person]] = {}
    for person in people:
        if person.company:
            by_company.setdefault(person.company, []).append(person)
    kinds = list(KIND_WEIGHTS)
    kind_weights = list(KIND_WEIGHTS.values())
    entries: list[EntryDoc] = []
    for _ in range(count):
        primary = rng.choices(order, weights)[0]
        start = max(START, primary.met or START)
        end = TODAY if not primary.archived else max(start, TODAY - dt.timedelta(days=800))
        date = random_date(rng, start, end)
        kind = rng.choices(kinds, kind_weights)[0]
        group = [primary]
        extra = rng.choices((0, 1, 2), (75, 15, 10))[0] if kind != "note" else 0
        for _ in range(extra):
            pool = by_company.get(primary.company or "", [])
            other = (
                rng.choice(pool) if pool and rng.random() < 0.6 else rng.choices(order, weights)[0]
            )
            if other not in group:
                group.append(other)
        entries.append(make_entry(rng, date, kind, group, people))
    return entries


def make_entry(
    rng: random.Random, date: dt.date, kind: str, group: list[Person], people: Sequence[Person]
) -> EntryDoc:
    first = group[0]
    ctx = {"first": first.first, "company": first.company or ""}
    data: dict[str, Any] = {"date": date}
    lone_note = kind == "note" and rng.random() < 0.15
    if not lone_note:
        data["with"] = [p.slug for p in group]
    data["kind"] = kind
    r = rng.random
    if kind not in ("note", "event") and r() < 0.75:
        data["initiated_by"] = "me" if r() < 0.55 else "them"
    if kind in ("meeting", "call", "video", "message", "activity") and r() < 0.15:
        data["personal"] = True
    if kind != "note" and r() < 0.07:
        data["gave"] = fill(rng, rng.choice(GAVE), ctx)
    if kind != "note" and r() < 0.06:
        data["got"] = fill(rng, rng.choice(GOT), ctx)
    if kind in ("meeting", "activity", "event", "note") and r() < 0.08:
        data["evidence"] = fill(rng, rng.choice(EVIDENCE), ctx)
    if r() < 0.5:
        data["about"] = rng.sample(TOPICS, rng.choice((1, 1, 2)))
    if r() < 0.08:
        due = date + dt.timedelta(days=rng.randint(2, 30))
        done = r() < (0.9 if due < TODAY - dt.timedelta(days=14) else 0.3)
        data["follow_up"] = {
            "due": due,
            "what": fill(rng, rng.choice(FOLLOW_UPS), ctx),
            "done": done,
        }
    mention = rng.choice(people)
    label = f"|{mention.first}" if rng.random() < 0.3 else ""
    ctx["mention"] = f"[[{mention.slug}{label}]]" if rng.random() < 0.5 else mention.first
    sentences = [fill(rng, s, ctx) for s in rng.sample(SENTENCES, rng.randint(1, 5))]
    if "[[" not in " ".join(sentences) and rng.random() < 0.06:
        sentences.append(f"Mentioned [[{mention.slug}]] too.")
    body = " ".join(sentences)
    words = rng.choice(KIND_WORDS[kind])
    if lone_note:
        words = f"note-on-{slugify(rng.choice(TOPICS))}"
    elif not words.endswith(("wish", "drinks")):
        words = f"{words}-{slugify(first.first)}"
    return EntryDoc(date, words, data, body)


# --- writing ----------------------------------------------------------------------------------

_PLAIN = re.compile(r"^[A-Za-z\u00c0-\uffff][^:#\[\]{},&*!|>'\"%@`\n]*$")
_YAML_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"}


def scalar(value: object) -> str:
    """A YAML scalar: plain when safe, else a double-quoted (JSON) string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | dt.date):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and text == text.strip() and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def front_matter(data: dict[str, Any]) -> list[str]:
    """The front matter lines, in the style people write by hand (flow lists of words)."""
    lines: list[str] = []
    for key, value in data.items():
        if isinstance(value, list) and all(isinstance(v, str) for v in value) and key not in (
            "vouch", "knows",
        ):  # fmt: skip
            lines.append(f"{key}: [{', '.join(scalar(v) for v in value)}]")
        elif isinstance(value, list):
            lines.append(f"{key}:")
            for item in value:
                if isinstance(item, dict):
                    pairs = list(item.items())
                    lines.append(f"  - {pairs[0][0]}: {scalar(pairs[0][1])}")
                    lines += [f"    {k}: {scalar(v)}" for k, v in pairs[1:]]
                else:
                    lines.append(f"  - {scalar(item)}")
        elif isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {k}: {scalar(v)}" for k, v in value.items()]
        else:
            lines.append(f"{key}: {scalar(value)}")
    return lines


def write_doc(path: Path, data: dict[str, Any], body: str) -> None:
    wrapped = textwrap.fill(body, width=96) if body else ""
    text = "\n".join(["---", *front_matter(data), "---", *([wrapped] if wrapped else [])]) + "\n"
    path.write_text(text, encoding="utf-8")


def write_journal(out: Path, people: Sequence[Person], entries: Sequence[EntryDoc]) -> None:
    (out / "contacts").mkdir(parents=True)
    for person in people:
        write_doc(out / "contacts" / f"{person.slug}.md", person.data, person.body)
    used: set[str] = set()
    for entry in sorted(entries, key=lambda e: e.date):
        folder = out / "journal" / str(entry.date.year)
        folder.mkdir(parents=True, exist_ok=True)
        stem = f"{entry.date.isoformat()}-{entry.words}"
        n = 2
        unique = stem
        while unique in used:
            unique, n = f"{stem}-{n}", n + 1
        used.add(unique)
        write_doc(folder / f"{unique}.md", entry.data, entry.body)


class _Tagged:
    """A YAML node with a custom tag (`!ENV`, `!!python/name:`), kept as written."""

    def __init__(self, tag: str, value: object) -> None:
        self.tag, self.value = tag, value


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    if isinstance(node, yaml.ScalarNode):
        return _Tagged(node.tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return _Tagged(node.tag, loader.construct_sequence(node))
    assert isinstance(node, yaml.MappingNode)
    return _Tagged(node.tag, loader.construct_mapping(node))


def _represent_tagged(dumper: yaml.SafeDumper, data: _Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Loader.add_multi_constructor("!", _construct_tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_Dumper.add_representer(_Tagged, _represent_tagged)


def write_site(out: Path, contacts: int, entries: int, imported: int, seed: int) -> None:
    """mkdocs.yml from the project's own, with the hook at its absolute path; docs/ pages.

    The project's docs/ is copied as it is, so the nav stays the project's. Without one,
    the Help section (pages only docs/ provides) is dropped and a small About page is added;
    the other nav pages are generated by the hook.
    """
    docs = out / "docs"
    source_docs = REPO / "docs"
    if source_docs.is_dir() and any(source_docs.rglob("*.md")):
        shutil.copytree(source_docs, docs)
        has_docs = True
    else:
        docs.mkdir(parents=True)
        has_docs = False
    config: dict[str, Any] = yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=_Loader)
    config["site_name"] = (
        f"kithbook benchmark ({contacts:,} + {imported:,} contacts, {entries:,} entries)"
    )
    config["hooks"] = [str(HOOK)]
    config["watch"] = ["contacts", "journal", str(HOOK.parent)]
    config.pop("site_url", None)
    nav = list(config.get("nav") or [])
    if not has_docs:
        nav = [i for i in nav if not (isinstance(i, dict) and "help" in map(str.lower, i))]
        (docs / "about.md").write_text(
            "# About this journal\n\n"
            f"A synthetic journal written by `benchmarks/generate.py` (seed {seed}): "
            f"{contacts:,} contacts, {imported:,} imported connections and {entries:,} entries, "
            f"up to {TODAY}. Build it with `KITHBOOK_TODAY={TODAY}`.\n",
            encoding="utf-8",
        )
        nav.append({"About this journal": "about.md"})
    config["nav"] = nav
    text = yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    (out / "mkdocs.yml").write_text(text, encoding="utf-8")


def generate(out: Path, contacts: int, entries: int, seed: int, imported: int) -> dict[str, Any]:
    """Write a whole journal under `out`; returns a summary of what was written."""
    rng = random.Random(seed)
    names = Names(rng)
    people = make_people(rng, names, contacts)
    docs = make_entries(rng, people, entries)
    extra = make_imported(rng, names, imported)
    write_journal(out, [*people, *extra], docs)
    write_site(out, contacts, entries, imported, seed)
    seen = Counter(slug for d in docs for slug in d.data.get("with", ()))
    counts = sorted(seen.values(), reverse=True)
    return {
        "contacts": contacts,
        "imported": imported,
        "entries": entries,
        "top_counts": counts[:5],
        "with_entries": len(seen),
        "median_entries_of_seen": counts[len(counts) // 2] if counts else 0,
        "never_seen": contacts - len(seen),
        "kinds": dict(Counter(d.data["kind"] for d in docs).most_common()),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path, help="folder to write (must not exist or be empty)")
    parser.add_argument("--contacts", type=int, default=2000, help="contacts with the full mix")
    parser.add_argument("--entries", type=int, default=10000, help="journal entries")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same files)")
    parser.add_argument(
        "--imported", type=int, default=0, help="extra LinkedIn-style contacts, never met"
    )
    parser.add_argument("--quiet", action="store_true", help="no summary on stdout")
    args = parser.parse_args(argv)
    out: Path = args.out
    if out.exists() and any(out.iterdir()):
        print(f"generate.py: {out} exists and is not empty", file=sys.stderr)
        return 2
    summary = generate(out, args.contacts, args.entries, args.seed, args.imported)
    if not args.quiet:
        print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
