// A product that signs its users in through the broker with panva's certified openid-client, as a product team would
// write it: discovery, the authorization code flow with PKCE, state and nonce, the code exchange, the ID token checked
// by the library (signature against the JWKS too: non-repudiation checks on), and userinfo.
//
// Keeps its session in step with the broker's: refresh (rotation), introspection and revocation with its own
// credentials, and sign-out everywhere through the end-session endpoint.
//
// Configured by environment: ISSUER, CLIENT_ID, CLIENT_SECRET (absent: a public client), HOST, PORT (0: any).
// Prints "LISTENING <port>" once it serves. Routes: GET /login[?login_hint=..] starts a sign-in; GET /callback ends it
// and shows the claims (HTML, id="signed-in" and id="claims"); GET /last answers the last sign-in as JSON;
// GET /refresh uses the refresh token; GET /introspect introspects the access token (confidential only);
// GET /revoke revokes the refresh token, then tries it; GET /logout sends the browser to the end-session endpoint,
// which sends it back to GET /signed-out (id="signed-out").
import http from 'node:http';
import crypto from 'node:crypto';
import * as client from 'openid-client';

const { ISSUER, CLIENT_ID, CLIENT_SECRET, HOST = '127.0.0.1', PORT = '0' } = process.env;
const pending = new Map();
let last = null;
let tokens = null;
let redirectUri;

const config = await client.discovery(new URL(ISSUER), CLIENT_ID, CLIENT_SECRET,
  CLIENT_SECRET ? client.ClientSecretBasic(CLIENT_SECRET) : client.None(),
  { execute: [client.allowInsecureRequests, client.enableNonRepudiationChecks] });

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (response, status, body) => {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  response.end(`<!doctype html><html><head><title>${escape(CLIENT_ID)}</title></head><body>${body}</body></html>`);
};

async function login(request, response, url) {
  const codeVerifier = client.randomPKCECodeVerifier();
  const transaction = { codeVerifier, state: client.randomState(), nonce: client.randomNonce() };
  const id = crypto.randomUUID();
  pending.set(id, transaction);
  const parameters = {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state: transaction.state,
    nonce: transaction.nonce,
  };
  for (const name of ['login_hint', 'prompt', 'max_age']) {
    if (url.searchParams.has(name)) parameters[name] = url.searchParams.get(name);
  }
  response.writeHead(302, {
    location: client.buildAuthorizationUrl(config, parameters).href,
    'set-cookie': `product_tx=${id}; Path=/; HttpOnly; SameSite=Lax`,
  });
  response.end();
}

async function callback(request, response, url) {
  const id = /(?:^|;\s*)product_tx=([^;]+)/.exec(request.headers.cookie || '')?.[1];
  const transaction = id && pending.get(id);
  if (!transaction) {
    page(response, 400, '<p id="error">no sign-in in progress in this browser</p>');
    return;
  }
  pending.delete(id);
  try {
    tokens = await client.authorizationCodeGrant(config, url, {
      pkceCodeVerifier: transaction.codeVerifier,
      expectedState: transaction.state,
      expectedNonce: transaction.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    const header = JSON.parse(Buffer.from(tokens.id_token.split('.')[0], 'base64url').toString());
    last = { claims, userinfo, idTokenHeader: header, tokenType: tokens.token_type };
    page(response, 200, `<p id="signed-in">Signed in as ${escape(claims.email)}</p>`
      + `<pre id="claims">${escape(JSON.stringify(claims))}</pre>`);
  } catch (error) {
    last = { error: error.code || error.name, message: error.message, cause: error.cause?.error };
    page(response, 400, `<p id="error">${escape(error.code || error.name)}: ${escape(error.message)}</p>`);
  }
}

const json = (response, status, body) => {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
};
const failure = (error) => ({ error: error.error || error.code || error.name, message: error.message });

async function refresh(request, response) {
  const before = tokens.refresh_token;
  try {
    tokens = await client.refreshTokenGrant(config, before);
    json(response, 200, { rotated: tokens.refresh_token !== before, claims: tokens.claims(),
      hasAccessToken: Boolean(tokens.access_token) });
  } catch (error) {
    json(response, 400, failure(error));
  }
}

async function introspect(request, response) {
  try {
    json(response, 200, await client.tokenIntrospection(config, tokens.access_token));
  } catch (error) {
    json(response, 400, failure(error));
  }
}

async function revoke(request, response) {
  const revoked = tokens.refresh_token;
  await client.tokenRevocation(config, revoked);
  try {
    await client.refreshTokenGrant(config, revoked);
    json(response, 200, { revoked: true, refreshAfterwards: 'succeeded' });
  } catch (error) {
    json(response, 200, { revoked: true, refreshAfterwards: failure(error).error });
  }
}

async function logout(request, response) {
  const url = client.buildEndSessionUrl(config, {
    id_token_hint: tokens.id_token,
    post_logout_redirect_uri: new URL('/signed-out', redirectUri).href,
    state: client.randomState(),
  });
  tokens = null;
  response.writeHead(302, { location: url.href });
  response.end();
}

const server = http.createServer((request, response) => {
  const url = new URL(request.url, redirectUri);
  const routes = {
    '/login': login,
    '/callback': callback,
    '/last': async () => {
      response.writeHead(last ? 200 : 404, { 'content-type': 'application/json' });
      response.end(JSON.stringify(last));
    },
    '/refresh': refresh,
    '/introspect': introspect,
    '/revoke': revoke,
    '/logout': logout,
    '/signed-out': async () => page(response, 200, `<p id="signed-out">Signed out (${escape(url.searchParams.get('state') ? 'state returned' : 'no state')})</p>`),
  };
  const route = request.method === 'GET' ? routes[url.pathname] : undefined;
  if (!route) {
    page(response, 404, '<p>not found</p>');
    return;
  }
  route(request, response, url).catch((error) => page(response, 500, `<p id="error">${escape(error.message)}</p>`));
});

server.listen(Number(PORT), HOST, () => {
  const { port } = server.address();
  const host = process.env.PUBLIC_HOST || HOST;
  redirectUri = `http://${host}:${port}/callback`;
  console.log(`LISTENING ${port}`);
});
