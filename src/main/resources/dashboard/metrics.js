// Queries per second: the sum of the wayfinder_dns_requests_total series in /metrics, as a rate
// between two scrapes; a dash while there is no rate (first scrape, no such series, no access).
import { $, api } from './api.js';

let lastSample = null; // {total, at} of the previous scrape

function sumSeries(text, name) {
  let sum = 0, found = false;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== '{' && rest[0] !== ' ') continue;
    const sample = rest[0] === '{' ? rest.slice(rest.lastIndexOf('}') + 1) : rest;
    const value = parseFloat(sample.trim().split(/\s+/)[0]);
    if (!Number.isNaN(value)) { sum += value; found = true; }
  }
  return found ? sum : null;
}

export async function pollMetrics() {
  let total = null;
  try {
    const res = await api('/metrics', { headers: { Accept: 'text/plain' } });
    total = sumSeries(await res.text(), 'wayfinder_dns_requests_total');
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
    const seconds = Math.round((now - lastSample.at) / 1000);
    qps.title = 'queries per second over the last ' + seconds + ' s';
  }
  lastSample = { total, at: now };
}
