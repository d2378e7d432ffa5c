"""The export panel's size boxes agree with the chosen preset, and a typed size is the export's."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from export.render import PRESETS
from tests.browser.test_dashboard import open_page, open_section

LINK = "#export-link"


def _link_query(page) -> dict:
    return parse_qs(urlsplit(page.locator(LINK).input_value()).query)


def _boxes(page) -> tuple[str, str]:
    return page.locator("#export-width").input_value(), page.locator("#export-height").input_value()


def _choose_preset(page, label: str):
    page.locator("#export-preset").click()
    page.get_by_role("option", name=label).click()


def test_the_size_boxes_show_the_preset_follow_it_and_a_typed_size_makes_a_custom_export(page, live_server):
    """With '16:9 幻灯片 (1920×1080)' chosen the boxes said 1600 × 900, choosing A4 left them so,
    and typing a width changed nothing: the file was the preset's. With A4 chosen they said
    1123 × 794, the page's CSS px, for a PNG of 3508 × 2480 pixels."""
    open_page(page, live_server)
    open_section(page, "导出")
    page.wait_for_function(
        f"() => /preset=slide-16x9|\\/export\\/slide\\.png/.test(document.querySelector('{LINK}').value)"
    )
    slide = PRESETS["slide-16x9"]
    assert _boxes(page) == (str(slide.width), str(slide.height))
    width = page.locator("#export-width")
    box = width.bounding_box()  # four digits whole in the box, beside its stepper buttons
    assert page.evaluate("e => e.scrollWidth <= e.clientWidth", width.element_handle()), box
    a4 = PRESETS["a4-landscape"]
    _choose_preset(page, a4.label_zh)
    # the PNG's pixels at 300 dpi (the file's size), not the page's 1123 × 794 CSS px
    png = a4.file_size("png")
    page.wait_for_function(f"() => document.querySelector('#export-width').value === '{png[0]}'")
    assert _boxes(page) == (str(png[0]), str(png[1])) and png[0] > a4.width
    page.wait_for_function(f"() => document.querySelector('{LINK}').value.includes('preset=a4-landscape')")
    page.get_by_role("radio", name="SVG").check()  # an SVG's own size is the page's CSS px
    page.wait_for_function(f"() => document.querySelector('#export-width').value === '{a4.width}'")
    assert _boxes(page) == (str(a4.width), str(a4.height))
    assert "preset=a4-landscape" in page.locator(LINK).input_value()  # still the preset, not a custom size
    page.get_by_role("radio", name="PNG").check()
    page.wait_for_function(f"() => document.querySelector('#export-width').value === '{png[0]}'")
    width.fill("1200")
    width.press("Tab")
    page.wait_for_function(f"() => document.querySelector('{LINK}').value.includes('size=1200x{png[1]}')")
    assert "preset" not in _link_query(page)
    assert page.locator("#export-preset").text_content().strip().startswith("自定义")
    _choose_preset(page, slide.label_zh)  # back to a preset: its size again, and the link names it
    page.wait_for_function(f"() => document.querySelector('#export-width').value === '{slide.width}'")
    page.wait_for_function(f"() => !document.querySelector('{LINK}').value.includes('size=')")
