// The dashboard shell: sign-in, role, hash routes, the error banner. Views render into <main id="view">.
import * as api from './api.js';
import { fleetView } from './views/fleet.js';
import { matrixView } from './views/matrix.js';
import { nodesView } from './views/nodes.js';
import { catalogView } from './views/catalog.js';
import { rolloutsView, rolloutView } from './views/rollouts.js';

const $ = id => document.getElementById(id);

const routes = [
  [/^#\/fleet$/, () => fleetView],
  [/^#\/matrix(\?.*)?$/, () => matrixView],
  [/^#\/nodes$/, () => nodesView],
  [/^#\/catalog$/, () => catalogView],
  [/^#\/rollouts$/, () => rolloutsView],
  [/^#\/rollouts\/[0-9a-f-]{36}$/, () => rolloutView],
];

/** What the current view started that must stop when it is left (the rollout stream). */
let leaving = new AbortController();
let me = null;

export function showError(error) {
  const banner = $('banner');
  banner.textContent = error instanceof api.ApiError || error instanceof Error ? error.message : String(error);
  banner.hidden = false;
}

function clearError() {
  $('banner').hidden = true;
  $('banner').textContent = '';
}

function showSignIn(message) {
  me = null;
  $('top').hidden = true;
  $('view').replaceChildren();
  $('sign-in').hidden = false;
  $('sign-in-message').textContent = message || '';
  $('token').value = '';
  $('token').focus();
}

async function start() {
  try {
    me = await api.get('/me');
  } catch (e) {
    if (!(e instanceof api.ApiError && e.status === 401)) {
      showSignIn(e.message);
    }
    return;
  }
  $('sign-in').hidden = true;
  $('top').hidden = false;
  $('who').textContent = `${me.name} (${me.role})`;
  document.body.dataset.role = me.role;
  if (!routes.some(([pattern]) => pattern.test(location.hash))) {
    location.hash = '#/fleet';
    return;
  }
  await route();
}

async function route() {
  if (!me) {
    return;
  }
  leaving.abort();
  leaving = new AbortController();
  clearError();
  const match = routes.find(([pattern]) => pattern.test(location.hash));
  if (!match) {
    location.hash = '#/fleet';
    return;
  }
  const view = match[1]();
  const name = location.hash.split(/[/?]/)[1];
  for (const link of document.querySelectorAll('nav a')) {
    link.classList.toggle('active', link.dataset.view === name);
  }
  const hash = location.hash;
  const main = $('view');
  // Each visit renders into a container of its own: a view still loading when it is left writes into a
  // detached element, never into the next view's page.
  const root = document.createElement('div');
  main.replaceChildren(root);
  main.dataset.state = 'loading';
  delete main.dataset.shown;
  const signal = leaving.signal;
  try {
    await view(root, { me, signal, hash, showError });
    if (signal.aborted) {
      return;
    }
    main.dataset.state = 'shown';
    // Which route is on screen: tests wait for it instead of guessing when rendering ended.
    main.dataset.shown = hash;
  } catch (e) {
    if (e.name !== 'AbortError' && !signal.aborted) {
      main.dataset.state = 'error';
      showError(e);
    }
  }
}

api.whenRefused(() => showSignIn('Signed out: the token was refused.'));

document.addEventListener('DOMContentLoaded', () => {
  $('sign-in-form').addEventListener('submit', event => {
    event.preventDefault();
    const value = $('token').value.trim();
    $('token').value = '';
    if (value) {
      api.signIn(value);
      start();
    }
  });
  $('sign-out').addEventListener('click', () => {
    leaving.abort();
    api.signOut();
    showSignIn('Signed out.');
  });
  window.addEventListener('hashchange', route);
  if (api.token()) {
    start();
  } else {
    showSignIn('');
  }
});
