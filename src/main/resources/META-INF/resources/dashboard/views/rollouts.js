// 5 Rollouts: the list, and a detail page with waves, clusters and steps that follows the rollout live (SSE read
// with fetch, since EventSource cannot send the token), analysis measurements as a chart, and pause / resume /
// abort for operators.
import * as api from '../api.js';
import { el, table } from '../dom.js';
import { when } from '../format.js';
import { chart } from '../charts.js';

const TERMINAL = new Set(['SUCCEEDED', 'ROLLED_BACK', 'ABORTED', 'FAILED']);

export async function rolloutsView(main) {
  const rollouts = await api.all('/rollouts', 500);
  main.append(el('h1', {}, 'Rollouts'));
  if (!rollouts.length) {
    main.append(el('p', { class: 'empty' }, 'No rollouts yet: POST /api/v1/rollouts (or modelfleet rollout PLAN).'));
    return;
  }
  main.append(table(['rollout', 'kind', 'status', 'plan', 'created', 'by', 'reason'], rollouts.map(r => el('tr', {
    class: 'rollout-row', dataset: { id: r.id, status: r.status } },
  el('td', {}, el('a', { href: `#/rollouts/${r.id}` }, r.id.slice(0, 8))), el('td', {}, r.kind),
  el('td', { class: `status s-${r.status}` }, r.status), el('td', {}, r.planId.slice(0, 8)),
  el('td', {}, when(r.createdAt)), el('td', {}, r.createdBy || ''), el('td', {}, r.reason || ''))),
  { id: 'rollouts' }));
}

export async function rolloutView(main, { me, signal, hash, showError }) {
  const id = hash.split('/')[2];
  const header = el('div', { class: 'rollout-head' });
  const live = el('span', { id: 'live', class: 'muted' }, '');
  const actions = el('div', { id: 'actions' });
  const body = el('div', { id: 'rollout' });
  main.append(el('h1', {}, 'Rollout ', el('code', {}, id.slice(0, 8))), header, live, actions, body);
  const mayAct = me.role === 'operator' || me.role === 'admin';
  let drawn = new AbortController();
  signal.addEventListener('abort', () => drawn.abort());

  const render = view => {
    drawn.abort();
    drawn = new AbortController();
    header.replaceChildren(el('span', { id: 'rollout-status', class: `status s-${view.status}` }, view.status),
      el('span', { class: 'muted' }, ` ${view.kind}, plan ${view.planId}, ${view.transitions} transitions,`
        + ` updated ${when(view.updatedAt)}`),
      view.reason ? el('div', { class: 'reason' }, view.reason) : '');
    actions.replaceChildren(...(mayAct ? buttons(view, id, render, showError) : []));
    body.replaceChildren(...waves(view, drawn.signal));
  };

  render(await api.get(`/rollouts/${id}`));
  follow(id, render, live, signal, showError);
}

/** Reads the event stream until the rollout ends or the view is left; then shows the final state once more. */
async function follow(id, render, live, signal, showError) {
  live.textContent = 'live';
  try {
    await api.stream(`/rollouts/${id}/events`, (type, view) => render(view), signal);
    render(await api.get(`/rollouts/${id}`));
    live.textContent = 'ended';
  } catch (e) {
    if (e.name === 'AbortError') {
      return;
    }
    live.textContent = 'live updates stopped';
    try {
      render(await api.get(`/rollouts/${id}`));
    } catch (again) {
      showError(again);
    }
  }
}

function buttons(view, id, render, showError) {
  if (TERMINAL.has(view.status)) {
    return [];
  }
  const act = action => async () => {
    try {
      render(await api.post(`/rollouts/${id}/${action}`));
    } catch (e) {
      showError(e);
    }
  };
  const out = [];
  if (view.status === 'RUNNING') {
    out.push(el('button', { id: 'pause', type: 'button', onclick: act('pause') }, 'Pause'));
  }
  if (view.status === 'PAUSED') {
    out.push(el('button', { id: 'resume', type: 'button', onclick: act('resume') }, 'Resume'));
  }
  if (view.status !== 'ABORTING') {
    out.push(el('button', { id: 'abort', type: 'button', class: 'danger', onclick: act('abort') }, 'Abort'));
  }
  return out;
}

function waves(view, signal) {
  const byWave = new Map();
  for (const c of view.clusters) {
    byWave.set(c.wave, [...(byWave.get(c.wave) || []), c]);
  }
  return [...byWave.keys()].sort((a, b) => a - b).map(w => el('section', { class: 'wave', dataset: { wave: w } },
    el('h2', {}, `Wave ${w}`), byWave.get(w).map(c => cluster(c, signal))));
}

function cluster(c, signal) {
  const charts = [];
  const rows = c.steps.map(s => {
    if (s.analysis && s.analysis.measurements && s.analysis.measurements.length) {
      charts.push(s);
    }
    return el('tr', { class: 'step', dataset: { position: s.position, status: s.status } },
      el('td', {}, s.position), el('td', {}, s.deployment), el('td', {}, s.action), el('td', {}, s.workload || ''),
      el('td', { class: `status s-${s.status}` }, s.status), el('td', {}, s.requiredReplicas),
      el('td', {}, s.attempts), el('td', {}, s.analysis ? s.analysis.verdict || 'measuring' : ''),
      el('td', { class: 'reason' }, s.reason || ''));
  });
  const section = el('div', { class: 'cluster', dataset: { cluster: c.cluster, status: c.status } },
    el('h3', {}, c.cluster, ' ', el('span', { class: `status s-${c.status}` }, c.status)),
    c.reason ? el('p', { class: 'reason' }, c.reason) : '',
    table(['#', 'deployment', 'action', 'workload', 'status', 'replicas', 'attempts', 'analysis', 'reason'], rows,
      { class: 'steps' }));
  for (const s of charts) {
    const plot = el('div', { class: 'analysis', dataset: { position: s.position,
      measurements: s.analysis.measurements.length } });
    section.append(el('h4', {}, `Step ${s.position} analysis: ${s.analysis.verdict || 'measuring'}`), plot);
    queueMicrotask(() => drawAnalysis(plot, s.analysis, signal));
  }
  return section;
}

/** One small chart per check (their units differ: ms, a ratio, requests, replicas), value per measurement. */
function drawAnalysis(container, analysis, signal) {
  if (signal.aborted || !container.isConnected) {
    return;
  }
  const byCheck = new Map();
  for (const m of analysis.measurements) {
    byCheck.set(m.check, [...(byCheck.get(m.check) || []), m]);
  }
  for (const [check, ms] of byCheck) {
    const plot = el('div', { class: 'chart small', dataset: { check } });
    container.append(plot);
    chart(plot, {
      title: { text: check, left: 'center', textStyle: { fontSize: 12 } },
      grid: { left: 50, right: 15, top: 30, bottom: 25 }, tooltip: { trigger: 'item' },
      xAxis: { type: 'category', data: ms.map(m => String(m.seq)) }, yAxis: { type: 'value', scale: true },
      series: [{ type: 'line', name: check, data: ms.map(m => ({ value: m.value, itemStyle: {
        color: m.verdict === 'PASS' ? '#15803d' : m.verdict === 'FAIL' ? '#b91c1c' : '#a16207' } })) }],
    }, signal);
  }
}
