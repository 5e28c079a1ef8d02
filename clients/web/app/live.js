// The live picture from the service: teams, shelters, depots, incidents with their plans,
// closures. Keeps the replica the gateway streams (topic → entity) and draws each change.
import { teamStatusColour, routeColours, drillColour, label, zh, en, minutes, clock, escapeHtml } from './format.js';

const ll = (p) => [p.lat, p.lon];
const coords = (c) => [c[1], c[0]];

export class LivePicture {
  constructor(map, groups, onChange) {
    this.map = map;
    this.groups = groups;
    this.onChange = onChange;  // called after every change: the panels redraw
    this.entities = new Map();
    this.seq = 0;
    this.markers = new Map();  // topic → layer
    this.plans = new Map();    // incident id → layer group
    this.depotLayers = [];
    this.incidentColour = new Map();
  }

  isDrill(topic, body) {
    if (topic.startsWith('drill.') || (body && (body.drill === true || body._drill === true || body.drill_id != null)))
      return true;
    if (topic.startsWith('plan.')) return this.isDrill('incident', this.entities.get('incident.' + topic.slice(5)));
    return false;
  }

  reset(state) {
    for (const layer of this.markers.values()) layer.remove();
    for (const group of this.plans.values()) group.remove();
    for (const layer of this.depotLayers) layer.remove();
    this.markers.clear(); this.plans.clear(); this.depotLayers = [];
    this.entities = new Map(Object.entries(state.entities));
    this.seq = state.seq;
    for (const d of state.depots || []) this.drawDepot(d);
    for (const [topic, body] of this.entities) this.draw(topic, body);
    this.onChange();
  }

  // Returns 'gap' when updates were missed (the caller reopens the stream).
  apply(update) {
    if (update.seq <= this.seq) return 'stale';
    if (update.seq !== this.seq + 1) return 'gap';
    this.seq = update.seq;
    const body = update.body;
    if (update.drill && body && typeof body === 'object') body._drill = true;
    if (body && body.removed) this.entities.delete(update.topic);
    else this.entities.set(update.topic, body);
    this.draw(update.topic, body && body.removed ? null : body);
    this.onChange(update);
    return 'applied';
  }

  draw(topic, body) {
    const dot = topic.indexOf('.');
    const kind = topic.slice(0, dot), id = topic.slice(dot + 1);
    if (kind === 'team') this.drawTeam(topic, body);
    else if (kind === 'shelter') this.drawShelter(topic, body);
    else if (kind === 'closure') this.drawClosure(topic, body);
    else if (kind === 'incident') { this.drawIncident(topic, body); this.drawPlan(id); }
    else if (kind === 'plan') this.drawPlan(id);
  }

  replace(topic, layer, group) {
    const old = this.markers.get(topic);
    if (old) old.remove();
    if (layer) { layer.addTo(group); this.markers.set(topic, layer); } else this.markers.delete(topic);
  }

  drawTeam(topic, t) {
    if (!t) return this.replace(topic, null);
    const at = t.position || t.base;
    const colour = teamStatusColour[t.status] || '#999';
    const drill = this.isDrill(topic, t);
    const existing = this.markers.get(topic);
    const icon = L.divIcon({
      className: '', iconSize: [16, 16], iconAnchor: [8, 8],
      html: `<div class="team-icon${drill ? ' drill' : ''}" data-team="${escapeHtml(t.id)}" data-status="${t.status}" ` +
        `data-lonlat="${at.lon.toFixed(6)},${at.lat.toFixed(6)}" style="width:16px;height:16px;background:${colour}"></div>`,
    });
    const tip = `<b>${escapeHtml(t.name)}</b><br>${label('team_kind', t.kind)}<br>${label('team_status', t.status)}` +
      (t.incident ? ` → ${escapeHtml(t.incident)}` : '') + `<br>${t.headcount}人 people`;
    if (existing) {
      existing.setLatLng(ll(at)).setIcon(icon).setTooltipContent(tip);
      return;
    }
    this.replace(topic, L.marker(ll(at), { icon, pane: 'teams', zIndexOffset: 500 }).bindTooltip(tip), this.groups.teams);
  }

  drawShelter(topic, s) {
    if (!s) return this.replace(topic, null);
    const free = s.free_places ?? s.capacity;
    const radius = Math.max(4, Math.min(24, 3 + Math.sqrt(Math.max(0, free)) / 4));
    const used = s.capacity > 0 ? 1 - free / s.capacity : 0;
    const layer = L.circleMarker(ll(s.location), {
      pane: 'shelters', radius, weight: 2, color: used > 0 ? '#ffee58' : '#b9f6ca',
      fillColor: '#2e7d32', fillOpacity: 0.55, className: 'shelter',
    }).bindTooltip(`<b>${escapeHtml(s.name)}</b><br>${label('shelter_setting', s.setting)} · ${label('shelter_type', s.type)}` +
      `<br>空余 Free ${free.toLocaleString()} / ${s.capacity.toLocaleString()} 人 people` +
      (s.placed ? `<br>已安置 Placed ${s.placed}` : ''));
    this.replace(topic, layer, this.groups.shelters);
  }

  drawDepot(d) {
    const icon = L.divIcon({ className: '', iconSize: [12, 12], iconAnchor: [6, 6],
      html: '<div class="depot-icon" style="width:12px;height:12px"></div>' });
    const stock = (d.stock || []).slice(0, 8).map((s) => `${zh('material', s.material)} ${s.quantity}${s.unit}`).join('、');
    const layer = L.marker(ll(d.location), { icon, pane: 'depots' })
      .bindTooltip(`<b>${escapeHtml(d.name)}</b><br>${label('depot_kind', d.kind)}<br>${escapeHtml(stock)}`)
      .addTo(this.groups.depots);
    this.depotLayers.push(layer);
  }

