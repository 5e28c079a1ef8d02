// The side panel mirroring the map (incidents with their plans, teams by status), the layer
// toggles and the legend.
import { teamStatusColour, riskColour, drillColour, label, zh, terms, minutes, clock, escapeHtml } from './format.js';

export const layerNames = [
  ['incidents', '事件 Incidents'], ['plans', '调派方案 Plans'], ['teams', '救援队伍 Teams'],
  ['shelters', '避难场所 Shelters'], ['depots', '物资储备 Depots'], ['risks', '风险点 Risk points'],
  ['closures', '封控 Closures'], ['roads', '道路 Roads'], ['duty', '辖区 First-due areas'], ['areas', '行政区划 Areas'],
];

export function drawLayerToggles(map, groups) {
  const box = document.getElementById('layer-toggles');
  for (const [key, name] of layerNames) {
    const row = document.createElement('label');
    row.innerHTML = `<input type="checkbox" checked data-layer="${key}"> ${name}`;
    row.querySelector('input').addEventListener('change', (e) => {
      if (e.target.checked) groups[key].addTo(map); else groups[key].remove();
    });
    box.appendChild(row);
  }
}

export function drawLegend() {
  const row = (swatch, text) => `<span class="legend-row">${swatch}${text}</span>`;
  const dot = (c, cls = '') => `<span class="sw ${cls}" style="background:${c}"></span>`;
  const teams = terms('team_status').map((t) => row(dot(teamStatusColour[t.en], 'square'), `${t.zh} ${t.en}`)).join('');
  const risks = terms('risk_level').map((t) => row(dot(riskColour[t.en]), `${t.zh} ${t.en}`)).join('');
  document.getElementById('legend-body').innerHTML = `
    <div class="legend-group"><div class="legend-title">救援队伍状态 Team status</div><div class="legend-items">${teams}</div></div>
    <div class="legend-group"><div class="legend-title">风险点四色分级 Risk level</div><div class="legend-items">${risks}</div></div>
    <div class="legend-group"><div class="legend-title">资源与方案 Resources &amp; plans</div><div class="legend-items">
      ${row('<span class="sw" style="background:#2e7d32;border:2px solid #b9f6ca;width:14px;height:14px"></span>', '避难场所 Shelter (大小=空余 size = free places)')}
      ${row('<span class="sw square" style="background:#c8a27a;transform:rotate(45deg)"></span>', '物资储备 Depot')}
      ${row(dot('#ffd166', 'line'), '队伍路线 Team route + ETA')}
      ${row('<span class="sw zone" style="border-color:#ff5252"></span>', '疏散区 Evacuation')}
      ${row('<span class="sw zone" style="border-color:#ffd166"></span>', '预警区 Warning')}
      ${row(dot('#69f0ae', 'line'), '避难安置 Shelter assignment')}
      ${row('<span class="sw square" style="background:#ff174466;border:2px dashed #ff1744"></span>', '封控 Closure')}
      ${row('<span class="sw square" style="background:transparent;border:2px dashed #a5d6a7"></span>', '辖区 First-due area')}
      ${row(dot(drillColour), '演练 Drill (非真实 not live)')}
    </div></div>`;
}

const statusOrder = ['on_scene', 'dispatched', 'returning', 'available', 'off_duty'];

export function drawPanels(live, map) {
  const teams = live.list('team.');
  const counts = Object.fromEntries(statusOrder.map((s) => [s, 0]));
  for (const t of teams) counts[t.status] = (counts[t.status] || 0) + 1;
  document.getElementById('summary').innerHTML = statusOrder.map((s) =>
    `<div class="stat" style="border-color:${teamStatusColour[s]}"><b>${counts[s]}</b><span>${zh('team_status', s)}<br>${s.replace('_', ' ')}</span></div>`).join('');

  const incidents = live.list('incident.').sort((a, b) =>
    (a.status === 'closed') - (b.status === 'closed') || (b.created_at || 0) - (a.created_at || 0));
  const open = incidents.filter((i) => i.status !== 'closed');
  document.getElementById('incident-count').textContent = `${open.length} / ${incidents.length}`;
  document.getElementById('drill-banner').hidden = !open.some((i) => live.isDrill('incident', i));
  const list = document.getElementById('incident-list');
  list.innerHTML = incidents.map((i) => incidentCard(live, i)).join('');
  for (const li of list.querySelectorAll('li.incident')) {
    li.addEventListener('click', () => {
      const i = live.entities.get('incident.' + li.dataset.id);
      if (i) map.flyTo([i.location.lat, i.location.lon], Math.max(map.getZoom(), 15), { duration: 0.6 });
    });
  }

  teams.sort((a, b) => statusOrder.indexOf(a.status) - statusOrder.indexOf(b.status) || a.id.localeCompare(b.id));
  document.getElementById('team-count').textContent = String(teams.length);
  document.getElementById('team-list').innerHTML = teams.map((t) =>
    `<li class="team" data-team="${escapeHtml(t.id)}"><span class="sw square" style="background:${teamStatusColour[t.status]}"></span>` +
    `<span class="name">${escapeHtml(t.name)}</span><span class="st">${label('team_status', t.status)}` +
    `${t.incident ? ' → ' + escapeHtml(t.incident) : ''}</span></li>`).join('');
}

