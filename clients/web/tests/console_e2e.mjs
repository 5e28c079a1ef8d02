// End-to-end check of the map console in a real browser (run by tests/e2e/web_console.sh):
// Debian's chromium, headless, against a real erde-gateway and `erde serve`.
//
// env: ERDE_WEB_URL (gateway), ERDE_WEB_SCREENSHOT (png path), ERDE_CALL (JSON array: the
// command that sends one request to the service as a dispatcher; kind and args are appended),
// ERDE_WEB_USERS (JSON {viewer: [name, pw], dispatcher: [...], admin: [...]}).
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';

const url = process.env.ERDE_WEB_URL;
const shot = process.env.ERDE_WEB_SCREENSHOT;
const call = JSON.parse(process.env.ERDE_CALL);
const users = JSON.parse(process.env.ERDE_WEB_USERS);
const step = (text) => console.log(`web_console: ${text}`);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const pageErrors = [];
const offSite = [];

async function logIn(role) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.on('pageerror', (e) => pageErrors.push(`${role}: ${e.message}`));
  page.on('request', (r) => { if (!r.url().startsWith(url)) offSite.push(r.url()); });
  await page.goto(url);
  const [name, password] = users[role];
  await page.fill('#login-form input[name=name]', name);
  await page.fill('#login-form input[name=password]', password);
  await page.click('#login-form button[type=submit]');
  await page.waitForFunction(() => window.erdeConsole && window.erdeConsole.ready === true);
  return page;
}

// Clicks the map at a longitude/latitude, as a user would.
async function clickMap(page, lon, lat) {
  const p = await page.evaluate(([x, y]) => {
    const m = window.erdeConsole.map;
    const pt = m.latLngToContainerPoint([y, x]);
    const box = m.getContainer().getBoundingClientRect();
    return { x: box.left + pt.x, y: box.top + pt.y };
  }, [lon, lat]);
  await page.mouse.click(p.x, p.y);
}

async function submitIncident(page, { lon, lat, type, severity, address, drill }) {
  await page.click('#new-incident');
  await clickMap(page, lon, lat);
  await page.waitForSelector('#incident-dialog:not([hidden])');
  await page.selectOption('#incident-form select[name=type]', type);
  await page.selectOption('#incident-form select[name=severity]', severity);
  await page.fill('#incident-form input[name=address]', address);
  if (drill) await page.check('#incident-form input[name=drill]');
  const reply = page.waitForResponse((r) => r.url().endsWith('/api/incidents'));
  await page.click('#incident-form button[type=submit]');
  const response = await reply;
  assert.equal(response.status(), 200, `submit failed: ${await response.text()}`);
  return (await response.json()).result.entity.id;
}

// The HTTP API refuses bad input and missing rights clearly (no browser needed).
async function expectStatus(want, path, { body, type = 'application/json', cookie, key } = {}) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = type;
  if (cookie) headers.Cookie = cookie;
  if (key !== undefined) headers['Idempotency-Key'] = key;
  const r = await fetch(url + path, { method: body === undefined ? 'GET' : 'POST', headers, body, redirect: 'manual' });
  const text = await r.text();
  assert.equal(r.status, want, `${path} ${body ?? ''} gave ${r.status}: ${text}`);
  return { response: r, text };
}
async function checkApi() {
  await expectStatus(401, '/api/state');
  await expectStatus(401, '/api/events');
  await expectStatus(401, '/api/login', { body: JSON.stringify({ name: users.dispatcher[0], password: 'wrong' }) });
  await expectStatus(400, '/api/login', { body: '{"name": 1' });
  await expectStatus(400, '/api/login', { body: '[]' });
  await expectStatus(415, '/api/login', { body: '{}', type: 'text/plain' });
  await expectStatus(401, '/api/incidents', { body: '{"type":"fire"}' });
  const login = await expectStatus(200, '/api/login',
    { body: JSON.stringify({ name: users.dispatcher[0], password: users.dispatcher[1] }) });
  const cookie = login.response.headers.get('set-cookie').split(';')[0];
  const bad = await expectStatus(400, '/api/incidents', { cookie, body: '{"type":"fire","location":{"lon":113.28,"lat":123}}' });
  assert.match(bad.text, /out_of_range/);
  await expectStatus(400, '/api/incidents', { cookie, body: '{"type":"fire","location":{"lon":113.28,"lat":23.13},"priority":1}' });
  await expectStatus(403, '/api/closures', { cookie, body: '{"reason":"x","geometry":{"type":"Point","coordinates":[113.28,23.13]}}' });
  // The same Idempotency-Key twice: one incident, the retry answered with the first result.
  const once = '{"type":"fire","location":{"lon":113.2801,"lat":23.1301},"description":"retried"}';
  const first = JSON.parse((await expectStatus(200, '/api/incidents', { cookie, body: once, key: 'web-retry-1' })).text);
  const again = JSON.parse((await expectStatus(200, '/api/incidents', { cookie, body: once, key: 'web-retry-1' })).text);
  assert.equal(again.duplicate, true, JSON.stringify(again));
  assert.equal(again.result.entity.id, first.result.entity.id);
  await expectStatus(400, '/api/incidents', { cookie, body: once, key: 'has space' });
  await expectStatus(200, `/api/incidents/${encodeURIComponent(first.result.entity.id)}/close`, { cookie, body: '{}' });
  await expectStatus(200, '/api/logout', { cookie, body: '{}' });
  await expectStatus(401, '/api/me', { cookie });
  step('API: 401 without a session, 400/415 for bad bodies, 403 for a dispatcher drawing a closure');
}

