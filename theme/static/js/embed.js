/* refcat embed: a customer quote or a logo strip for any page of the website.

   <script src="https://refs.example.com/theme/js/embed.js"
           data-refcat="quote" data-product="data-hub" async></script>

   The script reads the catalog's catalog.json each time the page is viewed (from the
   folder the script itself comes from), so a reference taken down by a build leaves
   every page that embeds it on the next view. Nothing is rendered when the catalog
   cannot be read. Text goes into the page as text nodes only, never as markup.

   Attributes: data-refcat "quote" | "logos" ("query": read them from the page's URL,
   as embed.html does for iframes); data-product, data-industry, data-reference (an id)
   narrow the choice; data-limit caps the logos (12); data-target is the id of the
   element to render into (else a new one after the script); data-style="none" keeps
   the catalog's embed.css off the page. */
(function () {
  "use strict";

  const script = document.currentScript;
  if (!script || !script.src) {
    return;
  }
  const base = new URL("../../", script.src); /* .../theme/js/embed.js -> catalog root */

  function options() {
    const own = script.dataset;
    const query = own.refcat === "query" ? new URLSearchParams(location.search) : null;
    const read = (name) => (query ? query.get(name) : own[name]) || "";
    return {
      kind: query ? read("kind") : own.refcat,
      product: read("product"),
      industry: read("industry"),
      reference: read("reference"),
      limit: parseInt(read("limit"), 10) || 12,
      linkTarget: query ? "_top" : "", /* from an iframe, a story opens in the page */
    };
  }

  function address(path) {
    if (typeof path !== "string" || !path) {
      return null;
    }
    const url = new URL(path, base);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  }

  function element(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value) {
        node.setAttribute(name, value);
      }
    }
    for (const child of children || []) {
      node.append(child); /* a string becomes a text node */
    }
    return node;
  }

  function chosen(catalog, wanted) {
    return (catalog.references || []).filter(
      (r) =>
        (!wanted.product || (r.products || []).includes(wanted.product)) &&
        (!wanted.industry || r.industry === wanted.industry) &&
        (!wanted.reference || r.id === wanted.reference),
    );
  }

  function storyLink(reference, wanted, text) {
    const link = element("a", { href: address(reference.url), target: wanted.linkTarget }, [text]);
    link.setAttribute("aria-label", `${text}: ${reference.title}`);
    return link;
  }

  function quote(catalog, wanted) {
    const quoted = chosen(catalog, wanted).filter((r) => r.quote && r.quote.text);
    /* a quote with its author's name before an anonymous one, newest first otherwise */
    const reference = quoted.find((r) => r.quote.author) || quoted[0];
    if (!reference) {
      return null;
    }
    const who = [reference.quote.author, reference.quote.role, reference.customer];
    const logo = address(reference.logo);
    return element("figure", { class: "refcat-quote" }, [
      ...(logo ? [element("img", { class: "refcat-quote__logo", src: logo, alt: "" })] : []),
      element("blockquote", { cite: address(reference.url) }, [
        element("p", {}, [reference.quote.text]),
      ]),
      element("figcaption", {}, [
        who.filter(Boolean).join(", "),
        " · ",
        storyLink(reference, wanted, "Read the story"),
      ]),
    ]);
  }

  function logos(catalog, wanted) {
    const seen = new Set();
    const items = [];
    for (const reference of chosen(catalog, wanted)) {
      const logo = address(reference.logo);
      if (logo && !seen.has(logo) && items.length < wanted.limit) {
        seen.add(logo);
        const image = element("img", { src: logo, alt: reference.customer });
        const link = element("a", { href: address(reference.url), target: wanted.linkTarget });
        link.append(image);
        items.push(element("li", {}, [link]));
      }
    }
    const product = (catalog.products || {})[wanted.product];
    const label = product ? `Customers using ${product}` : "Our customers";
    return items.length ? element("ul", { class: "refcat-logos", "aria-label": label }, items) : null;
  }

  function container() {
    const target = script.dataset.target && document.getElementById(script.dataset.target);
    if (target) {
      return target;
    }
    const made = document.createElement("div");
    script.after(made);
    return made;
  }

  function addStyle() {
    if (script.dataset.style === "none" || document.getElementById("refcat-embed-css")) {
      return;
    }
    const href = new URL("theme/css/embed.css", base).href;
    document.head.append(element("link", { id: "refcat-embed-css", rel: "stylesheet", href }));
  }

  const renderers = { quote: quote, logos: logos };
  const wanted = options();
  const render = renderers[wanted.kind];
  if (!render) {
    return;
  }
  const root = container();
  root.classList.add("refcat-embed");
  /* revalidated on every view: a takedown must not wait for a cache to expire */
  fetch(new URL("catalog.json", base), { cache: "no-cache", credentials: "omit" })
    .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
    .then((catalog) => {
      const shown = render(catalog, wanted);
      if (shown) {
        addStyle();
        root.replaceChildren(shown);
      }
      root.dataset.refcatState = shown ? "shown" : "empty";
    })
    .catch(() => {
      root.replaceChildren(); /* nothing rather than something stale or broken */
      root.dataset.refcatState = "failed";
    });
})();
