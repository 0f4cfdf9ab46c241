// tests/js/structtree.js NAME FILE.pdf...: what pdf.js (Mozilla's reader, as
// Firefox uses it) sees of a tagged PDF. For each file prints one PASS or FAIL
// line per check (tests/lib.sh records them):
//   NAME/pdfjs/struct-tree   every page has a structure tree (getStructTree)
//                            that is not empty
//   NAME/pdfjs/marked-text   every piece of text pdf.js finds in marked content
//                            with an MCID is reached from that page's structure
//                            tree, and every content node of the tree names
//                            marked content the page has
//   NAME/pdfjs/roles         the roles pdf.js reports include Document and H1
// Text in Artifacts is left out of both (that is what Artifacts are for).
"use strict";
const path = require("path");
const pdfjs = require("pdfjs-dist/legacy/build/pdf.js");

function collect(node, ids, roles) {
  if (!node) return;
  if (node.role) roles.add(node.role);
  if (node.type === "content" && node.id) ids.add(node.id);
  for (const k of node.children || []) collect(k, ids, roles);
}

async function check(name, file) {
  const doc = await pdfjs.getDocument({ url: file, verbosity: 0, isEvalSupported: false,
    standardFontDataUrl: path.join(path.dirname(require.resolve("pdfjs-dist/package.json")), "standard_fonts/") }).promise;
  const noTree = [], stray = [], dangling = [];
  const roles = new Set();
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const tree = await page.getStructTree();
    const ids = new Set();
    collect(tree, ids, roles);
    if (!tree || ids.size === 0) noTree.push(i);
    const tc = await page.getTextContent({ includeMarkedContent: true });
    const marked = new Set();
    let open = [];
    for (const it of tc.items) {
      if (it.type === "beginMarkedContentProps" || it.type === "beginMarkedContent") {
        open.push(it.id || null);
        if (it.id) marked.add(it.id);
      } else if (it.type === "endMarkedContent") {
        open.pop();
      } else if (it.str !== undefined && it.str.trim() !== "") {
        const id = open.filter(Boolean).pop();
        if (id && !ids.has(id)) stray.push(i + ":" + it.str);
      }
    }
    // content nodes must name marked content; text-free ones (images,
    // QR squares) do not show in getTextContent, so only count those that do
    for (const id of ids) if (!marked.has(id) && tc.items.some(x => x.id === id)) dangling.push(i + ":" + id);
    page.cleanup();
  }
  const line = (ok, what, detail) => console.log(ok ? `PASS ${name}/pdfjs/${what}` : `FAIL ${name}/pdfjs/${what}: ${detail}`);
  line(noTree.length === 0, "struct-tree", `pages without a structure tree: ${noTree.slice(0, 10).join(" ")}`);
  line(stray.length === 0 && dangling.length === 0, "marked-text",
       `text outside the tree: ${stray.slice(0, 3).join(" | ")}; tree content missing: ${dangling.slice(0, 3).join(" ")}`);
  line(roles.has("Document") && roles.has("H1"), "roles", `roles seen: ${[...roles].sort().join(" ")}`);
  await doc.destroy();
}

(async () => {
  const [name, ...files] = process.argv.slice(2);
  for (const f of files) {
    try {
      await check(files.length > 1 ? `${name}/${path.basename(f, ".pdf")}` : name, f);
    } catch (e) {
      console.log(`FAIL ${name}/pdfjs: ${path.basename(f)}: ${String(e).split("\n")[0]}`);
    }
  }
})();
