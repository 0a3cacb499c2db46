/* refcat internal catalog: full-text search in the word index (generator/internal/word_index.py).
 *
 * A search wants the set of references holding every word typed, to combine with the
 * facets and count, and for the cards shown which field held each word. The index
 * answers both with a lookup: `data/words/<hex of a word's first two letters>.json`
 * lists, for each word, the references' positions (their ids' place in sorted order,
 * which the daily ranking does not move) and a bit mask of the fields holding it;
 * `data/word-rows.json` gives each position's row in `data/references.json`. Words are lowercased, without diacritics, split at
 * anything but letters and digits, as the Python side does: keep both in step.
 * A word typed matches the indexed words it begins ("migr" finds "migration"); a
 * plural's ending is dropped first ("migrations" finds "migration"). Words of one
 * letter are not looked up. A module: internal.js imports it once a catalog page has
 * loaded. */
/* What the rep reads after "Matched:", in this order; "story" when a word is in no
   other field. */
const LABELS = [
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

function words(text) {
  const plain = (text || "").toLowerCase().normalize("NFKD").replace(/\p{Mn}/gu, "");
  return plain.match(/[\p{L}\p{N}]+/gu) || [];
}

/* "migrations" -> "migration", "companies" -> "compan": the ending a plural adds. */
function stem(word) {
  if (word.length > 4 && word.endsWith("ies")) return word.slice(0, -3);
  if (word.length > 3 && word.endsWith("s") && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/* The words of `q` to look up, each once. */
function terms(q) {
  return [...new Set(words(q).filter((w) => [...w].length > 1).map(stem))];
}

function chunkKey(word) {
  const bytes = new TextEncoder().encode([...word].slice(0, 2).join(""));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

const chunks = new Map(); // url -> Promise of the chunk ({fields, words}); none: empty

function loadChunk(base, word) {
  const url = new URL(`${base}/data/words/${chunkKey(word)}.json`, document.baseURI).href;
  if (!chunks.has(url)) {
    const loading = fetch(url).then((response) => {
      if (response.status === 404) return { fields: [], words: {} }; // no word begins so
      if (!response.ok) throw new Error(`cannot load the word index: ${response.status}`);
      return response.json();
    });
    loading.catch(() => chunks.delete(url)); // let a later search retry
    chunks.set(url, loading);
  }
  return chunks.get(url);
}

/* Start loading what `q` will need: called as the rep types, before the search runs. */
function prefetch(base, q) {
  const looked = terms(q);
  for (const term of looked) loadChunk(base, term).catch(() => {});
  if (looked.length) loadRows(base).catch(() => {});
}

const rows = new Map(); // url -> Promise of [row in references.json of position 0, ...]

function loadRows(base) {
  const url = new URL(`${base}/data/word-rows.json`, document.baseURI).href;
  if (!rows.has(url)) {
    const loading = fetch(url).then((response) => {
      if (!response.ok) throw new Error(`cannot load the word index: ${response.status}`);
      return response.json();
    });
    loading.catch(() => rows.delete(url)); // let a later search retry
    rows.set(url, loading);
  }
  return rows.get(url);
}

/* position -> field mask, for the references holding a word that begins with `term`;
   each word's fields are kept apart, as ORed masks would lose which word was where. */
async function lookUp(base, term) {
  const chunk = await loadChunk(base, term);
  const found = new Map();
  for (const [word, list] of Object.entries(chunk.words)) {
    if (!word.startsWith(term)) continue;
    for (let i = 0, at = 0; i < list.length; i += 2) {
      at += list[i];
      (found.get(at) || found.set(at, []).get(at)).push(list[i + 1]);
    }
  }
  return { fields: chunk.fields, found };
}

/* The fields a reference's masks name, as labels; "story" for a mask of the story alone. */
function labelsOf(fields, masks) {
  const held = new Set();
  for (const mask of masks) {
    const names = fields.filter((_, bit) => mask & (1 << bit));
    if (names.some((name) => name !== "story")) names.forEach((name) => held.add(name));
    else held.add("story");
  }
  const labels = LABELS.filter(([key]) => held.has(key)).map(([, label]) => label);
  return held.has("story") ? [...labels, "story"] : labels;
}

/* The references holding every word of `q`: row in `data/references.json` -> a function
   giving the labels of the fields that matched (called for the cards shown only). */
async function search(base, q) {
  const wanted = terms(q);
  if (!wanted.length) return new Map();
  const [rowOf, ...looked] = await Promise.all([
    loadRows(base),
    ...wanted.map((term) => lookUp(base, term)),
  ]);
  looked.sort((a, b) => a.found.size - b.found.size);
  const [first, ...others] = looked;
  const matches = new Map();
  for (const position of first.found.keys()) {
    if (others.every((o) => o.found.has(position))) {
      const why = () => labelsOf(first.fields, looked.flatMap((o) => o.found.get(position)));
      matches.set(rowOf[position], why);
    }
  }
  return matches;
}

export { prefetch, search, terms };
