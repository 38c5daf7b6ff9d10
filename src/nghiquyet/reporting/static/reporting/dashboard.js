// A plan's dashboard: the class tiles filter the targets table, its groups fold.
// - a tile (button[aria-controls=targets-table]) shows only the targets of its class, again
//   shows them all; groups without such a target are hidden, the others open;
// - a group's heading (.group-toggle) folds and unfolds its rows; on a phone the groups
//   start folded, so that the page fits in a few screens.
(function () {
  function setup() {
    var table = document.getElementById("targets-table");
    if (!table) return;
    var tiles = document.querySelectorAll('button.tile[aria-controls="targets-table"]');
    var status = document.querySelector("[data-testid=filter-status]");
    var groups = Array.prototype.slice.call(table.tBodies);

    function rows(body) {
      return Array.prototype.filter.call(body.rows, function (r) {
        return !r.classList.contains("group-row");
      });
    }
    function fold(body, open) {
      var toggle = body.querySelector(".group-toggle");
      if (toggle) toggle.setAttribute("aria-expanded", open ? "true" : "false");
      rows(body).forEach(function (r) { r.hidden = !open || r.dataset.filtered === "1"; });
    }
    function filter(key, label) {
      groups.forEach(function (body) {
        var shown = 0;
        rows(body).forEach(function (r) {
          var match = !key || r.dataset.class === key;
          r.dataset.filtered = match ? "" : "1";
          if (match) shown += 1;
        });
        body.hidden = key && !shown;
        fold(body, !!key || !narrow());
      });
      tiles.forEach(function (t) {
        t.setAttribute("aria-pressed", t.dataset.class === key ? "true" : "false");
      });
      if (status) {
        status.hidden = !key;
        status.querySelector("[data-filter-label]").textContent = label || "";
      }
    }
    function narrow() {
      return window.matchMedia && window.matchMedia("(max-width: 720px)").matches;
    }

    tiles.forEach(function (tile) {
      tile.addEventListener("click", function () {
        var on = tile.getAttribute("aria-pressed") !== "true";
        filter(on ? tile.dataset.class : "", tile.dataset.label);
        if (on) table.closest("section").scrollIntoView({ block: "start" });
      });
    });
    if (status) {
      status.querySelector("[data-filter-clear]").addEventListener("click", function () {
        filter("", "");
      });
    }
    groups.forEach(function (body) {
      var toggle = body.querySelector(".group-toggle");
      if (!toggle) return;
      toggle.addEventListener("click", function () {
        fold(body, toggle.getAttribute("aria-expanded") !== "true");
      });
    });
    if (narrow()) groups.forEach(function (body) { fold(body, false); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
