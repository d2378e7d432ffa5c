/* Accessibility repairs of Dash 4's core components, in one place (checked by axe-core in
 * tests/browser/test_map.py; if a Dash upgrade fixes them upstream, that test still holds and this
 * file can go).
 *
 * - dcc.RadioItems and dcc.Checklist render role="listbox" with a role="option" <label> around
 *   each native radio or tick box: interactive controls nested in each other (axe
 *   "nested-interactive"), and a listbox without a name. The native inputs carry the semantics,
 *   so the list becomes a radiogroup or group named by the control's label, and the labels plain.
 * - dcc.Slider's handle and number box have no accessible name: the control's label gives one.
 * - dcc.Dropdown keeps its keyboard focus on a hidden input (tabindex 0, aria-hidden: axe
 *   "aria-hidden-focus") and takes its trigger button out of the tab order. The button opens the
 *   menu with Enter, Space and the arrow keys by itself, so the tab stop moves to it, named by
 *   the control's label and its value.
 * - dcc.Input of type number names its − and + buttons "Decrease value" and "Increase value", in
 *   English whatever the page's language, with no prop to change it: a box marked with
 *   data-decrease and data-increase (components/export_panel.py) gives their names.
 */
(function () {
  "use strict";

  function labelOf(el) {
    var id = el.id;
    if (!id) { return null; }
    var label = document.getElementById(id + "-label");
    return label ? label.id : null;
  }

  function repairList(list) {
    if (list.closest("[data-radix-popper-content-wrapper], .dash-dropdown-content")) { return; }
    var role = list.classList.contains("dash-radioitems") ? "radiogroup" : "group";
    if (list.getAttribute("role") !== role) { list.setAttribute("role", role); }
    var name = labelOf(list);
    if (name && !list.hasAttribute("aria-labelledby")) { list.setAttribute("aria-labelledby", name); }
    // React sets aria-selected again whenever the value changes
    list.querySelectorAll("label[role=option], label[aria-selected]").forEach(function (label) {
      label.removeAttribute("role");
      label.removeAttribute("aria-selected");
    });
  }

  // dcc.Slider's handle (role="slider") and its number box have no name: the control's label
  // names them.
  function repairSlider(part) {
    if (part.hasAttribute("aria-labelledby") || part.hasAttribute("aria-label")) { return; }
    var box = part.closest(".dash-slider-container");
    var name = box ? labelOf(box) : null;
    if (name) { part.setAttribute("aria-labelledby", name); }
  }

  function repairDropdown(target) {
    if (target.getAttribute("tabindex") === "-1") { return; }
    target.setAttribute("tabindex", "-1");
    var button = target.parentElement && target.parentElement.querySelector("button.dash-dropdown");
    if (!button) { return; }
    button.setAttribute("tabindex", "0");
    var name = labelOf(button);
    var labelled = button.getAttribute("aria-labelledby") || "";
    if (name && labelled.indexOf(name) < 0) { button.setAttribute("aria-labelledby", (name + " " + labelled).trim()); }
  }

  function repairStepper(button) {
    var box = button.closest("[data-decrease]");
    if (!box) { return; }
    var name = box.getAttribute(button.classList.contains("dash-stepper-decrement") ? "data-decrease" : "data-increase");
    if (name && button.getAttribute("aria-label") !== name) { button.setAttribute("aria-label", name); }
  }

  function repair(root) {
    root.querySelectorAll(".dash-options-list.dash-radioitems, .dash-options-list.dash-checklist").forEach(repairList);
    root.querySelectorAll("input.dash-dropdown-focus-target[tabindex='0']").forEach(repairDropdown);
    root.querySelectorAll(".dash-slider-thumb[role=slider], .dash-slider-container input").forEach(repairSlider);
    root.querySelectorAll("button.dash-input-stepper").forEach(repairStepper);
  }

  var pending = false;
  var observer = new MutationObserver(function () {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      repair(document);
    });
  });
  function start() {
    repair(document);
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["role", "tabindex", "aria-selected", "aria-label", "data-decrease"] });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
