// Recent events: Server-Sent Events from /api/v1/events?follow=1 while no token is set (the
// browser's EventSource reconnects by itself), else polling /api/v1/events, which can carry the
// token. Each new event refreshes the services and the publish targets. Health events name a
// service and an endpoint; publish events ("kind": "publish") name a target.
import { $, api, el, hasToken } from './api.js';
import { refreshPublishingSoon } from './publishing.js';
import { refreshSoon } from './services.js';

const MAX_EVENTS = 100;
const POLL_EVERY_MS = 2000;
const events = []; // oldest first, as the API lists them
const eventKeys = new Set();
let source = null, pollTimer = null, sseRefused = false;

/** Tries SSE again on the next startFeed(), as after the token is forgotten. */
export function allowSse() {
  sseRefused = false;
}

function eventKey(e) {
  return [e.time, e.kind, e.service, e.endpoint, e.target, e.from, e.to].join('|');
}

function refreshAll() {
  refreshSoon();
  refreshPublishingSoon();
}

function addEvents(list) {
  let added = 0;
  for (const e of list) {
    const key = eventKey(e);
    if (eventKeys.has(key)) continue;
    eventKeys.add(key);
    events.push(e);
    added++;
  }
  if (!added) return false;
  while (events.length > MAX_EVENTS) {
    const e = events.shift();
    eventKeys.delete(eventKey(e));
  }
  renderEvents();
  return true;
}

/** "publish <target> [service]": a target has no endpoint, and names a service only when known. */
function publishWhat(e) {
  const what = el('span', { class: 'event-what' });
  what.append(el('span', { class: 'tag' }, 'publish'), ' ',
    el('span', { class: 'address' }, e.target), e.service ? ' ' + e.service : '');
  return what;
}

function renderEvents() {
  const list = $('events');
  list.replaceChildren();
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    const publish = e.kind === 'publish';
    const item = el('li', publish
      ? { 'data-kind': 'publish', 'data-target': e.target, 'data-to': e.to }
      : { 'data-kind': 'health', 'data-service': e.service, 'data-endpoint': e.endpoint,
        'data-to': e.to });
    const when = new Date(e.time);
    item.append(
      el('time', { datetime: e.time, title: e.time },
        when.toLocaleTimeString([], { hour12: false })),
      publish ? publishWhat(e) : el('span', { class: 'event-what' }, e.service + ' ' + e.endpoint),
      el('span', { class: 'event-change' }));
    item.lastChild.append(
      el('span', { class: 'badge badge-' + e.from }, e.from),
      ' → ',
      el('span', { class: 'badge badge-' + e.to }, e.to));
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

export function startFeed() {
  stopFeed();
  if (hasToken() || sseRefused || !window.EventSource) {
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
      if (addEvents([JSON.parse(message.data)])) refreshAll();
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
    if (addEvents(body.events || [])) refreshAll();
    setFeed('polling', 'polling');
  } catch (e) {
    if (e.status === 401) setFeed('token', 'needs token');
    else setFeed('unreachable', 'unreachable');
  }
}
