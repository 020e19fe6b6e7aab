// An OpenID Provider for the tests, configured like ID-porten: panva's oidc-provider
// (OpenID-certified) on loopback, started by tests/oidc_provider/__init__.py.
//
// Like ID-porten: authorization code flow only, PKCE S256 required, RS256 ID tokens
// with `pid`, `acr` (idporten-loa-*), `amr`, `auth_time` and `sid`, pairwise `sub`,
// `iss` in the authorization response (RFC 9207), RP-initiated logout
// (end_session_endpoint) without a confirmation question when the ID token is given,
// back-channel logout, and front-channel logout: after a log-out the provider shows a
// page with one iframe per client in the session, `frontchannel_logout_uri?iss=…&sid=…`
// (oidc-provider dropped its draft front-channel feature, so this script renders that
// page itself, as ID-porten's /logout does). No consent screen (ID-porten has none for
// plain log-in).
//
// Configured by the JSON in the environment variable OIDC_PROVIDER_CONFIG:
//   {"clients": [<client metadata>], "users": {"<fødselsnummer>": {"password": "…",
//    "acr": "idporten-loa-substantial", "pid": true, "codeTtl": 60}}}
// Prints "READY <issuer>" on stdout once it listens on 127.0.0.1 (a free port).
// Test helpers: GET /test/events lists what happened (log-ins, back-channel calls).

import { createServer } from 'node:http';
import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';

import Provider from 'oidc-provider';

const config = JSON.parse(process.env.OIDC_PROVIDER_CONFIG || '{}');
const users = config.users || {};
const ACR_VALUES = ['idporten-loa-low', 'idporten-loa-substantial', 'idporten-loa-high'];
const events = [];

const signingKey = {
  ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
  kid: randomUUID(),
  alg: 'RS256',
  use: 'sig',
};

const escape = (value) => String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const LOGIN_TEXT = {
  nb: { title: 'Logg inn med testbruker', fnr: 'Fødselsnummer', password: 'Passord', login: 'Logg inn', cancel: 'Avbryt', wrong: 'Feil fødselsnummer eller passord' },
  nn: { title: 'Logg inn med testbrukar', fnr: 'Fødselsnummer', password: 'Passord', login: 'Logg inn', cancel: 'Avbryt', wrong: 'Feil fødselsnummer eller passord' },
  en: { title: 'Log in with a test user', fnr: 'National identity number', password: 'Password', login: 'Log in', cancel: 'Cancel', wrong: 'Wrong national identity number or password' },
};