function incidentCard(live, i) {
  const drill = live.isDrill('incident', i);
  const plan = live.planOf(i.id);
  let body = '';
  if (plan && plan.error) body = `<div class="shortfall">方案失败 Plan failed: ${escapeHtml(plan.error)}</div>`;
  else if (plan) {
    const assigned = (plan.teams && plan.teams.assigned) || [];
    body += '<div class="teams">' + assigned.map((a) =>
      `<div><span>${escapeHtml(a.team_name)}</span><span>ETA ${minutes(a.eta_s)}</span></div>` +
      (a.filled_by === 'substitute'
        ? `<div class="substitute" title="${escapeHtml(a.substitute_note || '')}">替代 substitute for ` +
          `${label('capability', a.capability)} by ${label('capability', a.substitute_by)}: ` +
          `${escapeHtml(a.substitute_note || '')}</div>`
        : '') +
      (a.filled_by === 'first_due'
        ? `<div class="first-due">辖区 first-due: ${escapeHtml(a.first_due_area_id || '')}</div>` : '') +
      (a.filled_by === 'preempted'
        ? `<div class="preempted">抽调 pre-empted from ${escapeHtml(a.preempted_from || '')}</div>` : '') +
      (a.re_tasked
        ? `<div class="re-tasked">改派 re-tasked from where it is` +
          (a.re_tasked_from ? ` (returning from ${escapeHtml(a.re_tasked_from)})` : '') + '</div>' : '')).join('') + '</div>';
    for (const f of (plan.teams && plan.teams.first_due) || [])
      if (!f.sent) body += `<div class="first-due">辖区 ${escapeHtml(f.team_name)} not sent: ${escapeHtml(f.note)}</div>`;
    for (const s of (plan.teams && plan.teams.shortfall) || [])
      body += `<div class="shortfall">缺 Short: ${label('capability', s.capability)} × ${s.missing}</div>`;
    for (const o of (plan.teams && plan.teams.preemption) || [])
      body += `<div class="preempt-option">可抽调 May take for ${label('capability', o.capability)}: ` +
        `${escapeHtml(o.team_name)} from ${escapeHtml(o.from_incident)} (${label('severity', o.from_severity)}), ` +
        `ETA ${minutes(o.eta_s)}${o.substitute_by ? ` as 替代 ${label('capability', o.substitute_by)}` : ''} ` +
        `<button class="preempt" data-incident="${escapeHtml(i.id)}" data-team="${escapeHtml(o.team_id)}" ` +
        `data-capability="${escapeHtml((o.capability && o.capability.en) || '')}">确认抽调 Take</button></div>`;
    const evac = plan.evacuation;
    if (evac) {
      const shelters = new Set((evac.allocations || []).map((a) => a.shelter_id)).size;
      body += `<div class="meta">疏散 Evacuate ${evac.people}人 → ${shelters}处避难场所 shelters` +
        (evac.unplaced_total ? ` · <span class="shortfall">未安置 unplaced ${evac.unplaced_total}</span>` : '') + '</div>';
    }
    for (const g of plan.gave_up || []) {
      const what = g.kind === 'team' ? `${escapeHtml(g.team_id)} (${label('capability', g.capability)})`
        : g.kind === 'material' ? `${escapeHtml(String(g.quantity))} ${escapeHtml(g.unit)} ${label('material', g.material)}`
          : `安置位 shelter places × ${escapeHtml(String(g.quantity))}`;
      const instead = g.kind !== 'team' ? '' : g.instead ? `; ${escapeHtml(g.instead)} 替补 instead` : '; 缺 slot short';
      body += `<div class="gave-up">让出 Gave up ${what} → ${(g.to || []).map(escapeHtml).join(', ')}${instead}</div>`;
    }
    for (const r of plan.mutual_aid || []) {
      const needs = (r.needs || []).map((n) => `${escapeHtml(String(n.missing))} ${escapeHtml(n.unit)} ` +
        (n.kind === 'team' ? label('capability', n.capability)
          : n.kind === 'material' ? label('material', n.material) : '安置位 shelter places')).join('; ');
      body += `<div class="mutual-aid">增援请求 Mutual aid → ${r.to ? escapeHtml(r.to) : '(no contact)'}` +
        `${r.contact ? ' (' + escapeHtml(r.contact) + ')' : ''}: ${needs}</div>`;
    }
    const picks = (plan.materials && plan.materials.picks) || [];
    if (picks.length) body += `<div class="meta">物资 Materials: ${picks.length}项 picks, ${minutes(plan.materials.ready_eta_s)}</div>`;
  } else if (i.status !== 'closed') body = '<div class="meta">方案计算中 planning…</div>';
  return `<li class="incident${drill ? ' drill' : ''}${i.status === 'closed' ? ' closed' : ''}" data-id="${escapeHtml(i.id)}" data-drill="${drill}">
    <div class="head"><span>${label('incident_type', i.type)}</span>
      <span><span class="badge sev-${escapeHtml(i.severity)}">${zh('severity', i.severity)}</span>
      ${drill ? '<span class="badge drill">演练 DRILL</span>' : '<span class="badge live">实战 LIVE</span>'}</span></div>
    <div class="meta">${escapeHtml(i.id)} · ${clock(i.created_at)} · ${i.status === 'closed' ? '已结案 closed' : '处置中 open'}
      ${i.address ? ' · ' + escapeHtml(i.address) : ''}</div>${body}</li>`;
}
