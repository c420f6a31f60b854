// Services and their endpoints from /api/v1/services, updated in place (rows keep their identity,
// so a click never lands on a replaced button), and the Drain/Undrain actions.
import { $, api, clearBanner, el, showBanner } from './api.js';

const views = new Map(); // service name -> {root, table, none, body, rows: Map(address -> row)}
let pendingAction = null; // an action refused with 401, retried once a token is given
let loading = false, loadAgain = false, refreshTimer = null;

export function age(time) {
  const s = Math.max(0, Math.round((Date.now() - Date.parse(time)) / 1000));
  if (s < 1) return 'just now';
  if (s < 90) return s + ' s ago';
  if (s < 5400) return Math.round(s / 60) + ' min ago';
  return Math.round(s / 3600) + ' h ago';
}

function latency(ms) {
  if (typeof ms !== 'number') return '—';
  if (ms === 0) return '<1 ms'; // whole milliseconds: under one
  return (ms < 10 && !Number.isInteger(ms) ? ms.toFixed(1) : String(Math.round(ms))) + ' ms';
}

function serviceView(name) {
  const root = el('article', { class: 'service', 'data-service': name });
  const head = el('header', { class: 'service-head' });
  head.append(
    el('h3', { class: 'service-name' }, name),
    el('span', { class: 'tag', 'data-role': 'source' }),
    el('span', { class: 'tag tag-maintenance', 'data-role': 'maintenance', hidden: '' },
      'maintenance'),
    el('span', { class: 'service-health', 'data-role': 'health' }));
  const table = el('table', { class: 'endpoints' });
  const headRow = el('tr');
  for (const title of ['Endpoint', 'State', 'Last probe', 'Latency', 'Probed', '']) {
    const column = 'col-' + (title.split(' ')[0].toLowerCase() || 'actions');
    headRow.append(el('th', { scope: 'col', class: column }, title));
  }
  const body = el('tbody');
  table.append(el('thead'), body);
  table.tHead.append(headRow);
  const none = el('p', { class: 'no-endpoints muted', 'data-role': 'no-endpoints', hidden: '' },
    'No endpoints.');
  root.append(head, table, none);
  return { root, table, none, body, rows: new Map() };
}

function endpointRow(address) {
  const row = el('tr', { 'data-endpoint': address });
  row.append(
    el('td', { 'data-label': 'Endpoint', class: 'endpoint' }),
    el('td', { 'data-label': 'State' }),
    el('td', { 'data-label': 'Last probe', 'data-role': 'probe', class: 'probe' }),
    el('td', { 'data-label': 'Latency', 'data-role': 'latency', class: 'num' }),
    el('td', { 'data-label': 'Probed', 'data-role': 'age' }),
    el('td', { class: 'actions' }));
  row.cells[0].append(
    el('span', { class: 'address' }, address),
    el('span', { class: 'hostname', 'data-role': 'hostname' }));
  row.cells[1].append(el('span', { class: 'badge', 'data-role': 'state' }),
    el('span', { class: 'votes', 'data-role': 'votes', hidden: '' }));
  row.cells[5].append(el('button', { type: 'button', class: 'btn' }));
  return row;
}

/** Cluster mode: each node's verdict as a chip (node name, ✓ pass or ✗ fail), sorted by node. */
function updateVotes(box, votes) {
  const nodes = votes ? Object.keys(votes).sort() : [];
  const key = nodes.map((n) => n + '=' + votes[n]).join(',');
  if (box.dataset.key === key) return;
  box.dataset.key = key;
  box.hidden = nodes.length === 0;
  const pass = nodes.filter((n) => votes[n] === 'pass').length;
  box.title = nodes.length ? 'votes: ' + pass + ' of ' + nodes.length + ' nodes pass' : '';
  box.replaceChildren(...nodes.map((n) => {
    const ok = votes[n] === 'pass';
    const chip = el('span', {
      class: 'vote ' + (ok ? 'vote-pass' : 'vote-fail'),
      'data-node': n,
      'data-vote': votes[n],
      title: n + ': ' + votes[n],
    });
    chip.append(el('span', { class: 'vote-mark', 'aria-hidden': 'true' }, ok ? '✓' : '✗'),
      el('span', { class: 'vote-node' }, n),
      el('span', { class: 'visually-hidden' }, ' ' + votes[n]));
    return chip;
  }));
}

function updateEndpoint(row, ep) {
  const state = ep.state || 'unknown';
  row.dataset.state = state;
  const hostname = row.querySelector('[data-role=hostname]');
  hostname.textContent = ep.hostname || '';
  hostname.hidden = !ep.hostname;
  const badge = row.querySelector('[data-role=state]');
  badge.className = 'badge badge-' + state;
  badge.textContent = state;
  updateVotes(row.querySelector('[data-role=votes]'), ep.votes);
  const probe = ep.last_probe;
  const probeCell = row.querySelector('[data-role=probe]');
  const ageCell = row.querySelector('[data-role=age]');
  probeCell.replaceChildren();
  if (probe) {
    probeCell.append(el('span', { class: probe.ok ? 'ok' : 'fail' }, probe.ok ? 'ok' : 'failed'));
    if (probe.detail) probeCell.append(' ', el('span', { class: 'detail' }, probe.detail));
    row.querySelector('[data-role=latency]').textContent = latency(probe.latency_ms);
    ageCell.dataset.time = probe.time;
    ageCell.textContent = age(probe.time);
  } else {
    probeCell.append(el('span', { class: 'muted' }, 'not probed yet'));
    row.querySelector('[data-role=latency]').textContent = '—';
    delete ageCell.dataset.time;
    ageCell.textContent = '—';
  }
  const button = row.querySelector('button');
  const action = state === 'draining' ? 'undrain' : 'drain';
  if (button.dataset.action !== action) {
    button.dataset.action = action;
    button.textContent = action === 'drain' ? 'Drain' : 'Undrain';
    button.className = 'btn ' + (action === 'drain' ? 'btn-warn' : '');
    button.setAttribute('aria-label', button.textContent + ' ' + row.dataset.endpoint);
  }
}