function loginPage(uid, locale, error) {
  const text = LOGIN_TEXT[locale] || LOGIN_TEXT.nb;
  return `<!DOCTYPE html>
<html lang="${escape(locale)}"><head><meta charset="utf-8"><title>${text.title} – ID-porten (test)</title></head>
<body><main><h1>${text.title}</h1>
${error ? `<p role="alert" id="error">${text.wrong}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label for="username">${text.fnr}</label> <input id="username" name="username" autocomplete="off">
<label for="password">${text.password}</label> <input id="password" name="password" type="password">
<button type="submit" name="action" value="login">${text.login}</button>
<button type="submit" name="action" value="cancel">${text.cancel}</button>
</form></main></body></html>`;
}

function readForm(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => resolve(Object.fromEntries(new URLSearchParams(body))));
    req.on('error', reject);
  });
}

function send(res, status, type, body) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

const server = createServer();
await new Promise((resolve) => { server.listen(0, '127.0.0.1', resolve); });
const issuer = `http://127.0.0.1:${server.address().port}`;

const clientsById = new Map((config.clients || []).map((client) => [client.client_id, client]));

const provider = new Provider(issuer, {
  clients: (config.clients || []).map((client) => ({
    grant_types: ['authorization_code'],
    response_types: ['code'],
    subject_type: 'pairwise',
    require_auth_time: true,
    id_token_signed_response_alg: 'RS256',
    backchannel_logout_session_required: Boolean(client.backchannel_logout_uri),
    ...client,
  })),
  jwks: { keys: [signingKey] },
  cookies: {
    keys: [randomUUID()],
    long: { signed: true, sameSite: 'lax' },
    short: { signed: true, sameSite: 'lax' },
  },
  findAccount: async (ctx, accountId) => ({
    accountId,
    claims: async () => ({
      sub: accountId,
      ...(users[accountId]?.pid === false ? {} : { pid: accountId }),
    }),
  }),
  claims: { openid: ['sub', 'pid'], acr: null, amr: null, auth_time: null, sid: null },
  conformIdTokenClaims: false, // pid in the ID token, as ID-porten does
  scopes: ['openid', 'profile'],
  responseTypes: ['code'],
  subjectTypes: ['pairwise'],
  pairwiseIdentifier: async (ctx, accountId, client) => createHash('sha256')
    .update(`${client.sectorIdentifier}|${accountId}|test-salt`).digest('base64url'),
  acrValues: ACR_VALUES,
  pkce: { methods: ['S256'], required: () => true },
  clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'private_key_jwt'],
  enabledJWA: {
    idTokenSigningAlgValues: ['RS256'],
    clientAuthSigningAlgValues: ['RS256'],
  },
  extraClientMetadata: { properties: ['frontchannel_logout_uri'] },
  ttl: {
    AuthorizationCode: (ctx, code) => {
      const ttl = users[code.accountId]?.codeTtl ?? 60;
      // A user with short-lived codes: the answer reaches the browser only after the
      // code has expired (as when the citizen's browser lingers), see provider.use below.
      if (ttl < 60) ctx.state.lingerMs = (ttl + 1) * 1000;
      return ttl;
    },
    IdToken: 120,
    AccessToken: 120,
    Session: 2 * 60 * 60,
    Grant: 2 * 60 * 60,
    Interaction: 10 * 60,
  },
  loadExistingGrant: async (ctx) => {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) {
      const grant = await ctx.oidc.provider.Grant.find(grantId);
      if (grant) return grant;
    }
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid profile');
    await grant.save();
    return grant;
  },
  interactions: { url: async (ctx, interaction) => `/interaction/${interaction.uid}` },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      // ID-porten asks nothing when the client sends the ID token: submit at once.
      logoutSource: async (ctx, form) => {
        ctx.body = `<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>Logger ut</title></head>
<body>${form.replace('</form>', '<input type="hidden" name="logout" value="yes"><button type="submit">Logg ut</button></form>')}
<script>document.forms[0].submit()</script></body></html>`;
      },
      postLogoutSuccessSource: async (ctx) => {
        ctx.body = '<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>Logget ut</title></head><body><h1 id="logged-out">Du er logget ut av ID-porten</h1></body></html>';
      },
    },
    backchannelLogout: { enabled: true },
  },
  renderError: async (ctx, out) => {
    ctx.type = 'html';
    ctx.body = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Error</title></head><body><h1>Error</h1><pre id="error">${escape(JSON.stringify(out))}</pre></body></html>`;
  },
});

// ID-porten puts `sid` in every ID token (oidc-provider only with back-channel logout).
provider.Client.prototype.includeSid = () => true;

provider.on('backchannel.success', (ctx, client, accountId, sid) => {
  events.push({ type: 'backchannel.success', client: client.clientId, sid });
});
provider.on('backchannel.error', (ctx, error, client, accountId, sid) => {
  events.push({ type: 'backchannel.error', client: client.clientId, sid, error: String(error) });
});

// Front-channel logout: remember every client of the ended session with its sid, then
// turn the redirect after the log-out into a page that frames each client's
// frontchannel_logout_uri and continues once they have loaded.
provider.on('end_session.success', (ctx) => {
  const frames = [];
  for (const [clientId, authorization] of Object.entries(ctx.oidc.session.authorizations || {})) {
    const uri = clientsById.get(clientId)?.frontchannel_logout_uri;
    if (uri) {
      const url = new URL(uri);
      url.searchParams.set('iss', issuer);
      url.searchParams.set('sid', authorization.sid);
      frames.push(url.href);
    }
  }
  events.push({ type: 'end_session', frames });
  ctx.state.frontchannelFrames = frames;
});

provider.use(async (ctx, next) => {
  await next();
  if (ctx.state.lingerMs) {
    await new Promise((resolve) => { setTimeout(resolve, ctx.state.lingerMs); });
  }
  const frames = ctx.state.frontchannelFrames;
  if (frames?.length && ctx.status === 303) {
    const target = ctx.response.get('location');
    ctx.status = 200;
    ctx.type = 'html';
    ctx.remove('location');
    ctx.body = `<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>Logger ut av tjenestene</title></head>
<body><h1>Logger ut av tjenestene</h1>
${frames.map((src) => `<iframe class="frontchannel" title="utlogging" src="${escape(src)}"></iframe>`).join('\n')}
<p><a id="continue" href="${escape(target)}">Fortsett</a></p>
<script>
const frames = [...document.querySelectorAll('iframe.frontchannel')];
let loaded = 0;
const go = () => window.location.replace(${JSON.stringify(target)});
frames.forEach((frame) => frame.addEventListener('load', () => { loaded += 1; if (loaded === frames.length) go(); }));
setTimeout(go, 5000);
</script></body></html>`;
  }
});

async function interaction(req, res, url) {
  const match = url.pathname.match(/^\/interaction\/([^/]+)(\/login)?$/);
  if (!match) return send(res, 404, 'text/plain', 'not found');
  const details = await provider.interactionDetails(req, res);
  const locale = String(details.params.ui_locales || 'nb').split(' ')[0];
  if (req.method === 'GET') {
    return send(res, 200, 'text/html; charset=utf-8', loginPage(details.uid, locale, false));
  }
  const form = await readForm(req);
  if (form.action === 'cancel') {
    events.push({ type: 'cancel' });
    return provider.interactionFinished(req, res, {
      error: 'access_denied', error_description: 'End-User aborted interaction',
    }, { mergeWithLastSubmission: false });
  }
  const user = users[form.username];
  if (!user || user.password !== form.password) {
    return send(res, 200, 'text/html; charset=utf-8', loginPage(details.uid, locale, true));
  }
  events.push({ type: 'login', client: details.params.client_id, ui_locales: details.params.ui_locales || null, prompt: details.params.prompt || null });
  return provider.interactionFinished(req, res, {
    login: { accountId: form.username, acr: user.acr || 'idporten-loa-substantial', amr: ['TestID'] },
  }, { mergeWithLastSubmission: false });
}

const handler = provider.callback();
server.on('request', (req, res) => {
  const url = new URL(req.url, issuer);
  if (url.pathname.startsWith('/interaction/')) {
    interaction(req, res, url).catch((error) => send(res, 500, 'text/plain', String(error)));
  } else if (url.pathname === '/test/events') {
    send(res, 200, 'application/json', JSON.stringify(events));
  } else {
    handler(req, res);
  }
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
console.log(`READY ${issuer}`);
