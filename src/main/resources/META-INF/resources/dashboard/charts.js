// ECharts from the application's own webjar (no CDN), drawn on canvas.
import * as echarts from '/webjars/echarts/5.3.1/dist/echarts.esm.min.js';

/** Draws `option` into `container` and disposes of the chart when the view is left. */
export function chart(container, option, signal) {
  if (signal.aborted) {
    return null;
  }
  const instance = echarts.init(container, null, { renderer: 'canvas' });
  instance.setOption({ animation: false, ...option });
  signal.addEventListener('abort', () => instance.dispose());
  return instance;
}