function updateService(view, svc) {
  const endpoints = svc.endpoints || [];
  const healthy = endpoints.filter((e) => e.state === 'healthy').length;
  view.root.dataset.maintenance = String(!!svc.maintenance);
  view.root.querySelector('[data-role=source]').textContent = svc.source || 'config';
  view.root.querySelector('[data-role=maintenance]').hidden = !svc.maintenance;
  const health = view.root.querySelector('[data-role=health]');
  health.textContent = healthy + '/' + endpoints.length + ' healthy';
  health.dataset.healthy = healthy;
  health.dataset.total = endpoints.length;
  view.table.hidden = endpoints.length === 0;
  view.none.hidden = endpoints.length > 0;
  const seen = new Set();
  endpoints.forEach((ep, i) => {
    seen.add(ep.address);
    let row = view.rows.get(ep.address);
    if (!row) view.rows.set(ep.address, (row = endpointRow(ep.address)));
    updateEndpoint(row, ep);
    if (view.body.rows[i] !== row) view.body.insertBefore(row, view.body.rows[i] || null);
  });
  for (const [address, row] of view.rows)
    if (!seen.has(address)) { row.remove(); view.rows.delete(address); }
  return [healthy, endpoints.length];
}

function renderServices(services) {
  const container = $('services');
  services.sort((a, b) => a.name.localeCompare(b.name));
  const seen = new Set();
  let healthy = 0, total = 0;
  services.forEach((svc, i) => {
    seen.add(svc.name);
    let view = views.get(svc.name);
    if (!view) views.set(svc.name, (view = serviceView(svc.name)));
    const [h, t] = updateService(view, svc);
    healthy += h;
    total += t;
    if (container.children[i] !== view.root) {
      container.insertBefore(view.root, container.children[i] || null);
    }
  });
  for (const [name, view] of views)
    if (!seen.has(name)) { view.root.remove(); views.delete(name); }
  const empty = $('services-empty');
  empty.hidden = services.length > 0;
  empty.textContent = 'No services yet: add them to the config file, or with `wayfinder ctl put`.';
  $('healthy-total').textContent = total ? healthy + '/' + total : '—';
}

export async function loadServices() {
  if (loading) { loadAgain = true; return; }
  loading = true;
  try {
    const body = await (await api('/api/v1/services')).json();
    renderServices(body.services || []);
    clearBanner('reach');
    document.body.classList.remove('stale');
  } catch (e) {
    document.body.classList.add('stale');
    if (e.status === 401) clearBanner('reach'); // the token form says what is wanted
    else if (e.status === 0) {
      showBanner('reach', 'Cannot reach the admin API at ' + location.host
        + '. Retrying every 5 s; what is shown may be out of date.');
    }
    else showBanner('reach', 'The admin API answered: ' + e.message);
    if (views.size === 0) {
      $('services-empty').hidden = false;
      $('services-empty').textContent = e.status === 401
        ? 'Waiting for the admin token.' : 'No data: the services list could not be loaded.';
    }
  } finally {
    loading = false;
    if (loadAgain) { loadAgain = false; loadServices(); }
  }
}

export function refreshSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(loadServices, 150);
}

async function runAction(action) {
  const { service, address, verb, button } = action;
  button.disabled = true;
  try {
    const path = '/api/v1/services/' + encodeURIComponent(service)
      + '/endpoints/' + address + '/' + verb;
    const svc = await (await api(path, { method: 'POST' })).json();
    const view = views.get(service);
    if (view && svc && svc.endpoints) updateService(view, svc);
    clearBanner('action');
    refreshSoon();
  } catch (e) {
    if (e.status === 401) pendingAction = action;
    else showBanner('action', 'Could not ' + verb + ' ' + address + ' of ' + service + ': '
      + e.message);
  } finally {
    button.disabled = false;
  }
}

/** Drain and Undrain: one listener for every button, present and future. */
export function listenForActions() {
  $('services').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button) return;
    runAction({
      service: button.closest('[data-service]').dataset.service,
      address: button.closest('[data-endpoint]').dataset.endpoint,
      verb: button.dataset.action,
      button,
    });
  });
}

/** Runs again the action a 401 stopped, now that there is a token. */
export function retryPending() {
  if (!pendingAction) return;
  const action = pendingAction;
  pendingAction = null;
  runAction(action);
}

/** Keeps the "probed ... ago" cells current between refreshes. */
export function tickAges() {
  for (const cell of document.querySelectorAll('[data-role=age][data-time]')) {
    cell.textContent = age(cell.dataset.time);
  }
}
