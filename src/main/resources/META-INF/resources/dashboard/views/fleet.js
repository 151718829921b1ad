// 1 Fleet: totals of the latest plan and of what runs now, savings against the baselines, cost over time, counts.
import * as api from '../api.js';
import { el } from '../dom.js';
import { usd, perMonth, when } from '../format.js';
import { chart } from '../charts.js';
import { latestPlan, pairs, noPlan, FINISHED } from './plans.js';

const BASELINES = [['fp32Only', 'fp32-only (no compressed variants)'],
  ['singleHardware', 'single hardware per cluster']];

export async function fleetView(main, { signal }) {
  const [{ summaries, plan }, running, deployments, clusters] = await Promise.all([
    latestPlan(), api.get('/fleet/running'), api.get('/deployments?size=1'), api.get('/clusters?size=1')]);
  main.append(el('h1', {}, 'Fleet'));
  const cards = el('div', { class: 'cards' },
    card('Latest plan', plan ? money('plan', plan.totalHourlyCostUsd) : 'none',
      plan ? el('a', { href: '#/matrix', class: 'muted' }, `${plan.status}, ${when(plan.createdAt)}`) : ''),
    card('Running now', money('running', running.totalHourlyCostUsd),
      el('span', { class: 'muted' }, `${running.placements.length} placements`)),
    card('Deployments', el('span', { id: 'count-deployments', class: 'big' }, deployments.total)),
    card('Clusters', el('span', { id: 'count-clusters', class: 'big' }, clusters.total)),
    card('Unplaced pairs', el('span', { id: 'count-unplaced', class: 'big' }, plan ? plan.unplaced.length : 0)));
  main.append(cards);
  if (!plan) {
    main.append(noPlan(el));
    return;
  }
  main.append(el('h2', {}, 'Savings against the baselines'), savings(plan));
  if (plan.unplaced.length) {
    main.append(el('h2', {}, 'Unplaced pairs'), el('ul', { id: 'unplaced' }, plan.unplaced.map(u => el('li', {},
      el('a', { href: `#/matrix?deployment=${encodeURIComponent(u.deployment)}&cluster=${encodeURIComponent(u.cluster)}`,
        class: 'unplaced-link', dataset: { deployment: u.deployment, cluster: u.cluster } },
      `${u.deployment} on ${u.cluster}`), ` ${u.reasons.length} reasons, e.g. `,
      el('span', { class: 'reason' }, u.reasons[0] || 'none given')))));
  }
  const history = el('div', { id: 'cost-history', class: 'chart' });
  main.append(el('h2', {}, 'Cost of each finished plan ($/h)'), history);
  const points = summaries.filter(s => FINISHED.has(s.status)).slice().reverse()
    .map(s => [s.createdAt, s.totalHourlyCostUsd]);
  history.dataset.points = String(points.length);
  chart(history, {
    grid: { left: 60, right: 20, top: 20, bottom: 40 },
    xAxis: { type: 'time' }, yAxis: { type: 'value', name: '$/h' },
    series: [{ type: 'line', data: points, showSymbol: true }],
  }, signal);
  main.append(el('p', { class: 'muted' }, `Placed pairs: ${pairs(plan).filter(p => p.placement).length}.`
    + ' $/month = $/h x 730, as the CLI prints it.'));
}

function card(title, value, foot = '') {
  return el('div', { class: 'card' }, el('div', { class: 'card-title' }, title), el('div', {}, value), foot);
}

function money(id, hourly) {
  return el('div', {}, el('span', { id: `${id}-hourly`, class: 'big' }, `$${usd(hourly)}/h`),
    el('div', { id: `${id}-monthly`, class: 'muted' }, `$${perMonth(hourly)}/month`));
}

/** One bar per baseline beside the plan's, widths relative to the largest; numbers as the API gave them. */
function savings(plan) {
  const rows = [['plan', 'this plan', plan.totalHourlyCostUsd, null]];
  for (const [key, label] of BASELINES) {
    const b = plan.baselines && plan.baselines[key];
    if (b) {
      rows.push([key, label, b.totalHourlyCostUsd, b.unplaced.length, b.partial ? b.reason || 'partial' : null]);
    }
  }
  const max = Math.max(...rows.map(r => r[2]), 1e-9);
  return el('div', { id: 'savings' }, rows.map(([key, label, cost, unplaced, partial]) => {
    const fill = el('span', { class: key === 'plan' ? 'fill plan' : 'fill' });
    fill.style.width = `${(cost / max) * 100}%`;
    // A baseline the plan's deadline cut covers part of the fleet only: its cost is no saving to read.
    const saved = key === 'plan' ? '' : partial ? ` (partial: ${partial})`
      : unplaced > plan.unplaced.length ? ` (places ${unplaced - plan.unplaced.length} fewer pairs)`
        : ` saves $${usd(cost - plan.totalHourlyCostUsd)}/h`;
    return el('div', { class: 'saving', dataset: { baseline: key } },
      el('span', { class: 'saving-label' }, label),
      el('span', { class: 'bar' }, fill),
      el('span', { class: 'saving-value' }, `$${usd(cost)}/h`),
      el('span', { class: 'muted' }, saved));
  }));
}
