// The open-data map: draws the points listed in the page's table on tiles from
// MADOGUCHI_MAP_TILE_URL. Without JavaScript (or tiles) the table alone is the map.
(function () {
  "use strict";
  var element = document.getElementById("opendata-map");
  var data = document.getElementById("opendata-points");
  if (!element || !data || typeof L === "undefined") {
    return;
  }
  var points = JSON.parse(data.textContent);
  var map = L.map(element);
  L.tileLayer(element.dataset.tiles, { attribution: element.dataset.attribution, maxZoom: 18 }).addTo(map);
  var bounds = [];
  points.forEach(function (point) {
    var marker = L.marker([point.lat, point.lon], { title: point.name, alt: point.name }).addTo(map);
    var popup = document.createElement("div");
    var name = document.createElement("strong");
    name.textContent = point.name;
    popup.appendChild(name);
    if (point.address) {
      popup.appendChild(document.createElement("br"));
      popup.appendChild(document.createTextNode(point.address));
    }
    marker.bindPopup(popup);
    bounds.push([point.lat, point.lon]);
  });
  if (bounds.length) {
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
  }
})();
