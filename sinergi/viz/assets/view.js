/* sinergi network view: filters, panels and export over vis-network DataViews.
 *
 * All article text (titles, sentences, program labels) reaches the page through
 * textContent or vis-network's plain-text tooltips, never as HTML.
 */
(function () {
  "use strict";

  var timing = (window.sinergiTiming = { scriptStart: performance.now() });
  var DATA = JSON.parse(document.getElementById("sinergi-data").textContent);
  var NO_THEME = "";
  var DAY_MS = 86400000;
  var ROUNDNESS = { learning: 0.15, visit: 0.08, agreement: 0.22, forum: -0.18 };
  var SCORE_TEXT = {
    degree: "number of regions it is linked to",
    pagerank: "PageRank (high when regions that are learned from learn from it)",
    first: "first appearance (earlier is larger)",
  };
  var LAYOUT_TEXT = { map: "Map", force: "Force", timeline: "Timeline" };
  // the play button: at most this many steps, about this long in all, each step in between
  var PLAY_MAX_STEPS = 80, PLAY_TOTAL_MS = 12000, PLAY_MIN_MS = 250, PLAY_MAX_MS = 600;
  var PLAY_LABEL = "Play: step the end of the time range through the dates";
  var PAUSE_LABEL = "Pause the time range animation";

  // ------------------------------------------------------------------ lookups
  var nodeById = new Map();
  DATA.nodes.forEach(function (n) { nodeById.set(n.id, n); });
  var edgeById = new Map();
  var edgesOfNode = new Map();
  DATA.nodes.forEach(function (n) { edgesOfNode.set(n.id, []); });
  DATA.edges.forEach(function (e) {
    edgeById.set(e.id, e);
    edgesOfNode.get(e.from).push(e);
    if (e.to !== e.from) edgesOfNode.get(e.to).push(e);
  });
  var kindStyle = new Map();
  DATA.kinds.forEach(function (k) { kindStyle.set(k.kind, k); });
  var themeInfo = new Map();
  DATA.themes.forEach(function (t) { themeInfo.set(t.slug, t); });

  // ------------------------------------------------------------------ state
  var state = {
    layout: DATA.initial.layout,
    colour: DATA.initial.colour,
    size: DATA.initial.size,
    from: DATA.time.min,
    to: DATA.time.max,
    undated: true,
    kinds: new Set(DATA.kinds.map(function (k) { return k.kind; })),
    themes: new Set(DATA.themes.map(function (t) { return t.slug; }).concat([NO_THEME])),
    province: "",
    minEvidence: 1,
    hideIsolated: DATA.edges.length > 0,
  };
  var visibleNodes = new Set();
  var visibleEdges = new Set();
  var shownEvidence = new Map(); // edge id -> pieces of evidence passing the filters
  var selected = null; // {type: "node"|"edge", id}

  // ------------------------------------------------------------------ helpers
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function dayText(day) {
    return day === null || day === undefined ? "" : new Date(day * DAY_MS).toISOString().slice(0, 10);
  }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function nodeName(id) { var n = nodeById.get(id); return n ? n.name : id; }
  function themeLabel(slug) { var t = themeInfo.get(slug); return t ? t.label : slug; }
  function themeColour(slug) {
    var t = slug ? themeInfo.get(slug) : null;
    return t ? t.colour : DATA.noThemeColour;
  }
  function edgeColour(e) {
    return e.kind === "learning" ? themeColour(e.theme) : kindStyle.get(e.kind).colour;
  }
  function safeUrl(url) { return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null; }
  function darker(hex) {
    var v = parseInt(hex.slice(1), 16);
    var r = Math.round(((v >> 16) & 255) * 0.6), g = Math.round(((v >> 8) & 255) * 0.6), b = Math.round((v & 255) * 0.6);
    return "#" + ((1 << 24) + (r << 16) + (g << 8) + b).toString(16).slice(1);
  }

  // ------------------------------------------------------------------ filtering
  function evidencePasses(index) {
    var ev = DATA.evidence[index];
    if (!state.kinds.has(ev.kind)) return false;
    if (ev.day === null) {
      if (!state.undated) return false;
    } else if (state.from !== null && (ev.day < state.from || ev.day > state.to)) {
      return false;
    }
    if (ev.themes.length === 0) return state.themes.has(NO_THEME);
    for (var i = 0; i < ev.themes.length; i++) if (state.themes.has(ev.themes[i])) return true;
    return false;
  }

  function recompute() {
    visibleEdges.clear();
    visibleNodes.clear();
    var degree = new Map();
    var province = state.province;
    DATA.edges.forEach(function (e) {
      var n = 0;
      for (var i = 0; i < e.ev.length; i++) if (evidencePasses(e.ev[i])) n++;
      shownEvidence.set(e.id, n);
      if (n === 0 || n < state.minEvidence || !state.kinds.has(e.kind)) return;
      if (province && nodeById.get(e.from).province !== province && nodeById.get(e.to).province !== province) return;
      visibleEdges.add(e.id);
      degree.set(e.from, (degree.get(e.from) || 0) + 1);
      degree.set(e.to, (degree.get(e.to) || 0) + 1);
    });
    DATA.nodes.forEach(function (n) {
      var linked = degree.has(n.id);
      if (province && n.province !== province && !linked) return;
      if (state.hideIsolated && !linked && !n.focus) return;
      visibleNodes.add(n.id);
    });
    if (window.sinergi && window.sinergi.nodeView) {
      window.sinergi.nodeView.refresh();
      window.sinergi.edgeView.refresh();
    }
    updateShownText();
    if (selected) showSelection();
  }

  function updateShownText() {
    var text = "· shown with the current filters: " + visibleNodes.size + " of " +
      plural(DATA.nodes.length, "region") + ", " + visibleEdges.size + " of " +
      plural(DATA.edges.length, "link");
    document.getElementById("shown").textContent = text;
  }

  // ------------------------------------------------------------------ vis items
  function sizeValue(n) { return 1 + 9 * (n.size[state.size] || 0); }
  function nodeLabel(n) { return n.order ? n.order + ". " + n.name : n.name; }
  function nodeTooltip(n) {
    var lines = [n.name, n.id + (n.kind ? " · " + n.kind : "")];
    if (n.provinceName && n.kind !== "provinsi") lines.push(n.provinceName);
    if (n.adopted) lines.push("adopted " + n.adopted + (n.firstAdopter ? " (first adopter)" : ""));
    return lines.join("\n");
  }
  function edgeTooltip(e) {
    var arrow = e.directed ? " → " : " — ";
    var first = null, last = null;
    e.ev.forEach(function (i) {
      var d = DATA.evidence[i].date;
      if (d) { if (!first || d < first) first = d; if (!last || d > last) last = d; }
    });
    var lines = [nodeName(e.from) + arrow + nodeName(e.to), kindStyle.get(e.kind).label + " · " + plural(e.ev.length, "piece") + " of evidence"];
    if (first) lines.push(first === last ? first : first + " – " + last);
    if (e.kind === "learning" && e.theme) lines.push("theme: " + themeLabel(e.theme));
    lines.push("click for the evidence");
    return lines.join("\n");
  }
  function nodeItem(n) {
    var xy = n.pos[state.layout];
    var c = n.colour[state.colour];
    var special = n.firstAdopter || (n.focus && DATA.view === "ego");
    return {
      id: n.id,
      label: nodeLabel(n),
      title: nodeTooltip(n),
      x: xy[0],
      y: xy[1],
      value: sizeValue(n),
      shape: n.firstAdopter ? "star" : n.focus ? "diamond" : "dot",
      borderWidth: special ? 3 : 1,
      color: {
        background: c,
        border: special ? "#111111" : darker(c),
        highlight: { background: c, border: "#000000" },
        hover: { background: c, border: "#000000" },
      },
    };
  }
  function edgeItem(e) {
    var colour = edgeColour(e);
    var style = kindStyle.get(e.kind);
    return {
      id: e.id,
      from: e.from,
      to: e.to,
      width: e.width,
      title: edgeTooltip(e),
      dashes: style.dashes,
      arrows: { to: { enabled: e.directed, scaleFactor: 0.6 } },
      color: { color: colour, highlight: colour, hover: colour, opacity: 0.85 },
      smooth: { enabled: true, type: "curvedCW", roundness: ROUNDNESS[e.kind] || 0.15 },
    };
  }

  // ------------------------------------------------------------------ controls
  function buildControls() {
    // layout radios
    var layouts = document.getElementById("layout-choices");
    DATA.layouts.forEach(function (name) {
      var label = el("label");
      var input = el("input");
      input.type = "radio";
      input.name = "layout";
      input.value = name;
      input.id = "layout-" + name;
      input.checked = name === state.layout;
      input.addEventListener("change", function () { if (input.checked) setLayout(name); });
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + LAYOUT_TEXT[name]));
      layouts.appendChild(label);
    });

    var colourBy = document.getElementById("colour-by");
    colourBy.value = state.colour;
    colourBy.addEventListener("change", function () { state.colour = colourBy.value; restyleNodes(); buildLegend(); });
    var sizeBy = document.getElementById("size-by");
    sizeBy.value = state.size;
    sizeBy.addEventListener("change", function () { state.size = sizeBy.value; restyleNodes(); buildLegend(); });

    // time range
    var from = document.getElementById("time-from");
    var to = document.getElementById("time-to");
    if (DATA.time.min === null) {
      document.getElementById("time-group").classList.add("disabled");
      from.disabled = to.disabled = true;
      document.getElementById("time-from-label").textContent = "no dates";
    } else {
      [from, to].forEach(function (input) {
        input.min = String(DATA.time.min);
        input.max = String(DATA.time.max);
      });
      from.value = String(DATA.time.min);
      to.value = String(DATA.time.max);
      var onTime = function (which) {
        var a = parseInt(from.value, 10), b = parseInt(to.value, 10);
        if (a > b) { if (which === "from") { to.value = String(a); b = a; } else { from.value = String(b); a = b; } }
        state.from = a;
        state.to = b;
        showTimeLabels();
        scheduleRecompute();
      };
      // a person moving a slider takes over from the play button (its own steps are untrusted events)
      from.addEventListener("input", function (event) { if (event.isTrusted) stopPlay(); onTime("from"); });
      to.addEventListener("input", function (event) { if (event.isTrusted) stopPlay(); onTime("to"); });
      showTimeLabels();
    }
    var playButton = document.getElementById("time-play");
    playButton.disabled = DATA.time.min === null;
    playButton.setAttribute("aria-label", PLAY_LABEL);
    playButton.addEventListener("click", togglePlay);
    var undated = document.getElementById("undated");
    undated.disabled = !DATA.time.undated;
    undated.addEventListener("change", function () { state.undated = undated.checked; recompute(); });

    var minEv = document.getElementById("min-evidence");
    minEv.max = String(Math.max(1, DATA.maxEvidence));
    minEv.disabled = DATA.maxEvidence <= 1;
    minEv.addEventListener("input", function () {
      state.minEvidence = parseInt(minEv.value, 10);
      document.getElementById("min-evidence-label").textContent = minEv.value;
      scheduleRecompute();
    });

    // link types
    var kinds = document.getElementById("kind-choices");
    DATA.kinds.forEach(function (k) {
      kinds.appendChild(checkbox("kind-" + k.kind, k.label, state.kinds, k.kind, lineSwatch(k, k.colour || DATA.noThemeColour)));
    });

    // themes
    var themes = document.getElementById("theme-choices");
    DATA.themes.forEach(function (t) {
      themes.appendChild(checkbox("theme-" + t.slug, t.label, state.themes, t.slug, dot(t.colour)));
    });
    themes.appendChild(checkbox("theme-none", "no theme stated", state.themes, NO_THEME, dot(DATA.noThemeColour)));
    document.getElementById("theme-group").hidden = DATA.themes.length === 0;
    document.getElementById("themes-all").addEventListener("click", function () { setAllThemes(true); });
    document.getElementById("themes-none").addEventListener("click", function () { setAllThemes(false); });

    // provinces
    var province = document.getElementById("province");
    DATA.provinces.forEach(function (p) {
      var option = el("option", p.name + " (" + p.code + ")");
      option.value = p.code;
      province.appendChild(option);
    });
    province.addEventListener("change", function () { state.province = province.value; recompute(); fit(); });

    var isolated = document.getElementById("hide-isolated");
    isolated.checked = state.hideIsolated;
    isolated.addEventListener("change", function () { state.hideIsolated = isolated.checked; recompute(); });

    // search
    var names = document.getElementById("region-names");
    DATA.nodes.forEach(function (n) {
      var option = el("option");
      option.value = n.name;
      names.appendChild(option);
    });
    var search = document.getElementById("search");
    search.addEventListener("change", function () { findRegion(search.value); });
    search.addEventListener("keydown", function (event) { if (event.key === "Enter") findRegion(search.value); });

    document.getElementById("fit").addEventListener("click", fit);
    document.getElementById("reset").addEventListener("click", resetFilters);
    document.getElementById("export-png").addEventListener("click", exportPng);
  }

  function checkbox(id, text, set, value, decoration) {
    var label = el("label");
    var input = el("input");
    input.type = "checkbox";
    input.id = id;
    input.value = value;
    input.checked = set.has(value);
    input.addEventListener("change", function () {
      if (input.checked) set.add(value); else set.delete(value);
      recompute();
    });
    label.appendChild(input);
    label.appendChild(document.createTextNode(" "));
    if (decoration) label.appendChild(decoration);
    label.appendChild(document.createTextNode(text));
    label.title = text;
    return label;
  }
  function dot(colour) {
    var span = el("span", null, "swatch");
    span.style.background = colour;
    return span;
  }
  function lineSwatch(kind, colour) {
    var span = el("span", null, "line" + (kind.dashes ? (kind.dashes[0] <= 3 ? " dotted" : " dashed") : ""));
    span.style.borderTopColor = colour;
    span.style.marginRight = "0.3rem";
    span.style.width = "1.4rem";
    return span;
  }
  function setAllThemes(on) {
    var values = DATA.themes.map(function (t) { return t.slug; }).concat([NO_THEME]);
    values.forEach(function (v) { if (on) state.themes.add(v); else state.themes.delete(v); });
    document.querySelectorAll("#theme-choices input").forEach(function (input) { input.checked = on; });
    recompute();
  }
  function showTimeLabels() {
    document.getElementById("time-from-label").textContent = dayText(state.from);
    document.getElementById("time-to-label").textContent = dayText(state.to);
  }

  // ------------------------------------------------------------------ play button
  // Steps the "to" slider through the evidence dates from the "from" date on, exactly as
  // dragging it would (an input event on the slider), and pauses at the last date.
  var play = { timer: null, steps: [], index: 0, delay: PLAY_MAX_MS };
  function playSteps() {
    var days = new Set();
    DATA.evidence.forEach(function (ev) { if (ev.day !== null && ev.day >= state.from) days.add(ev.day); });
    var list = Array.from(days).sort(function (a, b) { return a - b; });
    if (list.length <= PLAY_MAX_STEPS) return list;
    var sampled = [];
    for (var k = 1; k <= PLAY_MAX_STEPS; k++) sampled.push(list[Math.round((k * list.length) / PLAY_MAX_STEPS) - 1]);
    return sampled;
  }
  function showPlaying(on) {
    var button = document.getElementById("time-play");
    button.textContent = on ? "❚❚ Pause" : "▶ Play";
    button.setAttribute("aria-label", on ? PAUSE_LABEL : PLAY_LABEL);
  }
  function togglePlay() { if (play.timer !== null) stopPlay(); else startPlay(); }
  function startPlay() {
    if (DATA.time.min === null) return;
    var steps = playSteps();
    if (!steps.length) return;
    var to = state.to;
    // at the end: start again from the first date; else resume after the current one
    var index = to >= DATA.time.max ? 0 : steps.findIndex(function (day) { return day > to; });
    play.steps = steps;
    play.index = index < 0 ? 0 : index;
    play.delay = Math.min(PLAY_MAX_MS, Math.max(PLAY_MIN_MS, PLAY_TOTAL_MS / steps.length));
    play.timer = 0;
    showPlaying(true);
    playStep();
  }
  function playStep() {
    var input = document.getElementById("time-to");
    input.value = String(play.steps[play.index]);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    play.index += 1;
    if (play.index >= play.steps.length) { stopPlay(); return; }
    play.timer = setTimeout(playStep, play.delay);
  }
  function stopPlay() {
    if (play.timer) clearTimeout(play.timer);
    play.timer = null;
    showPlaying(false);
  }

  var pending = false;
  function scheduleRecompute() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; recompute(); });
  }
  function resetFilters() {
    stopPlay();
    state.from = DATA.time.min;
    state.to = DATA.time.max;
    state.undated = true;
    DATA.kinds.forEach(function (k) { state.kinds.add(k.kind); });
    DATA.themes.forEach(function (t) { state.themes.add(t.slug); });
    state.themes.add(NO_THEME);
    state.province = "";
    state.minEvidence = 1;
    if (DATA.time.min !== null) {
      document.getElementById("time-from").value = String(DATA.time.min);
      document.getElementById("time-to").value = String(DATA.time.max);
      showTimeLabels();
    }
    document.getElementById("undated").checked = true;
    document.getElementById("min-evidence").value = "1";
    document.getElementById("min-evidence-label").textContent = "1";
    document.getElementById("province").value = "";
    document.querySelectorAll("#kind-choices input, #theme-choices input").forEach(function (input) {
      input.checked = true;
    });
    recompute();
    fit();
  }

  function setLayout(name) {
    state.layout = name;
    nodes.update(DATA.nodes.map(function (n) { return { id: n.id, x: n.pos[name][0], y: n.pos[name][1] }; }));
    fit();
  }
  function restyleNodes() { nodes.update(DATA.nodes.map(nodeItem)); }
  function fit() { if (network) network.fit({ animation: false }); }

  function findRegion(text) {
    var status = document.getElementById("search-status");
    var query = String(text || "").trim().toLowerCase();
    if (!query) { status.textContent = ""; return null; }
    var best = null, bestRank = 9;
    DATA.nodes.forEach(function (n) {
      var names = [n.name, n.id].concat(n.aliases).map(function (s) { return String(s).toLowerCase(); });
      var rank = 9;
      names.forEach(function (s, i) {
        if (s === query) rank = Math.min(rank, i === 0 ? 0 : 1);
        else if (s.indexOf(query) === 0) rank = Math.min(rank, 2);
        else if (s.indexOf(query) >= 0) rank = Math.min(rank, 3);
      });
      if (rank < bestRank || (rank === bestRank && best && n.name < best.name)) { best = n; bestRank = rank; }
    });
    if (!best || bestRank === 9) {
      status.textContent = "No region in this view matches “" + text + "”.";
      return null;
    }
    if (!visibleNodes.has(best.id)) {
      status.textContent = best.name + " is hidden by the current filters.";
      selected = { type: "node", id: best.id };
      showSelection();
      return best.id;
    }
    status.textContent = "Found " + best.name + " (" + best.id + ").";
    network.selectNodes([best.id]);
    network.focus(best.id, { scale: Math.max(network.getScale(), 1.2), animation: false });
    selected = { type: "node", id: best.id };
    showSelection();
    return best.id;
  }

  // ------------------------------------------------------------------ side panel
  function details() {
    var box = document.getElementById("details");
    box.replaceChildren();
    return box;
  }
  function facts(rows) {
    var dl = el("dl", null, "facts");
    rows.forEach(function (row) {
      if (row[1] === undefined || row[1] === null || row[1] === "") return;
      dl.appendChild(el("dt", row[0]));
      var dd = el("dd");
      if (row[1] instanceof Node) dd.appendChild(row[1]); else dd.textContent = String(row[1]);
      dl.appendChild(dd);
    });
    return dl;
  }
  function showSelection() {
    if (!selected) return;
    if (selected.type === "node") showNode(selected.id); else showEdge(selected.id);
  }
  function showNode(id) {
    var n = nodeById.get(id);
    if (!n) return;
    var box = details();
    box.appendChild(el("h2", n.name));
    var province = n.provinceName ? n.provinceName + " (" + n.province + ")" : n.province;
    var links = edgesOfNode.get(id);
    var shown = links.filter(function (e) { return visibleEdges.has(e.id); }).length;
    box.appendChild(facts([
      ["Code", n.id],
      ["Kind", n.kind],
      ["Province", province],
      ["Island group", n.island],
      ["Links", shown + " shown of " + links.length],
      ["Evidence", n.score.evidence],
      ["Linked regions", n.score.degree],
      ["PageRank", n.score.pagerank.toFixed(4)],
      ["First seen", n.score.first || "no date"],
      ["Aliases", n.aliases.join(", ")],
      ["Position", n.placement],
      ["Distance", n.distance !== undefined ? plural(n.distance, "link") + " from the centre" : null],
    ]));
    if (n.order) {
      box.appendChild(el("h3", "Adoption"));
      box.appendChild(facts([
        ["Order", n.order + (n.firstAdopter ? " (first adopter)" : "")],
        ["Adopted", n.adopted || "date unknown"],
      ]));
      if (n.adoption && n.adoption.length) box.appendChild(evidenceList(n.adoption, false));
    }
    if (links.length) {
      box.appendChild(el("h3", "Links"));
      var ul = el("ul", null, "links");
      links.slice().sort(function (a, b) { return b.ev.length - a.ev.length; }).forEach(function (e) {
        var other = e.from === id ? e.to : e.from;
        var li = el("li");
        var button = el("button", nodeName(other), "link");
        button.type = "button";
        button.addEventListener("click", function () {
          selected = { type: "edge", id: e.id };
          if (visibleEdges.has(e.id)) network.selectEdges([e.id]);
          showSelection();
        });
        var arrow = !e.directed ? "" : e.from === id ? "taught → " : "learned from ← ";
        li.appendChild(document.createTextNode(arrow));
        li.appendChild(button);
        li.appendChild(document.createTextNode(" · " + kindStyle.get(e.kind).label.split(" (")[0] + " · " + e.ev.length + (visibleEdges.has(e.id) ? "" : " (hidden)")));
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }
  }
  function showEdge(id) {
    var e = edgeById.get(id);
    if (!e) return;
    var box = details();
    var arrow = e.directed ? " → " : " — ";
    box.appendChild(el("h2", nodeName(e.from) + arrow + nodeName(e.to)));
    var what = e.kind === "learning"
      ? nodeName(e.to) + " learned from " + nodeName(e.from)
      : kindStyle.get(e.kind).label;
    box.appendChild(facts([
      ["Link", what],
      ["Evidence", e.ev.length + " (" + (shownEvidence.get(id) || 0) + " within the filters)"],
      ["Reviewed", reviewed(e.ev)],
      ["Main theme", e.theme ? themeLabel(e.theme) : null],
    ]));
    box.appendChild(el("h3", "Evidence"));
    box.appendChild(evidenceList(e.ev, true));
  }
  function reviewed(indices) {
    var accepted = indices.filter(function (i) {
      var status = DATA.evidence[i].status;
      return status === "accepted" || status === "correction";
    }).length;
    return accepted + " of " + indices.length + " checked by a curator";
  }
  function evidenceList(indices, markFiltered) {
    var ol = el("ol", null, "evidence");
    indices.forEach(function (index) {
      var ev = DATA.evidence[index];
      var doc = DATA.docs[ev.doc] || {};
      var li = el("li");
      if (markFiltered && !evidencePasses(index)) li.className = "filtered";
      var meta = [ev.date || "no date", ev.kind];
      if (ev.themes.length) meta.push(ev.themes.map(themeLabel).join(", "));
      if (ev.conf !== null && ev.conf !== undefined) meta.push("confidence " + ev.conf);
      meta.push(ev.status ? "curation: " + ev.status : "not reviewed");
      if (markFiltered && !evidencePasses(index)) meta.push("outside the current filters");
      li.appendChild(el("div", meta.join(" · "), "meta"));
      var title = doc.title || doc.id || "untitled article";
      var url = safeUrl(doc.url);
      var heading = el("div");
      var link = el(url ? "a" : "span", title, "article");
      if (url) {
        link.href = url;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
      }
      heading.appendChild(link);
      if (doc.id && doc.title) heading.appendChild(el("span", " [" + doc.id + "]", "meta"));
      li.appendChild(heading);
      if (ev.detail) li.appendChild(el("div", ev.detail, "meta"));
      ev.s.forEach(function (s) { li.appendChild(el("blockquote", DATA.sentences[s], "sentence")); });
      ol.appendChild(li);
    });
    return ol;
  }

  // ------------------------------------------------------------------ legend
  function legendRow(parent, mark, text) {
    var row = el("div", null, "row");
    row.title = text;
    row.appendChild(mark);
    row.appendChild(el("span", text));
    parent.appendChild(row);
  }
  function buildLegend() {
    var box = document.getElementById("legend");
    box.replaceChildren();
    box.appendChild(el("h2", "Legend"));
    if (DATA.kinds.length) {
      box.appendChild(el("h3", "Links"));
      DATA.kinds.forEach(function (k) {
        legendRow(box, lineSwatch(k, k.colour || "#555555"), k.label);
      });
      box.appendChild(el("div", "Line width: pieces of evidence (articles reporting it).", "hint"));
    }
    if (DATA.kinds.some(function (k) { return k.kind === "learning"; })) {
      box.appendChild(el("h3", "Learning link colour: main theme"));
      DATA.themes.forEach(function (t) { legendRow(box, dot(t.colour), t.label); });
      legendRow(box, dot(DATA.noThemeColour), "no theme stated");
    }
    box.appendChild(el("h3", "Region size"));
    box.appendChild(el("div", SCORE_TEXT[state.size]));
    if (DATA.nodes.some(function (n) { return n.firstAdopter; })) {
      legendRow(box, el("span", "★", "shape"), "first adopter");
      box.appendChild(el("div", "Labels number the regions in adoption order.", "hint"));
    }
    if (DATA.view === "ego" && DATA.focus.length) {
      legendRow(box, el("span", "◆", "shape"), "centre: " + nodeName(DATA.focus[0]));
    }
    box.appendChild(el("h3", state.colour === "island" ? "Region colour: island group" : "Region colour: province"));
    var list = el("div", null, "columns");
    if (state.colour === "island") {
      DATA.islands.forEach(function (i) { legendRow(list, dot(i.colour), i.name); });
    } else {
      DATA.provinces.forEach(function (p) { legendRow(list, dot(p.colour), p.name); });
    }
    box.appendChild(list);
  }

  // ------------------------------------------------------------------ export
  function exportPng() {
    var canvas = document.querySelector("#mynetwork canvas");
    if (!canvas) return null;
    var url = canvas.toDataURL("image/png");
    var a = el("a");
    a.href = url;
    a.download = "sinergi-" + DATA.view + ".png";
    document.body.appendChild(a);
    a.click();
    a.remove();
    return url;
  }

  // ------------------------------------------------------------------ network
  // Indonesia's coastline (filled light grey) and province borders (dashed), projected
  // with the nodes' own lon/lat -> canvas mapping (DATA.map); built once as Path2D.
  function decodeLines(path, flat, unit, close) {
    var m = DATA.map, lon = 0, lat = 0;
    for (var i = 0; i < flat.length; i += 2) {
      lon += flat[i];
      lat += flat[i + 1];
      var x = (lon * unit - m.lon0) * m.scale, y = -(lat * unit - m.lat0) * m.scale;
      if (i === 0) path.moveTo(x, y); else path.lineTo(x, y);
    }
    if (close) path.closePath();
  }
  function buildBoundaries() {
    var b = DATA.boundaries;
    if (!b || !DATA.map || typeof Path2D === "undefined") return null;
    var outline = new Path2D(), borders = new Path2D();
    b.outline.forEach(function (flat) { decodeLines(outline, flat, b.unit, true); });
    b.borders.forEach(function (flat) { decodeLines(borders, flat, b.unit, false); });
    return { outline: outline, borders: borders };
  }
  var boundaryPaths = buildBoundaries();
  function drawBoundaries(ctx) {
    if (state.layout !== "map" || !boundaryPaths) return;
    var scale = network.getScale();
    ctx.save();
    ctx.lineJoin = "round";
    ctx.fillStyle = "#f1f3f5";
    ctx.fill(boundaryPaths.outline);
    ctx.strokeStyle = "#bcc3cb";
    ctx.lineWidth = 1 / scale;
    ctx.setLineDash([4 / scale, 3 / scale]);
    ctx.stroke(boundaryPaths.borders);
    ctx.setLineDash([]);
    ctx.strokeStyle = "#a4abb4";
    ctx.stroke(boundaryPaths.outline);
    ctx.restore();
  }

  function drawTimeline(ctx) {
    var axis = DATA.timeline;
    if (state.layout !== "timeline" || !axis) return;
    var scale = network.getScale();
    var font = 13 / scale;
    var top = -40 - 2 * font, bottom = 0;
    DATA.nodes.forEach(function (n) { bottom = Math.max(bottom, n.pos.timeline[1]); });
    bottom += 60;
    var start = new Date(axis.min_day * DAY_MS), end = new Date(axis.max_day * DAY_MS);
    var years = end.getUTCFullYear() - start.getUTCFullYear();
    var step = years > 12 ? 5 : years > 5 ? 2 : 1;
    ctx.save();
    ctx.strokeStyle = "#d0d7de";
    ctx.fillStyle = "#57606a";
    ctx.lineWidth = 1 / scale;
    ctx.font = font + "px system-ui, sans-serif";
    for (var year = start.getUTCFullYear() + 1; year <= end.getUTCFullYear(); year += step) {
      var x = (Date.UTC(year, 0, 1) / DAY_MS - axis.min_day) * axis.px_per_day;
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, bottom);
      ctx.stroke();
      ctx.fillText(String(year), x + 4 / scale, top + font);
    }
    ctx.textAlign = "center";
    ctx.fillText(dayText(axis.min_day), 0, top - font * 0.4);
    if (axis.max_day !== axis.min_day) {
      ctx.fillText(dayText(axis.max_day), (axis.max_day - axis.min_day) * axis.px_per_day, top - font * 0.4);
    }
    if (DATA.nodes.some(function (n) { return !n.adopted; })) ctx.fillText("date unknown", axis.undated_x, top + font);
    ctx.restore();
  }

  buildControls();
  recompute();
  var nodes = new vis.DataSet(DATA.nodes.map(nodeItem));
  var edges = new vis.DataSet(DATA.edges.map(edgeItem));
  var nodeView = new vis.DataView(nodes, { filter: function (item) { return visibleNodes.has(item.id); } });
  var edgeView = new vis.DataView(edges, { filter: function (item) { return visibleEdges.has(item.id); } });
  var big = DATA.edges.length > 1500;
  var options = {
    autoResize: true,
    physics: { enabled: false },
    layout: { improvedLayout: false, randomSeed: 0 },
    interaction: {
      hover: !big,
      tooltipDelay: 150,
      hideEdgesOnDrag: big,
      hideEdgesOnZoom: big,
      multiselect: false,
      keyboard: { enabled: false },
    },
    nodes: {
      shape: "dot",
      scaling: {
        min: 10,
        max: 40,
        label: { enabled: true, min: 14, max: 24, maxVisible: 22, drawThreshold: 5 },
      },
      font: { size: 14, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff" },
    },
    edges: { selectionWidth: 2, hoverWidth: 1 },
  };
  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  window.network = network;
  window.sinergi = {
    data: DATA,
    state: state,
    network: network,
    nodes: nodes,
    edges: edges,
    nodeView: nodeView,
    edgeView: edgeView,
    visibleNodes: visibleNodes,
    visibleEdges: visibleEdges,
    recompute: recompute,
    findRegion: findRegion,
    exportPng: exportPng,
    togglePlay: togglePlay,
    boundaries: boundaryPaths,
    ready: false,
  };

  network.on("beforeDrawing", function (ctx) {
    // a white background, so an exported PNG is not transparent
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
    drawBoundaries(ctx);
    drawTimeline(ctx);
  });
  network.once("afterDrawing", function () {
    timing.firstDraw = performance.now();
    // node sizes are only known after the first frame: centre the view again now
    network.fit({ animation: false });
    network.once("afterDrawing", function () {
      timing.ready = performance.now();
      window.sinergi.ready = true;
    });
    network.redraw();
  });
  network.on("click", function (params) {
    if (params.nodes.length) selected = { type: "node", id: params.nodes[0] };
    else if (params.edges.length) selected = { type: "edge", id: params.edges[0] };
    else selected = null;
    if (selected) showSelection();
  });

  buildLegend();
  var summary = plural(DATA.nodes.length, "region") + " · " + plural(DATA.edges.length, "link") +
    " · " + plural(DATA.evidence.length, "piece") + " of evidence";
  if (DATA.time.min !== null) summary += " · " + dayText(DATA.time.min) + " to " + dayText(DATA.time.max);
  document.getElementById("summary").textContent = summary;
  document.getElementById("description").textContent = DATA.description;
  if (!DATA.nodes.length) document.getElementById("empty").hidden = false;
  timing.scriptEnd = performance.now();
})();
