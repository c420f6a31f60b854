// Publishing: every target of /api/v1/publish with its status, updated in place (rows keep their
// identity). The section stays hidden while no target is configured or the API cannot be read.
import { $, api, el } from './api.js';
import { age } from './services.js';

const rows = new Map(); // target -> row
let loading = false, refreshTimer = null;

function targetRow(target) {
  const row = el('tr', { 'data-target': target });
  row.append(
    el('td', { 'data-label': 'Type', 'data-role': 'type' }),
    el('td', { 'data-label': 'Target', class: 'endpoint' }),
    el('td', { 'data-label': 'Status' }),
    el('td', { 'data-label': 'Last success', 'data-role': 'age' }),
    el('td', { 'data-label': 'Last error', 'data-role': 'error', class: 'probe' }),
    el('td', { 'data-label': 'Pending', 'data-role': 'pending', class: 'num' }));
  row.cells[1].append(el('span', { class: 'address' }, target));
  row.cells[2].append(el('span', { class: 'badge', 'data-role': 'status' }));
  return row;
}

function updateRow(row, t) {
  const status = t.status || 'pending';
  row.dataset.status = status;
  row.querySelector('[data-role=type]').textContent = t.type;
  const badge = row.querySelector('[data-role=status]');
  badge.className = 'badge badge-' + status;
  badge.textContent = status;
  const ageCell = row.querySelector('[data-role=age]');
  if (t.last_success) {
    ageCell.dataset.time = t.last_success;
    ageCell.textContent = age(t.last_success);
  } else {
    delete ageCell.dataset.time;
    ageCell.textContent = 'never';
  }
  const error = row.querySelector('[data-role=error]');
  error.replaceChildren(t.last_error
    ? el('span', { class: status === 'failing' ? 'fail' : 'detail' }, t.last_error)
    : el('span', { class: 'muted' }, '—'));
  row.querySelector('[data-role=pending]').textContent = String(t.pending ?? 0);
}

function render(targets) {
  const body = $('publish-targets');
  const seen = new Set();
  targets.forEach((t, i) => {
    seen.add(t.target);
    let row = rows.get(t.target);
    if (!row) rows.set(t.target, (row = targetRow(t.target)));
    updateRow(row, t);
    if (body.rows[i] !== row) body.insertBefore(row, body.rows[i] || null);
  });
  for (const [target, row] of rows)
    if (!seen.has(target)) { row.remove(); rows.delete(target); }
  $('publishing').hidden = targets.length === 0;
}

/** Reads /api/v1/publish and shows it; a failure leaves the last answer on screen. */
export async function loadPublishing() {
  if (loading) return;
  loading = true;
  try {
    const body = await (await api('/api/v1/publish')).json();
    render(body.targets || []);
  } catch (ignored) {
    // the services panel reports an unreachable API or a missing token
  } finally {
    loading = false;
  }
}

/** Reloads shortly, once for a burst of events. */
export function refreshPublishingSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(loadPublishing, 150);
}
