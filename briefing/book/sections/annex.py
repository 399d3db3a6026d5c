"""The annexes: open checks, the numbered sources, and aliases and acronyms."""

from __future__ import annotations

from reportlab.platypus import Flowable

from briefing.book.markup import escape
from briefing.book.sections.common import Composer
from briefing.book.wrap import Paragraph
from briefing.domain.enums import CREDIBILITY_LABELS


def checks(composer: Composer, width: float) -> list[Flowable]:
    data = composer.data
    out: list[Flowable] = [composer.section("checks")]
    out.append(
        composer.line(
            escape(
                composer.gettext(
                    "What the reviewer's checks found at the {level} level on {date}. They "
                    "point at facts to look at again; they do not decide anything."
                ).format(
                    level=data.audience.named(composer.speech.code),
                    date=composer.speech.date(data.today),
                )
            ),
            "small",
        )
    )
    if not data.findings:
        # Not an empty section: that the checks found nothing is their result.
        out.append(
            composer.line(
                escape(composer.gettext("The checks found nothing to look at again.")), "small"
            )
        )
    for finding in data.findings:
        composer.progress.check()
        text = f"{finding.record}: {finding.message}"
        lead = f"<b>{escape(finding.severity)} · {escape(finding.check)}</b> — "
        out.append(
            Paragraph(
                composer.marked(finding.level, lead + escape(text)),
                composer.style_for(text, "bullet"),
            )
        )
    return out


def sources(composer: Composer, width: float) -> list[Flowable]:
    data = composer.data
    if not data.sources:
        return []
    out: list[Flowable] = [composer.section("sources")]
    out.append(
        composer.line(
            escape(
                composer.gettext(
                    "Sources are graded A (completely reliable) to F (cannot be judged); a "
                    "citation's credibility runs from 1 (confirmed) to 6 (cannot be judged). "
                )
            )
            + escape("; ".join(composer.gettext(x) for x in CREDIBILITY_LABELS.values()))
            + ".",
            "small",
        )
    )
    for source in data.sources:
        composer.progress.check()
        details = [d for d in (source.publisher, source.author) if d]
        if source.published_on is not None:
            details.append(composer.speech.date(source.published_on))
        if source.language:
            details.append(composer.gettext("language {code}").format(code=source.language))
        text = f"{source.title}. {'; '.join(details)}." if details else f"{source.title}."
        grade = composer.gettext("Reliability {grade}.").format(
            grade=composer.speech.label(source.reliability)
        )
        body = (
            f'<a name="src{source.number}"/><b>[{source.number}]</b> {escape(text)} '
            f"<b>{escape(grade, bold=True)}</b>"
        )
        if source.address:
            body += " " + escape(source.address)
        out.append(
            Paragraph(composer.marked(source.level, body), composer.style_for(text, "bullet"))
        )
    return out


def aliases(composer: Composer, width: float) -> list[Flowable]:
    data = composer.data
    out: list[Flowable] = [composer.section("aliases")]
    acronyms = sorted(
        (o for o in data.organizations if o.acronym), key=lambda o: o.acronym.casefold()
    )
    if acronyms:
        out.append(composer.subheading(composer.gettext("Acronyms")))
        for org in acronyms:
            composer.progress.check()
            text = f"{org.acronym} — {org.name}"
            out.append(
                Paragraph(
                    composer.marked(org.level, escape(text)), composer.style_for(text, "bullet")
                )
            )
    named: list[tuple[str, int, tuple[str, ...]]] = [
        *((p.name, p.level, p.aliases) for p in data.people),
        *((o.name, o.level, o.aliases) for o in data.organizations),
        *((p.name, p.level, p.aliases) for p in data.parties),
        *((e.title, e.level, e.aliases) for e in data.events),
        *((c.title, c.level, c.aliases) for c in data.chips),
    ]
    with_aliases = sorted((n for n in named if n[2]), key=lambda n: n[0].casefold())
    if with_aliases:
        out.append(composer.subheading(composer.gettext("Other names and spellings")))
        for name, level, others in with_aliases:
            composer.progress.check()
            text = composer.gettext("{name} — also {others}").format(
                name=name, others=", ".join(others)
            )
            out.append(
                Paragraph(composer.marked(level, escape(text)), composer.style_for(text, "bullet"))
            )
    if not acronyms and not with_aliases:
        return []
    return out
