"""The ``viz`` command: one offline HTML network view of the graph.

The views, their arguments and defaults come from the registry of
:mod:`sinergi.viz.views`: a new view module shows up here with no change.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from sinergi.cli.support import (
    LazyChoice,
    LazyHelpOption,
    errors_to_clean_exit,
    lazy_module,
    open_graph,
    store_option,
)

if TYPE_CHECKING:
    from sinergi import api
    from sinergi.viz import views as views_module
    from sinergi.viz.views import ViewSpec
else:
    api = lazy_module("sinergi.api")
    views_module = lazy_module("sinergi.viz.views")

from sinergi.cli.main import main


def _alias(value: str | None, option: str, old: str | None, old_option: str) -> str | None:
    """The value of ``option`` or of its former name ``old_option`` (a hidden alias)."""
    if old is not None and value is not None and old != value:
        raise click.UsageError(f"give {option} or its old name {old_option}, not both")
    return value if value is not None else old



#: How ``sinergi viz`` spells each view argument (see ``ViewSpec.arguments``).
_ARGUMENT_OPTIONS = {
    "program": "--program TEXT",
    "theme": "--theme SLUG",
    "region": "--region CODE",
    "depth": "--depth N",
}


def _check_view_arguments(spec: ViewSpec, arguments: dict[str, Any], layout: str | None) -> None:
    """Usage errors (exit 2) for view options the chosen view does not take or needs.

    Read off the view's spec, so a new view needs no change here; ``--theme`` is never
    refused, since the views that do not take a theme filter evidence by it.
    """
    name = spec.name
    given = {option for option, value in arguments.items() if value is not None}
    if spec.needs_one_of and not given & set(spec.needs_one_of):
        wanted = " or ".join(_ARGUMENT_OPTIONS[option] for option in spec.needs_one_of)
        raise click.UsageError(f"--view {name} needs {wanted}")
    for other in views_module.VIEWS.values():
        own = [option for option in other.arguments if option != "theme"]
        if other is spec or not given & set(own) - set(spec.arguments):
            continue
        flags = " and ".join(f"--{option}" for option in own)
        verb = "applies" if len(own) == 1 else "apply"
        raise click.UsageError(f"{flags} only {verb} to --view {other.name}")
    if layout is not None and layout not in spec.layouts:
        owners = [other.name for other in views_module.VIEWS.values() if layout in other.layouts]
        raise click.UsageError(f"--layout {layout} only applies to --view {' or '.join(owners)}")



@main.command()
@click.option(
    "--view",
    cls=LazyHelpOption,
    describe=lambda: "; ".join(
        f"{spec.name}: {spec.summary}"
        + (f" ({', '.join('--' + a for a in spec.arguments)})" if spec.arguments else "")
        for spec in views_module.VIEWS.values()
    )
    + ".",
    type=LazyChoice(lambda: views_module.VIEW_NAMES),
    default="learning",
    show_default=True,
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="HTML file to write. Default: <view>.html in the current directory.",
)
@click.option(
    "--program", metavar="TEXT", default=None, help="diffusion: words of the program's label."
)
@click.option(
    "--theme",
    "themes",
    metavar="SLUG",
    multiple=True,
    help="Theme slug (themes.csv). diffusion: the theme whose cascade to show (one); "
    "other views: keep only evidence with this theme (repeatable).",
)
@click.option(
    "--region", metavar="CODE", default=None, help="ego: Kemendagri code of the centre region."
)
@click.option(
    "--depth",
    type=click.IntRange(1, 6),
    default=None,
    help="ego: how many links away from the region to go.  [default: 1]",
)
@click.option(
    "--start", metavar="DATE", default=None, help="Keep evidence dated on or after YYYY-MM-DD."
)
@click.option(
    "--end", metavar="DATE", default=None, help="Keep evidence dated on or before YYYY-MM-DD."
)
@click.option("--since", "since", metavar="DATE", default=None, hidden=True)  # old --start
@click.option("--until", "until", metavar="DATE", default=None, hidden=True)  # old --end
@click.option(
    "--type",
    "kinds",
    multiple=True,
    type=click.Choice(["learning", "visit", "agreement", "forum"]),
    help="Keep only links of this type (repeatable).",
)
@click.option(
    "--province", metavar="CODE", default=None, help="Keep links touching this province (code)."
)
@click.option(
    "--include-excluded",
    is_flag=True,
    help="Also draw statements a curator rejected or replaced (sinergi curate).",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=None,
    help="Draw only statements whose rule confidence is at least this.",
)
@click.option(
    "--min-evidence",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Drop links with fewer pieces of evidence.",
)
@click.option(
    "--size",
    type=click.Choice(["degree", "pagerank", "first"]),
    default=None,
    help="Initial node size: degree, PageRank or first appearance (earlier is larger). "
    "Default: first for diffusion, else degree.",
)
@click.option(
    "--colour",
    "--color",
    "colour",
    type=click.Choice(["province", "island"]),
    default="province",
    show_default=True,
    help="Initial node colour: by province or by island group.",
)
@click.option(
    "--layout",
    type=click.Choice(["map", "force", "timeline"]),
    default=None,
    help="Initial layout: map (coordinates), force, or timeline (diffusion only). "
    "Default: timeline for diffusion, else map.",
)
@click.option(
    "--title", metavar="TEXT", default=None, help="Page heading. Default: the view's name."
)
@store_option
@errors_to_clean_exit
def viz(
    view: str,
    out: Path | None,
    program: str | None,
    themes: tuple[str, ...],
    region: str | None,
    depth: int | None,
    start: str | None,
    end: str | None,
    since: str | None,
    until: str | None,
    kinds: tuple[str, ...],
    province: str | None,
    include_excluded: bool,
    min_confidence: float | None,
    min_evidence: int,
    size: str | None,
    colour: str,
    layout: str | None,
    title: str | None,
    store_dir: Path | None,
) -> None:
    """Write an interactive network view as ONE self-contained HTML file (works offline).

    The page filters without regenerating (time range, link types, themes, province,
    minimum evidence), finds regions by name or alias, shows every piece of evidence of
    a link on click and saves the view as PNG. The filter options here cut the data
    before it is written.

    \b
    Examples:
      sinergi viz --view learning --out learning.html
      sinergi viz --view collaboration --start 2022-01-01 --type agreement
      sinergi viz --view diffusion --program "pasar murah" --out pasar-murah.html
      sinergi viz --view ego --region 17.71 --depth 2 --size pagerank
    """
    spec = views_module.get_view(view)
    # --theme is the diffusion view's argument where the view takes one, else a filter
    theme_argument = "theme" in spec.arguments
    if theme_argument and len(themes) > 1:
        raise click.UsageError(f"--view {view} takes one --theme")
    arguments: dict[str, Any] = {
        "program": program,
        "theme": themes[0] if theme_argument and themes else None,
        "region": region,
        "depth": depth,
    }
    _check_view_arguments(spec, arguments, layout)
    start = _alias(start, "--start", since, "--since")
    end = _alias(end, "--end", until, "--until")
    filters = api.ViewFilter(
        start=start,
        end=end,
        themes=frozenset() if theme_argument else frozenset(themes),
        kinds=frozenset(kinds),
        province=province,
        min_evidence=min_evidence,
        include_excluded=include_excluded,
        min_confidence=min_confidence,
    )
    target = out or Path(f"{view}.html")
    with open_graph(store_dir, read_only=True) as store:
        written = api.write_view(
            store,
            view,
            target,
            filters=filters,
            **arguments,
            size=size,
            colour=colour,
            layout=layout,
            title=title,
        )
    click.echo(f"wrote {written}")
