// The latest finished plan and the stored plans' costs, as every plan view reads them.
import * as api from '../api.js';

/** Plans with a result; plan jobs also list RUNNING and FAILED ones, which have none. */
export const FINISHED = new Set(['OPTIMAL', 'FEASIBLE', 'INFEASIBLE']);

/** Summaries newest first (GET /plans), and the newest finished plan in full, or null when none is stored. */
export async function latestPlan() {
  const summaries = await api.all('/plans');
  const latest = summaries.find(s => FINISHED.has(s.status));
  return { summaries, plan: latest ? await api.get(`/plans/${latest.id}`) : null };
}

/** The pairs of a plan: every placement and every unplaced pair, by deployment then cluster. */
export function pairs(plan) {
  const out = plan.placements.map(p => ({ deployment: p.deployment, cluster: p.cluster, placement: p }))
    .concat(plan.unplaced.map(u => ({ deployment: u.deployment, cluster: u.cluster, unplaced: u })));
  return out.sort((a, b) => a.deployment.localeCompare(b.deployment) || a.cluster.localeCompare(b.cluster));
}

export function noPlan(el) {
  return el('p', { class: 'empty' }, 'No plan stored yet: POST /api/v1/plans (or modelfleet plan) makes one.');
}
