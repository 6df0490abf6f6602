// The live wall on the projector: server-sent events from /api/hashtags/events/{slug}/wall/stream. Each event is one
// post's state (id = the wall's sequence, so a dropped connection resumes where it stopped: EventSource sends
// Last-Event-ID itself). Text goes in with textContent only; images only from http(s) addresses.
(function () {
  "use strict";
  var wall = document.getElementById("wall");
  if (!wall || typeof window.EventSource === "undefined") {
    return;
  }
  var status = document.getElementById("wall-status");
  var empty = document.getElementById("wall-empty");
  var template = document.getElementById("wall-post-template");
  var max = parseInt(wall.getAttribute("data-max"), 10) || 24;
  var url = wall.getAttribute("data-stream") + "?after=" + encodeURIComponent(wall.getAttribute("data-after") || "0");

  function setStatus(text, state) {
    if (status) {
      status.textContent = text;
      status.setAttribute("data-state", state);
    }
  }

  function isWebLink(address) {
    return typeof address === "string" && /^https?:\/\//i.test(address);
  }

  function card(post) {
    var node = template.content.firstElementChild.cloneNode(true);
    node.setAttribute("data-id", String(post.id));
    node.querySelector(".wall-author").textContent = post.authorName || post.authorHandle || "";
    node.querySelector(".wall-handle").textContent = post.authorHandle ? "@" + post.authorHandle : "";
    node.querySelector("time").textContent = post.time || "";
    node.querySelector(".wall-text").textContent = post.text || "";
    (post.media || []).forEach(function (media) {
      if (isWebLink(media.url) && /^image/.test(media.mediaType || "")) {
        var image = document.createElement("img");
        image.src = media.url;
        image.alt = media.altText || "";
        image.loading = "lazy";
        node.appendChild(image);
      }
    });
    if (post.pinned) {
      node.classList.add("pinned");
    }
    return node;
  }

  function place(node, pinned) {
    if (pinned) {
      wall.insertBefore(node, wall.firstChild);
      return;
    }
    // New posts go after the pinned ones, newest first.
    var firstUnpinned = wall.querySelector(".wall-post:not(.pinned)");
    wall.insertBefore(node, firstUnpinned);
  }

  function apply(post) {
    var existing = wall.querySelector('.wall-post[data-id="' + post.id + '"]');
    if (existing) {
      existing.remove();
    }
    if (post.visible) {
      place(card(post), post.pinned);
    }
    var cards = wall.querySelectorAll(".wall-post:not(.pinned)");
    for (var i = max; i < cards.length; i++) {
      cards[i].remove();
    }
    if (empty) {
      empty.hidden = wall.querySelector(".wall-post") !== null;
    }
  }

  var source = new window.EventSource(url);
  source.addEventListener("open", function () { setStatus("live", "live"); });
  source.addEventListener("error", function () { setStatus("reconnecting…", "reconnecting"); });
  source.addEventListener("post", function (event) {
    try {
      apply(JSON.parse(event.data));
    } catch (e) {
      // A malformed event is skipped; the next one carries its own complete state.
    }
  });
})();
