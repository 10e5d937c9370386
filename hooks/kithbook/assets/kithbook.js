/* kithbook: sortable tables inside <div class="kb-sortable">, tables that stack into
   cards on a phone (each cell labelled with its column), served locally. */
(function () {
  "use strict";
  function cellValue(row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.trim() : "";
  }
  function compare(a, b) {
    var na = parseFloat(a.replace(/^T/, "")), nb = parseFloat(b.replace(/^T/, ""));
    var numeric = /^(T?-?\d+(\.\d+)?×?|-?\d+(\.\d+)?)$/;
    if (numeric.test(a) && numeric.test(b)) { return na - nb; }
    return a.localeCompare(b, undefined, { sensitivity: "base", numeric: true });
  }
  function makeSortable(table) {
    var head = table.tHead;
    if (!head || !table.tBodies.length) { return; }
    Array.prototype.forEach.call(head.rows[0].cells, function (th, index) {
      th.setAttribute("tabindex", "0");
      th.setAttribute("role", "button");
      function sort() {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        rows.sort(function (r1, r2) {
          var result = compare(cellValue(r1, index), cellValue(r2, index));
          return ascending ? result : -result;
        });
        Array.prototype.forEach.call(head.rows[0].cells, function (other) {
          other.removeAttribute("aria-sort");
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
      });
    });
  }
  function labelCells(table) {
    var head = table.tHead;
    if (!head || !head.rows.length || table.hasAttribute("data-kb-stack")) { return; }
    var names = Array.prototype.map.call(head.rows[0].cells, function (th) {
      return th.textContent.trim();
    });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, index) {
          if (names[index]) { cell.setAttribute("data-label", names[index]); }
        });
      });
    });
    table.setAttribute("data-kb-stack", "");
  }
  function copyText(text, button) {
    function done(ok) {
      button.textContent = ok ? "Copied" : "Select and copy";
      window.setTimeout(function () { button.textContent = "Copy"; }, 2000);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); },
        function () { done(false); });
      return;
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
    document.body.removeChild(area);
    done(ok);
  }
  function addCopyButton(draft) {
    if (draft.querySelector(".kb-copy")) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "kb-copy md-button";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy this draft");
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var paragraphs = draft.querySelectorAll("p:not(.admonition-title)");
      var text = paragraphs.length
        ? Array.prototype.map.call(paragraphs, function (p) {
          return p.textContent.trim();
        }).join("\n\n")
        : draft.textContent.replace(button.textContent, "").trim()
          .replace(/^Draft:\s*/, "").replace(/^[“"]|[”"]$/g, "");
      copyText(text, button);
    });
    draft.appendChild(button);
  }
  function markDates(table) {
    Array.prototype.forEach.call(table.querySelectorAll("td"), function (cell) {
      if (/^\d{4}-\d{2}-\d{2}$/.test(cell.textContent.trim())) {
        cell.classList.add("kb-date");
      }
    });
  }
  // A link to a collapsed block (a tag on the Tags page) opens it.
  function openTarget() {
    var id = window.location.hash.slice(1);
    if (!id) { return; }
    var target = document.getElementById(decodeURIComponent(id));
    if (target && target.tagName === "DETAILS" && !target.open) {
      target.open = true;
      target.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", openTarget);
  function init() {
    openTarget();
    document.querySelectorAll(".kb-sortable table").forEach(makeSortable);
    document.querySelectorAll("article table").forEach(labelCells);
    document.querySelectorAll("article table").forEach(markDates);
    document.querySelectorAll(".kb-draft").forEach(addCopyButton);
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
