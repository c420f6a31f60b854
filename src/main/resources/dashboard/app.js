// Wayfinder dashboard: services and endpoints from /api/v1/services, events live from
// /api/v1/events, queries per second from /metrics. Plain browser JavaScript, no build step.
'use strict';
(() => {
  const TOKEN_KEY = 'wayfinder.admin-token';
  const MAX_EVENTS = 100;
  const SERVICES_EVERY_MS = 5000;
  const POLL_EVERY_MS = 2000;
  const $ = (id) => document.getElementById(id);

  let token = sessionStorage.getItem(TOKEN_KEY) || '';
  let pendingAction = null; // an action refused with 401, retried once a token is given

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  /** fetch() with the token, turning a network failure, a 401 and an error body into ApiError. */
  async function api(path, options = {}) {
    const headers = Object.assign({ Accept: 'application/json' }, options.headers);
    if (token) headers.Authorization = 'Bearer ' + token;
    let res;
    try {
      res = await fetch(path, Object.assign({}, options, { headers, cache: 'no-store' }));
    } catch (e) {
      throw new ApiError(0, 'cannot reach the admin API');
    }
    if (res.status === 401) {
      askForToken(!!token);
      throw new ApiError(401, token ? 'the admin token was refused' : 'the admin API needs its token');
    }
    if (!res.ok) {
      let message = res.status + ' ' + res.statusText;
      try {
        const body = await res.json();
        if (body.error) message = body.error + (body.field ? ' (' + body.field + ')' : '');
      } catch (ignored) { /* not JSON: keep the status line */ }
      throw new ApiError(res.status, message);
    }
    return res;
  }

  function el(tag, attrs = {}, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // ---- banner and token ----

  let bannerKind = null;
  function showBanner(kind, message) {
    bannerKind = kind;
    $('banner').textContent = message;
    $('banner').dataset.kind = kind;
    $('banner').hidden = false;
  }
  function clearBanner(kind) {
    if (bannerKind !== kind) return;
    bannerKind = null;
    $('banner').hidden = true;
  }

  function askForToken(refused) {
    const form = $('token-form');
    $('token-refused').hidden = !refused;
    if (!form.hidden) return;
    form.hidden = false;
    $('token-input').value = '';
    $('token-input').focus();
  }

  function useToken(value) {
    token = value;
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
    $('token-form').hidden = true;
    $('forget-token').hidden = !token;
    startFeed();
    loadServices();
    pollMetrics();
    if (pendingAction) {
      const action = pendingAction;
      pendingAction = null;
      runAction(action);
    }
  }

  // ---- services ----

  const views = new Map(); // service name -> {root, body, rows: Map(address -> row)}

  function age(time) {
    const s = Math.max(0, Math.round((Date.now() - Date.parse(time)) / 1000));
    if (s < 1) return 'just now';
    if (s < 90) return s + ' s ago';
    if (s < 5400) return Math.round(s / 60) + ' min ago';
    return Math.round(s / 3600) + ' h ago';
  }

  function latency(ms) {
    if (typeof ms !== 'number') return '—';
    return (ms < 10 && !Number.isInteger(ms) ? ms.toFixed(1) : String(Math.round(ms))) + ' ms';
  }

  function serviceView(name) {
    const root = el('article', { class: 'service', 'data-service': name });
    const head = el('header', { class: 'service-head' });
    head.append(
      el('h3', { class: 'service-name' }, name),
      el('span', { class: 'tag', 'data-role': 'source' }),
      el('span', { class: 'tag tag-maintenance', 'data-role': 'maintenance', hidden: '' }, 'maintenance'),
      el('span', { class: 'service-health', 'data-role': 'health' }));
    const table = el('table', { class: 'endpoints' });
    const headRow = el('tr');
    for (const title of ['Address', 'Hostname', 'State', 'Last probe', 'Latency', 'Probed', ''])
      headRow.append(el('th', { scope: 'col', class: 'col-' + (title.split(' ')[0].toLowerCase() || 'actions') }, title));
    const body = el('tbody');
    table.append(el('thead'), body);
    table.tHead.append(headRow);
    const none = el('p', { class: 'no-endpoints muted', 'data-role': 'no-endpoints', hidden: '' }, 'No endpoints.');
    root.append(head, table, none);
    return { root, table, none, body, rows: new Map() };
  }

  function endpointRow(address) {
    const row = el('tr', { 'data-endpoint': address });
    row.append(
      el('td', { 'data-label': 'Address', class: 'address' }, address),
      el('td', { 'data-label': 'Hostname', 'data-role': 'hostname' }),
      el('td', { 'data-label': 'State' }),
      el('td', { 'data-label': 'Last probe', 'data-role': 'probe', class: 'probe' }),
      el('td', { 'data-label': 'Latency', 'data-role': 'latency', class: 'num' }),
      el('td', { 'data-label': 'Probed', 'data-role': 'age' }),
      el('td', { class: 'actions' }));
    row.cells[2].append(el('span', { class: 'badge', 'data-role': 'state' }));
    row.cells[6].append(el('button', { type: 'button', class: 'btn' }));
    return row;
  }

  function updateEndpoint(row, ep) {
    const state = ep.state || 'unknown';
    row.dataset.state = state;
    row.querySelector('[data-role=hostname]').textContent = ep.hostname || '—';
    const badge = row.querySelector('[data-role=state]');
    badge.className = 'badge badge-' + state;
    badge.textContent = state;
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
      if (container.children[i] !== view.root) container.insertBefore(view.root, container.children[i] || null);
    });
    for (const [name, view] of views)
      if (!seen.has(name)) { view.root.remove(); views.delete(name); }
    const empty = $('services-empty');
    empty.hidden = services.length > 0;
    empty.textContent = 'No services yet: add them to the config file, or with `wayfinder ctl put`.';
    $('healthy-total').textContent = total ? healthy + '/' + total : '—';
  }

  let loading = false, loadAgain = false, refreshTimer = null;
  async function loadServices() {
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
      else if (e.status === 0) showBanner('reach', 'Cannot reach the admin API at ' + location.host + '. Retrying every 5 s; what is shown may be out of date.');
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

  function refreshSoon() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(loadServices, 150);
  }

  // ---- drain and undrain ----

  async function runAction(action) {
    const { service, address, verb, button } = action;
    button.disabled = true;
    try {
      const path = '/api/v1/services/' + encodeURIComponent(service) + '/endpoints/' + address + '/' + verb;
      const svc = await (await api(path, { method: 'POST' })).json();
      const view = views.get(service);
      if (view && svc && svc.endpoints) updateService(view, svc);
      clearBanner('action');
      refreshSoon();
    } catch (e) {
      if (e.status === 401) pendingAction = action;
      else showBanner('action', 'Could not ' + verb + ' ' + address + ' of ' + service + ': ' + e.message);
    } finally {
      button.disabled = false;
    }
  }

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

  // ---- events: Server-Sent Events without a token, polling with one ----

  const events = [];
  const eventKeys = new Set();
  let source = null, pollTimer = null, sseRefused = false;

  function addEvents(list) {
    let added = 0;
    for (const e of list) {
      const key = [e.time, e.service, e.endpoint, e.from, e.to].join('|');
      if (eventKeys.has(key)) continue;
      eventKeys.add(key);
      events.push(e);
      added++;
    }
    if (!added) return false;
    while (events.length > MAX_EVENTS) {
      const e = events.shift();
      eventKeys.delete([e.time, e.service, e.endpoint, e.from, e.to].join('|'));
    }
    renderEvents();
    return true;
  }

  function renderEvents() {
    const list = $('events');
    list.replaceChildren();
    for (let i = events.length - 1; i >= 0; i--) {
      const e = events[i];
      const item = el('li', { 'data-service': e.service, 'data-endpoint': e.endpoint, 'data-to': e.to });
      const when = new Date(e.time);
      item.append(
        el('time', { datetime: e.time, title: e.time }, when.toLocaleTimeString([], { hour12: false })),
        el('span', { class: 'event-what' }, e.service + ' ' + e.endpoint),
        el('span', { class: 'event-change' }));
      item.lastChild.append(
        el('span', { class: 'badge badge-' + e.from }, e.from), ' → ', el('span', { class: 'badge badge-' + e.to }, e.to));
      if (e.reason) item.append(el('span', { class: 'event-reason' }, e.reason));
      list.append(item);
    }
    $('events-empty').hidden = events.length > 0;
  }

  function setFeed(state, label) {
    $('feed').dataset.feed = state;
    $('feed').textContent = label || state;
    $('events-empty').textContent = state === 'token' ? 'Waiting for the admin token.'
      : state === 'unreachable' ? 'Cannot reach the admin API for events.' : 'No state changes yet.';
  }

  function stopFeed() {
    if (source) { source.close(); source = null; }
    clearInterval(pollTimer);
    pollTimer = null;
  }

  function startFeed() {
    stopFeed();
    if (token || sseRefused || !window.EventSource) {
      setFeed('polling', 'polling');
      pollEvents();
      pollTimer = setInterval(pollEvents, POLL_EVERY_MS);
      return;
    }
    setFeed('connecting', 'connecting');
    source = new EventSource('/api/v1/events?follow=1');
    source.onopen = () => setFeed('live', 'live');
    source.onmessage = (message) => {
      try {
        if (addEvents([JSON.parse(message.data)])) refreshSoon();
      } catch (ignored) { /* a line that is not an EVENT */ }
    };
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        // The browser gives up only on an answer that is not a stream (a 401, or no SSE here):
        // polling carries the token and works without SSE.
        sseRefused = true;
        startFeed();
      } else {
        setFeed('reconnecting', 'reconnecting');
      }
    };
  }

  async function pollEvents() {
    try {
      const body = await (await api('/api/v1/events')).json();
      if (addEvents(body.events || [])) refreshSoon();
      setFeed('polling', 'polling');
    } catch (e) {
      setFeed(e.status === 401 ? 'token' : 'unreachable', e.status === 401 ? 'needs token' : 'unreachable');
    }
  }

  // ---- queries per second from the Prometheus text ----

  let lastSample = null;

  function sumSeries(text, name) {
    let sum = 0, found = false;
    for (const line of text.split('\n')) {
      if (!line.startsWith(name)) continue;
      const rest = line.slice(name.length);
      if (rest[0] !== '{' && rest[0] !== ' ') continue;
      const value = parseFloat((rest[0] === '{' ? rest.slice(rest.lastIndexOf('}') + 1) : rest).trim().split(/\s+/)[0]);
      if (!Number.isNaN(value)) { sum += value; found = true; }
    }
    return found ? sum : null;
  }

  async function pollMetrics() {
    let total = null;
    try {
      total = sumSeries(await (await api('/metrics', { headers: { Accept: 'text/plain' } })).text(), 'wayfinder_dns_requests_total');
    } catch (ignored) { /* shown as unavailable */ }
    const now = performance.now();
    const qps = $('qps');
    if (total === null) {
      lastSample = null;
      qps.textContent = '—';
      qps.title = 'queries per second: unavailable';
      return;
    }
    if (lastSample && total >= lastSample.total && now > lastSample.at) {
      const rate = (total - lastSample.total) / ((now - lastSample.at) / 1000);
      qps.textContent = rate < 10 ? rate.toFixed(1) : String(Math.round(rate));
      qps.title = 'queries per second over the last ' + Math.round((now - lastSample.at) / 1000) + ' s';
    }
    lastSample = { total, at: now };
  }

  // ---- start ----

  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const value = $('token-input').value.trim();
    if (value) useToken(value);
  });
  $('forget-token').addEventListener('click', () => {
    sseRefused = false;
    useToken('');
  });
  $('forget-token').hidden = !token;
  $('services-empty').hidden = false;
  $('services-empty').textContent = 'Loading…';

  loadServices();
  startFeed();
  pollMetrics();
  setInterval(loadServices, SERVICES_EVERY_MS);
  setInterval(pollMetrics, POLL_EVERY_MS);
  setInterval(() => {
    for (const cell of document.querySelectorAll('[data-role=age][data-time]')) cell.textContent = age(cell.dataset.time);
  }, 1000);
})();
