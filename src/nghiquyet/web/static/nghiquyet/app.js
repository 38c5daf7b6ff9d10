// Behaviour every page shares, without inline scripts or event handlers (the
// Content-Security-Policy allows scripts from the app's own files only):
// - <select data-autosubmit> submits its form when changed;
// - <button data-copy="ID"> copies the text of the element ID to the clipboard.
(function () {
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
