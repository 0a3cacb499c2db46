/* refcat internal catalog: facets, full-text search and find-a-referee in the browser.
 *
 * The server renders the first page of cards and the facet counts; this script takes
 * over only when a rep filters, searches or pages, loading `data/references.json` once
 * (a compact row per reference, facet values as indices; find.html loads data/finder.json,
 * the same schema with only the facets and columns it needs). Within a facet the values
 * picked are alternatives, facets combine; the state lives in the URL query so a
 * link can be shared and survives a reload. Full-text search looks the words up in the
 * word index (internal.search.js), which also says which field matched. Find-a-referee applies the ranking of
 * generator/internal/finder.py with the weights and country groups shipped in the index
 * (one entry per customer, the others folded): keep both in step.
 * Everything is built with DOM methods and textContent: no HTML strings, no inline
 * styles (the Content-Security-Policy forbids them). */
(() => {
  "use strict";

  const PAGE_SIZE_DEFAULT = 50;
  const FINDER_STEP = 20;

  /* ---- small DOM helpers -------------------------------------------------------- */

  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "className") node.className = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function absolute(url) {
    return new URL(url, document.baseURI).href;
  }

  /* ---- the index, fetched once per page ----------------------------------------- */

  let indexPromise = null;

  function loadIndex(url) {
    if (!indexPromise) {
      indexPromise = fetch(absolute(url))
        .then((response) => {
          if (!response.ok) throw new Error(`cannot load ${url}: ${response.status}`);
          return response.json();
        })
        .then(prepareIndex);
      indexPromise.catch(() => {
        indexPromise = null; // let a later attempt retry
      });
    }
    return indexPromise;
  }

  /* Rows arrive as arrays with repeated sentences and customers stored once; the
     index names each array's positions in `columns` (the schema is defined once, in
     generator/internal/index.py). Each reference becomes a small object over its row:
     what filtering and ranking read on every reference (id, facets, askable, date,
     title) is copied at once, the rest (texts, referees, the card's line of facts) is
     unpacked on first use, for the few references shown. Unpacking all 10,000 up
     front cost a link to find.html with criteria a few hundred ms of script and
     garbage collection before its first list. */
  function positions(names) {
    return Object.fromEntries(names.map((name, i) => [name, i]));
  }

  function prepareIndex(raw) {
    const index = { page_size: raw.page_size, finder: raw.finder, facets: raw.facets };
    index.keys = raw.facets.map((facet) => facet.key);
    index.position = {};
    index.labels = {};
    raw.facets.forEach((facet) => {
      index.position[facet.key] = new Map(facet.values.map(([slug], i) => [slug, i]));
      index.labels[facet.key] = new Map(facet.values);
    });
    index.column = Object.fromEntries(index.keys.map((key, i) => [key, i]));
    const Reference = referenceType(raw, index.column);
    index.references = raw.references.map((row) => new Reference(row));
    return index;
  }

  /* The type of a reference over its row; `customerOf` keeps each customer's referees
     and languages, unpacked once for all its references. */
  function referenceType(raw, col) {
    const R = positions(raw.columns.references);
    const C = positions(raw.columns.customers);
    const M = positions(raw.columns.merits);
    const P = positions(raw.columns.referees);
    const text = (i) => raw.texts[i];
    const values = (f, key) => f[col[key]].map((i) => raw.facets[col[key]].values[i]);
    const customers = new Map();
    const customerOf = (c) => {
      if (!customers.has(c)) {
        const referees = raw.customers[c][C.referees];
        customers.set(c, {
          who: referees.map((r) => ({ name: r[P.name], role: r[P.role], phone: r[P.phone], email: r[P.email], languages: r[P.languages] })),
          langs: new Set(referees.flatMap((r) => r[P.languages])),
        });
      }
      return customers.get(c);
    };
    const NO_ONE = { who: [], langs: new Set() };
    class Reference {
      constructor(row) {
        this.row = row;
        this.id = row[R.id];
        this.t = row[R.title];
        this.d = row[R.completed];
        this.f = row[R.facets];
        this.ask = row[R.askable] === 1;
      }
      get s() { return this.row[R.summary]; }
      get c() {
        const customer = raw.customers[this.row[R.customer]];
        return customer ? [customer[C.name], customer[C.url]] : null;
      }
      get who() { return this.row[R.customer] >= 0 ? customerOf(this.row[R.customer]).who : NO_ONE.who; }
      get langs() { return this.row[R.customer] >= 0 ? customerOf(this.row[R.customer]).langs : NO_ONE.langs; }
      get co() {
        const value = this.f[col.country][0];
        return value === undefined ? "" : raw.facets[col.country].values[value][0];
      }
      get st() { return values(this.f, "status")[0][0]; }
      get av() { return values(this.f, "availability")[0][0]; }
      get avl() { return text(this.row[R.availability]); }
      get why() { return this.row[R.why].map(text); }
      get m() {
        return ["industry", "region", "country", "year"]
          .flatMap((key) => values(this.f, key).map(([, label]) => label))
          .filter(Boolean)
          .join(" · ");
      }
      get p() { return values(this.f, "product").map(([, label]) => label); }
      get no() { return this.row[R.blockers].map(text); }
      get mer() { return this.row[R.merits].map((merit) => [text(merit[M.label]), merit[M.points]]); }
      get merit() { return this.row[R.merits].reduce((total, merit) => total + merit[M.points], 0); }
    }
    return Reference;
  }

  /* ---- cards: the same markup as theme/templates/internal/_macros.html ---------- */

  function refCard(ref, index, root) {
    const statusLabel = index.labels.status.get(ref.st) || ref.st;
    const customer = ref.c
      ? h("a", { href: `${root}/${ref.c[1]}` }, ref.c[0])
      : "Unknown customer";
    return h(
      "li",
      { className: `ref-card ref-card--${ref.st}`, "data-id": ref.id },
      h(
        "div",
        { className: "ref-card__head" },
        h(
          "h3",
          { className: "ref-card__title" },
          h("a", { href: `${root}/references/${ref.id}.html` }, ref.t),
        ),
        h("span", { className: `badge badge--${ref.st}` }, statusLabel),
      ),
      h("p", { className: "ref-card__customer" }, customer, h("span", { className: "ref-card__meta" }, ref.m)),
      h("p", { className: "ref-card__summary" }, ref.s),
      h(
        "div",
        { className: "ref-card__foot" },
        h("ul", { className: "mini-tags", "aria-label": "Products" }, ref.p.map((p) => h("li", {}, p))),
        h(
          "p",
          { className: "ref-card__referee" },
          "Referee: ",
          // never "available" beside "Not usable": the same rule as ReferenceCard.referee_state
          h("span", { className: `avail avail--${ref.st === "not-usable" ? "neutral" : ref.av}` }, ref.avl),
        ),
      ),
      ref.why.length ? h("p", { className: "ref-card__why" }, `Why not usable: ${ref.why.join("; ")}`) : null,
    );
  }

  /* Thousands grouped as the pages write them (generator/internal/numbers.py): "10,000". */
  const grouped = (n) => n.toLocaleString("en-US");

  /* ---- catalog: state in the URL ------------------------------------------------ */

  function readState(search, keys) {
    const params = new URLSearchParams(search);
    const facets = {};
    for (const key of keys) {
      const values = params.getAll(key).filter(Boolean);
      if (values.length) facets[key] = new Set(values);
    }
    const page = Math.max(1, parseInt(params.get("page") || "1", 10) || 1);
    return { q: (params.get("q") || "").trim(), facets, page };
  }

  function queryString(state, keys) {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    for (const key of keys) {
      for (const value of state.facets[key] || []) params.append(key, value);
    }
    if (state.page > 1) params.set("page", String(state.page));
    const text = params.toString();
    return text ? `?${text}` : "";
  }

  function isActive(state) {
    return Boolean(state.q) || Object.keys(state.facets).length > 0 || state.page > 1;
  }

  /* Which references match, and the facet counts: a value's count is the number of
     references matching every other facet and having that value. */
  function filterIndex(index, state, allowed) {
    const wanted = index.keys.map((key) => {
      const picked = state.facets[key];
      if (!picked) return null;
      const positions = index.position[key];
      return new Set([...picked].map((slug) => positions.get(slug)).filter((p) => p !== undefined));
    });
    const counts = index.facets.map((facet) => new Array(facet.values.length).fill(0));
    const matches = [];
    for (const ref of index.references) {
      if (allowed && !allowed.has(ref.id)) continue;
      let failed = -1;
      let failures = 0;
      for (let i = 0; i < wanted.length && failures < 2; i++) {
        const want = wanted[i];
        if (want && !ref.f[i].some((v) => want.has(v))) {
          failures += 1;
          failed = i;
        }
      }
      if (failures === 0) {
        matches.push(ref);
        ref.f.forEach((values, i) => values.forEach((v) => (counts[i][v] += 1)));
      } else if (failures === 1) {
        ref.f[failed].forEach((v) => (counts[failed][v] += 1));
      }
    }
    return { matches, counts };
  }

  /* The search, a module beside this script, imported once a catalog page has loaded. */
  const HERE = document.currentScript ? document.currentScript.src : document.baseURI;
  let searchModule = null;

  function wordSearch() {
    if (!searchModule) {
      searchModule = import(new URL("internal.search.js", HERE).href);
      searchModule.catch(() => {
        searchModule = null; // let a later search retry
      });
    }
    return searchModule;
  }

  /* The references whose words match `q` (see internal.search.js): reference id -> a
     function giving the fields that matched ("customer name", "story" ...). */
  async function searchWords(rootUrl, index, q) {
    const found = await (await wordSearch()).search(rootUrl, q);
    return new Map([...found].map(([position, why]) => [index.references[position].id, why]));
  }

  function initCatalog(root) {
    const form = document.getElementById("filters");
    const search = document.getElementById("q");
    const results = document.getElementById("results");
    const count = document.getElementById("result-count");
    const pager = document.getElementById("pager");
    const chips = document.getElementById("active-filters");
    const rootUrl = root.dataset.root || ".";
    const keys = [...form.querySelectorAll("[data-facet]")].map((node) => node.dataset.facet);
    const onIndexPage = root.dataset.page === "1";
    const indexPage = absolute(`${rootUrl}/index.html`);
    let state = readState(window.location.search, keys);
    let token = 0;

    function syncForm() {
      search.value = state.q;
      for (const box of form.querySelectorAll('input[type="checkbox"]')) {
        box.checked = Boolean(state.facets[box.name] && state.facets[box.name].has(box.value));
      }
      for (const details of form.querySelectorAll("[data-facet]")) {
        if (state.facets[details.dataset.facet]) details.open = true;
      }
    }

    function stateFromForm() {
      const facets = {};
      for (const box of form.querySelectorAll('input[type="checkbox"]:checked')) {
        (facets[box.name] = facets[box.name] || new Set()).add(box.value);
      }
      return { q: search.value.trim(), facets, page: 1 };
    }

    function go(next, how) {
      state = next;
      const query = queryString(state, keys);
      if (!onIndexPage) {
        window.location.assign(indexPage + query);
        return;
      }
      const url = window.location.pathname + query;
      if (how === "push") window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
      apply();
    }

    async function apply() {
      const mine = ++token;
      root.setAttribute("aria-busy", "true");
      try {
        const index = await loadIndex(root.dataset.index);
        const found = state.q ? await searchWords(rootUrl, index, state.q) : null;
        if (mine !== token) return; // a newer change is on its way
        render(index, filterIndex(index, state, found));
        if (found) showWhy(found);
      } catch (error) {
        if (mine !== token) return;
        count.textContent = `The filters could not be applied: ${error.message}`;
      } finally {
        if (mine === token) root.removeAttribute("aria-busy");
      }
    }

    function render(index, { matches, counts }) {
      const size = index.page_size || PAGE_SIZE_DEFAULT;
      const pages = Math.max(1, Math.ceil(matches.length / size));
      const page = Math.min(state.page, pages);
      const first = (page - 1) * size;
      const shown = matches.slice(first, first + size);
      results.replaceChildren(...shown.map((ref) => refCard(ref, index, rootUrl)));
      count.textContent = matches.length
        ? `Showing ${grouped(first + 1)}–${grouped(first + shown.length)} of ${grouped(matches.length)}`
        : "No reference matches: remove a filter or change the search.";
      renderCounts(index, counts);
      renderChips(index);
      renderPager(page, pages);
      root.dataset.ready = "true";
      return shown;
    }

    /* Under each card found by a search, which of its fields matched: "Matched: customer
       name, product". */
    function showWhy(found) {
      for (const card of results.querySelectorAll(":scope > li[data-id]")) {
        const fields = found.has(card.dataset.id) ? found.get(card.dataset.id)() : [];
        if (!fields.length) continue;
        card.append(h("p", { className: "ref-card__match" }, `Matched: ${fields.join(", ")}`));
      }
    }

    function renderCounts(index, counts) {
      for (const details of form.querySelectorAll("[data-facet]")) {
        const key = details.dataset.facet;
        const positions = index.position[key];
        for (const label of details.querySelectorAll(".facet__value")) {
          const box = label.querySelector("input");
          const n = counts[index.column[key]][positions.get(box.value)] || 0;
          label.querySelector("[data-count]").textContent = grouped(n);
          label.classList.toggle("facet__value--empty", n === 0 && !box.checked);
        }
      }
    }

    /* Pages after the first print no counts (they would change every night): the
       counts of the whole catalog, once the index has loaded. */
    function fillCounts() {
      loadIndex(root.dataset.index)
        .then((index) => {
          if (!isActive(state)) renderCounts(index, filterIndex(index, state, null).counts);
        })
        .catch(() => {});
    }

    function renderChips(index) {
      const items = [];
      if (state.q) items.push(chip(`Search: “${state.q}”`, () => ({ ...state, q: "", page: 1 })));
      for (const key of keys) {
        for (const value of state.facets[key] || []) {
          const facet = index.facets[index.column[key]];
          const label = index.labels[key].get(value) || value;
          items.push(
            chip(`${facet.label}: ${label}`, () => {
              const facets = { ...state.facets, [key]: new Set(state.facets[key]) };
              facets[key].delete(value);
              if (!facets[key].size) delete facets[key];
              return { ...state, facets, page: 1 };
            }),
          );
        }
      }
      chips.replaceChildren(...items);
      chips.hidden = items.length === 0;
    }

    function chip(text, next) {
      const button = h("button", { type: "button", "aria-label": `Remove ${text}` }, `${text} ×`);
      button.addEventListener("click", () => {
        go(next(), "push");
        syncForm();
      });
      return h("li", {}, button);
    }

    function renderPager(page, pages) {
      if (pages <= 1) {
        pager.replaceChildren();
        return;
      }
      const link = (n, text, rel) => {
        const current = n === page;
        const a = h(
          "a",
          { href: queryString({ ...state, page: n }, keys) || "?", rel, "aria-current": current ? "page" : null },
          text,
        );
        a.addEventListener("click", (event) => {
          event.preventDefault();
          go({ ...state, page: n }, "push");
          document.getElementById("results-title").scrollIntoView({ block: "start" });
        });
        return h("li", {}, a);
      };
      const items = [];
      if (page > 1) items.push(link(page - 1, "Previous", "prev"));
      for (let n = 1; n <= pages; n++) {
        if (n === 1 || n === pages || Math.abs(n - page) <= 2) items.push(link(n, String(n)));
        else if (Math.abs(n - page) === 3) items.push(h("li", { className: "pager__gap", "aria-hidden": "true" }, "…"));
      }
      if (page < pages) items.push(link(page + 1, "Next", "next"));
      pager.replaceChildren(h("ul", {}, items));
    }

    // a rep who puts the cursor in the search box is about to search: start loading
    search.addEventListener("focus", () => loadIndex(root.dataset.index).catch(() => {}), { once: true });
    let typing = null;
    search.addEventListener("input", () => {
      wordSearch() // the typed words' chunks load while the rep types
        .then((words) => words.prefetch(rootUrl, search.value))
        .catch(() => {});
      clearTimeout(typing);
      typing = setTimeout(() => go({ ...stateFromForm() }, "replace"), 200);
    });
    form.addEventListener("change", (event) => {
      if (event.target === search) return;
      go(stateFromForm(), "push");
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(typing);
      go(stateFromForm(), "push");
    });
    document.getElementById("clear-filters").addEventListener("click", (event) => {
      event.preventDefault();
      state = { q: "", facets: {}, page: 1 };
      syncForm();
      go(state, "push");
    });
    window.addEventListener("popstate", () => {
      state = readState(window.location.search, keys);
      syncForm();
      apply();
    });

    syncForm();
    if (window.matchMedia("(max-width: 900px)").matches) {
      // on a phone the facets come before the list: fold the ones not in use
      for (const details of form.querySelectorAll("[data-facet]")) {
        details.open = Boolean(state.facets[details.dataset.facet]);
      }
    }
    if (isActive(state)) apply();
    else {
      root.dataset.ready = "true";
      if (!onIndexPage) fillCounts();
    }
  }

  /* ---- find a referee ----------------------------------------------------------- */

  const CRITERIA = ["industry", "region", "country", "product", "language"];

  function readQuery(search) {
    const params = new URLSearchParams(search);
    const query = { strengths: params.getAll("strength").filter(Boolean) };
    for (const key of CRITERIA) query[key] = params.get(key) || "";
    return query;
  }

  /* Each criterion picked, resolved once per query: its weight, the chip a reference
     that misses it shows, and `hit(ref)`, the chip of a reference that has it (null
     otherwise); the same words as generator/internal/finder.py. */
  function criteriaTests(index, query) {
    const finder = index.finder;
    const group = finder.country_groups[query.country];
    const countries = new Set(group || [query.country.toUpperCase()]);
    const language = query.language.toLowerCase();
    return CRITERIA.filter((key) => query[key]).map((key) => {
      const weight = finder.weights[key];
      const test = { weight, miss: [missLabel(index, key, query), 0, false] };
      if (key === "country") {
        test.hit = (ref) => {
          const country = ref.co.toUpperCase();
          const label = `${finder.countries[country] || country}${group ? ` (${query.country})` : ""}`;
          return countries.has(country) ? [label, weight, false] : null;
        };
      } else if (key === "language") {
        const chip = [`${finder.languages[language] || language}-speaking referee`, weight, false];
        test.hit = (ref) => (ref.langs.has(language) ? chip : null);
      } else {
        const at = index.column[key];
        const wanted = index.position[key].get(query[key]);
        const chip = [index.labels[key].get(query[key]), weight, false];
        test.hit = (ref) => (ref.f[at].includes(wanted) ? chip : null);
      }
      return test;
    });
  }

  function missLabel(index, key, query) {
    if (key !== "language") return `other ${key}`;
    const language = query.language.toLowerCase();
    return `no ${index.finder.languages[language] || language}-speaking referee`;
  }

  /* The strengths picked, as [position in the reference's strengths, chip]. */
  function strengthTests(index, query) {
    const weight = index.finder.weights.strength;
    return query.strengths.map((slug) => [index.position.strength.get(slug), [index.labels.strength.get(slug), weight, true]]);
  }

  function matchReference(index, ref, tests, strengths) {
    const matches = [];
    let picked = 0;
    let matched = 0;
    for (const test of tests) {
      const chip = test.hit(ref);
      picked += test.weight;
      matched += chip ? test.weight : 0;
      matches.push(chip || test.miss);
    }
    let hits = 0;
    const own = ref.f[index.column.strength];
    for (const [position, chip] of strengths) {
      if (own.includes(position)) {
        hits += 1;
        matches.push(chip);
      }
    }
    const qualifies = picked ? matched * 2 >= picked : hits > 0 || strengths.length === 0;
    if (!qualifies) return null;
    const score = matches.reduce((total, match) => total + match[1], 0) + ref.merit;
    return { ref, matches, full: matched === picked, fit: matched, score, others: [] };
  }

  function compareCandidates(a, b) {
    return (
      b.full - a.full ||
      b.fit - a.fit ||
      b.score - a.score ||
      (a.ref.d < b.ref.d ? 1 : a.ref.d > b.ref.d ? -1 : 0) ||
      (a.ref.t < b.ref.t ? -1 : a.ref.t > b.ref.t ? 1 : 0) ||
      (a.ref.id < b.ref.id ? -1 : 1)
    );
  }

  /* Each customer once, with its best reference, the others folded under it; ranked
     candidates come first, so a customer that may be asked leads with one it may. */
  function onePerCustomer(candidates) {
    const leaders = new Map();
    for (const c of candidates) {
      const key = c.ref.c ? c.ref.c[1] : `reference:${c.ref.id}`;
      if (leaders.has(key)) leaders.get(key).others.push(c);
      else leaders.set(key, c);
    }
    const all = [...leaders.values()];
    return { ranked: all.filter((c) => c.ref.ask), near: all.filter((c) => !c.ref.ask) };
  }

  function rankReferences(index, query) {
    const ranked = [];
    const near = [];
    const tests = criteriaTests(index, query);
    const strengths = strengthTests(index, query);
    for (const ref of index.references) {
      const c = matchReference(index, ref, tests, strengths);
      if (c) (ref.ask ? ranked : near).push(c);
    }
    return onePerCustomer([...ranked.sort(compareCandidates), ...near.sort(compareCandidates)]);
  }

  /* The brief's "Page:" line names the page's path; make it a link that works anywhere. */
  function absoluteBrief(text, root) {
    return text
      .split("\n")
      .map((line) =>
        line.startsWith("Page: ") && !/^Page: https?:/.test(line) ? `Page: ${absolute(`${root}/${line.slice(6)}`)}` : line,
      )
      .join("\n");
  }

  function telHref(phone) {
    const digits = (phone || "").replace(/[^0-9+]/g, "");
    return /[0-9]/.test(digits) ? `tel:${digits}` : null;
  }

  /* The same markup as the `referee` macro of theme/templates/internal/_macros.html. */
  function refereeItem(r, index) {
    const names = r.languages.map((code) => index.finder.languages[code] || code);
    const tel = telHref(r.phone);
    return h(
      "li",
      { className: "referee" },
      h("strong", { className: "referee__name" }, r.name),
      r.role ? `, ${r.role}` : null,
      names.length ? [" ", h("span", { className: "referee__languages" }, `(${names.join(", ")})`)] : null,
      tel ? [" · ", h("a", { className: "referee__phone", href: tel }, r.phone)] : null,
      !tel && r.phone ? [" · ", h("span", { className: "referee__phone" }, r.phone)] : null,
      r.email ? [" · ", h("a", { className: "referee__email", href: `mailto:${r.email}` }, r.email)] : null,
    );
  }

  function whoToAsk(ref, index) {
    // "Log a request" opens the customer's record in the editor of `refcat serve --edit`
    const customerId = ref.c ? ref.c[1].replace("customers/", "").replace(".html", "") : null;
    const logRequest = customerId
      ? h(
          "span",
          { className: "log-request", hidden: !editorServed },
          " · ",
          h("a", { href: `/admin/#/collections/customers/entries/${customerId}` }, "Log a request"),
        )
      : null;
    return h(
      "div",
      { className: "candidate__who" },
      h("p", {}, h("strong", {}, "Ask:"), ref.who.length ? null : " no contact marked as referee", logRequest),
      ref.who.length ? h("ul", { className: "referees" }, ref.who.map((r) => refereeItem(r, index))) : null,
    );
  }

  function briefBlock(ref, root) {
    return h(
      "div",
      { className: "brief", "data-brief": `${root}/data/briefs/${ref.id}.txt` },
      h("button", { type: "button", className: "button button--quiet brief__copy" }, "Copy a brief for the call"),
      h("span", { className: "brief__status", role: "status" }),
      h(
        "details",
        { className: "brief__text" },
        h("summary", {}, "Brief for the call"),
        h("pre", {}),
      ),
    );
  }

  function folded(c, root) {
    if (!c.others.length) return null;
    const n = c.others.length;
    return h(
      "details",
      { className: "candidate__more" },
      h("summary", {}, `${n} more reference${n > 1 ? "s" : ""} of this customer`),
      h(
        "ul",
        {},
        c.others.map((o) =>
          h(
            "li",
            {},
            h("a", { href: `${root}/references/${o.ref.id}.html` }, o.ref.t),
            ` · ${o.score} points`,
            o.full ? null : " · partial match",
            o.ref.ask ? null : [" · ", h("span", { className: "candidate__blocked" }, `cannot be used: ${o.ref.no.join("; ")}`)],
          ),
        ),
      ),
    );
  }

  /* The same markup as the `candidate` macro of theme/templates/internal/_macros.html. */
  function candidate(c, position, root, index) {
    const ref = c.ref;
    const title = h(
      "h3",
      { className: "candidate__title" },
      h("a", { href: `${root}/references/${ref.id}.html` }, ref.t),
      c.full ? null : [" ", h("span", { className: "badge badge--partial" }, "Partial match")],
    );
    const customer = h(
      "p",
      { className: "candidate__customer" },
      ref.c ? h("a", { href: `${root}/${ref.c[1]}` }, ref.c[0]) : null,
      h("span", { className: "ref-card__meta" }, ref.m),
    );
    const detail = ref.ask
      ? [whoToAsk(ref, index), briefBlock(ref, root)]
      : h("p", { className: "candidate__blockers" }, h("strong", {}, "Cannot be asked:"), ` ${ref.no.join("; ")}`);
    const why = h(
      "ul",
      { className: "why", "aria-label": "Why it ranks here" },
      c.matches.map(([label, points]) =>
        h("li", { className: `why__item why__item--${points > 0 ? "plus" : "miss"}` }, points ? `+${points} ${label}` : label),
      ),
      ref.mer.map(([label, points]) =>
        h(
          "li",
          { className: `why__item why__item--${points > 0 ? "plus" : "minus"}` },
          `${points > 0 ? "+" : "−"}${Math.abs(points)} ${label}`,
        ),
      ),
    );
    return h(
      "li",
      { className: `candidate${ref.ask ? "" : " candidate--near"}`, "data-id": ref.id },
      ref.ask ? h("span", { className: "candidate__rank", "aria-label": `Rank ${position}` }, String(position)) : null,
      h("div", { className: "candidate__body" }, title, customer, detail, why, folded(c, root)),
      h(
        "p",
        { className: "candidate__score" },
        h("span", { className: "candidate__points" }, String(c.score)),
        " points ",
        h("span", { className: "candidate__fit" }, `fit ${c.fit}`),
      ),
    );
  }

  /* A brief is its own small file (data/briefs/<id>.txt), fetched when first wanted:
     in the index it would double the size of what every search loads. */
  async function briefText(block, rootUrl) {
    const pre = block.querySelector("pre");
    if (!pre.textContent) {
      const response = await fetch(absolute(block.dataset.brief));
      if (!response.ok) throw new Error(`cannot load the brief: ${response.status}`);
      pre.textContent = await response.text();
    }
    pre.textContent = absoluteBrief(pre.textContent, rootUrl);
    return pre.textContent;
  }

  /* "Copy a brief": to the clipboard where the browser allows it; else the brief opens
     to be copied by hand. One listener serves every candidate, rendered here or not. */
  async function copyBrief(block, rootUrl) {
    const status = block.querySelector(".brief__status");
    let text;
    try {
      text = await briefText(block, rootUrl);
    } catch (error) {
      status.textContent = `The brief could not be loaded: ${error.message}`;
      return;
    }
    try {
      if (!navigator.clipboard || !navigator.clipboard.writeText) throw new Error("no clipboard");
      await navigator.clipboard.writeText(text);
      status.textContent = "Copied: paste it into your notes.";
    } catch (error) {
      block.querySelector("details").open = true;
      status.textContent = "Copying is not allowed here: select the brief below and copy it.";
    }
  }

  function initBriefs(root) {
    const rootUrl = root.dataset.root || ".";
    for (const button of root.querySelectorAll(".brief__copy")) button.hidden = false;
    root.addEventListener("click", (event) => {
      const button = event.target.closest(".brief__copy");
      if (button) copyBrief(button.closest(".brief"), rootUrl);
    });
    // "toggle" does not bubble: listen while it goes down
    root.addEventListener(
      "toggle",
      (event) => {
        const block = event.target.open && event.target.closest(".brief");
        if (block) briefText(block, rootUrl).catch(() => {});
      },
      true,
    );
  }

  function initFinder(root) {
    const form = document.getElementById("finder-form");
    const rootUrl = root.dataset.root || ".";
    const lists = {
      ranked: [document.getElementById("ranked"), document.getElementById("ranked-count"), document.getElementById("ranked-more")],
      near: [document.getElementById("near"), document.getElementById("near-count"), document.getElementById("near-more")],
    };
    const summary = document.getElementById("finder-summary");
    let query = readQuery(window.location.search);
    let result = null;
    let current = null;
    const shown = { ranked: FINDER_STEP, near: FINDER_STEP };

    function syncForm() {
      for (const key of CRITERIA) form.elements[key].value = query[key];
      for (const box of form.querySelectorAll('input[name="strength"]')) box.checked = query.strengths.includes(box.value);
    }

    function queryFromForm() {
      const next = { strengths: [...form.querySelectorAll('input[name="strength"]:checked')].map((box) => box.value) };
      for (const key of CRITERIA) next[key] = form.elements[key].value;
      return next;
    }

    function url() {
      const params = new URLSearchParams();
      for (const key of CRITERIA) if (query[key]) params.set(key, query[key]);
      for (const slug of query.strengths) params.append("strength", slug);
      const text = params.toString();
      return window.location.pathname + (text ? `?${text}` : "");
    }

    function renderList(name) {
      const [list, counter, more] = lists[name];
      const items = result[name];
      list.replaceChildren(...items.slice(0, shown[name]).map((c, i) => candidate(c, i + 1, rootUrl, current)));
      counter.textContent = String(items.length);
      more.hidden = items.length <= shown[name];
    }

    function describe(index) {
      const label = (key) =>
        key === "country"
          ? index.finder.countries[query.country] || query.country
          : key === "language"
            ? `speaking ${index.finder.languages[query.language] || query.language}`
            : index.labels[key].get(query[key]) || query[key];
      const parts = CRITERIA.filter((key) => query[key]).map(label);
      const strengths = query.strengths.map((slug) => index.labels.strength.get(slug) || slug);
      if (!parts.length && !strengths.length) {
        return "The best referees overall; pick an industry, region and product to rank them for a prospect.";
      }
      const wanted = parts.join(" · ") + (strengths.length ? ` with ${strengths.join(", ")}` : "");
      const full = result.ranked.filter((c) => c.full).length;
      return `${result.ranked.length} customers may be asked for ${wanted} (${full} match every criterion); ${result.near.length} near misses.`;
    }

    async function apply() {
      root.setAttribute("aria-busy", "true");
      try {
        current = await loadIndex(root.dataset.index);
        result = rankReferences(current, query);
        shown.ranked = shown.near = FINDER_STEP;
        renderList("ranked");
        renderList("near");
        summary.textContent = describe(current);
        root.dataset.ready = "true";
      } catch (error) {
        summary.textContent = `The referees could not be ranked: ${error.message}`;
      } finally {
        root.removeAttribute("aria-busy");
      }
    }

    function update() {
      query = queryFromForm();
      window.history.replaceState(null, "", url());
      apply();
    }

    form.addEventListener("change", update);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      update();
    });
    for (const name of Object.keys(lists)) {
      lists[name][2].addEventListener("click", async () => {
        if (!result) await apply(); // the server's list: rank here to show more
        if (!result) return;
        shown[name] += FINDER_STEP;
        renderList(name);
      });
    }
    window.addEventListener("popstate", () => {
      query = readQuery(window.location.search);
      syncForm();
      apply();
    });
    initBriefs(root);
    syncForm();
    // without criteria the server's list is the ranking: no need to wait for the index
    if (CRITERIA.some((key) => query[key]) || query.strengths.length) apply();
    else root.dataset.ready = "true";
  }

  /* ---- the editor ---------------------------------------------------------------- */

  /* "Log a request" links lead to the editor that `refcat serve --edit` serves beside the
     catalog at /admin/; wherever the catalog is served without it they stay hidden. */
  let editorServed = false;

  function initEditorLinks() {
    fetch("/admin/config.yml")
      .then((response) => {
        editorServed = response.ok;
        if (!editorServed) return;
        for (const link of document.querySelectorAll(".log-request")) link.hidden = false;
      })
      .catch(() => {});
  }

  /* ---- reference sheet ---------------------------------------------------------- */

  function initPrint() {
    for (const button of document.querySelectorAll("[data-print]")) {
      button.hidden = false;
      button.addEventListener("click", () => window.print());
    }
  }

  /* At 10,000 references the index is megabytes (a few hundred KB gzipped): start
     loading it once the page itself has loaded, so that a rep's first filter, search or
     referee question does not wait for the network. */
  function loadInBackground(root) {
    const start = () => {
      loadIndex(root.dataset.index).catch(() => {});
      if (root.id === "catalog") wordSearch().catch(() => {});
    };
    if (document.readyState === "complete") start();
    else window.addEventListener("load", start, { once: true });
  }

  const catalog = document.getElementById("catalog");
  if (catalog) initCatalog(catalog);
  const finder = document.getElementById("finder");
  if (finder) initFinder(finder);
  for (const root of [catalog, finder]) if (root && root.dataset.index) loadInBackground(root);
  initPrint();
  initEditorLinks();
})();
