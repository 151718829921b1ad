// 2 Placement matrix: deployments x clusters, each pair's precision and hardware, coloured by accelerator; a click
// opens the pair's explanation from GET /plans/{id}/alternatives.
import * as api from '../api.js';
import { el, table } from '../dom.js';
import { usd } from '../format.js';
import { latestPlan, pairs, noPlan } from './plans.js';

export async function matrixView(main, { hash, showError }) {
  const [{ plan }, hardware] = await Promise.all([latestPlan(), api.all('/hardware-profiles')]);
  main.append(el('h1', {}, 'Placement matrix'));
  if (!plan) {
    main.append(noPlan(el));
    return;
  }
  const accelerator = new Map(hardware.map(h => [h.name, h.accelerator]));
  const all = pairs(plan);
  const deployments = [...new Set(all.map(p => p.deployment))].sort();
  const clusters = [...new Set(all.map(p => p.cluster))].sort();
  const byKey = new Map(all.map(p => [`${p.deployment}\n${p.cluster}`, p]));
  const explanation = el('section', { id: 'explanation' });

  const rows = deployments.map(d => el('tr', {}, el('th', { scope: 'row' }, d), clusters.map(c => {
    const pair = byKey.get(`${d}\n${c}`);
    if (!pair) {
      return el('td', { class: 'no-pair' }, '');
    }
    const p = pair.placement;
    const kind = p ? accelerator.get(p.hardware) || 'UNKNOWN' : 'UNPLACED';
    return el('td', {
      class: `cell hw-${kind}`, tabindex: '0', title: 'Show why',
      dataset: { deployment: d, cluster: c, hardware: p ? p.hardware : '' },
      onclick: () => explain(plan, pair, explanation, showError),
      onkeydown: e => { if (e.key === 'Enter') { explain(plan, pair, explanation, showError); } },
    }, p ? [el('div', { class: 'precision' }, p.precision), el('div', {}, p.hardware),
      el('div', { class: 'muted' }, `${p.replicas} x, $${usd(p.hourlyCostUsd)}/h`)] : el('div', {}, 'unplaced'));
  })));
  main.append(el('p', { class: 'muted' }, `Plan ${plan.id} (${plan.status}). Colour = accelerator kind.`),
    table(['deployment \\ cluster', ...clusters], rows, { id: 'matrix', class: 'matrix' }),
    legend(all, accelerator), explanation);

  const wanted = new URLSearchParams(hash.split('?')[1] || '');
  const pick = byKey.get(`${wanted.get('deployment')}\n${wanted.get('cluster')}`);
  if (pick) {
    await explain(plan, pick, explanation, showError);
  }
}

function legend(all, accelerator) {
  const kinds = [...new Set(all.map(p => p.placement ? accelerator.get(p.placement.hardware) || 'UNKNOWN'
    : 'UNPLACED'))].sort();
  return el('div', { class: 'legend' }, kinds.map(k => el('span', { class: `swatch hw-${k}` }, k)));
}

async function explain(plan, pair, section, showError) {
  const query = `deployment=${encodeURIComponent(pair.deployment)}&cluster=${encodeURIComponent(pair.cluster)}`;
  history.replaceState(null, '', `#/matrix?${query}`);
  for (const cell of document.querySelectorAll('#matrix td.cell')) {
    cell.classList.toggle('selected', cell.dataset.deployment === pair.deployment
      && cell.dataset.cluster === pair.cluster);
  }
  section.replaceChildren(el('h2', {}, `Why: ${pair.deployment} on ${pair.cluster}`), el('p', {}, 'Loading...'));
  section.dataset.deployment = pair.deployment;
  section.dataset.cluster = pair.cluster;
  let options;
  try {
    options = await api.all(`/plans/${plan.id}/alternatives?${query}`);
  } catch (e) {
    section.replaceChildren();
    showError(e);
    return;
  }
  const chosenCost = pair.placement ? pair.placement.hourlyCostUsd : null;
  const rows = options.map(o => el('tr', { class: `option ${o.outcome.toLowerCase()}`, dataset: { outcome: o.outcome } },
    el('td', { class: 'mark' }, o.outcome === 'CHOSEN' ? '✔' : o.outcome === 'REJECTED' ? '✘' : ''),
    el('td', {}, o.precision || ''), el('td', {}, o.hardware || ''), el('td', {}, o.pool || ''),
    el('td', {}, o.batchSize ?? ''), el('td', {}, o.replicas ?? ''),
    el('td', { class: 'cost' }, o.outcome === 'CHOSEN' && chosenCost !== null ? `$${usd(chosenCost)}/h`
      : o.outcome === 'COSTLIER' ? `+$${usd(o.extraHourlyCostUsd)}/h` : ''),
    el('td', {}, o.outcome === 'COSTLIER' ? (o.costBasis || '') : (o.rule || '')),
    el('td', { class: 'reason' }, o.reason || '')));
  section.replaceChildren(el('h2', {}, `Why: ${pair.deployment} on ${pair.cluster}`),
    pair.unplaced ? el('p', { class: 'unplaced-reasons' }, `Unplaced: ${pair.unplaced.reasons.join('; ')}`) : '',
    table(['', 'precision', 'hardware', 'pool', 'batch', 'replicas', '$/h', 'rule / basis', 'reason'], rows,
      { id: 'options' }),
    el('p', { class: 'muted' }, '+$/h: what the whole cluster would cost more with that option (EXACT: re-solved;'
      + ' STANDALONE: difference of dedicated nodes).'));
}
