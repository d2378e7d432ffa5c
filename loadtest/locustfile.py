"""Users of the dashboard, for locust: ``make loadtest`` (loadtest/run.py) or, against a running server,

    .venv/bin/locust -f loadtest/locustfile.py --host http://127.0.0.1:8050 --headless -u 50 -r 10 -t 2m

Each user opens the page as the browser does (``/``, ``/_dash-layout``, ``/_dash-dependencies``,
then the callbacks the page fires on load) and then, with a few seconds of thought between
actions, filters (region, province, layer, sector), clicks a province on the map, changes the
indicator and the year, switches the language, or reloads its shared link. Every action posts
the callbacks it sets off to ``/_dash-update-component`` exactly as the browser would, built at
run time from the app's own dependencies (loadtest/dash_client.py), so a change of callback
signature needs no change here.

A response counts as a failure unless it is 200 (or 204, Dash's "no update") and free of any
Python traceback.
"""

from __future__ import annotations

import random
import time

from locust import FastHttpUser, between, task

from loadtest.dash_client import Callback, Page, cascade

TRACEBACK = "Traceback (most recent call last)"
OK = (200, 204)


class Visitor(FastHttpUser):
    wait_time = between(1, 4)  # seconds of looking at the map between two actions

    page: Page | None = None
    provinces_trace: int | None = None
    locations: list[str] = []
    all_layers: list[str] = []

    def on_start(self) -> None:
        self.open_page("")

    # ------------------------------------------------------------ HTTP, checked

    def fetch(self, path: str, name: str):
        with self.client.get(path, name=name, catch_response=True) as res:
            if res.status_code != 200 or TRACEBACK in (res.text or ""):
                res.failure(f"{res.status_code} {(res.text or '')[:200]}")
                return None
            return res

    def post(self, cb: Callback, body: dict) -> dict | None:
        with self.client.post(
            "/_dash-update-component", json=body, name=f"callback {cb.name}", catch_response=True
        ) as res:
            text = res.text or ""
            if res.status_code not in OK or TRACEBACK in text:
                res.failure(f"{res.status_code} {text[:300]}")
                return None
            return res.json() if res.status_code == 200 and text else None

    # ------------------------------------------------------------ journeys

    def open_page(self, search: str) -> None:
        """Load the page, its layout and dependencies, then fire what the page fires on load."""
        if self.fetch(f"/{search}", "page /") is None:
            return
        layout = self.fetch("/_dash-layout", "/_dash-layout")
        deps = self.fetch("/_dash-dependencies", "/_dash-dependencies")
        if layout is None or deps is None:
            return
        self.page = Page(layout.json(), deps.json(), search)
        self.all_layers = list(self.page.get("layers", "data") or [])
        self.find_provinces_trace()
        cascade(self.page, self.post, [], first=self.page.initial())

    def find_provinces_trace(self) -> None:
        """The map trace a click on a province hits: the choropleth with the most western adcodes."""
        figure = self.page.props.get("map", {}).pop("figure", None) or {}  # kept by the browser, not here
        west = set(self.page.options("provinces"))
        best = 0
        for index, trace in enumerate(figure.get("data") or []):
            locations = [str(x) for x in trace.get("locations") or []]
            hits = len(west & set(locations))
            if str(trace.get("type", "")).startswith("choropleth") and hits > best:
                best, self.provinces_trace, self.locations = hits, index, locations

    def ready(self) -> bool:
        """The page is open (opened again if its first load failed)."""
        if self.page is None:
            self.open_page("")
        return self.page is not None

    def act(self, component_id: str, prop: str, value: object) -> None:
        cascade(self.page, self.post, [self.page.set(component_id, prop, value)])

    @task(3)
    def filter(self) -> None:
        if not self.ready():
            return
        control = random.choice(["region", "provinces", "layers", "sectors"])
        if control == "layers":  # a store that the layer panel's rows show: every layer at first
            layers = self.all_layers or []
            if layers:
                self.act("layers", "data", random.sample(layers, random.randint(1, len(layers))))
            return
        options = self.page.options(control)
        if not options:
            return
        if control == "region":
            self.act(control, "value", random.choice(options))
        else:
            self.act(control, "value", random.sample(options, random.randint(0, min(3, len(options)))))

    @task(3)
    def click_province(self) -> None:
        if not self.ready():
            return
        west = [a for a in self.page.options("provinces") if a in self.locations]
        if self.provinces_trace is None or not west:
            return
        adcode = random.choice(west)
        index = self.locations.index(adcode)
        point = {"curveNumber": self.provinces_trace, "pointNumber": index, "pointIndex": index, "location": adcode}
        # what the page's clientside callback passes on from the map's clickData (callbacks/map_view.py)
        self.act("map-click", "data", {"points": [point], "t": time.time()})

    @task(2)
    def indicator_and_year(self) -> None:
        if not self.ready():
            return
        indicators = self.page.options("indicator")
        if indicators:
            self.act("indicator", "value", random.choice(indicators))
        low, high = self.page.get("year", "min"), self.page.get("year", "max")
        if isinstance(low, int) and isinstance(high, int):
            self.act("year", "value", random.randint(low, high))

    @task(1)
    def switch_language(self) -> None:
        if not self.ready():
            return
        langs = [x for x in self.page.options("lang") if x != self.page.get("lang", "value")]
        if langs:
            self.act("lang", "value", random.choice(langs))

    @task(1)
    def reload_shared_link(self) -> None:
        if not self.ready():
            return
        self.open_page(str(self.page.get("url", "search") or ""))
