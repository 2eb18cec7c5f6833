// Run queries through Material's own search worker (the code the browser runs), in Node.
// Usage: node scripts/search_query.js SITE_DIR INDEX_JSON QUERY... ; prints JSON {query: [locations]}
"use strict";
const fs = require("fs"), path = require("path"), vm = require("vm");
const [site, indexFile, ...queries] = process.argv.slice(2);
const workers = path.join(site, "assets/javascripts/workers");
const file = fs.readdirSync(workers).find(f => /^search\.[0-9a-f]+\.min\.js$/.test(f));
if (!file) { console.error(`no search worker in ${workers}`); process.exit(2); }
const replies = [];
let onMessage = null;
const ctx = { console, setTimeout, clearTimeout, Promise, URL, TextDecoder, TextEncoder };
ctx.self = ctx;
ctx.addEventListener = (type, fn) => { if (type === "message") onMessage = fn; };
ctx.postMessage = msg => replies.push(msg);
ctx.importScripts = (...urls) => {
  for (const url of urls) vm.runInContext(fs.readFileSync(path.join(workers, url), "utf8"), ctx);
};
vm.createContext(ctx);
vm.runInContext(fs.readFileSync(path.join(workers, file), "utf8"), ctx);
const send = data => new Promise(resolve => {
  const n = replies.length;
  onMessage({ data });
  const wait = () => replies.length > n ? resolve(replies[replies.length - 1]) : setTimeout(wait, 1);
  wait();
});
(async () => {
  const index = JSON.parse(fs.readFileSync(indexFile, "utf8"));
  index.options = { suggest: false };  // what the page adds (search.suggest is off)
  await send({ type: 0, data: index });
  const out = {};
  for (const q of queries) {
    const reply = await send({ type: 2, data: q });
    out[q] = reply.data.items.flat().filter(i => i.score > 0).map(i => i.location);
  }
  process.stdout.write(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(1); });
