"""Command palette: every action of the current screen and of the app (with its key), and opening articles."""

from __future__ import annotations

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Provider

from tui.screens.help import key_rows


class ClaimdeskCommands(Provider):
    """Each described key binding of the screen below the palette, and of the app, as a command."""

    def _commands(self):
        screen = self.screen
        seen = set()
        for bindings, target in ((screen.BINDINGS, screen), (self.app.BINDINGS, self.app)):
            for binding in bindings:
                if isinstance(binding, Binding) and binding.description and binding.action not in seen:
                    seen.add(binding.action)
                    yield binding.description, _runner(target, binding.action), self._keys(binding)
        yield ("Export verdicts…", self.app.action_export,
               "write the claims and their verdicts as CSV, JSON Lines or ClaimReview, filtered if you like")

    def _keys(self, binding: Binding) -> str:
        for keys, description, _ in key_rows(self.screen):
            if description == binding.description:
                return f"key: {keys}"
        return ""

    async def discover(self):
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str):
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
        for row in self.app.store.search_articles(query, limit=10):
            name = f"Open article: {row.article_title}"
            yield Hit(max(matcher.match(name), 0.1), matcher.highlight(name), _opener(self.app, row.article_id),
                      help="article")


def _runner(target, action: str):
    async def run() -> None:
        await target.run_action(action)

    return run


def _opener(app, article_id: int):
    return lambda: app.open_article(article_id)
