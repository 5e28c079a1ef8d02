// Dispatcher and admin actions on the map: place an incident, draw a closure polygon.
import { request, errorText } from './api.js';
import { terms } from './format.js';

const $ = (id) => document.getElementById(id);

export function toast(text, bad = false) {
  const t = $('toast');
  t.textContent = text;
  t.className = bad ? 'bad' : '';
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, 4000);
}

export function setUpActions(map, role) {
  const canDispatch = role === 'dispatcher' || role === 'admin';
  $('new-incident').hidden = !canDispatch;
  document.body.classList.toggle('may-dispatch', canDispatch);
  $('share-stock').hidden = !canDispatch;
  $('share-stock').addEventListener('click', async () => {
    if (!window.confirm('物资与避难场所按轻重重新分配? Share stock and shelter places among all open incidents, most severe first?')) return;
    const reply = await request('POST', '/api/event/share', {});
    if (!reply.ok) toast(`未分配 Not shared: ${errorText(reply)}`, true);
    else toast('已按轻重分配 Shared, most severe first');
  });
  // A pre-emption the plan proposes, confirmed by the officer (the panels redraw, so listen here).
  document.addEventListener('click', async (e) => {
    const b = e.target.closest && e.target.closest('button.preempt');
    if (!b || !canDispatch) return;
    const { incident, team, capability } = b.dataset;
    if (!window.confirm(`抽调 Take ${team} for ${incident}? Its own incident is re-planned.`)) return;
    b.disabled = true;
    const reply = await request('POST', `/api/incidents/${encodeURIComponent(incident)}/preempt`, { team, capability });
    b.disabled = false;
    if (!reply.ok) toast(`未抽调 Not taken: ${errorText(reply)}`, true);
    else toast(`已抽调 Taken ${team} → ${incident}`);
  });
  $('draw-closure').hidden = role !== 'admin';
  let mode = null, placed = null, vertices = [], sketch = null;

  const fill = (select, kind, initial) => {
    select.innerHTML = terms(kind).map((t) => `<option value="${t.en}">${t.zh} ${t.en}</option>`).join('');
    select.value = initial;
  };
  fill($('incident-form').elements.type, 'incident_type', 'fire');
  fill($('incident-form').elements.severity, 'severity', 'general');

  const setMode = (next, hint) => {
    mode = next;
    document.body.classList.toggle('placing', mode === 'incident');
    document.body.classList.toggle('drawing', mode === 'closure');
    $('hint').hidden = !mode; $('hint').textContent = hint || '';
    $('cancel-mode').hidden = !mode;
    $('finish-closure').hidden = mode !== 'closure';
    if (mode !== 'closure' && sketch) { sketch.remove(); sketch = null; vertices = []; }
  };

  $('new-incident').addEventListener('click', () => setMode('incident', '在地图上点击事发地点 Click the incident location'));
  $('draw-closure').addEventListener('click', () => {
    setMode('closure', '依次点击封控区顶点 Click the closure corners');
    vertices = [];
    sketch = L.polygon([], { color: '#ff1744', dashArray: '6 4', pane: 'zones' }).addTo(map);
  });
  $('cancel-mode').addEventListener('click', () => setMode(null));

  map.on('click', (e) => {
    if (mode === 'incident') {
      placed = e.latlng;
      setMode(null);
      $('incident-at').textContent = `位置 Location ${placed.lng.toFixed(5)}, ${placed.lat.toFixed(5)}`;
      $('incident-error').textContent = '';
      $('incident-dialog').hidden = false;
      $('incident-form').elements.type.focus();
    } else if (mode === 'closure') {
      vertices.push(e.latlng);
      sketch.setLatLngs(vertices);
      $('hint').textContent = `已有 ${vertices.length} 个顶点 corners · 完成 Finish`;
    }
  });

  $('incident-cancel').addEventListener('click', () => { $('incident-dialog').hidden = true; });
  $('incident-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = e.target.elements;
    const body = { type: f.type.value, severity: f.severity.value, location: { lon: placed.lng, lat: placed.lat },
      address: f.address.value || undefined, description: f.description.value || undefined, drill: f.drill.checked };
    f[f.length - 1].disabled = true;
    const reply = await request('POST', '/api/incidents', body);
    f[f.length - 1].disabled = false;
    if (!reply.ok) { $('incident-error').textContent = `未提交 Not submitted: ${errorText(reply)}`; return; }
    $('incident-dialog').hidden = true;
    e.target.reset(); f.type.value = 'fire'; f.severity.value = 'general';
    toast(`已提交 Submitted ${reply.data.result.entity.id}`);
  });

  $('finish-closure').addEventListener('click', () => {
    if (vertices.length < 3) { toast('至少三个顶点 At least three corners', true); return; }
    $('closure-info').textContent = `${vertices.length} 个顶点 corners`;
    $('closure-error').textContent = '';
    $('closure-dialog').hidden = false;
  });
  $('closure-cancel').addEventListener('click', () => { $('closure-dialog').hidden = true; setMode(null); });
  $('closure-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const ring = vertices.map((p) => [p.lng, p.lat]);
    ring.push(ring[0]);
    const reply = await request('POST', '/api/closures',
      { reason: e.target.elements.reason.value, geometry: { type: 'Polygon', coordinates: [ring] } });
    if (!reply.ok) { $('closure-error').textContent = `未提交 Not submitted: ${errorText(reply)}`; return; }
    $('closure-dialog').hidden = true;
    e.target.reset();
    setMode(null);
    toast(`封控已生效 Closure ${reply.data.result.entity.id} in force`);
  });
}
