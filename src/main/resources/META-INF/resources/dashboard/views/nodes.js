// 3 Nodes: per cluster and pool, one bar per node of the latest plan, replicas stacked by deployment, with use in
// percent, instance type, capacity type and $/h (GET /plans/{id}/nodes computes the percentages).
import * as api from '../api.js';
import { el } from '../dom.js';
import { usd, percent } from '../format.js';
import { latestPlan, noPlan } from './plans.js';

const SEGMENT_CLASSES = 8;

export async function nodesView(main) {
  const { plan } = await latestPlan();
  main.append(el('h1', {}, 'Nodes'));
  if (!plan) {
    main.append(noPlan(el));
    return;
  }
  const { nodes } = await api.get(`/plans/${plan.id}/nodes`);
  const deployments = [...new Set(nodes.flatMap(n => n.replicas.map(r => r.deployment)))].sort();
  const colour = d => `seg-${deployments.indexOf(d) % SEGMENT_CLASSES}`;
  main.append(el('p', { class: 'muted' }, `Plan ${plan.id}: ${nodes.length} nodes.`),
    el('div', { class: 'legend' }, deployments.map(d => el('span', { class: `swatch ${colour(d)}` }, d))));
  const pools = new Map();
  for (const n of nodes) {
    const key = `${n.cluster} / ${n.pool}`;
    pools.set(key, [...(pools.get(key) || []), n]);
  }
  for (const [key, poolNodes] of pools) {
    const first = poolNodes[0];
    main.append(el('h2', {}, key), el('p', { class: 'muted' },
      `${first.hardware}, ${first.capacityType}, $${usd(first.hourlyPriceUsd)}/h per node, ${poolNodes.length} nodes`),
    el('div', { class: 'pool' }, poolNodes.map(n => node(n, colour))));
  }
}

function node(n, colour) {
  const stack = el('div', { class: 'stack' });
  for (const r of n.replicas) {
    const segment = el('span', { class: `segment ${colour(r.deployment)}`, title: `${r.deployment}: ${r.replicas}` },
      `${r.deployment} x${r.replicas}`);
    segment.style.width = `${share(n, r) * 100}%`;
    stack.append(segment);
  }
  return el('div', { class: 'node', dataset: { cluster: n.cluster, pool: n.pool, index: n.index } },
    el('div', { class: 'node-head' }, el('strong', {}, `${n.hardware} #${n.index}`),
      el('span', { class: 'muted' }, ` ${n.capacityType} $${usd(n.hourlyPriceUsd)}/h`)),
    stack,
    el('div', { class: 'use' },
      n.acceleratorPercent === null || n.acceleratorPercent === undefined ? ''
        : el('span', { class: 'use-accelerator' }, `accel ${percent(n.acceleratorPercent)}`),
      el('span', { class: 'use-vcpu' }, `vCPU ${percent(n.vcpuPercent)}`),
      el('span', { class: 'use-memory' }, `mem ${percent(n.memoryPercent)}`)));
}

/** A segment's width: the largest part of the node the deployment's replicas take (drawing only). */
function share(n, r) {
  const parts = [r.replicas * r.vcpusPerReplica / n.vcpus, r.replicas * r.memoryGiBPerReplica / n.memoryGiB];
  if (n.acceleratorCount > 0) {
    parts.push(r.replicas * r.acceleratorsPerReplica / n.acceleratorCount);
  }
  return Math.min(1, Math.max(...parts));
}
