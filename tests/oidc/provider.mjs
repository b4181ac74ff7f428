// A real OpenID Connect provider (node-oidc-provider) for the single sign-on tests.
//
// Usage: node provider.mjs <port> <redirect_uri> <claims.json>
// Its development sign-in page accepts any login name (the account id and `sub`); the
// claims of each account are read from claims.json at every sign-in, so a test can change
// them between sign-ins. Accounts not in the file get only `sub`. `xms_edov` is Entra ID's
// optional claim "email domain owner verified". An account's `amr` (the authentication
// methods, e.g. ["pwd", "mfa"] after Entra's multi-factor authentication) is not a claim of
// the account but of the sign-in: it is given to the sign-in's result, and so reaches the
// ID token.
import { readFileSync } from "node:fs";
import Provider from "oidc-provider";

const [port, redirectUri, claimsFile] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "natverk",
      client_secret: "natverk-test-secret",
      redirect_uris: [redirectUri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
    },
  ],
  claims: { openid: ["sub", "amr"], email: ["email", "email_verified", "xms_edov"], profile: ["name"] },
  cookies: { keys: ["test-only-cookie-key"] },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    const { amr, ...claims } = readClaims()[id] || {};
    return { accountId: id, async claims() { return { sub: id, ...claims }; } };
  },
});

function readClaims() {
  return JSON.parse(readFileSync(claimsFile, "utf8"));
}

// The development sign-in page finishes with `{login: {accountId}}`; add the account's `amr`.
const interactionResult = provider.interactionResult.bind(provider);
provider.interactionResult = async (req, res, result, options) => {
  const amr = result.login && (readClaims()[result.login.accountId] || {}).amr;
  if (amr) {
    result = { ...result, login: { ...result.login, amr } };
  }
  return interactionResult(req, res, result, options);
};
provider.proxy = false;
provider.listen(Number(port), "127.0.0.1", () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
