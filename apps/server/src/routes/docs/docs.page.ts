/**
 * The API reference page: plain HTML, its script and its styles, each served by the app itself
 * (no CDN; no inline script or style, so the page works under the app's Content-Security-Policy:
 * http/security-headers.ts). It asks for the bearer token, fetches /api/v1/openapi.json with it
 * and lists every operation with its parameters, body schema and responses.
 */
export const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>StumpfWorks VoIP API</title>
<link rel="stylesheet" href="docs/reference.css">
<script src="docs/reference.js" defer></script>
</head><body>
<h1>StumpfWorks VoIP API</h1>
<p>Every route needs <code>Authorization: Bearer &lt;token&gt;</code>; the admin token is in
<code>&lt;DATA_DIR&gt;/admin-token</code>.</p>
<form id="f"><input id="t" type="password" placeholder="bearer token" size="50"> <button>Load spec</button></form>
<div id="out"></div>
</body></html>`;

/** /api/v1/docs/reference.css */
export const DOCS_STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:1rem;color:#222}
h1{font-size:1.4rem} h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #ddd}
.op{border:1px solid #ddd;border-radius:6px;margin:.5rem 0;padding:.25rem .75rem}
.m{display:inline-block;min-width:4.5rem;font-weight:700;text-transform:uppercase}
.get{color:#1565c0}.post{color:#2e7d32}.put{color:#ef6c00}.delete{color:#c62828}
pre{background:#f6f6f6;padding:.5rem;overflow:auto;font-size:12px} summary{cursor:pointer}
`;

/** /api/v1/docs/reference.js: runs after the page is parsed (`defer`). */
export const DOCS_SCRIPT = `const out = document.getElementById('out');
function esc(s){return String(s).replace(/[&<>"]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));}
function render(spec){
  const byTag = {};
  for (const [path, ops] of Object.entries(spec.paths || {})) for (const [method, op] of Object.entries(ops)) {
    const tag = (op.tags && op.tags[0]) || 'other'; (byTag[tag] = byTag[tag] || []).push({path, method, op});
  }
  let html = '<p>' + esc(spec.info.title) + ' ' + esc(spec.info.version) + '</p>';
  for (const [tag, ops] of Object.entries(byTag)) {
    html += '<h2>' + esc(tag) + '</h2>';
    for (const {path, method, op} of ops) {
      html += '<details class="op"><summary><span class="m ' + method + '">' + method + '</span> <code>' + esc(path) + '</code> ' + esc(op.description || '') + '</summary>';
      if (op.parameters) html += '<p>Parameters: ' + op.parameters.map(p => '<code>' + esc(p.name) + '</code> (' + esc(p.in) + ')').join(', ') + '</p>';
      const body = op.requestBody && op.requestBody.content && op.requestBody.content['application/json'];
      if (body) html += '<p>Body</p><pre>' + esc(JSON.stringify(body.schema, null, 2)) + '</pre>';
      html += '<p>Responses: ' + Object.entries(op.responses || {}).map(([s, r]) => '<b>' + esc(s) + '</b> ' + esc(r.description)).join(' · ') + '</p></details>';
    }
  }
  html += '<h2>Schemas</h2><pre>' + esc(JSON.stringify((spec.components || {}).schemas || {}, null, 2)) + '</pre>';
  out.innerHTML = html;
}
document.getElementById('f').addEventListener('submit', async (e) => {
  e.preventDefault();
  const token = document.getElementById('t').value.trim();
  sessionStorage.setItem('swf-token', token);
  const r = await fetch('openapi.json', {headers: {authorization: 'Bearer ' + token}});
  if (!r.ok) { out.textContent = 'HTTP ' + r.status + ': wrong token?'; return; }
  render(await r.json());
});
const saved = sessionStorage.getItem('swf-token');
if (saved) { document.getElementById('t').value = saved; document.getElementById('f').requestSubmit(); }
`;
