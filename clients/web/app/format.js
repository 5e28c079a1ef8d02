// Colours, bilingual labels and number formats shared by the map and the panels.
export const teamStatusColour = {
  available: '#43a047', dispatched: '#ff9800', on_scene: '#e53935', returning: '#42a5f5', off_duty: '#78909c',
};
export const riskColour = { red: '#e53935', orange: '#fb8c00', yellow: '#fdd835', blue: '#1e88e5' };
export const routeColours = ['#ffd166', '#06d6a0', '#ff70a6', '#70d6ff', '#ff9770', '#c0fdff', '#e9ff70'];
export const drillColour = '#c77dff';

let vocabulary = {};
export function setVocabulary(v) { vocabulary = v || {}; }
export function terms(kind) { return vocabulary[kind] || []; }

// A term as "中文 English". Accepts {en, zh} objects or plain English names.
export function label(kind, value) {
  if (value && typeof value === 'object') return `${value.zh} ${value.en}`;
  const t = terms(kind).find((e) => e.en === value);
  return t ? `${t.zh} ${t.en}` : String(value ?? '');
}
export function zh(kind, value) {
  if (value && typeof value === 'object') return value.zh;
  const t = terms(kind).find((e) => e.en === value);
  return t ? t.zh : String(value ?? '');
}
export function en(value) { return value && typeof value === 'object' ? value.en : value; }

export function minutes(seconds) {
  if (seconds == null || !isFinite(seconds)) return '–';
  const m = Math.floor(seconds / 60), s = Math.round(seconds % 60);
  return m > 0 ? `${m}分${String(s).padStart(2, '0')}秒` : `${s}秒`;
}
export function clock(ms) {
  return ms ? new Date(ms).toLocaleTimeString('zh-CN', { hour12: false }) : '';
}
export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}
