// The wall's moderation console: every arriving post and every decision comes in on a server-sent event stream
// (/api/hashtags/moderation/events/{slug}/stream), so the queue fills itself; decisions are posted with fetch to the
// page's Decide handler (with the antiforgery token) and come back on the stream. Text goes in with textContent only.
(function () {
  "use strict";
  var consoleElement = document.getElementById("console");
  if (!consoleElement) {
    return;
  }
  var template = document.getElementById("moderated-post-template");
  var tokenInput = consoleElement.querySelector('input[name="__RequestVerificationToken"]');
  var lists = {
    Pending: document.getElementById("queue"),
    Published: document.getElementById("published"),
    Hidden: document.getElementById("removed"),
    Denied: document.getElementById("removed")
  };
  var counters = {
    Pending: document.getElementById("count-pending"),
    Published: document.getElementById("count-published"),
    Hidden: document.getElementById("count-hidden"),
    Denied: document.getElementById("count-denied")
  };

  function bump(status, delta) {
    var counter = counters[status];
    if (counter) {
      counter.textContent = String(Math.max(0, (parseInt(counter.textContent.replace(/[^0-9]/g, ""), 10) || 0) + delta));
    }
  }

  function decide(id, decision) {
    var body = new FormData();
    body.append("wallPostId", String(id));
    body.append("decision", decision);
    if (tokenInput) {
      body.append("__RequestVerificationToken", tokenInput.value);
    }
    return fetch(window.location.pathname + "?handler=Decide", {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    });
  }

  // Server-rendered items: their forms post with fetch instead of reloading the page.
  consoleElement.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("decide")) {
      return;
    }
    event.preventDefault();
    var submitter = event.submitter;
    var id = form.querySelector('input[name="wallPostId"]').value;
    decide(id, submitter ? submitter.value : "Approve");
  });

  consoleElement.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-decision]");
    if (!button) {
      return;
    }
    var item = button.closest("li[data-id]");
    if (item) {
      decide(item.getAttribute("data-id"), button.getAttribute("data-decision"));
    }
  });

  function item(post) {
    var node = template.content.firstElementChild.cloneNode(true);
    node.setAttribute("data-id", String(post.id));
    node.setAttribute("data-status", post.status);
    node.querySelector(".who").textContent = (post.authorName || post.authorHandle || post.authorExternalId || "") + (post.authorHandle ? " @" + post.authorHandle : "");
    node.querySelector("time").textContent = post.time || "";
    node.querySelector(".state").textContent = post.status + (post.pinned ? ", pinned" : "") + (post.mediaCount ? ", " + post.mediaCount + " image(s)" : "");
    node.querySelector(".text").textContent = post.text || "";
    var reason = node.querySelector(".reason");
    reason.textContent = post.reason || "";
    if (post.reason) {
      reason.setAttribute("data-testid", "hold-reason");
    }
    if (post.pinned) {
      node.classList.add("pinned");
    }
    node.querySelector('[data-decision="Approve"]').hidden = post.status === "Published";
    node.querySelector('[data-decision="Pin"]').hidden = post.pinned;
    node.querySelector('[data-decision="Unpin"]').hidden = !post.pinned;
    node.querySelector('[data-decision="Hide"]').hidden = post.status === "Hidden";
    return node;
  }

  function apply(post) {
    var existing = consoleElement.querySelector('li[data-id="' + post.id + '"]');
    if (existing) {
      bump(existing.getAttribute("data-status"), -1);
      existing.remove();
    }
    var list = lists[post.status];
    if (!list) {
      return;
    }
    var node = item(post);
    if (post.status === "Pending") {
      list.appendChild(node);
    } else {
      list.insertBefore(node, list.firstChild);
    }
    bump(post.status, 1);
  }

  if (typeof window.EventSource === "undefined") {
    return;
  }
  var url = consoleElement.getAttribute("data-stream") + "?after=" + encodeURIComponent(consoleElement.getAttribute("data-after") || "0");
  var source = new window.EventSource(url);
  source.addEventListener("post", function (event) {
    try {
      apply(JSON.parse(event.data));
    } catch (e) {
      // Skipped: the next event about the post carries its whole state.
    }
  });
})();
