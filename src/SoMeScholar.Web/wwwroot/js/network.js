// The network section: live progress of queued analyses, and the interactive graph view (sigma + graphology from npm,
// drawn with WebGL; a plain 2D canvas drawing when the browser has no WebGL). Data come from data-* attributes and the
// JSON API; no inline script (CSP).
(function () {
  "use strict";
  var palette = ["#0f6e8c", "#d1603d", "#5b8c3a", "#8a5bb0", "#c49a1a", "#3d6fd1", "#b0445b", "#2f8f7f", "#7a6a58", "#e07bb5", "#4d4d9f", "#8fb339"];

  // Progress of queued and running analyses; the analysis page reloads when its job ends.
  document.querySelectorAll("[data-network-progress]").forEach(function (element) {
    var id = element.getAttribute("data-network-progress");
    var reload = element.getAttribute("data-reload") === "true";
    var timer = setInterval(function () {
      fetch("/api/network/analyses/" + id + "/progress", { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (p) {
          if (!p) { return; }
          element.textContent = p.status + (p.status === "running" || p.status === "queued" ? " · " + p.stage + " " + Math.round(p.fraction * 100) + "%" : "");
          if (p.status !== "running" && p.status !== "queued") {
            clearInterval(timer);
            if (reload) { window.location.reload(); }
          }
        })
        .catch(function () { /* try again at the next tick */ });
    }, 1000);
  });

  var container = document.getElementById("network-graph");
  if (!container) { return; }
  var statusLine = document.querySelector("[data-network-status]");
  var card = document.querySelector("[data-network-card]");
  var sizeSelect = document.querySelector("[data-network-size]");
  var search = document.querySelector("[data-network-search]");
  var names = document.getElementById("network-node-names");

  function colour(community) { return palette[((community % palette.length) + palette.length) % palette.length]; }
  function status(text) { if (statusLine) { statusLine.textContent = text; } }

  // Positions come with the view: a ForceAtlas2 layout of the drawn subgraph computed by the graph engine on the
  // server (deterministic, so the same analysis always looks the same), linked accounts close, communities as clusters.
  function layout(view) {
    return view.nodes.map(function (n) { return { x: n.x, y: n.y }; });
  }

  function sizes(view, measure) {
    var max = 0;
    view.nodes.forEach(function (n) { var v = n.scores[measure] || 0; if (v > max) { max = v; } });
    return view.nodes.map(function (n) { var v = n.scores[measure] || 0; return 2 + 13 * (max > 0 ? Math.sqrt(v / max) : 0); });
  }

  function showCard(index) {
    if (!card) { return; }
    fetch(container.getAttribute("data-node-url") + index, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (node) {
        if (!node) { return; }
        card.replaceChildren();
        var title = document.createElement("h3");
        title.textContent = node.label || node.nodeId;
        card.appendChild(title);
        var id = document.createElement("p");
        id.className = "muted";
        id.textContent = node.nodeId + (node.community !== null && node.community !== undefined ? " · community " + node.community : "");
        card.appendChild(id);
        var table = document.createElement("table");
        table.className = "data";
        node.measures.forEach(function (m) {
          var row = table.insertRow();
          row.insertCell().textContent = m.measure;
          row.insertCell().textContent = Number.isInteger(m.value) ? String(m.value) : m.value.toPrecision(4);
          row.insertCell().textContent = m.rank > 0 ? "#" + m.rank + " of " + m.outOf : "";
        });
        card.appendChild(table);
        if (node.accountUrl) {
          var link = document.createElement("a");
          link.href = node.accountUrl;
          link.textContent = "Account in the archive";
          card.appendChild(link);
        }
        card.hidden = false;
      });
  }

  function hasWebGl() {
    try {
      var canvas = document.createElement("canvas");
      return !!(window.WebGLRenderingContext && (canvas.getContext("webgl2") || canvas.getContext("webgl")));
    } catch (e) {
      return false;
    }
  }

  // The sigma renderer (WebGL).
  function sigmaView(view, positions) {
    var Graph = window.graphology.Graph || window.graphology;
    var Sigma = window.Sigma.Sigma || window.Sigma;
    var graph = new Graph({ type: "directed", multi: false, allowSelfLoops: false });
    var size = sizes(view, view.sizeBy);
    view.nodes.forEach(function (n, i) {
      graph.addNode(String(i), { x: positions[i].x, y: positions[i].y, size: size[i], color: colour(n.community), label: n.label || n.id });
    });
    view.edges.forEach(function (e) {
      if (!graph.hasEdge(String(e[0]), String(e[1]))) { graph.addEdge(String(e[0]), String(e[1]), { size: 0.5, color: "#c8ccd2" }); }
    });
    var highlighted = null;
    var renderer = new Sigma(graph, container, {
      labelRenderedSizeThreshold: 9,
      nodeReducer: function (node, data) { return node === highlighted ? Object.assign({}, data, { highlighted: true, zIndex: 1 }) : data; },
    });
    renderer.on("clickNode", function (event) { showCard(view.nodes[Number(event.node)].index); });
    return {
      resize: function (measure) {
        var s = sizes(view, measure);
        graph.forEachNode(function (node) { graph.setNodeAttribute(node, "size", s[Number(node)]); });
      },
      focus: function (i) {
        highlighted = String(i);
        var display = renderer.getNodeDisplayData(highlighted);
        if (display) { renderer.getCamera().animate({ x: display.x, y: display.y, ratio: 0.2 }, { duration: 300 }); }
        renderer.refresh();
      },
    };
  }

  // A plain canvas drawing with the same layout, colours, sizes, click and search, for browsers without WebGL.
  function canvasView(view, positions) {
    var canvas = document.createElement("canvas");
    var width = container.clientWidth || 800;
    var height = container.clientHeight || 560;
    canvas.width = width;
    canvas.height = height;
    container.appendChild(canvas);
    var context = canvas.getContext("2d");
    var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    positions.forEach(function (p) { minX = Math.min(minX, p.x); maxX = Math.max(maxX, p.x); minY = Math.min(minY, p.y); maxY = Math.max(maxY, p.y); });
    var scale = Math.min((width - 40) / Math.max(1, maxX - minX), (height - 40) / Math.max(1, maxY - minY));
    var screen = positions.map(function (p) { return { x: 20 + (p.x - minX) * scale, y: 20 + (p.y - minY) * scale }; });
    var size = sizes(view, view.sizeBy);
    var highlighted = -1;
    function draw() {
      context.clearRect(0, 0, width, height);
      context.strokeStyle = "rgba(160,168,178,0.35)";
      context.lineWidth = 0.5;
      context.beginPath();
      view.edges.forEach(function (e) { context.moveTo(screen[e[0]].x, screen[e[0]].y); context.lineTo(screen[e[1]].x, screen[e[1]].y); });
      context.stroke();
      view.nodes.forEach(function (n, i) {
        context.fillStyle = colour(n.community);
        context.beginPath();
        context.arc(screen[i].x, screen[i].y, size[i] / 2 + 1, 0, 2 * Math.PI);
        context.fill();
      });
      if (highlighted >= 0) {
        var h = screen[highlighted];
        context.strokeStyle = "#111";
        context.lineWidth = 2;
        context.beginPath();
        context.arc(h.x, h.y, size[highlighted] / 2 + 6, 0, 2 * Math.PI);
        context.stroke();
        context.fillStyle = "#111";
        context.font = "13px sans-serif";
        context.fillText(view.nodes[highlighted].label || view.nodes[highlighted].id, h.x + 10, h.y - 10);
      }
    }
    canvas.addEventListener("click", function (event) {
      var rect = canvas.getBoundingClientRect();
      var x = event.clientX - rect.left, y = event.clientY - rect.top, best = -1, bestDistance = 100;
      screen.forEach(function (p, i) { var d = (p.x - x) * (p.x - x) + (p.y - y) * (p.y - y); if (d < bestDistance) { bestDistance = d; best = i; } });
      if (best >= 0) { highlighted = best; draw(); showCard(view.nodes[best].index); }
    });
    draw();
    return {
      resize: function (measure) { size = sizes(view, measure); draw(); },
      focus: function (i) { highlighted = i; draw(); },
    };
  }

  var url = container.getAttribute("data-graph-url") + (sizeSelect && sizeSelect.value ? "?sizeBy=" + encodeURIComponent(sizeSelect.value) : "");
  fetch(url, { headers: { Accept: "application/json" } })
    .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
    .then(function (view) {
      var positions = layout(view);
      var drawn;
      var webgl = hasWebGl() && window.graphology && window.Sigma;
      try {
        drawn = webgl ? sigmaView(view, positions) : canvasView(view, positions);
      } catch (e) {
        container.replaceChildren();
        webgl = false;
        drawn = canvasView(view, positions);
      }
      container.setAttribute("data-renderer", webgl ? "sigma" : "canvas");
      container.setAttribute("data-layout", view.layout || "");
      container.setAttribute("data-drawn", String(view.nodes.length));
      status(view.nodes.length.toLocaleString() + " nodes and " + view.edges.length.toLocaleString() + " edges drawn" +
        (view.truncated ? " (the " + view.nodes.length.toLocaleString() + " highest of " + view.totalNodes.toLocaleString() + ")" : "") + ".");
      if (names) {
        view.nodes.forEach(function (n) { var option = document.createElement("option"); option.value = n.label || n.id; names.appendChild(option); });
      }
      if (sizeSelect) {
        sizeSelect.addEventListener("change", function () { drawn.resize(sizeSelect.value); });
      }
      if (search) {
        var find = function () {
          var text = search.value.trim().toLowerCase().replace(/^@/, "");
          if (!text) { return; }
          var exact = -1, partial = -1;
          view.nodes.forEach(function (n, i) {
            var label = (n.label || "").toLowerCase(), id = n.id.toLowerCase();
            if (exact < 0 && (label === text || id === text)) { exact = i; }
            if (partial < 0 && (label.indexOf(text) >= 0 || id.indexOf(text) >= 0)) { partial = i; }
          });
          var found = exact >= 0 ? exact : partial;
          if (found < 0) { status("No account matches “" + search.value + "” in the drawn graph."); return; }
          drawn.focus(found);
          status("Found " + (view.nodes[found].label || view.nodes[found].id) + ".");
          showCard(view.nodes[found].index);
        };
        search.addEventListener("change", find);
        search.addEventListener("keydown", function (event) { if (event.key === "Enter") { event.preventDefault(); find(); } });
      }
    })
    .catch(function (e) { status("The graph could not be drawn (" + e.message + "); the table below has every figure."); });
})();
