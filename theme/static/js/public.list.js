/* Public catalog: the whole list as data (list.json), cards made from it, search excerpts.
 *
 * The server renders one page of cards; public.js filters and searches every published
 * reference, so it reads `list.json` (see generator/public/listing.py: columns, one row
 * a reference) and makes the cards it shows with the same markup as the server's
 * (`reference_card` in _macros.html). Loaded before public.js, which uses RefcatList.
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var SECTOR_ICON = ["M3 21h18", "M5 21V7l7-4 7 4v14", "M9 21v-6h6v6", "M9 10h.01M15 10h.01"];

  /* list.json: {page_size, url, industries, regions, products, columns, rows}; each row
   * stays a list (no object per reference: 10,000 of them cost a frame), and `data.at`
   * names the column indices: row[data.at.title]. */
  function load(url) {
    return fetch(url, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("list.json: " + response.status);
        return response.json();
      })
      .then(function (data) {
        data.at = {};
        data.columns.forEach(function (name, index) {
          data.at[name] = index;
        });
        return data;
      });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function sectorIcon() {
    var svg = document.createElementNS(SVG, "svg");
    var attributes = { class: "icon icon--sector", viewBox: "0 0 24 24", width: "22", height: "22" };
    attributes["aria-hidden"] = "true";
    attributes.fill = "none";
    attributes.stroke = "currentColor";
    attributes["stroke-width"] = "2";
    Object.keys(attributes).forEach(function (name) {
      svg.setAttribute(name, attributes[name]);
    });
    SECTOR_ICON.forEach(function (d) {
      var path = document.createElementNS(SVG, "path");
      path.setAttribute("d", d);
      svg.appendChild(path);
    });
    return svg;
  }

  /* The customer's logo, a monogram (named) or a neutral sector mark (anonymized). */
  function mark(row, site) {
    if (row.logo) {
      var span = element("span", "mark mark--logo");
      var img = element("img");
      img.src = site + "/" + row.logo;
      img.alt = row.customer + " logo";
      img.width = 260;
      img.height = 80;
      img.loading = "lazy";
      img.decoding = "async";
      span.appendChild(img);
      return span;
    }
    var kind = row.named ? "monogram" : "anonymous";
    var plain = element("span", "mark mark--" + kind, row.named ? row.initials : undefined);
    plain.setAttribute("aria-hidden", "true");
    if (!row.named) plain.appendChild(sectorIcon());
    return plain;
  }

  /* A row's fields by name, for the one card being made. */
  function fields(row, data) {
    var named = {};
    data.columns.forEach(function (name, index) {
      named[name] = row[index];
    });
    named.url = named.url || data.url.replace("{id}", named.id);
    return named;
  }

  /* One card, as the server's reference_card macro writes it. */
  function card(list, data, site) {
    var row = fields(list, data);
    var item = element("li", "card");
    item.id = "ref-" + row.id;
    item.dataset.card = "";
    item.dataset.id = row.id;
    var top = element("div", "card__top");
    top.appendChild(mark(row, site));
    var year = element("span", "card__year");
    year.appendChild(element("span", "visually-hidden", "Completed "));
    year.appendChild(document.createTextNode(String(row.year)));
    top.appendChild(year);
    item.appendChild(top);
    item.appendChild(element("p", "card__customer", row.customer));
    var title = element("h3", "card__title");
    var link = element("a", "card__link", row.title);
    link.href = site + "/" + row.url;
    title.appendChild(link);
    item.appendChild(title);
    item.appendChild(element("p", "card__summary", row.summary));
    var excerpt = element("p", "card__excerpt");
    excerpt.dataset.excerpt = "";
    excerpt.hidden = true;
    item.appendChild(excerpt);
    item.appendChild(tags(row, data));
    return item;
  }

  function tags(row, data) {
    var list = element("ul", "tags card__tags");
    list.setAttribute("aria-label", "Industry, region and products");
    list.appendChild(element("li", "tag tag--industry", data.industries[row.industry][1]));
    if (row.region >= 0) list.appendChild(element("li", "tag tag--region", data.regions[row.region][1]));
    row.products.forEach(function (index) {
      list.appendChild(element("li", "tag", data.products[index][2]));
    });
    return list;
  }

  /* ---- excerpts ---------------------------------------------------------------------- */

  /* Pagefind's excerpt (HTML, <mark> around hits) as [{text, marked}] pieces. */
  function pieces(html) {
    var template = document.createElement("template");
    template.innerHTML = html; // inert: nothing in a template runs or loads
    return Array.prototype.map.call(template.content.childNodes, function (node) {
      return { text: node.textContent, marked: node.nodeName === "MARK" };
    });
  }

  /* Where a readable excerpt starts in `plain`: {cut, sentence}: the start of a sentence
   * before the first hit, else the first word boundary. `before` is the content's
   * character just before the excerpt ("" at the content's start, null when unknown). */
  function startOf(plain, firstHit, before) {
    if (before === "") return { cut: 0, sentence: true };
    var found = /[.!?:]\s+(?=\S)/.exec(plain);
    if (found && found.index < firstHit) return { cut: found.index + found[0].length, sentence: true };
    if (before !== null && /\s/.test(before)) return { cut: 0, sentence: false };
    var space = plain.search(/\s/);
    return { cut: space >= 0 && space < firstHit ? space + 1 : 0, sentence: false };
  }

  /* The excerpt from a word (or sentence) boundary, with an ellipsis where text is left
   * out: [{text, marked}] pieces to show. `content` is the record's whole text. */
  function trimExcerpt(html, content) {
    var parts = pieces(html);
    var plain = parts.map(function (p) { return p.text; }).join("");
    var firstHit = 0;
    for (var i = 0; i < parts.length && !parts[i].marked; i++) firstHit += parts[i].text.length;
    var at = content ? content.indexOf(plain) : -1;
    var start = startOf(plain, firstHit, at === 0 ? "" : at > 0 ? content.charAt(at - 1) : null);
    var shown = [];
    var offset = 0;
    parts.forEach(function (part) {
      var from = Math.max(0, start.cut - offset);
      offset += part.text.length;
      if (from < part.text.length) shown.push({ text: part.text.slice(from), marked: part.marked });
    });
    if (!start.sentence && shown.length) shown.unshift({ text: "… ", marked: false });
    var ends = at >= 0 && at + plain.length >= content.trim().length;
    if (!ends && shown.length && !/[.!?]$/.test(plain.trim())) shown.push({ text: " …", marked: false });
    return shown;
  }

  function showExcerpt(target, shown) {
    target.textContent = "";
    shown.forEach(function (part) {
      var node = part.marked ? element("mark", "", part.text) : document.createTextNode(part.text);
      target.appendChild(node);
    });
  }

  window.RefcatList = { load: load, card: card, trimExcerpt: trimExcerpt, showExcerpt: showExcerpt };
})();
