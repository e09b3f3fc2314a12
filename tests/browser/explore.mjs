// Drives stancemap's HTML map in the system's headless Chromium, as a reader
// would: load, search by alias, click a conflict edge and read its quote,
// hover a node, zoom, move the date slider. Prints one JSON object of what it
// saw; tests/render.rs asserts on it. Any console error, page error or request
// leaving the page is collected and reported in that object; the page runs with
// the network off and every request but its own aborted, and every URL-bearing
// attribute and CSS reference of its live document is listed.
//
// With `scenario` after CHROMIUM, the page is a scenario's (`render --scenario
// S.yaml -o PAGE.html`, on tests/fixtures/scenario): it toggles between the map
// before and after the moves, clicks the resolved conflict on each side, moves
// the date slider, and reads the list of changes, instead of the bundled
// record's tour.
//
// Usage: node explore.mjs PAGE.html [CHROMIUM] [scenario]
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

const page_path = resolve(process.argv[2]);
const executablePath = process.argv[3] || process.env.CHROMIUM || "/usr/bin/chromium";
const url = pathToFileURL(page_path).href;
const mode = process.argv[4] || "map";

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
  ],
});
const out = { errors: [], requests: [], blocked: [], websockets: [] };

// The network is off (offline context) and every request but the page itself
// is aborted and recorded: a page that tried to reach anything, even a blocked
// or failing request, shows up in `requests`/`blocked`.
async function offlineContext(log) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, offline: true, serviceWorkers: "block" });
  await context.route("**/*", (route) => {
    const u = route.request().url();
    if (u === url) return route.continue();
    log.blocked.push(u);
    return route.abort("blockedbyclient");
  });
  context.on("request", (r) => { if (r.url() !== url) log.requests.push(r.url()); });
  context.on("websocket", (w) => log.websockets.push(w.url()));
  return context;
}

// Every URL-bearing attribute and CSS reference in the live document, also
// inside <template> contents (the other dates' maps): anything that is not a
// fragment (#id) of the page itself, or inline data, points outside it.
const scanUrls = () => {
  const attrs = ["src", "href", "xlink:href", "srcset", "action", "formaction", "poster", "data",
    "background", "ping", "manifest", "cite", "longdesc", "codebase", "archive", "usemap", "icon", "lowsrc"];
  const found = [];
  const inside = (v) => v.trim() === "" || v.trim().startsWith("#") || /^data:/i.test(v.trim());
  const css = (text, where) => {
    for (const m of text.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]*)\3/gi)) {
      const v = m[2] ?? m[4] ?? "";
      found.push({ where, value: v, inside: inside(v) });
    }
  };
  const walk = (root) => {
    for (const el of root.querySelectorAll("*")) {
      for (const a of el.attributes) {
        const name = a.name.toLowerCase();
        if (attrs.includes(name) || name.endsWith(":href")) {
          const values = name === "srcset" ? a.value.split(",").map((s) => s.trim().split(/\s+/)[0]) : [a.value];
          for (const v of values) found.push({ where: `${el.tagName}[${name}]`, value: v, inside: inside(v) });
        }
        if (name === "style") css(a.value, `${el.tagName}[style]`);
        if (name === "http-equiv" && a.value.toLowerCase() === "refresh") found.push({ where: "meta refresh", value: el.getAttribute("content") || "", inside: false });
      }
      if (el.tagName.toLowerCase() === "style") css(el.textContent, "style");
      if (el.tagName.toLowerCase() === "base") found.push({ where: "base", value: el.getAttribute("href") || "", inside: false });
      if (el.tagName.toLowerCase() === "template") walk(el.content);
    }
  };
  walk(document);
  for (const sheet of document.styleSheets) {
    let rules;
    try { rules = sheet.cssRules; } catch { rules = null; }
    // A sheet whose rules cannot be read came from elsewhere.
    if (rules === null) found.push({ where: "stylesheet", value: sheet.href || "", inside: false });
    else for (const rule of rules) css(rule.cssText, "stylesheet");
  }
  return found;
};

try {
  const context = await offlineContext(out);
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") out.errors.push(m.text()); });
  page.on("pageerror", (e) => out.errors.push(String(e)));
  await page.goto(url, { waitUntil: "load" });
  out.urls_at_load = await page.evaluate(scanUrls);
  await page.waitForSelector("#map svg g.node");
  if (mode === "scenario") await scenarioTour(page);
  else await mapTour(page);
  // After every interaction: what the script added is scanned too.
  out.urls_at_end = await page.evaluate(scanUrls);
  await context.close();
  await probe();
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out) + "\n");

