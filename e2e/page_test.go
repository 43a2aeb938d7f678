package e2e

// pageScript is the page's script: runCase makes one cross-origin request
// with fetch or XMLHttpRequest and resolves to what JavaScript saw.
const pageScript = `
async function runCase(spec) {
  const out = {allowed: false, status: 0, headers: [], error: ""};
  try {
    const r = spec.api === "xhr" ? await viaXHR(spec) : await viaFetch(spec);
    out.allowed = true;
    out.status = r.status;
    out.headers = r.headers;
  } catch (e) {
    out.error = String(e);
  }
  return out;
}

async function viaFetch(spec) {
  const init = {method: spec.method, headers: spec.headers || {}, credentials: spec.credentials, mode: "cors", cache: "no-store"};
  if (spec.body !== null) init.body = spec.body;
  const r = await fetch(spec.url, init);
  await r.arrayBuffer();
  const names = [];
  r.headers.forEach((v, k) => names.push(k));
  return {status: r.status, headers: names};
}

function viaXHR(spec) {
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open(spec.method, spec.url);
    x.withCredentials = spec.credentials === "include";
    for (const [k, v] of Object.entries(spec.headers || {})) x.setRequestHeader(k, v);
    if (spec.progress) x.upload.onprogress = () => {};
    x.onload = () => resolve({status: x.status, headers: x.getAllResponseHeaders().trim().split(/\r\n/).filter(l => l).map(l => l.split(":")[0].trim().toLowerCase())});
    x.onerror = () => reject(new Error("XMLHttpRequest network error"));
    x.send(spec.body);
  });
}
`
