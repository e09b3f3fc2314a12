// Drives stancemap's HTML map in the system's headless Chromium, as a reader
// would: load, search by alias, click a conflict edge and read its quote,
// hover a node, zoom, move the date slider. Prints one JSON object of what it
// saw; tests/render.rs asserts on it. Any console error, page error or request
// leaving the page is collected and reported in that object.
//
// Usage: node explore.mjs PAGE.html [CHROMIUM]
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

const page_path = resolve(process.argv[2]);
const executablePath = process.argv[3] || process.env.CHROMIUM || "/usr/bin/chromium";
const url = pathToFileURL(page_path).href;

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
  ],
});
const out = { errors: [], requests: [] };
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on("console", (m) => { if (m.type() === "error") out.errors.push(m.text()); });
  page.on("pageerror", (e) => out.errors.push(String(e)));
  page.on("request", (r) => { if (r.url() !== url) out.requests.push(r.url()); });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector("#map svg g.node");
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
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out) + "\n");
