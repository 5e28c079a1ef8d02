// The console: log in, draw the district, follow the live stream.
import { request, errorText, openStream } from './api.js';
import { setVocabulary } from './format.js';
import { drawDistrict } from './district.js';
import { LivePicture } from './live.js';
import { drawLayerToggles, drawLegend, drawPanels } from './panels.js';
import { setUpActions, toast } from './actions.js';

const $ = (id) => document.getElementById(id);
const consoleApi = { ready: false, lastUpdateAt: 0 };
window.erdeConsole = consoleApi;

function showLink(up, seq) {
  $('link-state').className = up ? 'link-up' : 'link-down';
  $('link-state').textContent = up ? '● 实时 LIVE' : '● 中断 OFFLINE';
  if (seq != null) $('seq').textContent = `seq ${seq}`;
}

async function start(me) {
  $('login').hidden = true;
  $('who').textContent = `${me.name} · ${{ viewer: '查看 viewer', dispatcher: '调度 dispatcher', admin: '管理 admin' }[me.role]}`;
  $('logout').hidden = false;
  const [vocabulary, district] = await Promise.all([request('GET', '/api/vocabulary'), request('GET', '/api/district')]);
  setVocabulary(vocabulary.data);

  const map = L.map('map', { zoomControl: true, preferCanvas: false, attributionControl: false });
  const panes = { areas: 350, roads: 360, zones: 380, routes: 420, shelters: 600, depots: 605, risks: 610, teams: 640, incidents: 650, labels: 660 };
  for (const [name, z] of Object.entries(panes)) map.createPane(name).style.zIndex = z;
  map.getPane('labels').style.pointerEvents = 'none';
  L.control.scale({ imperial: false }).addTo(map);
  const groups = {};
  for (const key of ['areas', 'duty', 'roads', 'risks', 'shelters', 'depots', 'closures', 'plans', 'teams', 'incidents'])
    groups[key] = L.layerGroup().addTo(map);
  drawDistrict(map, groups, district.data);
  drawLayerToggles(map, groups);
  drawLegend();

  const live = new LivePicture(map, groups, () => drawPanels(live, map));
  Object.assign(consoleApi, { map, live });
  setUpActions(map, me.role);
  openStream({
    state: (s) => { live.reset(s); showLink(s.connected, s.seq); consoleApi.ready = true; },
    update: (u) => { const r = live.apply(u); showLink(true, live.seq); consoleApi.lastUpdateAt = Date.now(); return r; },
    heartbeat: (h) => showLink(true, h.seq),
    status: (s) => showLink(s.connected, s.seq),
    down: () => showLink(false),
  });
}

$('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = e.target.elements;
  const reply = await request('POST', '/api/login', { name: f.name.value, password: f.password.value });
  if (!reply.ok) { $('login-error').textContent = `登录失败 ${errorText(reply)}`; return; }
  start(reply.data).catch((err) => toast(String(err), true));
});
$('logout').addEventListener('click', async () => { await request('POST', '/api/logout'); location.reload(); });
setInterval(() => { $('clock').textContent = new Date().toLocaleTimeString('zh-CN', { hour12: false }); }, 1000);

request('GET', '/api/me').then((me) => { if (me.ok) start(me.data); });
