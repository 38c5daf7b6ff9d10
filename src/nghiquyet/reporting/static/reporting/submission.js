// After an autosave, every form on the page must carry the new revision, so that
// the next save or action is not taken for a stale one (optimistic locking).
document.addEventListener("htmx:afterSwap", function () {
  var current = document.getElementById("revision-current");
  if (!current || current.dataset.ok !== "1") return;
  document.querySelectorAll("input[name=revision]").forEach(function (input) {
    input.value = current.dataset.revision;
  });
});
