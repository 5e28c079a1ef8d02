// The district's fixed layers from the engine's data: administrative areas, first-due areas,
// roads, risk points.
import { riskColour, label, escapeHtml } from './format.js';

const roadStyle = {
  motorway: [5, '#8fa9bf'], trunk: [5, '#8fa9bf'], primary: [4, '#7893aa'], secondary: [3.2, '#647f96'],
  tertiary: [2.6, '#56718a'], unclassified: [1.8, '#445d73'], residential: [1.6, '#3e566b'],
  living_street: [1.4, '#3a5063'], service: [1, '#33475a'],
};

export function drawDistrict(map, groups, district) {
  const areaRenderer = L.canvas({ pane: 'areas' });
  const roadRenderer = L.canvas({ pane: 'roads' });
  L.geoJSON(district.areas, {
    renderer: areaRenderer,
    style: (f) => {
      const level = f.properties.level.en;
      const coarse = level === 'district' || level === 'street';
      return {
        color: level === 'district' ? '#5fb0e8' : coarse ? '#3b7fb0' : '#2a4a63',
        weight: level === 'district' ? 3 : coarse ? 2 : 0.8, opacity: 0.9,
        fillColor: '#1b3a52', fillOpacity: coarse ? 0.10 : 0.04, dashArray: coarse ? null : '3 4',
      };
    },
    onEachFeature: (f, layer) => {
      const p = f.properties;
      layer.bindPopup(`<b>${escapeHtml(p.name)}</b><br>${label('area_level', p.level)}` +
        (p.population != null ? `<br>人口 Population ${p.population.toLocaleString()}` : ''));
      if (p.level.en === 'street' && p.label_at) {
        L.tooltip({ permanent: true, direction: 'center', className: 'area-label', pane: 'labels' })
          .setLatLng([p.label_at[1], p.label_at[0]]).setContent(escapeHtml(p.name)).addTo(groups.areas);
      }
    },
  }).addTo(groups.areas);

  // First-due areas (辖区), as SVG so each can be picked: whose team goes first there.
  L.geoJSON(district.responsibility_areas || { type: 'FeatureCollection', features: [] }, {
    pane: 'areas',
    style: () => ({ color: '#a5d6a7', weight: 1.5, opacity: 0.8, dashArray: '8 6', fill: false, className: 'duty-area' }),
    onEachFeature: (f, layer) => {
      const p = f.properties;
      layer.bindPopup(`<b>辖区 ${escapeHtml(p.name)}</b> [${escapeHtml(p.id)}]<br>首出 First due: ` +
        `${escapeHtml(p.team_name || '')} [${escapeHtml(p.team_id)}]`);
    },
  }).addTo(groups.duty);

  L.geoJSON(district.roads, {
    renderer: roadRenderer, interactive: false,
    style: (f) => {
      const [weight, color] = roadStyle[f.properties.class] || [0.8, '#2b3d4d'];
      return { weight, color, opacity: 0.95 };
    },
  }).addTo(groups.roads);

  for (const f of district.risk_points.features) {
    const p = f.properties;
    const [lon, lat] = f.geometry.coordinates;
    const colour = riskColour[p.level.en] || '#999';
    L.circleMarker([lat, lon], {
      pane: 'risks', radius: p.level.en === 'red' || p.level.en === 'orange' ? 7 : 5, color: '#0a141d', weight: 1.5,
      fillColor: colour, fillOpacity: 0.95, className: `risk-point risk-${p.level.en}`,
    }).bindPopup(`<b>${escapeHtml(p.name)}</b><br>${label('risk_kind', p.kind)} · ${label('risk_level', p.level)}` +
      `<br>责任单位 Responsible: ${escapeHtml(p.responsible_unit)}` +
      (p.hazard_factors ? `<br>危险因素 Hazards: ${escapeHtml(p.hazard_factors)}` : ''))
      .addTo(groups.risks);
  }
  if (district.bbox) {
    const [w, s, e, n] = district.bbox;
    map.fitBounds([[s, w], [n, e]], { padding: [10, 10] });
  }
}
