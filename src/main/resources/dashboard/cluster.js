// Cluster mode: this node, the leader, etcd's reachability, the members and the config-file
// disagreements from /api/v1/cluster, updated in place. The section stays hidden on a single node
// (the API answers 404) and while the API cannot be read; an unreachable etcd shows as a warning,
// with /readyz's reason, because the node then serves its last known state.
import { $, api, el } from './api.js';

let loading = false;
let clusterOn = false;

/** Whether the last answer said this node runs in cluster mode (votes are then shown). */
export function clusterMode() {
  return clusterOn;
}

// Without etcd a node cannot know who is alive: its members are then shown as unknown.
function memberChip(m, self, leader, connected) {
  const status = !connected ? 'unknown' : m.alive ? 'alive' : 'gone';
  const chip = el('li', {
    class: 'member member-' + status,
    'data-member': m.node,
    'data-alive': String(!!m.alive),
  });
  chip.append(el('span', { class: 'member-name' }, m.node));
  const notes = [];
  if (m.node === self) notes.push('this node');
  if (m.node === leader) notes.push('leader');
  if (notes.length) chip.append(el('span', { class: 'member-note' }, notes.join(', ')));
  const badge = { alive: 'badge-healthy', gone: 'badge-unhealthy', unknown: 'badge-unknown' };
  chip.append(el('span', { class: 'badge ' + badge[status] }, status));
  return chip;
}

function disagreement(d) {
  const item = el('li', { 'data-disagreement': d.service });
  item.append(el('strong', {}, d.service), ': ');
  (d.nodes || []).forEach((group, i) => {
    if (i > 0) item.append(' differs from ');
    item.append(el('span', { class: 'address' }, group.join(', ')));
  });
  return item;
}

async function degradedReason() {
  try {
    const body = await (await api('/readyz')).json();
    return body.status === 'degraded' ? body.reason : null;
  } catch (ignored) {
    return null;
  }
}

async function render(c) {
  const section = $('cluster');
  const connected = c.etcd === 'connected';
  section.dataset.etcd = c.etcd;
  $('cluster-node').textContent = c.node;
  const leader = $('cluster-leader');
  leader.textContent = c.leader || (connected ? 'none elected yet' : 'unknown without etcd');
  leader.classList.toggle('muted', !c.leader);
  const etcd = $('cluster-etcd');
  etcd.className = 'badge ' + (connected ? 'badge-healthy' : 'badge-unhealthy');
  etcd.textContent = c.etcd;
  const warning = $('cluster-degraded');
  if (connected) {
    warning.hidden = true;
  } else {
    let reason = await degradedReason()
      || 'etcd is unreachable: serving the last known state and this node\'s own probes';
    if (!/[.!]$/.test(reason)) reason += '.';
    warning.replaceChildren(el('strong', {}, 'Degraded: '), reason,
      ' Votes are as last seen; the node rejoins by itself when etcd is back.');
    warning.hidden = false;
  }
  const members = c.members || [];
  const alive = members.filter((m) => m.alive).length;
  $('cluster-alive').textContent = connected
    ? alive + '/' + members.length + ' alive' : members.length + ' known, liveness unknown';
  $('cluster-members').replaceChildren(
    ...members.map((m) => memberChip(m, c.node, c.leader, connected)));
  const disagreements = c.config_disagreements || [];
  $('cluster-disagreements').replaceChildren(...disagreements.map(disagreement));
  $('cluster-disagreements-box').hidden = disagreements.length === 0;
  section.hidden = false;
}

/** Reads /api/v1/cluster and shows it; 404 (cluster mode off) hides the section. */
export async function loadCluster() {
  if (loading) return;
  loading = true;
  try {
    const body = await (await api('/api/v1/cluster')).json();
    clusterOn = true;
    document.body.classList.add('cluster');
    await render(body);
  } catch (e) {
    if (e.status === 404) {
      clusterOn = false;
      document.body.classList.remove('cluster');
      $('cluster').hidden = true;
    }
    // other failures: the services panel reports them; the last answer stays on screen
  } finally {
    loading = false;
  }
}
