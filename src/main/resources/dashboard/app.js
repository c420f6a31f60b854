// Wayfinder dashboard: services and endpoints from /api/v1/services, events live from
// /api/v1/events, publish targets from /api/v1/publish, cluster mode from /api/v1/cluster, queries
// per second from /metrics. Plain browser modules, no build step.
import { $, hasToken, setToken } from './api.js';
import { loadCluster } from './cluster.js';
import { allowSse, startFeed } from './events.js';
import { pollMetrics } from './metrics.js';
import { loadPublishing } from './publishing.js';
import { listenForActions, loadServices, retryPending, tickAges } from './services.js';

const SERVICES_EVERY_MS = 5000;
const METRICS_EVERY_MS = 2000;
const PUBLISHING_EVERY_MS = 5000;
const CLUSTER_EVERY_MS = 3000;

function useToken(value) {
  setToken(value);
  startFeed();
  loadServices();
  loadPublishing();
  loadCluster();
  pollMetrics();
  retryPending();
}

$('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const value = $('token-input').value.trim();
  if (value) useToken(value);
});
$('forget-token').addEventListener('click', () => {
  allowSse();
  useToken('');
});
$('forget-token').hidden = !hasToken();
$('services-empty').hidden = false;
$('services-empty').textContent = 'Loading…';
listenForActions();

loadServices();
loadPublishing();
loadCluster();
startFeed();
pollMetrics();
setInterval(loadServices, SERVICES_EVERY_MS);
setInterval(loadPublishing, PUBLISHING_EVERY_MS);
setInterval(loadCluster, CLUSTER_EVERY_MS);
setInterval(pollMetrics, METRICS_EVERY_MS);
setInterval(tickAges, 1000);
