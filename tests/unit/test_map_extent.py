"""The map's extent widened to fill a frame of any shape (figures/map/extent.py): the map keeps the
scale its extent gives it and the frame gets no blank band, at any size, region and pan."""

from __future__ import annotations

import math

import numpy as np
import pyproj
import pytest

from figures.map import extent
from figures.map.layout import CENTRAL_MERIDIAN, DEFAULT_LAT, DEFAULT_LON, PARALLELS
from model.prepared import current
from view.state import ViewState

# the page's map frames (px) at 1366×768, 1920×1080 and on a phone; the 16:9 and A4 portrait
# exports' (figures/map/legend.export_dict); a wide strip
FRAMES = [(692, 615.6), (1186, 930.8), (390, 339.1), (1413.6, 880), (558, 923), (1500, 600)]


def _homes():
    bounds = current().lookup.region_bounds
    return {"west": extent.home(None), **{key: extent.home(bounds[key]) for key in ("chengyu", "northwest")}}


def test_the_projection_is_plotlys_conic_equal_area():
    """d3's conicEqualArea, which Plotly draws with, is Albers's equal-area conic on a sphere."""
    lat_1, lat_2 = PARALLELS
    albers = pyproj.Proj(f"+proj=aea +lat_1={lat_1} +lat_2={lat_2} +lat_0=0 +lon_0=105 +R=1")
    lon, lat = np.array([73.0, 135.5, 105.0, 90.0, 120.0]), np.array([17.0, 54.0, 35.5, 40.0, 2.5])
    x, y = extent.project(lon, lat, 105.0)
    assert np.allclose((x, y), albers(lon, lat), atol=1e-12)


@pytest.mark.parametrize("frame", FRAMES)
@pytest.mark.parametrize("region", ["west", "chengyu", "northwest"])
def test_the_filled_extent_has_the_frames_shape_at_the_extents_own_scale(frame, region):
    home = _homes()[region]
    width, height = frame
    own = home["center"][0]
    bw, bh = extent.box_size(home["lon"], home["lat"], own)
    lon, lat = extent.filled_ranges(home["lon"], home["lat"], own, width, height)
    fw, fh = extent.box_size(lon, lat, own)
    assert fw / fh == pytest.approx(width / height, rel=2e-4)  # no band on either side
    # the map is as large as its extent makes it, its binding side as before: never smaller
    assert min(width / fw, height / fh) == pytest.approx(min(width / bw, height / bh), rel=2e-4)
    assert lon[0] <= own <= lon[1] and lat[0] <= sum(home["lat"]) / 2 <= lat[1]


@pytest.mark.parametrize("frame", FRAMES[:3])
def test_a_pan_keeps_the_filled_extents_shape(frame):
    """A pan turns the projection: the widened box turns with it, keeping its projected size (a
    box fixed in longitude would change shape, and the map its scale, as the map is panned)."""
    home = _homes()["west"]
    sizes = []
    for lon_now in (CENTRAL_MERIDIAN, 80.0, 118.5):
        lon, lat = extent.filled_ranges(home["lon"], home["lat"], CENTRAL_MERIDIAN, *frame, centre_lon=lon_now)
        assert sum(lon) / 2 == pytest.approx(lon_now, abs=1e-3)
        sizes.append(extent.box_size(lon, lat, lon_now))
    assert np.allclose(sizes, sizes[0], rtol=1e-4)


def test_the_whole_west_keeps_its_centre_and_a_region_is_centred_on_itself():
    west = extent.home(None)
    assert west["center"] == [CENTRAL_MERIDIAN, sum(DEFAULT_LAT) / 2]
    assert west["lon"] == list(DEFAULT_LON) and west["lat"] == list(DEFAULT_LAT)
    northwest = _homes()["northwest"]
    lon, lat = northwest["center"]
    assert lon == pytest.approx(sum(northwest["lon"]) / 2, abs=1e-3)
    # its centre is the middle of its extent's projection, turned to that centre
    west_x, south, east_x, north = extent.box_bounds(northwest["lon"], northwest["lat"], lon)
    x, y = extent.project(lon, lat, lon)
    assert float(x) == pytest.approx((west_x + east_x) / 2, abs=1e-9)
    assert float(y) == pytest.approx((south + north) / 2, abs=1e-6)


def test_the_map_names_its_home_view_and_a_region_turns_the_map_to_its_centre(atlas_data):
    from figures.map import map_values

    west = map_values(atlas_data, ViewState())
    assert west[("layout", "meta", "home")] == extent.home(None)
    assert west[("layout", "geo", "center")] == {"lon": CENTRAL_MERIDIAN, "lat": sum(DEFAULT_LAT) / 2}
    northwest = map_values(atlas_data, ViewState(region="northwest"))
    home = northwest[("layout", "meta", "home")]
    assert home == extent.home(atlas_data.lookup.region_bounds["northwest"])
    assert northwest[("layout", "geo", "projection", "rotation", "lon")] == home["center"][0]
    assert northwest[("layout", "geo", "center")] == {"lon": home["center"][0], "lat": home["center"][1]}
    assert math.isclose(home["center"][0], 92.367, abs_tol=0.01)  # not the west's 105: Xinjiang is in view


@pytest.mark.parametrize("frame", [(4000, 1000), (200, 1000)])
def test_a_frame_no_box_can_fill_never_makes_the_map_smaller(frame):
    """Far wider than three to one, or taller than two to one, no box at the extent's scale fills
    the frame: the map keeps its scale, and a tall frame still gets the tallest box."""
    home = _homes()["west"]
    bw, bh = extent.box_size(home["lon"], home["lat"], CENTRAL_MERIDIAN)
    lon, lat = extent.filled_ranges(home["lon"], home["lat"], CENTRAL_MERIDIAN, *frame)
    fw, fh = extent.box_size(lon, lat, CENTRAL_MERIDIAN)
    assert min(frame[0] / fw, frame[1] / fh) == pytest.approx(min(frame[0] / bw, frame[1] / bh), rel=2e-4)
    assert fh >= bh
