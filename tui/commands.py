"""Command palette entries for claimdesk's rarer actions."""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Provider


class ClaimdeskCommands(Provider):
    """Export, help, and jumping to an article."""

    def _commands(self):
        app = self.app
        yield "Export verdicts as CSV", app.action_export, "Write every claim and its verdict to a CSV file"
        yield "Show keys", app.action_help, "List every key of this screen"
        for article in app.store.articles():
            yield f"Open article: {article.title}", _opener(app, article.id), f"{article.progress} decided"

    async def discover(self):
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str):
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)


def _opener(app, article_id: int):
    return lambda: app.open_article(article_id)
