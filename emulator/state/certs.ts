import 'reflect-metadata';
import { webcrypto, X509Certificate } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export interface TlsMaterial {
  /** PEM of the local CA clients must trust. */
  readonly ca: string;
  readonly caPath: string;
  readonly cert: string;
  readonly key: string;
}

const alg = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
} as const;

async function exists(path: string): Promise<boolean> {
  return readFile(path).then(
    () => true,
    () => false,
  );
}

function pemKey(der: ArrayBuffer): string {
  return x509.PemConverter.encode(der, 'PRIVATE KEY') + '\n';
}

/**
 * Loads the emulator's CA + server certificate from `stateDir`, creating them on first run.
 * The server certificate (SANs `localhost`, `127.0.0.1`, `::1`) is re-issued when it is close to expiry or lacks
 * one of them; the CA (what users trust) is kept.
 */
export async function ensureTlsMaterial(stateDir: string): Promise<TlsMaterial> {
  await mkdir(stateDir, { recursive: true });
  const caPath = join(stateDir, 'ca.pem');
  const caKeyPath = join(stateDir, 'ca-key.pem');
  const certPath = join(stateDir, 'server.pem');
  const keyPath = join(stateDir, 'server-key.pem');

  if (!(await exists(caPath)) || !(await exists(caKeyPath))) {
    const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
    const now = new Date();
    const caCert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: randomSerial(),
      name: 'CN=Teams VM Manager Local Azure Emulator CA',
      notBefore: new Date(now.getTime() - 60_000),
      notAfter: new Date(now.getTime() + 5 * 365 * 86_400_000),
      keys: keys as CryptoKeyPair,
      signingAlgorithm: alg,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey as CryptoKey),
      ],
    });
    await writeFile(
      caKeyPath,
      pemKey(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey as CryptoKey)),
      {
        mode: 0o600,
      },
    );
    await writeFile(caPath, caCert.toString('pem') + '\n');
    await writeFile(certPath, ''); // force a new server certificate under the new CA
  }

  const ca = await readFile(caPath, 'utf8');
  let cert = (await exists(certPath)) ? await readFile(certPath, 'utf8') : '';
  let key = (await exists(keyPath)) ? await readFile(keyPath, 'utf8') : '';
  if (!cert || !key || expiresSoon(cert) || !issuedBy(cert, ca) || !coversLoopback(cert)) {
    const caCert = new x509.X509Certificate(ca);
    const caKey = await webcrypto.subtle.importKey(
      'pkcs8',
      x509.PemConverter.decodeFirst(await readFile(caKeyPath, 'utf8')),
      alg,
      false,
      ['sign'],
    );
    const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
    const now = new Date();
    const serverCert = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      subject: 'CN=localhost',
      issuer: caCert.subject,
      notBefore: new Date(now.getTime() - 60_000),
      notAfter: new Date(now.getTime() + 365 * 86_400_000),
      signingKey: caKey as CryptoKey,
      publicKey: keys.publicKey as CryptoKey,
      signingAlgorithm: alg,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
          true,
        ),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension([
          { type: 'dns', value: 'localhost' },
          { type: 'ip', value: '127.0.0.1' },
          { type: 'ip', value: '::1' },
        ]),
        await x509.AuthorityKeyIdentifierExtension.create(caCert),
      ],
    });
    cert = serverCert.toString('pem') + '\n';
    key = pemKey(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey as CryptoKey));
    await writeFile(keyPath, key, { mode: 0o600 });
    await writeFile(certPath, cert);
  }
  return { ca, caPath, cert, key };
}

function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0]! &= 0x7f;
  return Buffer.from(bytes).toString('hex');
}

function expiresSoon(pem: string): boolean {
  try {
    return new Date(new X509Certificate(pem).validTo).getTime() < Date.now() + 7 * 86_400_000;
  } catch {
    return true;
  }
}

/** The server certificate names every loopback address the emulator may listen on (older ones lacked `::1`). */
function coversLoopback(pem: string): boolean {
  try {
    const cert = new X509Certificate(pem);
    return (
      cert.checkHost('localhost') !== undefined &&
      cert.checkIP('127.0.0.1') !== undefined &&
      cert.checkIP('::1') !== undefined
    );
  } catch {
    return false;
  }
}

function issuedBy(pem: string, caPem: string): boolean {
  try {
    return new X509Certificate(pem).verify(new X509Certificate(caPem).publicKey);
  } catch {
    return false;
  }
}
