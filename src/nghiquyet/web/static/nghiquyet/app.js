// Behaviour every page shares, without inline scripts or event handlers (the
// Content-Security-Policy allows scripts from the app's own files only):
// - <select data-autosubmit> submits its form when changed;
// - <button data-copy="ID"> copies the text of the element ID to the clipboard;
// - on a phone, the header's menu button opens and closes the menu (the stylesheet folds
//   the menu only once this script has marked the page with the class "js").
(function () {
  document.documentElement.classList.add("js");
  // A table wider than its card scrolls inside it: reachable by keyboard (arrow keys).
  function scrollables() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth) wrap.setAttribute("tabindex", "0");
      else wrap.removeAttribute("tabindex");
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scrollables);
  else scrollables();
  window.addEventListener("resize", scrollables);
  document.addEventListener("click", function (event) {
    var toggle = event.target && event.target.closest && event.target.closest(".menu-toggle");
    if (!toggle) return;
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    toggle.closest(".topbar").classList.toggle("menu-open", open);
  });
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el && el.matches && el.matches("[data-autosubmit]") && el.form) {
      if (el.form.requestSubmit) el.form.requestSubmit();
      else el.form.submit();
    }
  });
  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest && event.target.closest("[data-copy]");
    if (!button) return;
    var source = document.getElementById(button.dataset.copy);
    if (source && navigator.clipboard) navigator.clipboard.writeText(source.textContent);
  });
})();
