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
  el('td', { class: `status s-${r.status}` }, r.status), el('td', {}, r.planId ? r.planId.slice(0, 8) : '–'),
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
      el('span', { class: 'muted' }, ` ${view.kind}, plan ${view.planId || '(none)'}, ${view.transitions} transitions,`
        + ` updated ${when(view.updatedAt)}`),
      view.reason ? el('div', { class: 'reason' }, view.reason) : '');
    actions.replaceChildren(...(mayAct ? buttons(view, id, render, showError, me.role) : []));
    body.replaceChildren(...waves(view, drawn.signal));
  };

  render(await api.get(`/rollouts/${id}`));
  follow(id, render, live, signal, showError);
}

/** Pauses before opening the stream again after it ended or broke without the rollout ending (ms). */
const RECONNECT = [1000, 2000, 5000, 10000];

/**
 * Follows the rollout until it ends or the view is left. The server writes only when the rollout changes, so a
 * quiet stretch (a pause, a long analysis) can be cut by a proxy's idle timeout, and a control plane restarts:
 * whenever the stream ends or breaks and the rollout is not over, it is read again and the stream reopened, with
 * a growing pause while nothing answers.
 */
async function follow(id, render, live, signal, showError) {
  let failures = 0;
  let last = null;
  const show = view => {
    last = view;
    try {
      render(view);
    } catch (e) {
      showError(e);
    }
  };
  while (!signal.aborted) {
    live.textContent = failures ? 'reconnecting…' : 'live';
    try {
      await api.stream(`/rollouts/${id}/events`, (type, view) => {
        failures = 0;
        live.textContent = 'live';
        show(view);
      }, signal);
      show(await api.get(`/rollouts/${id}`));
      failures = 0;
    } catch (e) {
      if (e.name === 'AbortError') {
        return;
      }
      failures++;
      if (e.status && e.status < 500 && e.status !== 429) {
        // 401, 403, 404: another try cannot help.
        live.textContent = 'live updates stopped';
        showError(e);
        return;
      }
    }
    if (last && TERMINAL.has(last.status)) {
      live.textContent = 'ended';
      return;
    }
    await pause(RECONNECT[Math.min(failures, RECONNECT.length - 1)], signal);
  }
}

function pause(ms, signal) {
  return new Promise(resolve => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

/**
 * The actions the rollout can take now, as the server decides them (RolloutActions): pause a RUNNING one, resume a
 * PAUSED one, abort either, but none while a cluster is rolling back; an admin may force-end a ROLLBACK_FAILED one.
 */
function buttons(view, id, render, showError, role) {
  if (TERMINAL.has(view.status)) {
    return [];
  }
  const act = (action, body) => async event => {
    const all = event.target.parentElement.querySelectorAll('button');
    all.forEach(b => { b.disabled = true; });
    try {
      render(await api.post(`/rollouts/${id}/${action}`, body));
    } catch (e) {
      showError(e);
      try {
        render(await api.get(`/rollouts/${id}`));
      } catch (again) {
        showError(again);
      }
    } finally {
      all.forEach(b => { b.disabled = false; });
    }
  };
  const rollingBack = view.clusters.some(c => c.status === 'ROLLING_BACK');
  const out = [];
  if (view.status === 'RUNNING' && !rollingBack) {
    out.push(el('button', { id: 'pause', type: 'button', onclick: act('pause') }, 'Pause'));
  }
  if (view.status === 'PAUSED') {
    out.push(el('button', { id: 'resume', type: 'button', onclick: act('resume') }, 'Resume'));
  }
  if ((view.status === 'RUNNING' || view.status === 'PAUSED') && !rollingBack) {
    out.push(el('button', { id: 'abort', type: 'button', class: 'danger', onclick: act('abort') }, 'Abort'));
  }
  if (view.status === 'ROLLBACK_FAILED' && role === 'admin') {
    out.push(el('button', { id: 'force-end', type: 'button', class: 'danger', onclick: async event => {
      const reason = window.prompt('Why force-end this rollout? (recorded in the audit log)');
      if (reason && reason.trim()) {
        await act('force-end', { reason: reason.trim() })(event);
      }
    } }, 'Force-end'));
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
