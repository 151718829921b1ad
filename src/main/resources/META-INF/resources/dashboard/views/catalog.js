// 4 Catalog: per model, accuracy against cost per million inferences for every benchmark row (GET
// /catalog/frontier computes the cost), the frontier drawn as a line, and every variant and benchmark row with its
// source.
import * as api from '../api.js';
import { el, table } from '../dom.js';
import { usd } from '../format.js';
import { chart } from '../charts.js';

export async function catalogView(main, { signal }) {
  const [{ models }, catalog] = await Promise.all([api.get('/catalog/frontier'), api.all('/models')]);
  main.append(el('h1', {}, 'Catalog'));
  if (!models.length) {
    main.append(el('p', { class: 'empty' }, 'No benchmark rows yet: register variants with benchmarks.'));
  }
  const metricOf = new Map(catalog.map(m => [m.name, m.accuracyMetric]));
  // Every model's variants at once: one request after another made a catalog of a hundred models take seconds.
  const variantsOf = await Promise.all(models.map(m =>
    api.all(`/models/${encodeURIComponent(m.model)}/variants`)));
  for (const [i, m] of models.entries()) {
    const variants = variantsOf[i];
    const plot = el('div', { class: 'chart', dataset: { model: m.model } });
    main.append(el('section', { class: 'model', dataset: { model: m.model } },
      el('h2', {}, m.model),
      el('p', { class: 'muted' }, `Accuracy (${metricOf.get(m.model) || m.accuracyMetric}) against $ per million`
        + ' inferences; the line joins the frontier (no other row is as accurate for less).'),
      plot,
      el('h3', {}, 'Benchmark rows'),
      table(['variant', 'precision', 'compression', 'hardware', 'batch', 'concurrency', 'p99 ms', 'req/s', 'accuracy',
        '$/M inferences', 'frontier', 'source'], m.points.map(p => el('tr', {
        class: 'benchmark-row', dataset: { variant: p.variantId, hardware: p.hardware, batch: p.batchSize,
          concurrency: p.concurrency, source: p.source } },
      el('td', {}, `${p.version} ${p.variantId.slice(0, 8)}`), el('td', {}, p.precision),
      el('td', {}, p.compression.join(', ') || 'none'), el('td', {}, p.hardware), el('td', {}, p.batchSize),
      el('td', {}, p.concurrency),
      el('td', {}, p.p99LatencyMs), el('td', {}, p.throughputRps), el('td', {}, p.accuracy ?? '-'),
      el('td', { class: 'cost' }, p.costPerMillionUsd === null || p.costPerMillionUsd === undefined ? (p.note || '-')
        : `$${usd(p.costPerMillionUsd)}`),
      el('td', {}, p.onFrontier ? '★' : ''), el('td', { class: 'source' }, p.source))), { class: 'benchmarks' }),
      el('h3', {}, 'Variants'),
      table(['id', 'version', 'precision', 'compression', 'format', 'accuracy', 'size MB', 'benchmark rows'],
        variants.map(v => el('tr', { class: 'variant-row', dataset: { variant: v.id } },
          el('td', {}, v.id.slice(0, 8)), el('td', {}, v.version), el('td', {}, v.precision),
          el('td', {}, v.compression.join(', ') || 'none'), el('td', {}, v.format), el('td', {}, v.accuracy ?? '-'),
          el('td', {}, (v.sizeBytes / 1e6).toFixed(1)),
          el('td', {}, v.benchmarks.map(b => `${b.hardware} b${b.batchSize} ${b.source}`).join('; ')))))));
    draw(plot, m, signal);
  }
}

function draw(container, m, signal) {
  const priced = m.points.filter(p => p.costPerMillionUsd !== null && p.costPerMillionUsd !== undefined
    && p.accuracy !== null && p.accuracy !== undefined);
  const byHardware = new Map();
  for (const p of priced) {
    byHardware.set(p.hardware, [...(byHardware.get(p.hardware) || []), p]);
  }
  const frontier = priced.filter(p => p.onFrontier).sort((a, b) => a.costPerMillionUsd - b.costPerMillionUsd);
  chart(container, {
    grid: { left: 60, right: 20, top: 40, bottom: 40 },
    legend: { top: 0, type: 'scroll' },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'log', name: '$/M', nameLocation: 'middle', nameGap: 25 },
    yAxis: { type: 'value', name: m.accuracyMetric, scale: true },
    series: [...[...byHardware].map(([hardware, points]) => ({
      type: 'scatter', name: hardware, symbolSize: 10,
      data: points.map(p => ({ value: [p.costPerMillionUsd, p.accuracy],
        name: `${p.precision} ${p.compression.join('+') || 'base'} b${p.batchSize}` })),
    })), { type: 'line', name: 'frontier', data: frontier.map(p => [p.costPerMillionUsd, p.accuracy]),
      showSymbol: false, lineStyle: { type: 'dashed' } }],
  }, signal);
}
