// Click a column heading of a table.sortable to sort its rows (again to reverse).
// Cells may carry data-value for the number to sort by.
(function () {
  function key(cell, numeric) {
    var raw = cell ? (cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent) : "";
    if (!numeric) return raw.trim().toLocaleLowerCase("vi");
    var n = parseFloat(String(raw).replace(/\./g, "").replace(",", "."));
    return isNaN(n) ? -Infinity : n;
  }
  function setup(table) {
    table.querySelectorAll("thead th[data-sort]").forEach(function (th, index) {
      th.setAttribute("role", "button");
      th.setAttribute("tabindex", "0");
      th.style.cursor = "pointer";
      var sort = function () {
        var numeric = th.dataset.sort === "num";
        var column = Array.prototype.indexOf.call(th.parentNode.children, th);
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("thead th").forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[column], numeric), y = key(b.cells[column], numeric);
          var order = numeric ? x - y : String(x).localeCompare(String(y), "vi");
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      };
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("table.sortable").forEach(setup);
  });
})();
