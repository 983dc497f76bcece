"""claimdesk's claims: reading articles in, finding their claims, matching them against earlier ones, and the
desk's workflows that tie these to the store — everything the product does that is not the terminal.

Four packages: ``read`` (articles in), ``extract`` (sentences, check-worthiness, speakers, types), ``match`` (the
index, the signals, the score, word diffs), ``desk`` (load, decide and undo, rematch, import links, the persisted
match index). May import the store through its public modules (store.interface.Archive and the models); never
Textual or rich, never tui. read, extract and match never import desk (import-linter contracts in pyproject.toml).
"""
