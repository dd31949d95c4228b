/**
 * Throw-away X.509 certificates for tests and demo data: a CA and the leaves it issues,
 * made in memory with node:crypto keys (nothing is written, no private key is committed).
 *
 * @example
 *   const ca = makeCertificate({ commonName: 'Test CA', ca: true });
 *   const leaf = makeCertificate({ commonName: 'ACME apps', issuer: ca });
 *   leaf.certPem; leaf.keyPem; ca.certPem;
 */
import { generateKeyPairSync, randomBytes, sign, type KeyObject, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export interface TTestCertificate {
  cert: X509Certificate;
  key: KeyObject;
  certPem: string;
  keyPem: string;
}

export interface TCertificateOptions {
  commonName: string;
  organization?: string;
  ca?: boolean;
  issuer?: TTestCertificate;
  keyType?: 'rsa' | 'ec';
  notBefore?: Date;
  notAfter?: Date;
}

function name(commonName: string, organization?: string): pkijs.RelativeDistinguishedNames {
  const values = [new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: commonName }) })];
  if (organization) values.unshift(new pkijs.AttributeTypeAndValue({ type: '2.5.4.10', value: new asn1js.Utf8String({ value: organization }) }));
  // One RDN per attribute (pkijs would put them all in one multi-valued RDN).
  return pkijs.RelativeDistinguishedNames.fromBER(new asn1js.Sequence({ value: values.map((v) => new asn1js.Set({ value: [v.toSchema()] })) }).toBER(false));
}

export function makeCertificate(options: TCertificateOptions): TTestCertificate {
  const keyType = options.keyType ?? 'ec';
  const pair = keyType === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const signerKey = options.issuer?.key ?? pair.privateKey;
  const signerIsRsa = signerKey.asymmetricKeyType === 'rsa';
  const sigAlg = () => new pkijs.AlgorithmIdentifier(signerIsRsa ? { algorithmId: '1.2.840.113549.1.1.11', algorithmParams: new asn1js.Null() } : { algorithmId: '1.2.840.10045.4.3.2' });

  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ valueHex: new Uint8Array([0x01, ...randomBytes(15)]) });
  const subject = name(options.commonName, options.organization);
  cert.subject = subject;
  cert.issuer = options.issuer ? pkijs.Certificate.fromBER(options.issuer.cert.raw).subject : subject;
  cert.notBefore.value = options.notBefore ?? new Date(Date.now() - 60_000);
  cert.notAfter.value = options.notAfter ?? new Date(Date.now() + 365 * 86_400_000);
  cert.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(pair.publicKey.export({ type: 'spki', format: 'der' }));
  const basic = new pkijs.BasicConstraints({ cA: !!options.ca });
  const usage = new asn1js.BitString({ valueHex: new Uint8Array([options.ca ? 0x06 : 0x80]), unusedBits: options.ca ? 1 : 7 });
  cert.extensions = [
    new pkijs.Extension({ extnID: '2.5.29.19', critical: true, extnValue: basic.toSchema().toBER(false) }),
    new pkijs.Extension({ extnID: '2.5.29.15', critical: true, extnValue: usage.toBER(false) }),
  ];
  cert.signature = sigAlg();
  cert.signatureAlgorithm = sigAlg();
  const tbs = Buffer.from(cert.encodeTBS().toBER(false));
  cert.tbsView = new Uint8Array(tbs);
  cert.signatureValue = new asn1js.BitString({ valueHex: new Uint8Array(sign('sha256', tbs, signerKey)) });
  const der = Buffer.from(cert.toSchema().toBER(false));
  const x509 = new X509Certificate(der);
  return {
    cert: x509,
    key: pair.privateKey,
    certPem: x509.toString(),
    keyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
