// Prints one access token shaped like auth-service's (the claims AccessTokenVerifier requires), signed with the
// bench key: node mint-token.mjs <private-key.pem> <issuer> <subject>
import { createPrivateKey, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SignJWT } from 'jose';

const [keyFile, issuer, subject] = process.argv.slice(2);
const key = createPrivateKey(readFileSync(keyFile));
const token = await new SignJWT({ scope: 'ledger', client_id: 'bench', roles: ['user'] })
  .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'bench' })
  .setIssuer(issuer).setAudience('gatewaystack-api').setSubject(subject)
  .setIssuedAt().setExpirationTime('2h').setJti(randomUUID())
  .sign(key);
process.stdout.write(token + '\n');
