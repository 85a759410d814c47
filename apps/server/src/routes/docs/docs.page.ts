/**
 * The API reference page: plain HTML, its script and its styles, each served by the app itself
 * (no CDN; no inline script or style, so the page works under the app's Content-Security-Policy:
 * http/security-headers.ts). A browser that is logged in to the app uses its session: the cookie
 * goes by itself and GET /auth/session gives the CSRF token that "Try it" sends on writes. A bearer
 * token is the alternative (a script's view, or no login); it is kept in the page's memory only.
 * It lists every operation with its parameters, body schema and responses, each with "Try it".
 */
export const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>StumpfWorks VoIP API</title>
<link rel="stylesheet" href="docs/reference.css">
<script src="docs/reference.js" defer></script>
</head><body>
<h1>StumpfWorks VoIP API</h1>
<p>Every route needs a login: the app's session (a cookie; writes also send its CSRF token as
<code>X-CSRF-Token</code>) or <code>Authorization: Bearer &lt;token&gt;</code> (API tokens are made on
the app's tokens page; the admin token is in <code>&lt;DATA_DIR&gt;/admin-token</code>).</p>
<p id="who">Checking for a session …</p>
<details id="alt"><summary>Use a bearer token instead</summary>
<form id="f"><input id="t" type="password" placeholder="bearer token" size="50" autocomplete="off"> <button>Load spec</button></form>
</details>
<div id="out"></div>
</body></html>`;

/** /api/v1/docs/reference.css */
export const DOCS_STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:1rem;color:#222}
h1{font-size:1.4rem} h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #ddd}
.op{border:1px solid #ddd;border-radius:6px;margin:.5rem 0;padding:.25rem .75rem}
.m{display:inline-block;min-width:4.5rem;font-weight:700;text-transform:uppercase}
.get{color:#1565c0}.post{color:#2e7d32}.put{color:#ef6c00}.delete{color:#c62828}
pre{background:#f6f6f6;padding:.5rem;overflow:auto;font-size:12px} summary{cursor:pointer}
.try{border-top:1px dashed #ddd;margin-top:.5rem;padding-top:.5rem} .try label{display:block;margin:.25rem 0}
.try textarea{width:100%;min-height:6rem;font:12px monospace}
`;

/** /api/v1/docs/reference.js: runs after the page is parsed (`defer`). */
export const DOCS_SCRIPT = `const out = document.getElementById('out');
const who = document.getElementById('who');
// How "Try it" and the spec are fetched: a session (cookie + its CSRF token) or a bearer token, never stored.
let auth = { kind: 'none' };
function esc(s){return String(s).replace(/[&<>"]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));}
function headersFor(method){
  const h = {};
  if (auth.kind === 'token') h.authorization = 'Bearer ' + auth.token;
  if (auth.kind === 'session' && !['GET','HEAD'].includes(method)) h['x-csrf-token'] = auth.csrf;
  return h;
}
function call(method, path, body){
  const h = headersFor(method);
  if (body !== undefined) h['content-type'] = 'application/json';
  // Relative to /api/v1/docs: "./flows" is /api/v1/flows. The session cookie goes with same-origin requests.
  return fetch('.' + path, {method: method.toUpperCase(), headers: h, credentials: 'same-origin', body});
}
function tryForm(path, method, op){
  const params = (op.parameters || []).filter(p => p.in === 'path' || p.in === 'query');
  const json = op.requestBody && op.requestBody.content && op.requestBody.content['application/json'];
  let html = '<form class="try" data-path="' + esc(path) + '" data-method="' + method + '">';
  for (const p of params) html += '<label>' + esc(p.name) + ' (' + esc(p.in) + ') <input name="' + esc(p.in + ':' + p.name) + '"></label>';
  if (json) html += '<label>JSON body <textarea name="body">{}</textarea></label>';
  return html + '<button>Try it</button><pre class="answer" hidden></pre></form>';
}
async function tryIt(form){
  const answer = form.querySelector('.answer');
  let path = form.dataset.path;
  const query = new URLSearchParams();
  for (const input of form.querySelectorAll('input')) {
    const [where, name] = input.name.split(':');
    if (where === 'path') path = path.replace('{' + name + '}', encodeURIComponent(input.value));
    else if (input.value !== '') query.set(name, input.value);
  }
  const text = form.querySelector('textarea');
  const qs = query.toString();
  const r = await call(form.dataset.method, path + (qs ? '?' + qs : ''), text ? text.value : undefined);
  const type = r.headers.get('content-type') || '';
  const shown = type.includes('json') ? JSON.stringify(await r.json(), null, 2) : type.startsWith('text/') ? await r.text() : '(' + type + ', ' + (r.headers.get('content-length') || '?') + ' bytes)';
  answer.hidden = false;
  answer.textContent = 'HTTP ' + r.status + '\\n' + shown;
}
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
      if (op['x-role']) html += '<p>Role: <b>' + esc(op['x-role']) + '</b></p>';
      if (op.parameters) html += '<p>Parameters: ' + op.parameters.map(p => '<code>' + esc(p.name) + '</code> (' + esc(p.in) + ')').join(', ') + '</p>';
      const body = op.requestBody && op.requestBody.content && op.requestBody.content['application/json'];
      if (body) html += '<p>Body</p><pre>' + esc(JSON.stringify(body.schema, null, 2)) + '</pre>';
      html += '<p>Responses: ' + Object.entries(op.responses || {}).map(([s, r]) => '<b>' + esc(s) + '</b> ' + esc(r.description)).join(' · ') + '</p>';
      html += tryForm(path, method, op) + '</details>';
    }
  }
  html += '<h2>Schemas</h2><pre>' + esc(JSON.stringify((spec.components || {}).schemas || {}, null, 2)) + '</pre>';
  out.innerHTML = html;
}
async function load(){
  const r = await call('get', '/openapi.json');
  if (!r.ok) { out.textContent = 'HTTP ' + r.status + (auth.kind === 'token' ? ': wrong token?' : ': log in to the app, or use a token'); return; }
  render(await r.json());
}
out.addEventListener('submit', (e) => {
  if (!e.target.classList.contains('try')) return;
  e.preventDefault();
  tryIt(e.target).catch((error) => { const a = e.target.querySelector('.answer'); a.hidden = false; a.textContent = String(error); });
});
document.getElementById('f').addEventListener('submit', async (e) => {
  e.preventDefault();
  auth = { kind: 'token', token: document.getElementById('t').value.trim() };
  who.textContent = 'Using the bearer token.';
  await load();
});
// A logged-in browser: its session, at once.
fetch('auth/session', {credentials: 'same-origin'}).then(async (r) => {
  if (auth.kind !== 'none') return;
  if (!r.ok) { who.textContent = 'Not logged in: log in to the app (same browser), then reload; or use a bearer token.'; document.getElementById('alt').open = true; return; }
  const s = await r.json();
  auth = { kind: 'session', csrf: s.csrfToken || '' };
  who.textContent = 'Using your session: ' + s.name + ' (' + s.role + '). "Try it" acts as you.';
  await load();
}).catch((error) => { who.textContent = String(error); });
`;
