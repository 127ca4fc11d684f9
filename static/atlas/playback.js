/* Corridor Atlas playback: events through time on a Leaflet map.
 *
 * A bar below the map (never over it) holds play/pause, step, a date slider, speed, mode and
 * window; the current date is also written large on the map. At date t (the end of a step):
 *   cumulative:     every event that has started; those of the last window bright, older faded
 *   moving window:  the events whose interval meets [t - window, t], fading as they age
 * Corridors are drawn throughout, faint until first mentioned. Text is set with textContent.
 */
(function () {
  "use strict";
  var DAY = 86400000;
  var SPEEDS = [0.5, 1, 2, 4, 8];
  var STEPS_PER_SECOND = 6;

  function button(parent, label, title) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.title = title;
    parent.appendChild(b);
    return b;
  }

  function select(parent, label, options, value) {
    var wrap = document.createElement("label");
    wrap.appendChild(document.createTextNode(label + " "));
    var s = document.createElement("select");
    options.forEach(function (o) {
      var option = document.createElement("option");
      option.value = String(o[0]);
      option.textContent = o[1];
      if (String(o[0]) === String(value)) { option.selected = true; }
      s.appendChild(option);
    });
    wrap.appendChild(s);
    parent.appendChild(wrap);
    return s;
  }

  function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }

  window.AtlasPlayback = {
    init: function (map, config) {
      document.body.classList.add("ca-playback");
      var first = config.first, last = config.last, step = config.stepDays * DAY;
      var steps = Math.max(1, Math.ceil((last - first) / step));
      var state = {index: 0, playing: false, speed: 1, mode: "cumulative", window: config.window * DAY};

      // Event markers, one per feature, re-styled at each step.
      var markers = config.events.features.map(function (f) {
        var p = f.properties, ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
        var marker = L.circleMarker(ll, {radius: p.radius || 8, color: "#222", weight: 1, fillColor: p.colour,
                                         fillOpacity: 0.85, className: "ca-play-event"});
        if (p.popup) { marker.bindPopup(p.popup, {maxWidth: 420}); }
        if (p.tooltip) { marker.bindTooltip(p.tooltip, {sticky: true}); }
        marker.feature = f;
        return marker;
      });
      var group = L.layerGroup().addTo(map);
      var corridors = [];
      map.eachLayer(function (layer) {
        if (layer.feature && layer.feature.properties && layer.feature.properties.kind === "corridor") { corridors.push(layer); }
      });

      // The date, large, on the map.
      var stamp = L.control({position: "topleft"});
      stamp.onAdd = function () { return L.DomUtil.create("div", "ca-play-date"); };
      stamp.addTo(map);

      // The bar below the map.
      var bar = document.createElement("div");
      bar.className = "ca-play-bar";
      document.body.appendChild(bar);
      var back = button(bar, "|◀", "Step back (←)");
      var play = button(bar, "▶", "Play / pause (space)");
      var forward = button(bar, "▶|", "Step forward (→)");
      var slider = document.createElement("input");
      slider.type = "range";
      slider.min = "0";
      slider.max = String(steps);
      slider.value = "0";
      slider.className = "ca-play-slider";
      slider.setAttribute("aria-label", "Date");
      bar.appendChild(slider);
      var date = document.createElement("span");
      date.className = "ca-play-when";
      bar.appendChild(date);
      var speed = select(bar, "Speed", SPEEDS.map(function (s) { return [s, s + "×"]; }), 1);
      var mode = select(bar, "Show", [["cumulative", "cumulative"], ["window", "moving window"]], "cumulative");
      var windowSelect = select(bar, "Window", config.windows.map(function (d) {
        return [d, d === 365 ? "1 year" : d + " days"];
      }), config.window);
      map.invalidateSize();

      function at(index) { return Math.min(first + index * step, last); }

      function draw() {
        var t = at(state.index), w = state.window, visible = 0, inWindow = 0;
        markers.forEach(function (marker) {
          var p = marker.feature.properties, started = p.start <= t, recent = p.end > t - w;
          var show = state.mode === "cumulative" ? started : started && recent;
          if (started && recent) { inWindow += 1; }
          if (!show) { if (group.hasLayer(marker)) { group.removeLayer(marker); } return; }
          var age = Math.max(0, t - p.end), opacity;
          if (state.mode === "cumulative") { opacity = recent ? 0.9 : 0.3; }
          else { opacity = recent ? 0.9 - 0.6 * Math.min(1, age / w) : 0; }
          if (!group.hasLayer(marker)) { group.addLayer(marker); }
          marker.setStyle({fillOpacity: opacity, opacity: Math.min(1, opacity + 0.1)});
          visible += 1;
        });
        corridors.forEach(function (layer) {
          var firstMentioned = layer.feature.properties.first;
          layer.setStyle({opacity: firstMentioned === null || firstMentioned <= t ? 0.9 : 0.25});
        });
        var text = iso(t);
        date.textContent = text + "  ·  " + visible + " event" + (visible === 1 ? "" : "s") + " shown";
        stamp.getContainer().textContent = text;
        slider.value = String(state.index);
        play.textContent = state.playing ? "❚❚" : "▶";
        bar.setAttribute("data-date", text);
        bar.setAttribute("data-visible", String(visible));
        bar.setAttribute("data-window-events", String(inWindow));
      }

      var timer = null;
      function tick() {
        if (state.index >= steps) { stop(); return; }
        state.index += 1;
        draw();
      }
      function start() {
        if (state.index >= steps) { state.index = 0; }
        state.playing = true;
        clearInterval(timer);
        timer = setInterval(tick, 1000 / (STEPS_PER_SECOND * state.speed));
        draw();
      }
      function stop() { state.playing = false; clearInterval(timer); draw(); }

      play.onclick = function () { if (state.playing) { stop(); } else { start(); } };
      back.onclick = function () { stop(); state.index = Math.max(0, state.index - 1); draw(); };
      forward.onclick = function () { stop(); state.index = Math.min(steps, state.index + 1); draw(); };
      slider.oninput = function () { state.index = +slider.value; draw(); };
      speed.onchange = function () { state.speed = +speed.value; if (state.playing) { start(); } };
      mode.onchange = function () { state.mode = mode.value; draw(); };
      windowSelect.onchange = function () { state.window = +windowSelect.value * DAY; draw(); };
      document.addEventListener("keydown", function (event) {
        if (event.target && event.target.tagName === "SELECT") { return; }
        if (event.key === "ArrowRight") { forward.onclick(); }
        else if (event.key === "ArrowLeft") { back.onclick(); }
        else if (event.key === " ") { event.preventDefault(); play.onclick(); }
      });
      draw();
      window.AtlasPlayback.state = state;
    },
  };
})();
