// The data-entry grid of a unit's report: every cell is saved when it is left.
//
// - A row is sent when one of its cells is left with new text; the server saves every
//   valid row it gets (reporting.workflow.submission_cells_save) and names each bad cell.
// - A bad cell keeps its text, gets a red border, its message under it (aria-invalid,
//   aria-describedby) and is not sent again until its text changes; it blocks nothing.
// - A ratio row is checked once both its numerator and its denominator have been left.
// - Saves go one at a time and carry the report's revision (optimistic locking); each
//   answer hands over the next revision. A network failure keeps the texts and retries.
// - Enter moves down a row (Shift+Enter: a new line in a note), Tab across.
// - Leaving the page with unsaved cells asks first.
(function () {
  "use strict";
  var form = document.getElementById("grid-form");
  if (!form) return;
  var url = form.dataset.cellsUrl;
  var statusBox = document.getElementById("save-status");
  var msg = form.dataset;
  var FIELDS = ["value", "numerator", "denominator", "status", "note"];

  var queued = {};        // entry id -> true: rows to send
  var inflight = false;
  var retryDelay = 0;     // ms; grows while the network fails
  var retryTimer = null;
  var stopped = "";       // a refusal that another save cannot mend (conflict, rights)

  function cells(row) {
    var found = {};
    FIELDS.forEach(function (f) {
      var el = row.querySelector('[name="e-' + row.dataset.entry + "-" + f + '"]');
      if (el) found[f] = el;
    });
    return found;
  }
  function rowOf(el) { return el.closest("tr[data-entry]"); }
  function fieldOf(el) { return el.name.split("-")[2]; }
  function revision() { return form.querySelector("input[name=revision]").value; }
  function csrf() { return form.querySelector("input[name=csrfmiddlewaretoken]").value; }

  function pending(el) { return el.value !== (el.dataset.saved || ""); }
  // A bad cell is not sent again until its text changes.
  function sendable(el) {
    return pending(el) && !(el.dataset.badText !== undefined && el.value === el.dataset.badText);
  }

  function setMessage(el, text, bad) {
    var box = document.getElementById(el.getAttribute("aria-describedby"));
    if (box) box.textContent = text || "";
    if (bad) {
      el.setAttribute("aria-invalid", "true");
      el.classList.add("cell-invalid");
      el.dataset.badText = el.value;
    } else {
      el.removeAttribute("aria-invalid");
      el.classList.remove("cell-invalid");
      delete el.dataset.badText;
    }
  }

  // The fields of a row to send now, or null when the row must wait.
  function fieldsToSend(row) {
    var c = cells(row);
    var out = FIELDS.filter(function (f) { return c[f] && sendable(c[f]); });
    if (row.dataset.ratio && (out.indexOf("numerator") >= 0 || out.indexOf("denominator") >= 0)) {
      var num = c.numerator, den = c.denominator;
      var numEmpty = num.value.trim() === "", denEmpty = den.value.trim() === "";
      // One part alone: wait until the other has been left too.
      if (numEmpty !== denEmpty) {
        var missing = numEmpty ? num : den;
        if (!missing.dataset.left) {
          setMessage(missing, numEmpty ? msg.msgNeedNumerator : msg.msgNeedDenominator, false);
          out = out.filter(function (f) { return f !== "numerator" && f !== "denominator"; });
        }
      }
      if (out.indexOf("numerator") >= 0 || out.indexOf("denominator") >= 0) {
        ["numerator", "denominator"].forEach(function (f) {
          if (out.indexOf(f) < 0) out.push(f);
        });
      }
    }
    return out;
  }

  function unsavedCount() {
    var n = 0;
    form.querySelectorAll("[data-saved]").forEach(function (el) { if (pending(el)) n += 1; });
    return n;
  }
  function invalidCount() {
    return form.querySelectorAll("[aria-invalid=true]").length;
  }

  function show(text, kind) {
    statusBox.textContent = text;
    statusBox.className = kind || "";
    form.dataset.state = kind || "";
  }
  var lastSaved = "";
  function showSettled(savedAt) {
    if (savedAt) lastSaved = savedAt;
    savedAt = lastSaved;
    var bad = invalidCount();
    if (bad) show(msg.msgInvalid.replace("{n}", bad), "save-problem");
    else if (unsavedCount()) show(msg.msgPending, "");
    else if (savedAt) show(msg.msgSaved.replace("{time}", savedAt), "save-ok");
  }

  function queue(row) {
    queued[row.dataset.entry] = true;
    flush();
  }

  function flush() {
    if (inflight || stopped || retryTimer) return;
    var body = new URLSearchParams();
    var sent = {};
    Object.keys(queued).forEach(function (id) {
      var row = form.querySelector('tr[data-entry="' + id + '"]');
      var fields = fieldsToSend(row);
      if (!fields.length) return;
      var c = cells(row);
      sent[id] = {};
      fields.forEach(function (f) {
        body.append("e-" + id + "-" + f, c[f].value);
        sent[id][f] = c[f].value;
      });
    });
    queued = {};
    if (!Object.keys(sent).length) { showSettled(); return; }
    body.append("revision", revision());
    inflight = true;
    show(msg.msgSaving, "");
    fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf(), "Accept": "application/json" },
    }).then(function (response) {
      if (response.status >= 500) throw new Error("server " + response.status);
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    }).then(function (answer) {
      inflight = false;
      retryDelay = 0;
      handle(answer.status, answer.data, sent);
    }).catch(function () {
      // The network (or the server) failed: keep every text and try again later.
      inflight = false;
      Object.keys(sent).forEach(function (id) { queued[id] = true; });
      retryDelay = Math.min(retryDelay ? retryDelay * 2 : 1000, 30000);
      show(msg.msgOffline, "save-problem");
      retryTimer = setTimeout(function () { retryTimer = null; flush(); }, retryDelay);
    });
  }

  function handle(status, data, sent) {
    if (data.revision) {
      document.querySelectorAll("input[name=revision]").forEach(function (input) {
        if (status === 200) input.value = data.revision;
      });
    }
    if (status !== 200) {
      stopped = data.conflict || data.refused || "";
      show(stopped, "save-problem");
      statusBox.setAttribute("role", "alert");
      return;
    }
    var again = false;
    Object.keys(sent).forEach(function (id) {
      var row = form.querySelector('tr[data-entry="' + id + '"]');
      var c = cells(row);
      var saved = data.rows[id];
      var problems = data.problems[id] || {};
      if (saved) {
        FIELDS.forEach(function (f) {
          if (!c[f]) return;
          var stored = saved.cells[f];
          // Show the stored text, unless the person has typed on since the save left.
          if (c[f].value === sent[id][f] || !pending(c[f])) c[f].value = stored;
          c[f].dataset.saved = stored;
          if (sent[id][f] !== undefined || !pending(c[f])) setMessage(c[f], "", false);
        });
        var rate = document.getElementById("rate-" + id);
        if (rate) rate.textContent = saved.rate ? "= " + saved.rate : "";
        row.classList.toggle("implausible", !!saved.implausible);
        var note = row.querySelector(".implausible-msg");
        if (note) {
          note.hidden = !saved.implausible;
          note.textContent = saved.quality || msg.msgImplausible;
        }
        row.classList.remove("has-error");
      } else {
        row.classList.add("has-error");
        Object.keys(sent[id]).forEach(function (f) {
          if (problems[f]) setMessage(c[f], problems[f], true);
        });
        // Cells that were refused only with a bad neighbour go again on their own.
        var before = Object.keys(sent[id]).sort().join();
        var now = fieldsToSend(row).sort().join();
        if (now && now !== before) { queued[id] = true; again = true; }
      }
    });
    // Rows left while this save was on its way go now.
    if (again || Object.keys(queued).length) flush();
    if (!inflight) showSettled(data.saved_at);
    idle();
  }

  form.addEventListener("focusout", function (event) {
    var el = event.target;
    if (!el.name || el.dataset.saved === undefined) return;
    el.dataset.left = "1";
    if (el.tagName === "SELECT") return;  // selects are sent on change
    var row = rowOf(el);
    if (fieldsToSend(row).length) queue(row);
  });
  form.addEventListener("change", function (event) {
    var el = event.target;
    if (el.tagName !== "SELECT" || el.dataset.saved === undefined) return;
    el.dataset.left = "1";
    queue(rowOf(el));
  });
  form.addEventListener("input", function (event) {
    var el = event.target;
    if (el.dataset.badText !== undefined && el.value !== el.dataset.badText) {
      // Typing mends the cell: drop the mark, keep the message until the next save.
      el.removeAttribute("aria-invalid");
      el.classList.remove("cell-invalid");
    }
  });

  // Enter moves down a row in the same column (as in DHIS2 and Excel); Tab moves across.
  form.addEventListener("keydown", function (event) {
    var el = event.target;
    if (event.key !== "Enter" || !el.name || el.dataset.saved === undefined) return;
    if (el.tagName === "TEXTAREA" && event.shiftKey) return;
    event.preventDefault();
    var field = fieldOf(el);
    var row = rowOf(el).nextElementSibling;
    while (row) {
      var next = row.querySelector('[name="e-' + row.dataset.entry + "-" + field + '"]')
        || row.querySelector('[name="e-' + row.dataset.entry + '-value"]');
      if (next) { next.focus(); if (next.select) next.select(); return; }
      row = row.nextElementSibling;
    }
    el.blur();
  });

  // The "Lưu" button saves whatever is left (the page works without JavaScript too).
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    form.querySelectorAll("tr[data-entry]").forEach(function (row) {
      row.querySelectorAll("[data-saved]").forEach(function (el) { el.dataset.left = "1"; });
      if (fieldsToSend(row).length) queued[row.dataset.entry] = true;
    });
    flush();
    if (!inflight) showSettled();
  });

  window.addEventListener("online", function () {
    if (retryTimer) { clearTimeout(retryTimer); retryTimer = null; }
    flush();
  });
  window.addEventListener("beforeunload", function (event) {
    if (!leaving && (inflight || unsavedCount())) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // Another form of the page (send the report…) waits for the grid's last save, so that it
  // carries the revision that save reached.
  var waiting = null;
  var leaving = false;  // the person sent the report: the page answers for the cells left
  document.addEventListener("submit", function (event) {
    var other = event.target;
    if (other === form || !other.querySelector("input[name=revision]")) return;
    leaving = true;
    var busy = inflight || Object.keys(queued).length;
    form.querySelectorAll("tr[data-entry]").forEach(function (row) {
      if (fieldsToSend(row).length) { queued[row.dataset.entry] = true; busy = true; }
    });
    if (!busy || stopped) return;
    leaving = false;
    event.preventDefault();
    waiting = { form: other, submitter: event.submitter };
    flush();
  }, true);
  function idle() {
    if (!waiting || inflight || retryTimer || Object.keys(queued).length) return;
    var w = waiting;
    waiting = null;
    if (!stopped) { leaving = true; w.form.requestSubmit(w.submitter || undefined); }
  }
  setInterval(idle, 150);
})();
