(function () {
  "use strict";
  // Sortable tables: every th > button.sort sorts its table's rows by the cells' data-sort values.
  // Numbers descending first (ascending for columns marked data-order="asc"), text ascending; empty values last.
  function sortTable(table, th, button) {
    var headers = Array.prototype.slice.call(th.parentNode.children);
    var col = headers.indexOf(th);
    var text = button.getAttribute("data-type") === "text";
    var current = th.getAttribute("aria-sort");
    var first = text || button.getAttribute("data-order") === "asc" ? "ascending" : "descending";
    var order = current === first ? (first === "ascending" ? "descending" : "ascending") : first;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var sign = order === "ascending" ? 1 : -1;
    rows.sort(function (a, b) {
      var x = a.children[col].getAttribute("data-sort") || "", y = b.children[col].getAttribute("data-sort") || "";
      if (x === "" || y === "") return x === y ? 0 : x === "" ? 1 : -1;
      var d = text ? x.localeCompare(y) : parseFloat(x) - parseFloat(y);
      return d * sign;
    });
    rows.forEach(function (row, i) {
      body.appendChild(row);
      var rank = row.querySelector("td.rank");
      if (rank) rank.textContent = String(i + 1);
    });
    headers.forEach(function (h) { if (h.hasAttribute("aria-sort")) h.setAttribute("aria-sort", "none"); });
    th.setAttribute("aria-sort", order);
    var status = document.getElementById("sort-status");
    if (status) status.textContent = "Sorted by " + button.textContent + ", " + order + ".";
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("thead th > button.sort").forEach(function (button) {
      button.addEventListener("click", function () { sortTable(table, button.parentNode, button); });
    });
  });

  // Chart points: hovering or tapping a point shows its item (from the JSON island, as text).
  var island = document.getElementById("lb-data");
  var data = island ? JSON.parse(island.textContent) : { charts: [] };
  document.querySelectorAll("svg[data-chart]").forEach(function (svg) {
    var points = data.charts[Number(svg.getAttribute("data-chart"))] || [];
    var info = svg.parentNode.querySelector(".point-info");
    var hot = null;
    function show(event) {
      var target = event.target;
      if (!target || target.tagName !== "circle") return;
      var p = points[Number(target.getAttribute("data-i"))];
      if (!p || !info) return;
      if (hot) hot.classList.remove("hot");
      hot = target;
      hot.classList.add("hot");
      info.textContent = p.suite + " / " + p.subset + " / " + p.id + " (" + p.role + "): score " + p.score + ", " + p.chars + " characters";
    }
    svg.addEventListener("mouseover", show);
    svg.addEventListener("click", show);
  });
})();
