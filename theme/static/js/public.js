/* Public catalog: search (Pagefind) and filters over the whole list of references.
 *
 * The page is complete without this script: the server renders one page of cards with
 * previous/next and page numbers, and the search/filter form stays hidden. With it, the
 * form appears; while no filter or search is active the server's page stays as it is.
 * Once one is, the cards come from list.json (public.list.js): filters combine with
 * each other and with the search across every published reference, "Show more" adds
 * the next cards, and the state lives in the URL query so a link can be shared.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  var finder = document.getElementById("finder");
  var list = document.getElementById("cards");
  var List = window.RefcatList;
  if (!finder || !list || !List) return;

  var selects = Array.prototype.slice.call(finder.querySelectorAll("select[data-filter]"));
  var query = document.getElementById("finder-q");
  var status = document.getElementById("result-status");
  var empty = document.getElementById("finder-empty");
  var clearButton = document.getElementById("finder-clear");
  var resetButton = document.getElementById("finder-reset");
  var more = document.getElementById("finder-more");
  var badge = document.getElementById("finder-badge");
  var showMore = document.getElementById("show-more");
  var pager = document.getElementById("pager");
  var skip = document.getElementById("skip-search");
  var phone = window.matchMedia("(max-width: 560px)");
  var site = finder.dataset.site || ".";
  var serverCards = Array.prototype.slice.call(list.children);
  var serverStatus = status.textContent;

  var data = null; // list.json, once loaded
  var loading = null;
  var limit = 0; // cards shown while filtering; "Show more" adds a page
  var hits = null; // while searching: {ids: Set, ranked: [ids], excerpts: Map(id -> pieces)}
  var searchState = "idle"; // idle | searching | ready | failed
  var searchRound = 0;
  var searchTimer = 0;
  var pagefindLoading = null;

  function loadList() {
    if (!loading) {
      loading = List.load(new URL(finder.dataset.listIndex, document.baseURI).href).then(function (d) {
        data = d;
        limit = d.page_size;
        return d;
      });
      loading.catch(function () {
        loading = null;
      });
    }
    return loading;
  }

  function currentFilters() {
    var state = {};
    selects.forEach(function (select) {
      if (select.value) state[select.dataset.filter] = select.value;
    });
    return state;
  }

  function active() {
    return query.value.trim() !== "" || Object.keys(currentFilters()).length > 0;
  }

  /* The slugs a row has in one filter. */
  function rowValues(row, name) {
    var at = data.at;
    if (name === "industry") return [data.industries[row[at.industry]][0]];
    if (name === "region") return row[at.region] >= 0 ? [data.regions[row[at.region]][0]] : [];
    return row[at.products].map(function (index) {
      return data.products[index][0];
    });
  }

  /* Does the row pass every active filter (but `except`) and the search? */
  function passes(row, filters, except) {
    for (var name in filters) {
      if (name !== except && rowValues(row, name).indexOf(filters[name]) === -1) return false;
    }
    return hits === null || hits.ids.has(row[data.at.id]);
  }

  /* The matching rows: the search's best first, then the rest newest first. */
  function matching(filters) {
    var rows = data.rows.filter(function (row) {
      return passes(row, filters, null);
    });
    if (hits === null) return rows;
    var rank = new Map(hits.ranked.map(function (id, index) { return [id, index]; }));
    var place = function (row) {
      var id = row[data.at.id];
      return rank.has(id) ? rank.get(id) : hits.ranked.length;
    };
    return rows.sort(function (a, b) {
      return place(a) - place(b);
    });
  }

  function updateCounts(filters) {
    selects.forEach(function (select) {
      var name = select.dataset.filter;
      var counts = {};
      var pool = 0;
      data.rows.forEach(function (row) {
        if (!passes(row, filters, name)) return;
        pool += 1;
        rowValues(row, name).forEach(function (slug) {
          counts[slug] = (counts[slug] || 0) + 1;
        });
      });
      Array.prototype.forEach.call(select.options, function (option) {
        var count = option.value ? counts[option.value] || 0 : pool;
        option.textContent = option.dataset.label + " (" + count + ")";
        option.disabled = count === 0 && option.value !== "" && option.value !== select.value;
      });
      select.classList.toggle("is-active", select.value !== "");
    });
  }

  function showCards(rows) {
    var cards = rows.slice(0, limit).map(function (row) {
      var element = List.card(row, data, site);
      var excerpt = hits && hits.excerpts.get(row[data.at.id]);
      if (excerpt) {
        var target = element.querySelector("[data-excerpt]");
        List.showExcerpt(target, excerpt);
        target.hidden = false;
      }
      return element;
    });
    list.replaceChildren.apply(list, cards);
    showMore.hidden = rows.length <= limit;
  }

  function render() {
    var filters = currentFilters();
    var filtering = active();
    var chosen = Object.keys(filters).length;
    clearButton.disabled = !filtering;
    badge.textContent = chosen;
    badge.hidden = chosen === 0;
    if (pager) pager.hidden = filtering;
    if (!filtering || !data) {
      if (list.firstElementChild !== serverCards[0]) list.replaceChildren.apply(list, serverCards);
      showMore.hidden = true;
      empty.hidden = true;
      if (data) updateCounts(filters);
      announce(filtering ? null : -1);
      if (filtering) loadList().then(render, failed);
      return;
    }
    var rows = matching(filters);
    showCards(rows);
    updateCounts(filters);
    empty.hidden = rows.length > 0 || searchState === "searching";
    announce(rows.length);
  }

  function failed() {
    status.textContent = "The list could not be loaded; the pages below still work.";
  }

  /* "12 references matching “claims” · Industry: Insurance · Region: EMEA" */
  function announce(shown) {
    var text;
    if (searchState === "searching" || shown === null) text = "Searching…";
    else if (searchState === "failed") text = "Search is not available right now; filters still work.";
    else if (shown === -1) text = serverStatus;
    else text = [counted(shown)].concat(described()).join(" · ");
    if (status.textContent !== text) status.textContent = text;
  }

  function counted(shown) {
    var q = query.value.trim();
    return shown + (shown === 1 ? " reference" : " references") + (q ? " matching “" + q + "”" : "");
  }

  function described() {
    return selects.filter(function (s) { return s.value; }).map(function (select) {
      var label = finder.querySelector("label[for='" + select.id + "']").textContent.trim();
      return label + ": " + select.selectedOptions[0].dataset.label;
    });
  }

  /* ---- search ---------------------------------------------------------------------- */

  function pagefind() {
    if (!pagefindLoading) {
      var url = new URL(finder.dataset.searchIndex, document.baseURI).href;
      pagefindLoading = import(url).then(function (pf) {
        return Promise.resolve(pf.options({ excerptLength: 24 }))
          .then(function () {
            return pf.filters(); // loads the `ref` filter, so results report it
          })
          .then(function () {
            return pf;
          });
      });
      pagefindLoading.catch(function () {
        pagefindLoading = null; // try again on the next search
      });
    }
    return pagefindLoading;
  }

  /* Every matching id (from the `ref` filter's counts), and the best page of them ranked
   * with their excerpts: only those records are loaded, not every match's. */
  function find(pf, q) {
    return pf.search(q).then(function (found) {
      var refs = (found.filters && found.filters.ref) || {};
      var ids = new Set(Object.keys(refs).filter(function (id) { return refs[id] > 0; }));
      var best = found.results.slice(0, (data && data.page_size) || 24);
      return Promise.all(best.map(function (r) { return r.data(); })).then(function (pages) {
        var result = { ids: ids, ranked: [], excerpts: new Map() };
        pages.forEach(function (page) {
          var id = page.meta && page.meta.refid;
          if (!id || result.excerpts.has(id)) return;
          result.ranked.push(id);
          result.excerpts.set(id, List.trimExcerpt(page.excerpt, page.content));
        });
        return result;
      });
    });
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
    announce(null);
    return Promise.all([pagefind(), loadList()])
      .then(function (loaded) {
        return find(loaded[0], q);
      })
      .then(function (result) {
        if (round !== searchRound) return;
        hits = result;
        searchState = "ready";
        limit = data.page_size;
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
      if (data) limit = data.page_size;
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

  showMore.addEventListener("click", function () {
    var next = list.children.length;
    limit += data.page_size;
    render();
    var first = list.children[next] && list.children[next].querySelector("a");
    if (first) first.focus(); // keyboard users continue where the new cards start
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

  if (skip) {
    skip.href = "#finder-q";
    skip.textContent = "Skip to the search";
    skip.addEventListener("click", function (event) {
      event.preventDefault();
      query.focus();
    });
  }

  readUrl();
  fold();
  finder.hidden = false;
  var listed = loadList().catch(function () {});
  Promise.all([listed, search()]).then(function () {
    if (active()) render(); // else the page's own cards and counts are the list's
    finder.dataset.ready = "true"; // for tests and the benchmark: the finder answers now
  });
})();
