// The coding workbench (Features/Research/Code.cshtml): select a passage of the transcript, tick codes, apply them
// through the JSON API, then redraw the highlights, the list of codings and the co-occurrence matrix. Offsets are
// JavaScript string indices of the transcript text, the same UTF-16 offsets the server stores. No inline scripts:
// everything the page passes comes in data-* attributes.
(function () {
  "use strict";
  var bench = document.getElementById("workbench");
  if (!bench) {
    return;
  }

  var studyId = bench.getAttribute("data-study-id");
  var transcriptId = bench.getAttribute("data-transcript-id");
  var canEdit = bench.getAttribute("data-can-edit") === "true";
  var allCoders = bench.getAttribute("data-all-coders") === "true";
  var textEl = document.getElementById("transcript-text");
  var text = textEl.textContent;
  var tokenInput = document.querySelector("input[name=__RequestVerificationToken]");
  var token = tokenInput ? tokenInput.value : "";
  var status = document.getElementById("selection-status");
  var errorEl = document.getElementById("workbench-error");
  var applyButton = document.getElementById("apply-codes");
  var memoButton = document.getElementById("add-span-memo");
  var memoText = document.getElementById("span-memo");
  var codingsEl = document.getElementById("codings");
  var matrixEl = document.getElementById("cooccurrence");
  var selection = null;

  function api(method, path, body) {
    var init = { method: method, credentials: "same-origin", headers: { "Accept": "application/json" } };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    if (method !== "GET") {
      init.headers["RequestVerificationToken"] = token;
    }
    return fetch("/api/research" + path, init).then(function (response) {
      if (!response.ok) {
        return response.json().catch(function () { return {}; }).then(function (problem) {
          var detail = problem.detail || (problem.errors && Object.keys(problem.errors).map(function (k) { return problem.errors[k].join(" "); }).join(" ")) || ("HTTP " + response.status);
          throw new Error(detail);
        });
      }
      return response.status === 204 ? null : response.json();
    });
  }

  function showError(message) {
    errorEl.textContent = message || "";
    errorEl.hidden = !message;
  }

  // Text offset of a DOM boundary inside the transcript: the length of the text before it.
  function offsetOf(node, offset) {
    var range = document.createRange();
    range.setStart(textEl, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  function readSelection() {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) {
      return null;
    }
    var range = sel.getRangeAt(0);
    if (!textEl.contains(range.startContainer) || !textEl.contains(range.endContainer)) {
      return null;
    }
    var start = offsetOf(range.startContainer, range.startOffset);
    var end = offsetOf(range.endContainer, range.endOffset);
    while (start < end && /\s/.test(text.charAt(start))) {
      start++;
    }
    while (end > start && /\s/.test(text.charAt(end - 1))) {
      end--;
    }
    return end > start ? { start: start, end: end } : null;
  }

  function excerpt(start, end, max) {
    var s = text.slice(start, end).replace(/\s+/g, " ").trim();
    return s.length > max ? s.slice(0, max - 1) + "…" : s;
  }

  function checkedCodes() {
    return Array.prototype.map.call(document.querySelectorAll(".code-picker input[name=code]:checked"), function (box) { return Number(box.value); });
  }

  function updateControls() {
    if (selection) {
      status.textContent = "Selected characters " + selection.start + "–" + selection.end + ": “" + excerpt(selection.start, selection.end, 90) + "”";
    } else {
      status.textContent = "No passage selected.";
    }
    if (applyButton) {
      applyButton.disabled = !selection || checkedCodes().length === 0;
    }
  }

  document.addEventListener("selectionchange", function () {
    var current = readSelection();
    if (current) {
      selection = current;
      updateControls();
    }
  });
  document.querySelectorAll(".code-picker input[name=code]").forEach(function (box) {
    box.addEventListener("change", updateControls);
  });

  function tint(color) {
    return /^#[0-9a-fA-F]{6}$/.test(color) ? color + "55" : "rgba(15, 110, 140, 0.3)";
  }

  // Splits the text at every coding boundary and marks each piece with the codes that cover it.
  function drawHighlights(codings) {
    var cuts = [0, text.length];
    codings.forEach(function (c) { cuts.push(c.start, c.end); });
    cuts = cuts.filter(function (v, i, all) { return all.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
    var fragment = document.createDocumentFragment();
    for (var i = 0; i + 1 < cuts.length; i++) {
      var from = cuts[i];
      var to = cuts[i + 1];
      var covering = codings.filter(function (c) { return c.start <= from && c.end >= to; });
      var piece = document.createTextNode(text.slice(from, to));
      if (covering.length === 0) {
        fragment.appendChild(piece);
        continue;
      }
      var mark = document.createElement("mark");
      mark.className = "coded";
      var colors = covering.map(function (c) { return tint(c.color); });
      mark.style.background = colors.length === 1 ? colors[0] : "linear-gradient(" + colors.join(", ") + ")";
      mark.title = covering.map(function (c) { return c.codeName + " (" + c.coderName + ")"; }).filter(function (v, j, all) { return all.indexOf(v) === j; }).join("\n");
      mark.setAttribute("data-codes", covering.map(function (c) { return c.codeId; }).join(" "));
      mark.appendChild(piece);
      fragment.appendChild(mark);
    }
    textEl.textContent = "";
    textEl.appendChild(fragment);
  }

  function drawCodings(codings) {
    codingsEl.textContent = "";
    codings.forEach(function (c) {
      var li = document.createElement("li");
      var swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = c.color;
      var name = document.createElement("strong");
      name.textContent = c.codeName;
      var detail = document.createElement("small");
      detail.textContent = " " + c.coderName + " · “" + excerpt(c.start, c.end, 60) + "”";
      li.appendChild(swatch);
      li.appendChild(name);
      li.appendChild(detail);
      if (canEdit && c.isMine) {
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "link";
        remove.textContent = "remove";
        remove.setAttribute("aria-label", "Remove " + c.codeName + " from this passage");
        remove.addEventListener("click", function () {
          api("DELETE", "/codings/" + c.id).then(refresh).catch(function (e) { showError(e.message); });
        });
        li.appendChild(document.createTextNode(" "));
        li.appendChild(remove);
      }
      codingsEl.appendChild(li);
    });
  }

  function drawMatrix(matrix) {
    matrixEl.textContent = "";
    var used = [];
    matrix.codes.forEach(function (_, i) {
      if (matrix.counts[i][i] > 0) {
        used.push(i);
      }
    });
    if (used.length === 0) {
      var none = document.createElement("p");
      none.className = "muted";
      none.textContent = "No codings yet.";
      matrixEl.appendChild(none);
      return;
    }
    var scroll = document.createElement("div");
    scroll.className = "matrix-scroll";
    var table = document.createElement("table");
    table.className = "data matrix";
    var head = table.createTHead().insertRow();
    head.appendChild(document.createElement("th"));
    used.forEach(function (j) {
      var th = document.createElement("th");
      th.title = matrix.codes[j].path;
      var label = document.createElement("span");
      label.className = "vertical";
      label.textContent = matrix.codes[j].name;
      th.appendChild(label);
      head.appendChild(th);
    });
    var body = table.createTBody();
    used.forEach(function (i) {
      var row = body.insertRow();
      var th = document.createElement("th");
      th.title = matrix.codes[i].path;
      th.textContent = matrix.codes[i].name;
      row.appendChild(th);
      used.forEach(function (j) {
        var td = row.insertCell();
        var n = matrix.counts[i][j];
        td.className = "num" + (i === j ? " diagonal" : n > 0 ? " hit" : "");
        td.setAttribute("data-row", matrix.codes[i].id);
        td.setAttribute("data-col", matrix.codes[j].id);
        td.textContent = String(n);
      });
    });
    scroll.appendChild(table);
    matrixEl.appendChild(scroll);
  }

  function refresh() {
    return Promise.all([
      api("GET", "/transcripts/" + transcriptId + "/codings?all=" + allCoders),
      api("GET", "/studies/" + studyId + "/cooccurrence?coder=" + (canEdit ? "mine" : "all"))
    ]).then(function (results) {
      drawHighlights(results[0]);
      drawCodings(results[0]);
      drawMatrix(results[1]);
      bench.setAttribute("data-refreshed", String(Number(bench.getAttribute("data-refreshed") || "0") + 1));
    }).catch(function (e) { showError(e.message); });
  }

  if (applyButton) {
    applyButton.addEventListener("click", function () {
      var codes = checkedCodes();
      if (!selection || codes.length === 0) {
        showError("Select a passage and tick at least one code.");
        return;
      }
      showError("");
      applyButton.disabled = true;
      api("POST", "/transcripts/" + transcriptId + "/codings", { start: selection.start, end: selection.end, codeIds: codes })
        .then(function () {
          selection = null;
          document.querySelectorAll(".code-picker input[name=code]:checked").forEach(function (box) { box.checked = false; });
          window.getSelection().removeAllRanges();
          updateControls();
          return refresh();
        })
        .catch(function (e) { showError(e.message); updateControls(); });
    });
  }

  if (memoButton) {
    memoButton.addEventListener("click", function () {
      if (!selection || !memoText.value.trim()) {
        showError("Select a passage and write the memo first.");
        return;
      }
      api("POST", "/studies/" + studyId + "/memos", { target: "Span", text: memoText.value, transcriptId: Number(transcriptId), start: selection.start, end: selection.end })
        .then(function () { window.location.reload(); })
        .catch(function (e) { showError(e.message); });
    });
  }

  updateControls();
  refresh();
})();
