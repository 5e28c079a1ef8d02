// The gateway's HTTP API: JSON requests and the live event stream.
export async function request(method, path, body) {
  const options = { method, headers: {}, credentials: 'same-origin' };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  let data = null;
  try { data = await response.json(); } catch { /* empty body */ }
  return { status: response.status, ok: response.ok, data };
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
