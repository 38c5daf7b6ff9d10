// Renders every Vega-Lite chart of the page: <div data-chart="ID"> with its spec in
// <script type="application/json" id="ID">. Numbers in the page's language format.
(function () {
  var LOCALES = {
    vi: { decimal: ",", thousands: ".", grouping: [3], currency: ["", " đ"] },
    en: { decimal: ".", thousands: ",", grouping: [3], currency: ["$", ""] },
  };
  function render() {
    var lang = (document.documentElement.lang || "vi").slice(0, 2);
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var source = document.getElementById(el.dataset.chart);
      if (!source || el.dataset.rendered) return;
      el.dataset.rendered = "1";
      vegaEmbed(el, JSON.parse(source.textContent), {
        actions: false,
        renderer: "svg",
        ast: true, // Vega's expression interpreter: no eval (Content-Security-Policy)
        formatLocale: LOCALES[lang] || LOCALES.vi,
      }).then(function () { el.setAttribute("data-chart-ready", "1"); })
        .catch(function (error) { el.textContent = error.message; });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", render);
  else render();
})();
