/* Public catalog: search (Pagefind) and filters over the reference cards.
 *
 * The page is complete without this script: every published reference is listed and
 * the search/filter form stays hidden. With it, the form appears; filters read the
 * cards' data attributes (data-industry, data-region, data-products), combine with
 * each other and with the search, and live in the URL query so a link can be shared.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  var finder = document.getElementById("finder");
  var list = document.getElementById("cards");
  if (!finder || !list) return;

  var cards = Array.prototype.slice.call(list.querySelectorAll("[data-card]"));
  var originalOrder = cards.slice();
  var selects = Array.prototype.slice.call(finder.querySelectorAll("select[data-filter]"));
  var query = document.getElementById("finder-q");
  var status = document.getElementById("result-status");
  var empty = document.getElementById("finder-empty");
  var clearButton = document.getElementById("finder-clear");
  var resetButton = document.getElementById("finder-reset");
  var more = document.getElementById("finder-more");
  var badge = document.getElementById("finder-badge");
  var phone = window.matchMedia("(max-width: 560px)");
  var total = cards.length;

  var hits = null; // while searching: Map(reference id -> {rank, excerpt})
  var searchState = "idle"; // idle | searching | ready | failed
  var searchRound = 0;
  var searchTimer = 0;
  var pagefindLoading = null;
  var orderedBy = ""; // the order the cards are in: "" for the page's own

  function cardValues(card, name) {
    if (name === "product") return (card.dataset.products || "").split(" ").filter(Boolean);
    return [card.dataset[name] || ""];
  }

  function currentFilters() {
    var state = {};
    selects.forEach(function (select) {
      state[select.dataset.filter] = select.value;
    });
    return state;
  }

  /* Does the card pass every active filter (but `except`) and the search? */
  function matches(card, filters, except) {
    for (var name in filters) {
      if (name === except || !filters[name]) continue;
      if (cardValues(card, name).indexOf(filters[name]) === -1) return false;
    }
    return hits === null || hits.has(card.dataset.id);
  }

  function updateCounts(filters) {
    selects.forEach(function (select) {
      var name = select.dataset.filter;
      var pool = cards.filter(function (card) {
        return matches(card, filters, name);
      });
      Array.prototype.forEach.call(select.options, function (option) {
        var count = option.value
          ? pool.filter(function (card) {
              return cardValues(card, name).indexOf(option.value) !== -1;
            }).length
          : pool.length;
        option.textContent = option.dataset.label + " (" + count + ")";
        option.disabled = count === 0 && option.value !== "" && option.value !== select.value;
      });
      select.classList.toggle("is-active", select.value !== "");
    });
  }

  function order() {
    var key = hits === null ? "" : Array.from(hits.keys()).join(" ");
    if (key === orderedBy) return;
    orderedBy = key;
    var sequence = originalOrder;
    if (hits !== null) {
      sequence = originalOrder.slice().sort(function (a, b) {
        return rank(a) - rank(b);
      });
    }
    sequence.forEach(function (card) {
      list.appendChild(card);
    });
  }

  function rank(card) {
    var hit = hits.get(card.dataset.id);
    return hit ? hit.rank : Number.MAX_SAFE_INTEGER;
  }

  function render() {
    var filters = currentFilters();
    var shown = 0;
    order();
    cards.forEach(function (card) {
      var visible = matches(card, filters, null);
      card.hidden = !visible;
      if (visible) shown += 1;
      var excerpt = card.querySelector("[data-excerpt]");
      var hit = hits && hits.get(card.dataset.id);
      if (hit && hit.excerpt) {
        setExcerpt(excerpt, hit.excerpt);
        excerpt.hidden = false;
      } else {
        excerpt.hidden = true;
        excerpt.textContent = "";
      }
    });
    updateCounts(filters);
    var chosen = selects.filter(function (s) {
      return s.value;
    }).length;
    var active = query.value.trim() !== "" || chosen > 0;
    clearButton.disabled = !active;
    badge.textContent = chosen;
    badge.hidden = chosen === 0;
    empty.hidden = shown > 0 || searchState === "searching";
    announce(shown, active);
  }

  function announce(shown, active) {
    var text;
    var q = query.value.trim();
    if (searchState === "searching") text = "Searching…";
    else if (searchState === "failed") text = "Search is not available right now; filters still work.";
    else if (!active) text = total + (total === 1 ? " reference" : " references");
    else if (q) text = shown + " of " + total + " references match “" + q + "”";
    else text = "Showing " + shown + " of " + total + " references";
    if (status.textContent !== text) status.textContent = text;
  }

  /* Pagefind excerpts are HTML with <mark> around the hits: keep the text and the marks. */
  function setExcerpt(element, html) {
    var template = document.createElement("template");
    template.innerHTML = html; // inert: nothing in a template runs or loads
    element.textContent = "";
    Array.prototype.forEach.call(template.content.childNodes, function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        element.appendChild(mark);
      } else {
        element.appendChild(document.createTextNode(node.textContent));
      }
    });
  }

  /* ---- search ---------------------------------------------------------------------- */

  function pagefind() {
    if (!pagefindLoading) {
      var url = new URL(finder.dataset.searchIndex, document.baseURI).href;
      pagefindLoading = import(url).then(function (pf) {
        return Promise.resolve(pf.options ? pf.options({ excerptLength: 22 }) : null).then(
          function () {
            return pf;
          }
        );
      });
      pagefindLoading.catch(function () {
        pagefindLoading = null; // try again on the next search
      });
    }
    return pagefindLoading;
  }

  function search() {
    var q = query.value.trim();
    var round = ++searchRound;
    if (!q) {
      hits = null;
      searchState = "idle";
      render();
      return Promise.resolve();
    }
    searchState = "searching";
    announce(0, true);
    return pagefind()
      .then(function (pf) {
        return pf.search(q);
      })
      .then(function (found) {
        return Promise.all(
          found.results.map(function (result) {
            return result.data();
          })
        );
      })
      .then(function (pages) {
        if (round !== searchRound) return;
        hits = new Map();
        pages.forEach(function (page, index) {
          var id = page.meta && page.meta.refid;
          if (id && !hits.has(id)) hits.set(id, { rank: index, excerpt: page.excerpt });
        });
        searchState = "ready";
        render();
      })
      .catch(function () {
        if (round !== searchRound) return;
        hits = null;
        searchState = "failed";
        render();
      });
  }

  /* ---- the URL carries the state ------------------------------------------------------ */

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var wanted = params.get(select.dataset.filter) || "";
      var known = Array.prototype.some.call(select.options, function (option) {
        return option.value === wanted;
      });
      select.value = known ? wanted : "";
    });
    query.value = params.get("q") || "";
  }

  function writeUrl(push) {
    var params = new URLSearchParams();
    var q = query.value.trim();
    if (q) params.set("q", q);
    selects.forEach(function (select) {
      if (select.value) params.set(select.dataset.filter, select.value);
    });
    var search = params.toString();
    var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
    if (url === window.location.pathname + window.location.search + window.location.hash) return;
    window.history[push ? "pushState" : "replaceState"](null, "", url);
  }

  function clearAll() {
    selects.forEach(function (select) {
      select.value = "";
    });
    query.value = "";
    writeUrl(true);
    search();
  }

  /* ---- wiring --------------------------------------------------------------------------- */

  selects.forEach(function (select) {
    select.addEventListener("change", function () {
      writeUrl(true);
      render();
    });
  });

  query.addEventListener("input", function () {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(function () {
      writeUrl(false);
      search();
    }, 180);
  });

  query.addEventListener("focus", function () {
    pagefind().catch(function () {}); // warm up while the visitor types
  }, { once: true });

  finder.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(searchTimer);
    writeUrl(false);
    search();
  });

  [clearButton, resetButton].forEach(function (button) {
    button.addEventListener("click", function () {
      clearAll();
      query.focus(); // the button is gone or disabled now: keep the focus in the form
    });
  });

  window.addEventListener("popstate", function () {
    readUrl();
    search();
  });

  /* Phones fold the filters away unless one is chosen; wider screens always show them. */
  function fold() {
    more.open = !phone.matches || selects.some(function (s) { return s.value; });
  }
  if (phone.addEventListener) phone.addEventListener("change", fold);

  readUrl();
  fold();
  finder.hidden = false;
  search();
})();
