// The admin API as the dashboard calls it: fetch() with the Bearer token when one is set, errors
// as ApiError (status 0: the API cannot be reached); the token form, the banner, and el() to
// build elements.

const TOKEN_KEY = 'wayfinder.admin-token';

let token = sessionStorage.getItem(TOKEN_KEY) || '';
let bannerKind = null;

export const $ = (id) => document.getElementById(id);

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function hasToken() {
  return token !== '';
}

/** Keeps the token for this tab only (sessionStorage); '' forgets it. */
export function setToken(value) {
  token = value;
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
  $('token-form').hidden = true;
  $('forget-token').hidden = !token;
}

/** fetch() with the token; a network failure, a 401 and an error body become an ApiError. */
export async function api(path, options = {}) {
  const headers = Object.assign({ Accept: 'application/json' }, options.headers);
  if (token) headers.Authorization = 'Bearer ' + token;
  let res;
  try {
    res = await fetch(path, Object.assign({}, options, { headers, cache: 'no-store' }));
  } catch (e) {
    throw new ApiError(0, 'cannot reach the admin API');
  }
  if (res.status === 401) {
    askForToken(hasToken());
    const message = token ? 'the admin token was refused' : 'the admin API needs its token';
    throw new ApiError(401, message);
  }
  if (!res.ok) {
    let message = res.status + ' ' + res.statusText;
    try {
      const body = await res.json();
      if (body.error) message = body.error + (body.field ? ' (' + body.field + ')' : '');
    } catch (ignored) { /* not JSON: keep the status line */ }
    throw new ApiError(res.status, message);
  }
  return res;
}

function askForToken(refused) {
  const form = $('token-form');
  $('token-refused').hidden = !refused;
  if (!form.hidden) return;
  form.hidden = false;
  $('token-input').value = '';
  $('token-input').focus();
}

/** Shows one message at a time; kind says who may clear it ('reach', 'action'). */
export function showBanner(kind, message) {
  bannerKind = kind;
  $('banner').textContent = message;
  $('banner').dataset.kind = kind;
  $('banner').hidden = false;
}

export function clearBanner(kind) {
  if (bannerKind !== kind) return;
  bannerKind = null;
  $('banner').hidden = true;
}

/** An element with attributes and, optionally, text (never HTML). */
export function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}
