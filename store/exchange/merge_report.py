"""What a merge of claimdesk's own export did (store.exchange.merge): ``ImportReport``.

Each record read is counted once, in exactly one of updated, unchanged, kept, added and unmatched (so they add up
to ``records``); the other counts (history rows, links, assignments, sign-offs, articles) say what came with them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from store.wording import counted


@dataclass
class ImportReport:
    records: int = 0
    updated: int = 0  # the file's decision was newer and now stands
    unchanged: int = 0  # the same decision was already there, or the file has no decision for the claim
    kept: int = 0  # the database's decision was newer: kept; the file's went into the history
    added: int = 0  # claims added to their article (their text is in it), with the file's decision
    unmatched: int = 0  # records left out: no claim text, an unknown status, no article, a text not in the article
    history: int = 0  # history rows added
    links: int = 0  # links to earlier claims added (both ends are in the file and here)
    assignments: int = 0  # claims assigned to no one here that took the file's (or the copied archive's) assignee
    missing_articles: int = 0  # unmatched records whose article is not in the database (nor carried by the file)
    articles_added: int = 0  # articles rebuilt from a file exported --with-articles
    signoffs: int = 0  # claims whose sign-off (second review) was brought in (from the file or the copied archive)
    problems: list[str] = field(default_factory=list)

    def summary(self, with_links: bool = True) -> str:
        articles = f", {counted(self.articles_added, 'article')} added" if self.articles_added else ""
        links = f", {counted(self.links, 'link')}" if self.links and with_links else ""
        signoffs = f", {counted(self.signoffs, 'sign-off')} brought in" if self.signoffs else ""
        assigned = f", {counted(self.assignments, 'assignment')} taken" if self.assignments else ""
        return (f"{counted(self.records, 'claim')} read: {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.kept} kept (newer here), {self.added} added, {self.unmatched} unmatched{articles}; "
                f"{counted(self.history, 'history row')}{links} added{signoffs}{assigned}")