const timer = setTimeout(() => { console.error('web_console: timed out'); process.exit(3); }, 150000);
try {
  await checkApi();
  // A dispatcher sees the district and the live resources.
  const duty = await logIn('dispatcher');
  const counts = await duty.evaluate(() => ({
    risks: document.querySelectorAll('path.risk-point').length,
    duty: document.querySelectorAll('path.duty-area').length,
    shelters: document.querySelectorAll('path.shelter').length,
    teams: document.querySelectorAll('.team-icon').length,
    canvases: document.querySelectorAll('.leaflet-pane canvas').length,
    legend: document.getElementById('legend').innerText,
    toggles: document.querySelectorAll('#layer-toggles input').length,
  }));
  step(`district drawn: ${counts.risks} risk points, ${counts.shelters} shelters, ${counts.teams} teams, ${counts.duty} first-due areas`);
  assert.ok(counts.risks > 0 && counts.shelters > 0 && counts.teams > 0 && counts.duty > 0 && counts.canvases >= 2, JSON.stringify(counts));
  assert.match(counts.legend, /红 red/);
  assert.match(counts.legend, /出动 dispatched/);
  assert.equal(counts.toggles, 10);

  // Submitting an incident through the UI draws its plan.
  const live = await submitIncident(duty, { lon: 113.27065, lat: 23.146217, type: 'hazchem_leak', severity: 'large', address: '加气站 test' });
  await duty.waitForSelector(`li.incident[data-id="${live}"] .teams div`);
  await duty.waitForFunction(() => document.querySelectorAll('path.plan-route').length > 0);
  const plan = await duty.evaluate((id) => {
    const p = window.erdeConsole.live.planOf(id);
    return { teams: p.teams.assigned.map((a) => a.team_id), evacuation: !!p.evacuation,
      routes: document.querySelectorAll('path.plan-route').length, zones: document.querySelectorAll('path.evac-zone').length,
      card: document.querySelector(`li.incident[data-id="${id}"]`).innerText };
  }, live);
  step(`incident ${live}: ${plan.teams.length} teams, ${plan.routes} routes drawn, evacuation ${plan.evacuation}`);
  const by = await duty.evaluate((id) => window.erdeConsole.live.entities.get('incident.' + id).submitted_by, live);
  assert.equal(by, `${users.dispatcher[0]}@gateway-dispatcher`, 'the service records the browser user through the relay key');
  assert.ok(plan.teams.length > 0);
  assert.ok(plan.routes >= 1);
  if (plan.evacuation) assert.ok(plan.zones >= 1, 'evacuation zone not drawn');
  assert.match(plan.card, /ETA/);
  assert.match(plan.card, /实战 LIVE/);

  // A team moves on the map when its position is updated at the service.
  const team = plan.teams[0];
  const before = await duty.getAttribute(`.team-icon[data-team="${team}"]`, 'data-lonlat');
  const [lon, lat] = before.split(',').map(Number);
  const target = [(lon + 113.27065) / 2, (lat + 23.146217) / 2].map((v) => v.toFixed(6));
  execFileSync(call[0], [...call.slice(1), 'team.position',
    JSON.stringify({ team, location: { lon: Number(target[0]), lat: Number(target[1]) } })], { stdio: 'pipe', timeout: 20000 });
  const replied = Date.now();
  await duty.waitForSelector(`.team-icon[data-team="${team}"][data-lonlat="${target.join(',')}"]`, { timeout: 5000 });
  const lag = Date.now() - replied;
  step(`team ${team} moved ${before} -> ${target.join(',')} on the map ${lag} ms after the service's reply`);
  assert.ok(lag < 1000, `the move took ${lag} ms to show`);

  // Drill traffic is marked as such, never as live.
  const drill = await submitIncident(duty, { lon: 113.276069, lat: 23.115387, type: 'waterlogging', severity: 'general', address: '演练 test', drill: true });
  await duty.waitForSelector(`li.incident.drill[data-id="${drill}"] .badge.drill`);
  await duty.waitForSelector(`.incident-icon.drill[data-incident="${drill}"]`);
  assert.ok(await duty.isVisible('#drill-banner'));
  assert.equal(await duty.$(`li.incident.drill[data-id="${live}"]`), null, 'the live incident is marked as a drill');
  assert.equal(await duty.$(`.incident-icon.drill[data-incident="${live}"]`), null);
  step(`drill incident ${drill} marked 演练 DRILL; ${live} stays live`);

  // An admin draws a closure polygon; the dispatcher's map shows it.
  const admin = await logIn('admin');
  await admin.click('#draw-closure');
  for (const [x, y] of [[113.284, 23.131], [113.288, 23.131], [113.288, 23.134], [113.284, 23.134]]) await clickMap(admin, x, y);
  await admin.click('#finish-closure');
  await admin.fill('#closure-form input[name=reason]', '道路积水 flooded road');
  await admin.click('#closure-form button[type=submit]');
  await duty.waitForSelector('path.closure');
  step('closure drawn by the admin appears on the dispatcher\'s map');
  await admin.context().close();

  // Pre-emption: four general fires take fire teams, a major fire is left short and is offered
  // their teams; the dispatcher takes one with the card's button and the general fire is re-planned.
  const send = (kind, args) => JSON.parse(execFileSync(call[0], [...call.slice(1), kind, JSON.stringify(args)],
    { stdio: 'pipe', timeout: 20000 }).toString());
  for (const [i, [x, y]] of [[113.2706, 23.1462], [113.2787, 23.1489], [113.3083, 23.1360], [113.2927, 23.1231]].entries())
    assert.ok(send('incident.submit', { id: `G-${i}`, type: 'fire', severity: 'general', location: { lon: x, lat: y } }).ok);
  assert.ok(send('incident.submit', { id: 'M-1', type: 'fire', severity: 'major', location: { lon: 113.2850, lat: 23.1400 } }).ok);
  await duty.waitForSelector('li.incident[data-id="M-1"] button.preempt');
  const offer = await duty.evaluate(() => {
    const p = window.erdeConsole.live.planOf('M-1');
    return { options: p.teams.preemption, card: document.querySelector('li.incident[data-id="M-1"]').innerText };
  });
  assert.ok(offer.options.length > 0);
  assert.match(offer.card, /可抽调 May take for/);
  assert.match(offer.card, /增援请求 Mutual aid/);  // shown beside what the district must ask for
  // Every way a slot was filled is told on the card as the plan JSON says it.
  const how = await duty.evaluate(() => window.erdeConsole.live.planOf('M-1').teams.assigned.map((a) => [a.filled_by, !!a.re_tasked]));
  const lines = { first_due: /辖区 first-due/, substitute: /替代 substitute for/ };
  for (const [filled, reTasked] of how) {
    if (lines[filled]) assert.match(offer.card, lines[filled]);
    if (reTasked) assert.match(offer.card, /改派 re-tasked/);
  }
  assert.ok(how.some(([filled]) => filled === 'first_due'), 'no first-due team in the major fire\'s plan');
  const first = offer.options[0];
  duty.once('dialog', (d) => d.accept());
  await duty.click(`li.incident[data-id="M-1"] button.preempt[data-team="${first.team_id}"][data-capability="${first.capability.en}"]`);
  await duty.waitForFunction((t) => (window.erdeConsole.live.planOf('M-1').teams.assigned || [])
    .some((a) => a.team_id === t && a.filled_by === 'preempted'), first.team_id);
  await duty.waitForFunction((from) => /抽调 pre-empted from/.test(document.querySelector('li.incident[data-id="M-1"]').innerText), first.from_incident);
  const left = await duty.evaluate((from) => window.erdeConsole.live.planOf(from).teams.assigned.map((a) => a.team_id), first.from_incident);
  assert.ok(!left.includes(first.team_id), `${first.from_incident} still lists ${first.team_id}`);
  step(`pre-emption: M-1 was offered ${offer.options.length} teams, took ${first.team_id} from ${first.from_incident}, which was re-planned`);

  // Stock shared again by severity from the toolbar: every open live incident's plan is published anew.
  const seqBefore = await duty.evaluate(() => window.erdeConsole.live.seq);
  duty.once('dialog', (d) => d.accept());
  const shared = duty.waitForResponse((r) => r.url().endsWith('/api/event/share'));
  await duty.click('#share-stock');
  assert.equal((await shared).status(), 200, 'event.share refused');
  await duty.waitForFunction((seq) => window.erdeConsole.live.seq > seq, seqBefore);
  step('stock and shelter places shared by severity from the toolbar');

  await duty.evaluate(() => {
    const { map, live: picture } = window.erdeConsole;
    let bounds = null;
    for (const group of picture.plans.values()) group.eachLayer((l) => {
      if (l.getBounds) bounds = bounds ? bounds.extend(l.getBounds()) : L.latLngBounds(l.getBounds().getSouthWest(), l.getBounds().getNorthEast());
    });
    if (bounds) map.fitBounds(bounds, { padding: [40, 40], animate: false });
  });
  await duty.waitForTimeout(600);
  await duty.screenshot({ path: shot });
  step(`screenshot ${shot}`);

  // A viewer sees the map but cannot submit.
  const wall = await logIn('viewer');
  assert.ok(!(await wall.isVisible('#new-incident')), 'a viewer sees the new-incident button');
  assert.ok(!(await wall.isVisible('#draw-closure')));
  assert.ok(!(await wall.isVisible('button.preempt')), 'a viewer sees the pre-emption button');
  const refused = await wall.evaluate(async () => {
    const r = await fetch('/api/incidents', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'fire', location: { lon: 113.28, lat: 23.13 } }) });
    return r.status;
  });
  assert.equal(refused, 403);
  const seen = await wall.evaluate(() => [...window.erdeConsole.live.entities.keys()].filter((k) => k.startsWith('incident.')).length);
  // Two from the page, the API check's one (sent twice with one Idempotency-Key), and the five
  // of the pre-emption.
  assert.equal(seen, 8, 'the viewer sees exactly the eight incidents submitted');
  step('viewer: no submit controls, POST /api/incidents -> 403');
  await wall.context().close();

  // Guessing passwords: after a few failures from this address the gateway answers 429 with
  // Retry-After instead of checking (last, so the held-back address stops no other login).
  let held = null;
  for (let attempt = 0; attempt < 12 && !held; ++attempt) {
    const r = await fetch(url + '/api/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'nobody', password: 'guess' + attempt }) });
    if (r.status === 429) held = { attempt, retry: Number(r.headers.get('retry-after')), body: await r.json() };
    else assert.equal(r.status, 401, `wrong login gave ${r.status}`);
  }
  assert.ok(held, 'twelve wrong logins in a row were never held back');
  assert.ok(held.retry >= 1, `Retry-After ${held.retry}`);
  assert.equal(held.body.error.code, 'too_many_attempts');
  step(`password guessing held back after ${held.attempt} failures (Retry-After ${held.retry} s)`);

  assert.deepEqual(pageErrors, [], 'errors in the page');
  assert.deepEqual(offSite, [], 'the page fetched something from outside the gateway');
  step('ok');
} finally {
  clearTimeout(timer);
  await browser.close();
}
