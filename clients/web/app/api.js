// The gateway's HTTP API: JSON requests and the live event stream.

// 32 random hex digits (crypto.getRandomValues works on plain-HTTP pages too).
function newIdempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// A POST carries an Idempotency-Key and is sent again with the same key when the service did
// not answer in time (504), so a command is carried out at most once however often it is sent.
export async function request(method, path, body) {
  const options = { method, headers: {}, credentials: 'same-origin' };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  if (method === 'POST') options.headers['Idempotency-Key'] = newIdempotencyKey();
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(path, options);
    let data = null;
    try { data = await response.json(); } catch { /* empty body */ }
    if (response.status !== 504 || method !== 'POST' || attempt === 3) {
      return { status: response.status, ok: response.ok, data };
    }
  }
}

export function errorText(reply) {
  const e = reply.data && reply.data.error;
  if (!e) return `HTTP ${reply.status}`;
  return `${e.message}${e.field ? ` (${e.field})` : ''}`;
}

// Opens the stream; `handlers` has state(json), update(json), heartbeat(json), status(json),
// down(). A gap in sequence numbers reopens it, which starts again from the whole state.
export function openStream(handlers) {
  let source;
  const open = () => {
    source = new EventSource('/api/events');
    source.addEventListener('state', (e) => handlers.state(JSON.parse(e.data)));
    source.addEventListener('update', (e) => {
      if (handlers.update(JSON.parse(e.data)) === 'gap') { source.close(); setTimeout(open, 100); }
    });
    source.addEventListener('heartbeat', (e) => handlers.heartbeat(JSON.parse(e.data)));
    source.addEventListener('status', (e) => handlers.status(JSON.parse(e.data)));
    source.onerror = () => handlers.down();
  };
  open();
  return { close: () => source.close() };
}
