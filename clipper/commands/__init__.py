"""The CLI's commands, grouped by what they do; ``clipper.cli`` registers them.

- ``clipping``  clip, extract
- ``reading``   search, list, show
- ``manage``    open, tag, note, star, unstar, rm, stats, config
- ``archive``   export

Each module imports only Typer and the standard library at the top; the work
is imported inside each command so that ``clipper --help`` stays fast.
"""
