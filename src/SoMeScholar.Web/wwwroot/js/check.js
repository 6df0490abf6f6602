// Professionalism check page (/Check): re-checks the draft as you type through POST /api/check (debounced) and
// redraws the results with the same markup the server renders. Without JavaScript the form posts and the server
// renders the same results. User text is only ever set with textContent, never as HTML.
(function () {
  "use strict";
  var form = document.getElementById("check-form");
  var results = document.getElementById("check-results");
  if (!form || !results || !window.fetch) {
    return;
  }
  var draft = form.querySelector("textarea[name=Draft]");
  var attachments = form.querySelector("textarea[name=Attachments]");
  var status = document.getElementById("check-live-status");
  var api = form.getAttribute("data-api") || "/api/check";
  var explanation = results.getAttribute("data-combination-explanation") || "";
  var delay = 600;
  var timer = null;
  var sequence = 0;
  var pausedUntil = 0;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  function setStatus(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function parseAttachments(text) {
    return (text || "").split(/\r?\n/).map(function (line) {
      var parts = line.split("|");
      var name = parts[0].trim();
      var alt = parts.length > 1 ? parts.slice(1).join("|").trim() : "";
      return name ? { fileName: name, altText: alt || null } : null;
    }).filter(Boolean);
  }

  function categoryClass(category) {
    return "cat-" + category.toLowerCase();
  }

  function severityClass(severity) {
    return "sev-" + severity.toLowerCase();
  }

  var severityRank = { info: 0, low: 1, medium: 2, high: 3 };

  // Draws text with its flagged segments as <mark>s; "describe" gives a segment's class and attributes.
  function highlighted(text, segments, describe, testId) {
    var box = el("div", "check-text");
    box.setAttribute("data-testid", testId);
    var position = 0;
    segments.forEach(function (segment) {
      if (segment.start > position) {
        box.appendChild(document.createTextNode(text.substring(position, segment.start)));
      }
      var mark = el("mark", null, text.substr(segment.start, segment.length));
      describe(segment, mark);
      box.appendChild(mark);
      position = segment.start + segment.length;
    });
    if (position < text.length) {
      box.appendChild(document.createTextNode(text.substring(position)));
    }
    return box;
  }

  function card(title, extraClass) {
    var section = el("section", "card" + (extraClass ? " " + extraClass : ""));
    section.appendChild(el("h2", null, title));
    return section;
  }

  function render(text, report, deidentified, attachmentList) {
    var findings = report.findings;
    var count = findings.length;
    var blockingRank = severityRank[report.blockingSeverity];
    var fragment = document.createDocumentFragment();

    var summary = card(report.blocking ? "Do not post this yet" : count === 0 ? "Nothing found" : "Review before posting",
      "check-summary " + (report.blocking ? "blocking" : count === 0 ? "clean" : "review"));
    summary.setAttribute("data-testid", "check-summary");
    var plural = count === 1 ? "" : "s";
    summary.appendChild(el("p", null, report.blocking
      ? count + " finding" + plural + ", of which " + findings.filter(function (f) { return severityRank[f.severity] >= blockingRank; }).length +
        " at or above " + report.blockingSeverity + " severity. Fix those first; the suggested rewrite below is a start."
      : count === 0
        ? "The check found no identifier, unprofessional language, undisclosed conflict or unsourced claim. It is not a guarantee: read your draft once more as the patient would."
        : count + " finding" + plural + " below the blocking severity. Look at each and decide."));
    fragment.appendChild(summary);

    var draftCard = card("Your draft");
    draftCard.appendChild(highlighted(text, report.highlights, function (segment, mark) {
      var covering = segment.findings.map(function (i) { return findings[i]; });
      var classes = [];
      var top = 0;
      var own = covering.filter(function (f) { return f.category !== "combinationRisk"; });
      covering.forEach(function (f) {
        var c = categoryClass(f.category);
        if (classes.indexOf(c) < 0) {
          classes.push(c);
        }
      });
      // The severity shown is the piece's own: a low place stays low inside a (high, underlined) combination.
      (own.length > 0 ? own : covering).forEach(function (f) {
        top = Math.max(top, severityRank[f.severity]);
      });
      classes.push("sev-" + ["info", "low", "medium", "high"][top]);
      mark.className = classes.join(" ");
      mark.setAttribute("data-findings", segment.findings.map(function (i) { return i + 1; }).join(" "));
      mark.title = covering.map(function (f) { return f.label + " (" + f.severity + ")"; }).join("; ");
    }, "highlighted-draft"));
    fragment.appendChild(draftCard);

    if (count > 0) {
      var list = card("Findings");
      var ol = el("ol", "findings");
      ol.setAttribute("data-testid", "findings");
      findings.forEach(function (f, i) {
        var li = el("li", "finding " + severityClass(f.severity));
        li.id = "finding-" + (i + 1);
        li.setAttribute("data-category", f.category.charAt(0).toUpperCase() + f.category.slice(1));
        var head = el("div", "finding-head");
        head.appendChild(el("span", "badge " + categoryClass(f.category), f.label));
        head.appendChild(el("span", "badge severity " + severityClass(f.severity), f.severity));
        if (f.attachmentIndex !== null && f.attachmentIndex !== undefined) {
          var attachment = attachmentList[f.attachmentIndex];
          head.appendChild(el("span", "quote", "attachment " + (attachment ? attachment.fileName : "")));
        } else if (f.category !== "combinationRisk") {
          head.appendChild(el("q", "quote", f.text));
        }
        li.appendChild(head);
        li.appendChild(el("p", "reason", f.reason));
        if (f.suggestion) {
          var suggestion = el("p", "suggestion");
          suggestion.appendChild(el("strong", null, "Suggestion:"));
          suggestion.appendChild(document.createTextNode(" " + f.suggestion));
          li.appendChild(suggestion);
        }
        if (f.replacement) {
          var instead = el("p", "suggestion");
          instead.appendChild(el("strong", null, "Instead:"));
          instead.appendChild(document.createTextNode(" "));
          instead.appendChild(el("q", null, f.replacement));
          li.appendChild(instead);
        }
        ol.appendChild(li);
      });
      list.appendChild(ol);
      fragment.appendChild(list);
    }

    var combinations = findings.filter(function (f) { return f.category === "combinationRisk"; });
    if (combinations.length > 0) {
      var combination = card("Why the combination matters", "combination");
      combination.setAttribute("data-testid", "combination");
      combinations.forEach(function (f) {
        var p = el("p");
        p.appendChild(el("strong", null, f.reason));
        combination.appendChild(p);
      });
      combination.appendChild(el("p", null, explanation));
      fragment.appendChild(combination);
    }

    var grid = el("div", "grid two");
    var rewrite = card("Suggested rewrite");
    if (report.suggestedText !== text) {
      var box = el("div", "check-text", report.suggestedText);
      box.setAttribute("data-testid", "suggested-rewrite");
      rewrite.appendChild(box);
      rewrite.appendChild(el("p", "muted small", "Each flagged detail with a generalised form is replaced by it. Language, conflicts and claims need your own rewording."));
    } else {
      var none = el("p", "muted", "No automatic rewrite: " + (count === 0 ? "nothing needs one." : "reword the flagged parts yourself."));
      none.setAttribute("data-testid", "suggested-rewrite");
      rewrite.appendChild(none);
    }
    grid.appendChild(rewrite);

    if (deidentified) {
      var replacements = deidentified.replacements;
      var tagged = card("De-identified version");
      tagged.appendChild(highlighted(deidentified.text, replacements.map(function (r) { return { start: r.start, length: r.length, category: r.category }; }), function (segment, mark) {
        mark.className = "tag " + categoryClass(segment.category);
      }, "deidentified"));
      tagged.appendChild(el("p", "muted small", "Every identifier replaced by its kind ([NAME], [DATE], [AGE], [PLACE], [PHONE], [EMAIL], [ID], [URL]), wherever it appears, as the research toolkit de-identifies transcripts (" +
        replacements.length + " replacement" + (replacements.length === 1 ? "" : "s") + ")."));
      grid.appendChild(tagged);
    }
    fragment.appendChild(grid);

    results.replaceChildren(fragment);
  }

  function post(body) {
    return fetch(api, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify(body)
    }).then(function (response) {
      if (response.status === 429) {
        var wait = parseInt(response.headers.get("Retry-After") || "30", 10);
        pausedUntil = Date.now() + wait * 1000;
        throw new Error("Checking as you type is paused for " + wait + " s (too many checks); the Check draft button still works.");
      }
      if (!response.ok) {
        throw new Error("The live check failed (" + response.status + "); the Check draft button still works.");
      }
      return response.json();
    });
  }

  function check() {
    var text = draft.value;
    if (!text.trim() || Date.now() < pausedUntil) {
      return;
    }
    var mine = ++sequence;
    var attachmentList = parseAttachments(attachments ? attachments.value : "");
    setStatus("Checking…");
    Promise.all([
      post({ text: text, attachments: attachmentList, mode: "check" }),
      post({ text: text, mode: "deidentify" })
    ]).then(function (answers) {
      if (mine !== sequence) {
        return;
      }
      render(text, answers[0], answers[1].deidentified, attachmentList);
      setStatus("Checked as you typed: " + answers[0].findings.length + " finding" + (answers[0].findings.length === 1 ? "" : "s") + ".");
    }).catch(function (error) {
      if (mine === sequence) {
        setStatus(error.message);
      }
    });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, delay);
  }

  draft.addEventListener("input", schedule);
  if (attachments) {
    attachments.addEventListener("input", schedule);
  }
})();
