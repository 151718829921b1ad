// Every call the dashboard makes goes through here. The token lives in sessionStorage only and leaves the page
// only as an Authorization header: never in a URL, never in the console.
const TOKEN_KEY = 'modelfleet.token';
const BASE = '/api/v1';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && problem.detail ? problem.detail : `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function signIn(value) {
  sessionStorage.setItem(TOKEN_KEY, value);
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** Called with the refusal when the server rejects the token (401): the app shows the sign-in form. */
let onRefused = () => {};
export function whenRefused(handler) {
  onRefused = handler;
}

/**
 * The headers of one request, and the token they carry. Without a token (signed out while a view was still
 * loading or refreshing) no request is sent at all: it would only come back 401 and read as a refused token.
 */
function authorized(accept) {
  const current = token();
  if (!current) {
    throw new DOMException('signed out', 'AbortError');
  }
  return { sent: current, headers: { 'Authorization': `Bearer ${current}`, 'Accept': accept } };
}

async function problemOf(response) {
  try {
    return await response.json();
  } catch (e) {
    return null;
  }
}

async function failed(response, sent) {
  const problem = await problemOf(response);
  // Only the token in use is signed out: a late refusal of one replaced since must not sign out its successor.
  if (response.status === 401 && sent === token()) {
    signOut();
    onRefused(problem);
  }
  return new ApiError(response.status, problem);
}

export async function get(path) {
  const { sent, headers } = authorized('application/json');
  const response = await fetch(BASE + path, { headers, cache: 'no-store' });
  if (!response.ok) {
    throw await failed(response, sent);
  }
  return response.json();
}

export async function post(path, body = {}) {
  const { sent, headers } = authorized('application/json');
  const response = await fetch(BASE + path, {
    method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw await failed(response, sent);
  }
  return response.json();
}

/** Every item of a paged list, page by page (at most `limit` items). */
export async function all(path, limit = 5000) {
  const size = 500;
  const items = [];
  const join = path.includes('?') ? '&' : '?';
  for (let page = 0; items.length < limit; page++) {
    const p = await get(`${path}${join}page=${page}&size=${size}`);
    items.push(...p.items);
    if (p.items.length < size || items.length >= p.total) {
      break;
    }
  }
  return items;
}

/**
 * Server-sent events with the Authorization header, which EventSource cannot send: the response body is read as a
 * stream and split into events at blank lines; `data:` lines are joined and parsed as JSON. Resolves when the
 * server ends the stream; `signal` aborts it.
 */
export async function stream(path, onEvent, signal) {
  const { sent, headers } = authorized('text/event-stream');
  const response = await fetch(BASE + path, { headers, signal, cache: 'no-store' });
  if (!response.ok) {
    throw await failed(response, sent);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = parseEvent(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (event.data !== '') {
        onEvent(event.type, JSON.parse(event.data));
      }
    }
  }
}

function parseEvent(block) {
  let type = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) {
      type = line.slice(6).trim();
    } else if (line.startsWith('data:')) {
      data.push(line.slice(5).replace(/^ /, ''));
    }
  }
  return { type, data: data.join('\n') };
}