  drawClosure(topic, c) {
    if (!c) return this.replace(topic, null);
    const style = { pane: 'zones', color: '#ff1744', weight: 3, fillColor: '#ff1744', fillOpacity: 0.28,
      dashArray: '8 5', className: 'closure' };
    let layer;
    if (c.geometry.type === 'Point') layer = L.circle(coords(c.geometry.coordinates), { ...style, radius: c.radius_m || 25 });
    else layer = L.geoJSON(c.geometry, { style: () => style, pane: 'zones' });
    layer.bindTooltip(`<b>封控 Closure ${escapeHtml(c.id)}</b><br>${escapeHtml(c.reason)}<br>${clock(c.created_at)} · ${escapeHtml(c.by)}`);
    this.replace(topic, layer, this.groups.closures);
  }

  colourOf(id) {
    if (!this.incidentColour.has(id)) this.incidentColour.set(id, routeColours[this.incidentColour.size % routeColours.length]);
    return this.incidentColour.get(id);
  }

  drawIncident(topic, i) {
    if (!i) return this.replace(topic, null);
    const drill = this.isDrill(topic, i);
    const closed = i.status === 'closed';
    const tag = `${drill ? '演练 DRILL · ' : ''}${zh('incident_type', i.type)} ${zh('severity', i.severity)}`;
    const icon = L.divIcon({
      className: '', iconSize: [34, 34], iconAnchor: [17, 17],
      html: `<div class="incident-icon${drill ? ' drill' : ''}${closed ? ' closed' : ''}" data-incident="${escapeHtml(i.id)}">` +
        `<div class="ring"></div><div class="core"></div><span class="incident-tag">${escapeHtml(tag)}</span></div>`,
    });
    const layer = L.marker([i.location.lat, i.location.lon], { icon, pane: 'incidents', zIndexOffset: 1000 })
      .bindPopup(() => this.incidentPopup(i));
    this.replace(topic, layer, this.groups.incidents);
  }

  incidentPopup(i) {
    return `<b>${escapeHtml(i.id)}</b> ${this.isDrill('incident', i) ? '<span class="badge drill">演练 DRILL</span>' : ''}<br>` +
      `${label('incident_type', i.type)} · ${label('severity', i.severity)}<br>${escapeHtml(i.address || '')}` +
      `<br>${clock(i.created_at)} · ${escapeHtml(i.submitted_by || '')} · ${i.status}`;
  }

  planOf(id) {
    const incident = this.entities.get('incident.' + id);
    if (!incident || incident.status === 'closed') return null;
    return this.entities.get('plan.' + id) || null;
  }

  drawPlan(id) {
    const old = this.plans.get(id);
    if (old) { old.remove(); this.plans.delete(id); }
    const plan = this.planOf(id);
    if (!plan || plan.error) return;
    const drill = this.isDrill('incident', this.entities.get('incident.' + id));
    const colour = drill ? drillColour : this.colourOf(id);
    const group = L.layerGroup();
    const warn = plan.warnings && plan.warnings.zone;
    if (warn) L.geoJSON(warn, { pane: 'zones', style: () => ({ color: '#ffd166', weight: 1.5, dashArray: '4 6', fill: false, className: 'warning-zone' }) }).addTo(group);
    const evac = plan.evacuation;
    if (evac && evac.zone) {
      L.geoJSON(evac.zone, { pane: 'zones', style: () => ({ color: '#ff5252', weight: 2, dashArray: '10 6', fillColor: '#ff5252', fillOpacity: 0.12, className: 'evac-zone' }) })
        .bindTooltip(`疏散区 Evacuation zone · ${evac.people}人 people`).addTo(group);
      const gather = new Map((evac.areas || []).map((a) => [a.area_id + (a.remainder ? '*' : ''), a.gather_point]));
      for (const a of evac.allocations || []) {
        const from = gather.get(a.area_id + (a.remainder ? '*' : ''));
        const shelter = this.entities.get('shelter.' + a.shelter_id);
        if (!from || !shelter) continue;
        L.polyline([coords(from.coordinates), ll(shelter.location)], {
          pane: 'routes', color: '#69f0ae', weight: 2, dashArray: '2 6', className: 'shelter-assignment',
        }).bindTooltip(`${escapeHtml(a.area_name)} → ${escapeHtml(a.shelter_name)}: ${a.people}人 · 步行 walk ${minutes(a.walk_s)}`).addTo(group);
      }
    }
    for (const a of (plan.teams && plan.teams.assigned) || []) {
      if (!a.route || !a.route.coordinates || a.route.coordinates.length < 2) continue;
      const line = a.route.coordinates.map(coords);
      L.polyline(line, { pane: 'routes', color: '#0a141d', weight: 8, opacity: 0.7, interactive: false }).addTo(group);
      L.polyline(line, { pane: 'routes', color: colour, weight: 4.5, dashArray: drill ? '10 8' : null, className: 'plan-route' })
        .bindTooltip(`${escapeHtml(a.team_name)} · ${label('capability', a.capability)} · ETA ${minutes(a.eta_s)}`)
        .addTo(group);
      L.tooltip({ permanent: true, direction: 'right', className: 'eta-label', pane: 'labels', offset: [8, 0] })
        .setLatLng(line[0]).setContent(`${escapeHtml(a.team_name)} ${minutes(a.eta_s)}`).addTo(group);
    }
    group.addTo(this.groups.plans);
    this.plans.set(id, group);
  }

  // Lists for the panels.
  list(prefix) {
    const out = [];
    for (const [topic, body] of this.entities) if (topic.startsWith(prefix)) out.push(body);
    return out;
  }
}