// The bundled record's conflicts map, as a reader would tour it.
async function mapTour(page) {
  const viewBox = () => page.$eval("#map svg", (s) => s.getAttribute("viewBox"));
  out.snapshots = await page.$$eval("template", (t) => t.length);
  out.date_latest = await page.textContent("#date-label");
  out.viewbox_start = await viewBox();

  // Search by an alias: the node is centred (the view changes) and its claims shown.
  await page.fill("#search", "Kremlin");
  await page.click("#search-form button");
  out.search_status = await page.textContent("#search-status");
  out.search_panel = await page.textContent("#panel h2");
  out.viewbox_after_search = await viewBox();

  // Zoom with the wheel over the map.
  await page.click("#zoom-fit");
  const box = await page.$eval("#map", (m) => { const r = m.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; });
  await page.mouse.move(box[0], box[1]);
  await page.mouse.wheel(0, -300);
  out.viewbox_after_wheel = await viewBox();
  await page.click("#zoom-fit");

  // Click a conflict edge (on its label, as a reader would) and read the quote.
  const edge = await page.$("g.edge[class*='look-conflict'] text");
  out.conflict_edges = await page.$$eval("g.edge[class*='look-conflict']", (e) => e.length);
  if (edge) {
    await edge.click();
    out.edge_panel = await page.textContent("#panel h2");
    out.edge_kind = await page.textContent("#panel .kind");
    out.edge_quotes = await page.$$eval("#panel blockquote", (q) => q.map((x) => x.textContent));
    out.edge_meta = await page.$$eval("#panel .claim .meta", (q) => q.map((x) => x.textContent));
  }

  // Hover a node: it and its neighbours are highlighted, the rest dimmed.
  await page.hover("g.node#actor_ukraine");
  out.hover_highlighted = await page.$$eval("#map svg .hl", (h) => h.map((x) => x.id));
  out.hover_dims = await page.$eval("#map svg", (s) => s.classList.contains("hovering"));
  await page.mouse.move(1, 1);

  await page.screenshot({ path: page_path.replace(/\.html?$/, ".png") });

  // Move the date back one step, then to the first: each a drawing as of that date.
  out.edges_latest = await page.$$eval("#map svg g.edge", (e) => e.length);
  const move = async (value) => {
    await page.$eval("#date", (s, v) => { s.value = String(v); s.dispatchEvent(new Event("input", { bubbles: true })); }, value);
    return {
      date: await page.textContent("#date-label"),
      edges: await page.$$eval("#map svg g.edge", (e) => e.length),
      subtitle: await page.$eval("#map svg g.graph > text:nth-of-type(2)", (t) => t.textContent),
    };
  };
  const last = Number(await page.$eval("#date", (s) => s.max));
  out.date_previous = await move(last - 1);
  out.date_first = await move(0);
}

// What the panel shows for the clicked thing.
async function panel(page) {
  return {
    title: await page.textContent("#panel h2"),
    kind: await page.textContent("#panel .kind"),
    claims: await page.$$eval("#panel .claim", (c) => c.map((x) => x.firstChild.textContent)),
    quotes: await page.$$eval("#panel blockquote", (q) => q.map((x) => x.textContent)),
    scenario: await page.$$eval("#panel .scenario-note", (q) => q.map((x) => x.textContent)),
    meta: await page.$$eval("#panel .claim .meta", (q) => q.map((x) => x.textContent)),
  };
}

// A scenario's page: the changes listed, the map after the moves with the
// resolved conflict dashed, the toggle to before, the date slider on each side.
async function scenarioTour(page) {
  const side = async () => ({
    after_pressed: await page.getAttribute("#show-after", "aria-pressed"),
    resolved: await page.$$eval("#map svg g.edge.scenario-resolved", (e) => e.map((x) => x.id)),
    new_edges: await page.$$eval("#map svg g.edge.scenario-new", (e) => e.map((x) => x.id)),
    edges: await page.$$eval("#map svg g.edge", (e) => e.map((x) => x.id).sort()),
    date: await page.textContent("#date-label"),
  });
  const click = async (id) => {
    await page.click(`#map svg g.edge[id='${id}'] text`);
    return panel(page);
  };
  const move = async (value) => {
    await page.$eval("#date", (s, v) => { s.value = String(v); s.dispatchEvent(new Event("input", { bubbles: true })); }, value);
    return side();
  };
  out.changes_title = await page.textContent("#panel h2");
  out.changes = await page.$$eval("#panel li.change", (l) => l.map((x) => x.textContent));
  out.after = await side();
  out.after_resolved_panel = await click("e--actor_alpha--actor_beta--resolved");
  // A claim the removal renumbered: still the right one, with its quotes.
  out.after_aid_panel = await click("e--actor_beta--actor_union");
  await page.screenshot({ path: page_path.replace(/\.html?$/, ".png") });
  await page.click("#show-before");
  out.before = await side();
  out.before_pair_panel = await click("e--actor_alpha--actor_beta");
  await page.click("#show-after");
  // The selection follows the toggle: the pair's live edge is gone after.
  out.after_toggle_panel = await page.textContent("#panel");
  const last = Number(await page.$eval("#date", (s) => s.max));
  out.after_first = await move(0);
  out.after_last = await move(last);
  await page.click("#show-changes");
  out.changes_again = await page.$$eval("#panel li.change", (l) => l.length);
}

// The detector itself: a page that does reach out is seen doing so, by the
// request log and by the scan (so an empty log above means something).
async function probe() {
  const probe = { requests: [], blocked: [], websockets: [] };
  const pcontext = await offlineContext(probe);
  const ppage = await pcontext.newPage();
  await ppage.goto(url, { waitUntil: "load" });
  await ppage.evaluate(() => {
    document.body.insertAdjacentHTML("beforeend",
      '<img src="https://example.invalid/a.png"><link rel="stylesheet" href="http://example.invalid/s.css">' +
      '<div style="background: url(https://example.invalid/b.png)">x</div>');
    fetch("https://example.invalid/c.json").catch(() => {});
  });
  await ppage.waitForTimeout(500);
  probe.urls = (await ppage.evaluate(scanUrls)).filter((u) => !u.inside).map((u) => u.value);
  out.probe = probe;
  await pcontext.close();
}

