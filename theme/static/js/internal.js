/* refcat internal catalog: facets, full-text search and find-a-referee in the browser.
 *
 * The server renders the first page of cards and the facet counts; this script takes
 * over only when a rep filters, searches or pages, loading `data/references.json` once
 * (a compact row per reference, facet values as indices). Within a facet the values
 * picked are alternatives, facets combine; the state lives in the URL query so a
 * link can be shared and survives a reload. Full-text search asks Pagefind, whose
 * `ref` filter tells which references match. Find-a-referee applies the ranking of
 * generator/internal/finder.py with the weights shipped in the index: keep both in step.
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
     generator/internal/index.py). Unpack them into one object per reference. */
  function positions(names) {
    return Object.fromEntries(names.map((name, i) => [name, i]));
  }

  function prepareIndex(raw) {
    const index = { page_size: raw.page_size, weights: raw.weights, facets: raw.facets };
    index.keys = raw.facets.map((facet) => facet.key);
    index.position = {};
    index.labels = {};
    raw.facets.forEach((facet) => {
      index.position[facet.key] = new Map(facet.values.map(([slug], i) => [slug, i]));
      index.labels[facet.key] = new Map(facet.values);
    });
    const col = Object.fromEntries(index.keys.map((key, i) => [key, i]));
    index.column = col;
    const R = positions(raw.columns.references);
    const C = positions(raw.columns.customers);
    const M = positions(raw.columns.merits);
    const text = (i) => raw.texts[i];
    const values = (f, key) => f[col[key]].map((i) => raw.facets[col[key]].values[i]);
    index.references = raw.references.map((row) => {
      const c = row[R.customer];
      const f = row[R.facets];
      const customer = c >= 0 ? raw.customers[c] : null;
      const meta = ["industry", "region", "country", "year"]
        .flatMap((key) => values(f, key).map(([, label]) => label))
        .filter(Boolean)
        .join(" · ");
      return {
        id: row[R.id],
        t: row[R.title],
        s: row[R.summary],
        d: row[R.completed],
        f,
        c: customer ? [customer[C.name], customer[C.url]] : null,
        who: customer ? customer[C.referees].map(text) : [],
        st: values(f, "status")[0][0],
        av: values(f, "availability")[0][0],
        avl: text(row[R.availability]),
        why: row[R.why].map(text),
        m: meta,
        p: values(f, "product").map(([, label]) => label),
        ask: row[R.askable] === 1,
        no: row[R.blockers].map(text),
        mer: row[R.merits].map((merit) => [text(merit[M.label]), merit[M.points]]),
      };
    });
    return index;
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
          h("span", { className: `avail avail--${ref.av}` }, ref.avl),
        ),
      ),
      ref.why.length ? h("p", { className: "ref-card__why" }, `Why not usable: ${ref.why.join("; ")}`) : null,
    );
  }

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

  /* Pagefind: the references whose search record matches `q`: the customer's name,
     country, strengths, products, technologies, contacts' languages, or any word of the
     title, summary, benefits, quote, story or caveats. */
  let pagefindPromise = null;

  function pagefindAt(url) {
    if (!pagefindPromise) {
      pagefindPromise = import(absolute(url)).then(async (pagefind) => {
        await pagefind.options({});
        await pagefind.filters(); // loads the `ref` filter, so results report it
        return pagefind;
      });
      pagefindPromise.catch(() => {
        pagefindPromise = null;
      });
    }
    return pagefindPromise;
  }

  async function searchIds(url, q) {
    const pagefind = await pagefindAt(url);
    const result = await pagefind.search(q);
    const refs = (result && result.filters && result.filters.ref) || {};
    return new Set(Object.keys(refs).filter((id) => refs[id] > 0));
  }

  /* Why a reference matched: the fields of its search record (see
     theme/templates/internal/search.html) that hold a word Pagefind matched. Pagefind
     gives the matched words' positions in the record's text, so a field counts when it
     contains one of those words, stemmed as Pagefind stems ("migrations" finds
     "migration"). A matched word in none of the fields is in the story. */
  const MATCH_FIELDS = [
    ["customer", "customer name"],
    ["country", "country"],
    ["strengths", "strength"],
    ["products", "product"],
    ["technologies", "technology"],
    ["languages", "contact language"],
    ["title", "title"],
    ["summary", "summary"],
    ["benefits", "benefits"],
    ["quote", "quote"],
    ["caveats", "caveats"],
  ];

  const normalWord = (word) => word.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  const wordsOf = (text) => (text || "").split(/[\r\n\s]+/).map(normalWord).filter(Boolean);

  function matchedFields(record) {
    const text = record.content.split(/[\r\n\s]+/); // Pagefind's word positions
    const hits = new Set(record.locations.map((at) => normalWord(text[at] || "")));
    hits.delete("");
    const labels = [];
    const inFields = new Set();
    for (const [key, label] of MATCH_FIELDS) {
      const words = wordsOf(record.meta[key]);
      if (!words.some((word) => hits.has(word))) continue;
      labels.push(label);
      words.forEach((word) => inFields.add(word));
    }
    if ([...hits].some((word) => !inFields.has(word))) labels.push("story");
    return labels;
  }

  /* The fields each of `ids` matched `q` in: only the references shown are asked, so
     Pagefind loads the records of one page of results, not of every match. */
  async function whyMatched(url, q, ids) {
    const pagefind = await pagefindAt(url);
    const result = await pagefind.search(q, { filters: { ref: { any: ids } } });
    const records = await Promise.all(result.results.map((found) => found.data()));
    return new Map(records.map((record) => [record.filters.ref[0], matchedFields(record)]));
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
        const allowed = state.q ? await searchIds(root.dataset.pagefind, state.q) : null;
        if (mine !== token) return; // a newer change is on its way
        const shown = render(index, filterIndex(index, state, allowed));
        if (state.q && shown.length) await showWhy(mine, shown.map((ref) => ref.id));
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
        ? `Showing ${first + 1}–${first + shown.length} of ${matches.length}`
        : "No reference matches: remove a filter or change the search.";
      renderCounts(index, counts);
      renderChips(index);
      renderPager(page, pages);
      root.dataset.ready = "true";
      return shown;
    }

    /* Under each card found by a search, which of its fields matched: "Matched: customer
       name, product". A failure leaves the cards as they are: they are still right. */
    async function showWhy(mine, ids) {
      const why = await whyMatched(root.dataset.pagefind, state.q, ids).catch(() => new Map());
      if (mine !== token) return;
      for (const card of results.querySelectorAll(":scope > li[data-id]")) {
        const fields = why.get(card.dataset.id);
        if (!fields || !fields.length) continue;
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
          label.querySelector("[data-count]").textContent = String(n);
          label.classList.toggle("facet__value--empty", n === 0 && !box.checked);
        }
      }
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
    search.addEventListener(
      "focus",
      () => {
        loadIndex(root.dataset.index).catch(() => {});
        pagefindAt(root.dataset.pagefind).catch(() => {});
      },
      { once: true },
    );
    let typing = null;
    search.addEventListener("input", () => {
      clearTimeout(typing);
      typing = setTimeout(() => go({ ...stateFromForm() }, "replace"), 300);
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
    else root.dataset.ready = "true";
  }

  /* ---- find a referee ----------------------------------------------------------- */

  function readQuery(search) {
    const params = new URLSearchParams(search);
    return {
      industry: params.get("industry") || "",
      region: params.get("region") || "",
      product: params.get("product") || "",
      strengths: params.getAll("strength").filter(Boolean),
    };
  }

  function rankReferences(index, query) {
    const weights = index.weights;
    const col = index.column;
    const ranked = [];
    const near = [];
    for (const ref of index.references) {
      const matches = [];
      let picked = 0;
      let matched = 0;
      for (const key of ["industry", "region", "product"]) {
        const wanted = query[key];
        if (!wanted) continue;
        const weight = weights[key];
        picked += weight;
        const hit = ref.f[col[key]].includes(index.position[key].get(wanted));
        if (hit) {
          matched += weight;
          matches.push([index.labels[key].get(wanted), weight]);
        } else {
          matches.push([`other ${key}`, 0]);
        }
      }
      let hits = 0;
      for (const slug of query.strengths) {
        if (ref.f[col.strength].includes(index.position.strength.get(slug))) {
          hits += 1;
          matches.push([index.labels.strength.get(slug), weights.strength]);
        }
      }
      const qualifies = picked ? matched * 2 >= picked : hits > 0 || query.strengths.length === 0;
      if (!qualifies) continue;
      const score =
        matches.reduce((sum, [, points]) => sum + points, 0) + ref.mer.reduce((sum, [, points]) => sum + points, 0);
      (ref.ask ? ranked : near).push({ ref, matches, full: matched === picked, score });
    }
    const order = (a, b) =>
      b.full - a.full ||
      b.score - a.score ||
      (a.ref.d < b.ref.d ? 1 : a.ref.d > b.ref.d ? -1 : 0) ||
      (a.ref.t < b.ref.t ? -1 : a.ref.t > b.ref.t ? 1 : 0) ||
      (a.ref.id < b.ref.id ? -1 : 1);
    return { ranked: ranked.sort(order), near: near.sort(order) };
  }

  /* The same markup as the `candidate` macro of theme/templates/internal/_macros.html. */
  function candidate(c, position, root) {
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
    const detail = ref.ask
      ? h("p", { className: "candidate__who" }, h("strong", {}, "Ask:"), ` ${ref.who.length ? ref.who.join("; ") : "no contact marked as referee"}`, logRequest)
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
      h("div", { className: "candidate__body" }, title, customer, detail, why),
      h("p", { className: "candidate__score" }, h("span", { className: "candidate__points" }, String(c.score)), " points"),
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
    const shown = { ranked: FINDER_STEP, near: FINDER_STEP };

    function syncForm() {
      for (const key of ["industry", "region", "product"]) form.elements[key].value = query[key];
      for (const box of form.querySelectorAll('input[name="strength"]')) box.checked = query.strengths.includes(box.value);
    }

    function queryFromForm() {
      return {
        industry: form.elements.industry.value,
        region: form.elements.region.value,
        product: form.elements.product.value,
        strengths: [...form.querySelectorAll('input[name="strength"]:checked')].map((box) => box.value),
      };
    }

    function url() {
      const params = new URLSearchParams();
      for (const key of ["industry", "region", "product"]) if (query[key]) params.set(key, query[key]);
      for (const slug of query.strengths) params.append("strength", slug);
      const text = params.toString();
      return window.location.pathname + (text ? `?${text}` : "");
    }

    function renderList(name) {
      const [list, counter, more] = lists[name];
      const items = result[name];
      list.replaceChildren(...items.slice(0, shown[name]).map((c, i) => candidate(c, i + 1, rootUrl)));
      counter.textContent = String(items.length);
      more.hidden = items.length <= shown[name];
    }

    function describe(index) {
      const parts = ["industry", "region", "product"]
        .filter((key) => query[key])
        .map((key) => index.labels[key].get(query[key]) || query[key]);
      const strengths = query.strengths.map((slug) => index.labels.strength.get(slug) || slug);
      if (!parts.length && !strengths.length) {
        return "The best referees overall; pick an industry, region and product to rank them for a prospect.";
      }
      const wanted = parts.join(" · ") + (strengths.length ? ` with ${strengths.join(", ")}` : "");
      const full = result.ranked.filter((c) => c.full).length;
      return `${result.ranked.length} references may be asked for ${wanted} (${full} match every criterion); ${result.near.length} near misses.`;
    }

    async function apply() {
      root.setAttribute("aria-busy", "true");
      try {
        const index = await loadIndex(root.dataset.index);
        result = rankReferences(index, query);
        shown.ranked = shown.near = FINDER_STEP;
        renderList("ranked");
        renderList("near");
        summary.textContent = describe(index);
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
      lists[name][2].addEventListener("click", () => {
        shown[name] += FINDER_STEP;
        if (result) renderList(name);
      });
    }
    window.addEventListener("popstate", () => {
      query = readQuery(window.location.search);
      syncForm();
      apply();
    });
    syncForm();
    apply();
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

  const catalog = document.getElementById("catalog");
  if (catalog) initCatalog(catalog);
  const finder = document.getElementById("finder");
  if (finder) initFinder(finder);
  initPrint();
  initEditorLinks();
})();
