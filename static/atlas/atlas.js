/* Corridor Atlas map behaviour (Leaflet 1.9), shared by the app and the standalone HTML export.
 *
 *   Atlas.Basemap  offline Natural Earth basemap: world tier up to zoom 5, 10m cells beyond
 *   Atlas.Labels   names with collision avoidance: data places by importance, corridor names
 *                  along their lines, then countries, seas, cities, regions, rivers
 *   Atlas.frame    opening view (saved view, or the frame computed by the engine), the
 *                  "N features outside this view · Show all" note
 *   Atlas.report   view, visible layers and clicks sent to the embedding page (postMessage)
 *
 * Data comes from the page's configuration (Atlas.init) and, for the basemap, from files under
 * a base URL (Streamlit's static serving) or inlined in the page (standalone export). Every
 * text is set with textContent: names come from articles and are never parsed as HTML.
 */
(function () {
  "use strict";
  var Atlas = (window.Atlas = window.Atlas || {});
  var WORLD_MAX_ZOOM = 5.75;  // the world tier below zoom 6 (quarter zooms), the 10m cells from 6

  // ------------------------------------------------------------------ data access

  var cache = {};
  function getJSON(source, path) {
    if (source.inline) {
      return Promise.resolve(Object.prototype.hasOwnProperty.call(source.inline, path) ? source.inline[path] : null);
    }
    var url = source.base + path;
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (reply) { return reply.ok ? reply.json() : null; })
        .catch(function () { return null; });
    }
    return cache[url];
  }

  function cellNames(bounds, index) {
    var step = index.cell_deg, names = [];
    var west = Math.max(bounds.getWest(), -180), east = Math.min(bounds.getEast(), 180);
    var south = Math.max(bounds.getSouth(), -90), north = Math.min(bounds.getNorth(), 90);
    for (var lon = Math.floor(west / step) * step; lon < east; lon += step) {
      for (var lat = Math.floor(south / step) * step; lat < north; lat += step) {
        var name = (lon >= 0 ? "e" : "w") + String(Math.abs(lon)).padStart(3, "0") +
                   (lat >= 0 ? "n" : "s") + String(Math.abs(lat)).padStart(2, "0");
        if (index.cells[name]) { names.push(name); }
      }
    }
    return names;
  }

  // ------------------------------------------------------------------ basemap

  var PANES = ["land", "coast", "river", "lake", "lakecoast", "border"];

  // The outline of a cell's polygons of one layer, without the stretches that run along the
  // cell's (overlapping) cut edges: [west, south, east, north] grown by margin.
  function coastLines(data, wanted, box, margin) {
    var edges = [box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin], eps = 1e-4;
    function onEdge(a, b) {
      return (Math.abs(a[0] - edges[0]) < eps && Math.abs(b[0] - edges[0]) < eps) ||
             (Math.abs(a[0] - edges[2]) < eps && Math.abs(b[0] - edges[2]) < eps) ||
             (Math.abs(a[1] - edges[1]) < eps && Math.abs(b[1] - edges[1]) < eps) ||
             (Math.abs(a[1] - edges[3]) < eps && Math.abs(b[1] - edges[3]) < eps);
    }
    var parts = [];
    data.features.forEach(function (f) {
      if (f.properties.layer !== wanted || !f.geometry) { return; }
      var polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
      polygons.forEach(function (rings) {
        rings.forEach(function (ring) {
          var line = [ring[0]];
          for (var i = 1; i < ring.length; i += 1) {
            if (onEdge(ring[i - 1], ring[i])) {
              if (line.length > 1) { parts.push(line); }
              line = [ring[i]];
            } else { line.push(ring[i]); }
          }
          if (line.length > 1) { parts.push(line); }
        });
      });
    });
    return {type: "Feature", properties: {}, geometry: {type: "MultiLineString", coordinates: parts}};
  }

  Atlas.Basemap = L.Layer.extend({
    initialize: function (source, theme) {
      this._source = source;
      this._theme = theme;
      this._cells = {};
      this._data = {};
      this._shown = [];
      this._world = {};
    },

    // Named rivers of the detail cells on screen, for names written along them.
    namedRivers: function () {
      var zoom = this._map ? this._map.getZoom() : 0, byName = {}, self = this;
      if (zoom <= WORLD_MAX_ZOOM) { return []; }
      this._shown.forEach(function (cell) {
        (self._data[cell] ? self._data[cell].features : []).forEach(function (f) {
          var p = f.properties;
          if (p.layer !== "river" || !p.name || (p.min_zoom || 0) > zoom + 0.5) { return; }
          var entry = byName[p.name] || (byName[p.name] = {kind: "river", text: p.name, rank: p.scalerank, lines: []});
          entry.rank = Math.min(entry.rank, p.scalerank);
          var lines = f.geometry.type === "LineString" ? [f.geometry.coordinates] : f.geometry.coordinates;
          lines.forEach(function (line) { entry.lines.push(line.map(function (c) { return [c[1], c[0]]; })); });
        });
      });
      return Object.keys(byName).map(function (k) { return byName[k]; })
        .sort(function (a, b) { return a.rank - b.rank; });
    },

    onAdd: function (map) {
      var self = this;
      this._renderers = {};
      PANES.forEach(function (name, i) {
        var pane = map.getPane("ca-" + name) || map.createPane("ca-" + name);
        pane.style.zIndex = 151 + i;
        pane.style.pointerEvents = "none";
        self._renderers[name] = L.canvas({pane: "ca-" + name, padding: 0.3});
      });
      map.on("zoomend moveend", this._update, this);
      this._update();
    },

    onRemove: function (map) {
      map.off("zoomend moveend", this._update, this);
      var self = this;
      Object.keys(this._cells).forEach(function (name) { self._hideGroup(self._cells[name]); });
      Object.keys(this._world).forEach(function (name) { self._hideGroup(self._world[name]); });
    },

    _layer: function (data, pane, style, filter) {
      return L.geoJSON(data, {renderer: this._renderers[pane], interactive: false, style: style, filter: filter});
    },

    _showGroup: function (group) { var map = this._map; group.forEach(function (l) { if (!map.hasLayer(l)) { map.addLayer(l); } }); },
    _hideGroup: function (group) { var map = this._map; if (map) { group.forEach(function (l) { map.removeLayer(l); }); } },

    _riverStyle: function (feature) {
      var zoom = this._map ? this._map.getZoom() : 6, p = feature.properties;
      if ((p.min_zoom || 0) > zoom + 0.5) { return {opacity: 0, weight: 0}; }
      var rank = p.scalerank === undefined ? 8 : p.scalerank;  // 0 is the largest river
      var width = Math.min(4, Math.max(0.8, 3.4 - 0.2 * rank + (zoom - 6) * 0.35));
      return {color: this._theme.river, weight: width, opacity: 0.95, lineCap: "round", lineJoin: "round"};
    },

    _lakeStyle: function (feature) {
      var zoom = this._map ? this._map.getZoom() : 6, theme = this._theme;
      if ((feature.properties.min_zoom || 0) > zoom + 0.5) { return {stroke: false, fill: false}; }
      return {fillColor: theme.sea, fillOpacity: 1, color: theme.coast, weight: 0.5};
    },

    _worldGroup: function (countries, lakes, rivers) {
      var theme = this._theme;
      var group = [this._layer(countries, "land", function () {
        return {fillColor: theme.land, fillOpacity: 1, color: theme.border, weight: 0.6};
      })];
      if (rivers) { group.push(this._layer(rivers, "river", this._riverStyle.bind(this))); }
      if (lakes) { group.push(this._layer(lakes, "lake", this._lakeStyle.bind(this))); }
      return group;
    },

    _cellGroup: function (data, box, margin) {
      var theme = this._theme;
      function layer(wanted) { return function (f) { return f.properties.layer === wanted; }; }
      // Polygons are cut at the cell's edges (with a small overlap): the coast is their outline
      // without the cut edges, so no seam shows where cells meet.
      return [
        this._layer(coastLines(data, "land", box, margin), "coast", function () { return {color: theme.coast, weight: 1.3}; }),
        this._layer(data, "land", function () { return {stroke: false, fillColor: theme.land, fillOpacity: 1}; }, layer("land")),
        this._layer(data, "river", this._riverStyle.bind(this), layer("river")),
        this._layer(data, "lake", function () { return {stroke: false, fillColor: theme.sea, fillOpacity: 1}; }, layer("lake")),
        this._layer(coastLines(data, "lake", box, margin), "lakecoast", function () { return {color: theme.coast, weight: 1}; }),
        this._layer(data, "border", function () {
          return {color: theme.border, weight: 1.4, dashArray: "5 3", opacity: 1};
        }, layer("border")),
      ];
    },

    _update: function () {
      var map = this._map;
      if (!map) { return; }
      var zoom = map.getZoom(), self = this;
      if (zoom <= WORLD_MAX_ZOOM) {
        Object.keys(this._cells).forEach(function (name) { self._hideGroup(self._cells[name]); });
        this._showWorld(zoom);
        return;
      }
      getJSON(this._source, "tiles-10m/index.json").then(function (index) {
        if (!index || !self._map || self._map.getZoom() <= WORLD_MAX_ZOOM) { return; }
        var wanted = cellNames(map.getBounds().pad(0.15), index);
        var loads = wanted.map(function (name) {
          if (self._cells[name]) { return Promise.resolve(name); }
          return getJSON(self._source, "tiles-10m/" + name + ".geojson").then(function (data) {
            if (data && !self._cells[name]) {
              self._cells[name] = self._cellGroup(data, index.cells[name].bbox, index.fill_margin_deg);
              self._data[name] = data;
            }
            return name;
          });
        });
        Promise.all(loads).then(function () {
          if (!self._map || self._map.getZoom() <= WORLD_MAX_ZOOM) { return; }
          if (!wanted.some(function (name) { return self._cells[name]; })) {  // no detail here (a standalone file's edge)
            self._showWorld(WORLD_MAX_ZOOM, true);
            return;
          }
          Object.keys(self._cells).forEach(function (name) {
            if (wanted.indexOf(name) < 0) { self._hideGroup(self._cells[name]); }
            else {
              self._showGroup(self._cells[name]);
              self._cells[name][2].setStyle(self._riverStyle.bind(self));
            }
          });
          // The world tier stays underneath until the cells are in, so the map is never blank.
          Object.keys(self._world).forEach(function (name) { self._hideGroup(self._world[name]); });
          self._shown = wanted.filter(function (name) { return self._data[name]; });
          map.getContainer().setAttribute("data-basemap", "detail:" + wanted.length);
          map.fire("ca:basemap");
        });
      });
    },

    _showWorld: function (zoom, beyond) {
      var self = this, name = zoom <= 3 ? "110m" : "50m";
      var world = name === "50m"
        ? [getJSON(this._source, "countries-50m.geojson"), getJSON(this._source, "lakes-50m.geojson"),
           getJSON(this._source, "rivers-50m.geojson")]
        : [getJSON(this._source, "countries-110m.geojson")];
      Promise.all(world).then(function (parts) {
        var map = self._map;
        if (!map || (map.getZoom() > WORLD_MAX_ZOOM && !beyond)) { return; }
        if (!parts[0]) {  // a standalone file may carry only the coarse tier
          if (name === "50m") { self._showWorld(0, beyond); }
          return;
        }
        if (!self._world[name]) { self._world[name] = self._worldGroup(parts[0], parts[1], parts[2]); }
        Object.keys(self._world).forEach(function (other) { if (other !== name) { self._hideGroup(self._world[other]); } });
        self._showGroup(self._world[name]);
        self._world[name].slice(1).forEach(function (layer, i) {
          layer.setStyle((i === 0 && parts[2] ? self._riverStyle : self._lakeStyle).bind(self));
        });
        map.getContainer().setAttribute("data-basemap", "world:" + name);
      });
    },
  });

  // ------------------------------------------------------------------ labels

  var FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
  var measureContext = document.createElement("canvas").getContext("2d");

  function textWidth(text, font) {
    measureContext.font = font;
    return measureContext.measureText(text).width;
  }

  function overlaps(a, b) { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]; }

  function near(a, b) { return Math.abs(a.x - b.x) < 150 && Math.abs(a.y - b.y) < 150; }

  function normalised(name) { return String(name).toLowerCase().replace(/[^a-z0-9]+/g, ""); }

  // Each kind: font (px, weight, style), priority order, whether it is a point (dot + offset text).
  var KINDS = {
    place: {size: 13, weight: 600, point: true},
    corridor: {size: 12.5, weight: 700, style: "italic"},
    country: {size: 12, weight: 600, upper: true, spacing: 1},
    sea: {size: 12, weight: 400, style: "italic"},
    waypoint: {size: 11.5, weight: 600, point: true, dot: true},
    capital: {size: 11.5, weight: 600, point: true, dot: true},
    city: {size: 11, weight: 400, point: true, dot: true},
    region: {size: 11, weight: 400, style: "italic", upper: true, spacing: 1},
    water: {size: 11, weight: 400, style: "italic"},
    river: {size: 11.5, weight: 400, style: "italic"},
  };

  Atlas.Labels = L.Layer.extend({
    initialize: function (source, config) {
      this._source = source;
      this._config = config;  // {places: [[name, lat, lon, rank, kind, iso]], corridors: [{name, colour, lines}], waypoints, scale}
      this._base = null;
      this._hidden = {};
    },

    onAdd: function (map) {
      var pane = map.getPane("ca-labels") || map.createPane("ca-labels");
      pane.style.zIndex = 450;
      pane.style.pointerEvents = "none";
      this._container = L.DomUtil.create("div", "ca-labels", pane);
      map.on("zoomend moveend resize ca:basemap", this._schedule, this);
      map.on("zoomstart", this._hide, this);
      map.on("overlayadd overlayremove", this._toggle, this);
      var self = this;
      getJSON(this._source, "labels.json").then(function (base) { self._base = base; self._schedule(); });
      this._schedule();
    },

    onRemove: function (map) {
      map.off("zoomend moveend resize ca:basemap", this._schedule, this);
      map.off("zoomstart", this._hide, this);
      map.off("overlayadd overlayremove", this._toggle, this);
      L.DomUtil.remove(this._container);
    },

    _toggle: function (event) {  // a data layer switched off takes its names with it
      var name = String(event.name || "");
      var kind = name.indexOf("Places") === 0 ? "place" : name.indexOf("Corridors") === 0 ? "corridor" : null;
      if (kind) { this._hidden[kind] = event.type === "overlayremove"; this._schedule(); }
    },

    _hide: function () { this._container.style.display = "none"; },

    _schedule: function () {
      var self = this;
      clearTimeout(this._timer);
      this._timer = setTimeout(function () { self._draw(); }, 40);
    },

    _font: function (kind) {
      var spec = KINDS[kind], scale = this._config.scale || 1;
      return (spec.style || "normal") + " " + spec.weight + " " + (spec.size * scale).toFixed(1) + "px " + FONT;
    },

    _candidates: function (zoom) {
      var out = [], config = this._config, base = this._base, suppressed = {}, waypoints = {};
      if (!this._hidden.place) {
        (config.places || []).forEach(function (p) {
          out.push({kind: "place", text: p[0], lat: p[1], lon: p[2], dot: false, gap: p[5] || 6});
          suppressed[normalised(p[0])] = true;
          if (p[4]) { suppressed["iso:" + p[4]] = true; }
        });
      }
      if (!this._hidden.corridor) {
        (config.corridors || []).forEach(function (c) { out.push({kind: "corridor", text: c.name, colour: c.colour, lines: c.lines}); });
      }
      (config.waypoints || []).forEach(function (name) { waypoints[normalised(name)] = true; });
      if (!base) { return out; }
      var near = zoom + 0.3;  // Natural Earth's label zooms, a little early
      function visible(row) { return row[3] <= near && zoom <= row[4] + 1; }
      base.countries.forEach(function (r) {
        if (visible(r) && !suppressed["iso:" + r[6]] && !suppressed[normalised(r[0])]) {
          out.push({kind: "country", text: r[0], lat: r[2], lon: r[1], rank: r[5]});
        }
      });
      base.seas.forEach(function (r) {
        if (visible(r) && !suppressed[normalised(r[0])]) { out.push({kind: "sea", text: r[0], lat: r[2], lon: r[1], rank: r[5]}); }
      });
      var towns = [];
      base.places.forEach(function (r) {
        var key = normalised(r[0]);
        if (suppressed[key]) { return; }
        if (waypoints[key] && r[3] <= zoom + 3) { out.push({kind: "waypoint", text: r[0], lat: r[2], lon: r[1], dot: true, capital: r[6] === 1}); }
        else if (r[3] <= zoom - (r[6] === 1 ? -0.3 : 0.5)) { towns.push({kind: r[6] === 1 ? "capital" : "city", text: r[0], lat: r[2], lon: r[1], rank: r[5] * 10 + r[3], dot: true, capital: r[6] === 1}); }
      });
      towns.sort(function (a, b) { return (a.kind === "capital" ? 0 : 1) - (b.kind === "capital" ? 0 : 1) || a.rank - b.rank; });
      out = out.concat(towns);
      base.regions.forEach(function (r) {
        if (visible(r) && !suppressed[normalised(r[0])]) { out.push({kind: "region", text: r[0], lat: r[2], lon: r[1], rank: r[5]}); }
      });
      var rivers = this._basemap ? this._basemap.namedRivers() : [];
      rivers.forEach(function (r) { if (!suppressed[normalised(r.text)]) { out.push(r); } });
      base.water.forEach(function (r) {
        var lakeOnly = rivers.length > 0 || zoom > WORLD_MAX_ZOOM;  // rivers are then named along their lines
        if (r[3] <= zoom - 0.5 && !suppressed[normalised(r[0])] && (!lakeOnly || r[6] === "lake")) {
          out.push({kind: "water", text: r[0], lat: r[2], lon: r[1], rank: r[5]});
        }
      });
      return out;
    },

    _draw: function () {
      var map = this._map;
      if (!map) { return; }
      var container = this._container, zoom = map.getZoom(), size = map.getSize();
      container.textContent = "";
      container.style.display = "";
      var placed = [], self = this, shown = 0, written = {};
      var origin = map.containerPointToLayerPoint([0, 0]);
      var inView = map.getBounds().pad(0.02);
      this._candidates(zoom).forEach(function (label) {
        if (label.lines) {
          if (self._placeAlong(label, placed, size, origin)) { shown += 1; }
          return;
        }
        if (!inView.contains([label.lat, label.lon])) { return; }
        var font = self._font(label.kind), spec = KINDS[label.kind];
        if (written[label.text] && (!spec.point || near(written[label.text], map.latLngToContainerPoint([label.lat, label.lon])))) {
          return;  // a sea or country in several parts, or one town given twice: named once
        }
        var text = spec.upper ? label.text.toUpperCase() : label.text;
        var width = textWidth(text, font) + (spec.spacing || 0) * text.length + 2;
        var height = spec.size * (self._config.scale || 1) * 1.25;
        var at = map.latLngToContainerPoint([label.lat, label.lon]);
        var box = self._fit(at, width, height, spec.point ? (label.gap || 4) + 3 : null, placed, size);
        if (!box) { return; }
        placed.push(box);
        self._write(text, label, box, origin, at);
        written[label.text] = at;
        shown += 1;
      });
      container.setAttribute("data-count", String(shown));
    },

    _fit: function (at, width, height, gap, placed, size) {
      var tries = gap === null
        ? [[-width / 2, -height / 2]]
        : [[gap, -height / 2], [-gap - width, -height / 2], [-width / 2, -gap - height], [-width / 2, gap]];
      for (var i = 0; i < tries.length; i += 1) {
        var x = at.x + tries[i][0], y = at.y + tries[i][1];
        var box = [x, y, x + width, y + height];
        if (box[0] < 2 || box[1] < 2 || box[2] > size.x - 2 || box[3] > size.y - 2) { continue; }
        if (!placed.some(function (other) { return overlaps(box, other); })) { return box; }
      }
      return null;
    },

    _write: function (text, label, box, origin, at) {
      var div = L.DomUtil.create("div", "ca-label ca-label-" + label.kind, this._container);
      div.textContent = text;
      div.style.left = (box[0] + origin.x) + "px";
      div.style.top = (box[1] + origin.y) + "px";
      div.style.font = this._font(label.kind);
      if (label.dot) {
        var dot = L.DomUtil.create("div", "ca-dot" + (label.capital ? " ca-dot-capital" : ""), this._container);
        dot.style.left = (at.x + origin.x) + "px";
        dot.style.top = (at.y + origin.y) + "px";
      }
    },

    // A corridor's name written along its line: at the middle of the visible stretch first, then
    // further out; the stretch the text covers must be nearly straight, and its boxes (one per
    // text height along the line) must collide with nothing placed before.
    _placeAlong: function (label, placed, size, origin) {
      var map = this._map, font = this._font(label.kind);
      var width = textWidth(label.text, font) + 6, height = KINDS[label.kind].size * (this._config.scale || 1) * 1.3;
      var self = this, best = null;
      label.lines.forEach(function (line) {
        if (best) { return; }
        var points = line.map(function (p) { return map.latLngToContainerPoint(p); })
          .filter(function (p) { return p.x > 4 && p.y > 4 && p.x < size.x - 4 && p.y < size.y - 4; });
        if (points.length < 2) { return; }
        var lengths = [0];
        for (var i = 1; i < points.length; i += 1) { lengths.push(lengths[i - 1] + points[i].distanceTo(points[i - 1])); }
        var total = lengths[lengths.length - 1];
        if (total < width * 1.05) { return; }
        [0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9].some(function (fraction) {
          var middle = total * fraction;
          if (middle - width / 2 < 0 || middle + width / 2 > total) { return false; }
          var a = pointAt(points, lengths, middle - width / 2), b = pointAt(points, lengths, middle + width / 2);
          if (a.distanceTo(b) < width * 0.9) { return false; }  // too curved here
          var boxes = [], steps = Math.max(2, Math.ceil(width / height));
          for (var s = 0; s <= steps; s += 1) {
            var c = a.add(b.subtract(a).multiplyBy(s / steps));
            boxes.push([c.x - height / 2, c.y - height / 2, c.x + height / 2, c.y + height / 2]);
          }
          var clear = boxes.every(function (box) { return !placed.some(function (other) { return overlaps(box, other); }); });
          if (clear) { best = {a: a, b: b, boxes: boxes}; }
          return clear;
        });
      });
      if (!best) { return false; }
      best.boxes.forEach(function (box) { placed.push(box); });
      var angle = Math.atan2(best.b.y - best.a.y, best.b.x - best.a.x) * 180 / Math.PI;
      if (angle > 90) { angle -= 180; } else if (angle < -90) { angle += 180; }
      var centre = best.a.add(best.b).divideBy(2);
      var div = L.DomUtil.create("div", "ca-label ca-label-" + label.kind, self._container);
      div.textContent = label.text;
      div.style.font = font;
      if (label.colour) { div.style.color = label.colour; }
      div.style.left = (centre.x + origin.x) + "px";
      div.style.top = (centre.y + origin.y) + "px";
      div.style.transform = "translate(-50%, -50%) rotate(" + angle.toFixed(1) + "deg)";
      return true;
    },
  });

  function pointAt(points, lengths, distance) {
    for (var i = 1; i < points.length; i += 1) {
      if (lengths[i] >= distance) {
        var span = lengths[i] - lengths[i - 1] || 1;
        return points[i - 1].add(points[i].subtract(points[i - 1]).multiplyBy((distance - lengths[i - 1]) / span));
      }
    }
    return points[points.length - 1];
  }

  // ------------------------------------------------------------------ framing and the outside note

  function send(message) {
    if (window.parent && window.parent !== window) { window.parent.postMessage(Object.assign({atlas: true}, message), "*"); }
  }

  Atlas.frame = function (map, config) {
    if (Object.prototype.hasOwnProperty.call(window, "ATLAS_VIEW")) { config.view = window.ATLAS_VIEW; }
    // Not animated: the view is final at once, so the opening view is reported once, not the
    // map's placeholder centre first (each report costs the app a run).
    var padding = {paddingTopLeft: [30, 30], paddingBottomRight: [config.legendWidth || 30, 30], maxZoom: 9, animate: false};
    function fit(bounds) {
      map.fitBounds(bounds, padding);
      if (!map.getBounds().contains(L.latLngBounds(bounds))) { map.fitBounds(bounds, {padding: [30, 30], maxZoom: 9, animate: false}); }
    }
    if (config.view) { map.setView([config.view.lat, config.view.lon], config.view.zoom, {animate: false}); }
    else if (config.frame) { fit(config.frame); }

    var note = L.control({position: "bottomleft"});
    note.onAdd = function () {
      var div = L.DomUtil.create("div", "ca-outside");
      L.DomEvent.disableClickPropagation(div);
      return div;
    };
    note.addTo(map);
    var box = note.getContainer();
    function update() {
      var bounds = map.getBounds(), outside = 0;
      (config.points || []).forEach(function (p) { if (!bounds.contains([p[0], p[1]])) { outside += p[2]; } });
      (config.boxes || []).forEach(function (b) { if (!bounds.intersects(L.latLngBounds([b[0], b[1]], [b[2], b[3]]))) { outside += 1; } });
      box.textContent = "";
      box.style.display = outside ? "" : "none";
      box.setAttribute("data-outside", String(outside));
      if (!outside) { return; }
      box.appendChild(document.createTextNode(outside + (outside === 1 ? " feature" : " features") + " outside this view · "));
      var button = L.DomUtil.create("a", "ca-show-all", box);
      button.href = "#";
      button.textContent = "Show all";
      L.DomEvent.on(button, "click", function (event) {
        L.DomEvent.preventDefault(event);
        if (config.all) { fit(config.all); }
      });
    }
    map.on("moveend zoomend", update);
    update();
    Atlas.fit = fit;
  };

  // ------------------------------------------------------------------ reporting to the page

  Atlas.report = function (map) {
    var hidden = {};
    function view() {
      var centre = map.getCenter();
      send({type: "view", lat: +centre.lat.toFixed(4), lon: +centre.lng.toFixed(4), zoom: map.getZoom(),
            hidden: Object.keys(hidden).filter(function (k) { return hidden[k]; }).sort()});
    }
    map.on("moveend", view);
    view();  // the opening view (set before this listener existed)
    map.on("overlayadd overlayremove", function (event) {
      var name = String(event.name || "").split(" (")[0].toLowerCase();
      hidden[name] = event.type === "overlayremove";
      view();
    });
    // Popups cover the legend's corner: fold the legend away while one is open.
    map.on("popupopen", function () { document.body.classList.add("ca-popup-open"); });
    map.on("popupclose", function () { document.body.classList.remove("ca-popup-open"); });
    Atlas.clicked = function (feature, event) {
      var ref = feature && feature.properties ? feature.properties.ref : null;
      send({type: "click", ref: ref || null, lat: event.latlng.lat, lon: event.latlng.lng});
    };
  };

  Atlas.init = function (map, config) {
    Atlas.map = map;  // one map per page: tests and the embedding page reach it here
    var source = config.inline ? {inline: config.inline} : {base: config.base};
    var basemap = new Atlas.Basemap(source, config.theme).addTo(map);
    map.on("baselayerchange", function (event) {  // web tiles chosen: the offline basemap steps aside
      if (event.name === config.offlineName) { if (!map.hasLayer(basemap)) { basemap.addTo(map); } }
      else { map.removeLayer(basemap); }
    });
    var labels = new Atlas.Labels(source, config.labels || {});
    labels._basemap = basemap;
    labels.addTo(map);
    Atlas.frame(map, config);
    Atlas.report(map);
  };
})();
