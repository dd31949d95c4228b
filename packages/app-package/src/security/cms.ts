/**
 * CMS SignedData (RFC 5652) verification and creation for SOL004 package security.
 *
 * pkijs/asn1js parse and build the ASN.1 structures; node:crypto does every hash, signature
 * and certificate check, so a detached signature over a multi-GB CSAR is verified by
 * streaming the content once (digest compared with the signed `messageDigest` attribute).
 *
 * @example
 *   const cms = parseCms(pemOrDer(text));
 *   const result = await verifyCms(cms, manifestBytes, { trust: loadCertificates(caPem) });
 *   result.verdict; // 'trusted' | 'untrusted' | 'invalid'
 */
import { createHash, createVerify, sign as cryptoSign, verify as cryptoVerify, X509Certificate, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  subjectKeyIdentifier: '2.5.29.14',
} as const;

const DIGESTS: Record<string, string> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
const DIGEST_OIDS: Record<string, string> = Object.fromEntries(Object.entries(DIGESTS).map(([k, v]) => [v, k]));

/** Signature algorithm OID -> hash it implies (null: take the SignerInfo digest algorithm). */
const SIGNATURES: Record<string, string | null> = {
  '1.2.840.113549.1.1.1': null, // rsaEncryption
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.2.1': null, // ecPublicKey
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

export type TVerdict = 'trusted' | 'untrusted' | 'invalid';

export interface TCmsResult {
  verdict: TVerdict;
  /** Why the verdict is not `trusted`, in words. */
  reason?: string;
  /** Signer subject as `CN=…, O=…, C=…`, when the signer certificate was found. */
  subject?: string;
  signer?: X509Certificate;
  /** Certificates carried inside the CMS. */
  embeddedCertificates: number;
  signingTime?: Date;
}

export interface TParsedCms {
  signedData: pkijs.SignedData;
  /** Encapsulated content (attached signature), or undefined when detached. */
  eContent?: Buffer;
  certificates: X509Certificate[];
}

export type TContent = Buffer | (() => AsyncIterable<Buffer>);

/** DER from a PEM text (any BEGIN label) or the bytes themselves when they are not PEM. */
export function pemOrDer(input: Buffer | string): Buffer {
  const text = typeof input === 'string' ? input : input.toString('latin1');
  const match = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(text);
  if (match) return Buffer.from(match[2]!.replace(/\s+/g, ''), 'base64');
  return typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
}

/** Every `BEGIN CERTIFICATE` block of a PEM text. */
export function loadCertificates(pem: string | Buffer): X509Certificate[] {
  const text = pem.toString();
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => new X509Certificate(b));
}

export function toPem(der: Buffer, label: string): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** `CN=…, O=…, C=…` (most specific first) from node's newline-separated subject. */
export function formatSubject(cert: X509Certificate): string {
  return cert.subject.split('\n').reverse().join(', ');
}

function bytesOf(view: ArrayBuffer | Uint8Array): Buffer {
  return view instanceof Uint8Array ? Buffer.from(view.buffer, view.byteOffset, view.byteLength) : Buffer.from(view);
}

/** Parses a CMS ContentInfo holding SignedData. Throws with a plain reason when it is not one. */
export function parseCms(der: Buffer): TParsedCms {
  const asn = asn1js.fromBER(new Uint8Array(der));
  if (asn.offset === -1) throw new Error('not ASN.1 (BER/DER)');
  const info = new pkijs.ContentInfo({ schema: asn.result });
  if (info.contentType !== OID.signedData) throw new Error(`content type ${info.contentType} is not SignedData`);
  const signedData = new pkijs.SignedData({ schema: info.content });
  let eContent: Buffer | undefined;
  const octets = signedData.encapContentInfo.eContent;
  if (octets) {
    if (octets.idBlock.isConstructed) eContent = Buffer.concat((octets.valueBlock.value as asn1js.OctetString[]).map((p) => bytesOf(p.valueBlock.valueHexView)));
    else eContent = bytesOf(octets.valueBlock.valueHexView);
  }
  const certificates = (signedData.certificates ?? [])
    .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
    .map((c) => new X509Certificate(bytesOf(c.toSchema().toBER())));
  return { signedData, eContent, certificates };
}

function matchesSid(cert: X509Certificate, sid: unknown): boolean {
  const parsed = pkijs.Certificate.fromBER(cert.raw);
  if (sid instanceof pkijs.IssuerAndSerialNumber) return parsed.issuer.isEqual(sid.issuer) && parsed.serialNumber.isEqual(sid.serialNumber);
  const ski = (parsed.extensions ?? []).find((e) => e.extnID === OID.subjectKeyIdentifier)?.parsedValue as asn1js.OctetString | undefined;
  const wanted = (sid as asn1js.Primitive | undefined)?.valueBlock?.valueHexView;
  return !!ski && !!wanted && bytesOf(ski.valueBlock.valueHexView).equals(bytesOf(wanted));
}

async function digestOf(content: TContent, algorithm: string): Promise<Buffer> {
  const hash = createHash(algorithm);
  if (Buffer.isBuffer(content)) hash.update(content);
  else for await (const chunk of content()) hash.update(chunk);
  return hash.digest();
}

/** Walks issuer links from the signer to an anchor of the trust store. */
export function evaluateTrust(signer: X509Certificate, pool: X509Certificate[], trust: X509Certificate[], now = new Date()): { trusted: boolean; reason?: string } {
  if (trust.length === 0) return { trusted: false, reason: 'no trust store configured' };
  const inValidity = (c: X509Certificate) => new Date(c.validFrom) <= now && now <= new Date(c.validTo);
  let current = signer;
  for (let depth = 0; depth < 10; depth += 1) {
    if (!inValidity(current)) return { trusted: false, reason: `certificate ${formatSubject(current)} is outside its validity (${current.validFrom} – ${current.validTo})` };
    if (trust.some((t) => t.raw.equals(current.raw))) return { trusted: true };
    const anchor = trust.find((t) => t.ca && current.checkIssued(t) && current.verify(t.publicKey));
    if (anchor) return inValidity(anchor) ? { trusted: true } : { trusted: false, reason: `trusted CA ${formatSubject(anchor)} is outside its validity` };
    const next = pool.find((c) => c.ca && !c.raw.equals(current.raw) && current.checkIssued(c) && current.verify(c.publicKey));
    if (!next) return { trusted: false, reason: `no chain from ${formatSubject(current)} to a trusted CA` };
    current = next;
  }
  return { trusted: false, reason: 'certificate chain too long' };
}

/**
 * Verifies the first SignerInfo over `content` (the eContent is compared with it when the
 * signature is attached) and evaluates the signer against `trust`. Never throws.
 */
export async function verifyCms(cms: TParsedCms, content: TContent | undefined, options: { trust: X509Certificate[]; extraCertificates?: X509Certificate[]; now?: Date }): Promise<TCmsResult> {
  const base = { embeddedCertificates: cms.certificates.length };
  const signerInfo = cms.signedData.signerInfos[0];
  if (!signerInfo) return { ...base, verdict: 'invalid', reason: 'no SignerInfo in the CMS' };
  const pool = [...cms.certificates, ...(options.extraCertificates ?? [])];
  const signer = pool.find((c) => matchesSid(c, signerInfo.sid));
  if (!signer) return { ...base, verdict: 'invalid', reason: 'the signer certificate is neither in the CMS nor supplied beside it' };
  const found = { ...base, signer, subject: formatSubject(signer) };
  const digest = DIGESTS[signerInfo.digestAlgorithm.algorithmId];
  if (!digest) return { ...found, verdict: 'invalid', reason: `digest algorithm ${signerInfo.digestAlgorithm.algorithmId} is not SHA-256/384/512` };
  const sigOid = signerInfo.signatureAlgorithm.algorithmId;
  if (!(sigOid in SIGNATURES)) return { ...found, verdict: 'invalid', reason: `signature algorithm ${sigOid} is not supported` };
  const hash = SIGNATURES[sigOid] ?? digest;
  const signature = bytesOf(signerInfo.signature.valueBlock.valueHexView);
  const data = content ?? cms.eContent;
  if (!data) return { ...found, verdict: 'invalid', reason: 'detached signature and no content to check it against' };
  let valid: boolean;
  let signingTime: Date | undefined;
  try {
    if (signerInfo.signedAttrs) {
      const attrs = signerInfo.signedAttrs.attributes;
      const md = attrs.find((a) => a.type === OID.messageDigest)?.values[0] as asn1js.OctetString | undefined;
      if (!md) return { ...found, verdict: 'invalid', reason: 'signed attributes lack messageDigest' };
      const time = attrs.find((a) => a.type === OID.signingTime)?.values[0] as asn1js.UTCTime | asn1js.GeneralizedTime | undefined;
      signingTime = time?.toDate();
      const actual = await digestOf(data, digest);
      if (!actual.equals(bytesOf(md.valueBlock.valueHexView))) return { ...found, signingTime, verdict: 'invalid', reason: 'the signed digest does not match the content (content altered)' };
      const encoded = Buffer.from(bytesOf(signerInfo.signedAttrs.encodedValue));
      encoded[0] = 0x31; // signed as a SET OF, transmitted as [0] IMPLICIT
      valid = cryptoVerify(hash, encoded, signer.publicKey, signature);
    } else if (Buffer.isBuffer(data)) {
      valid = cryptoVerify(hash, data, signer.publicKey, signature);
    } else {
      const verifier = createVerify(hash);
      for await (const chunk of data()) verifier.update(chunk);
      valid = verifier.verify(signer.publicKey, signature);
    }
  } catch (error) {
    return { ...found, signingTime, verdict: 'invalid', reason: `verification error: ${(error as Error).message}` };
  }
  if (!valid) return { ...found, signingTime, verdict: 'invalid', reason: 'the signature does not verify with the signer key' };
  const trust = evaluateTrust(signer, pool, options.trust, options.now);
  return trust.trusted ? { ...found, signingTime, verdict: 'trusted' } : { ...found, signingTime, verdict: 'untrusted', reason: trust.reason };
}

/**
 * Creates a detached CMS SignedData over `content` (signed attributes: contentType,
 * signingTime, messageDigest), carrying the signer certificate and `chain`.
 */
export async function createCms(content: TContent, key: KeyObject, cert: X509Certificate, chain: X509Certificate[] = [], signingTime = new Date()): Promise<Buffer> {
  const keyType = key.asymmetricKeyType;
  const curve = key.asymmetricKeyDetails?.namedCurve;
  const hash = keyType === 'ec' && curve === 'secp384r1' ? 'sha384' : keyType === 'ec' && curve === 'secp521r1' ? 'sha512' : 'sha256';
  let signatureOid: string;
  if (keyType === 'rsa') signatureOid = { sha256: '1.2.840.113549.1.1.11', sha384: '1.2.840.113549.1.1.12', sha512: '1.2.840.113549.1.1.13' }[hash];
  else if (keyType === 'ec') signatureOid = { sha256: '1.2.840.10045.4.3.2', sha384: '1.2.840.10045.4.3.3', sha512: '1.2.840.10045.4.3.4' }[hash];
  else throw new Error(`signing key type ${keyType} is not supported (use RSA or EC)`);
  if (!cert.checkPrivateKey(key)) throw new Error('the private key does not belong to the certificate');

  const digest = await digestOf(content, hash);
  const attributes = [
    new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
    new pkijs.Attribute({ type: OID.signingTime, values: [new asn1js.UTCTime({ valueDate: signingTime })] }),
    new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: new Uint8Array(digest) })] }),
  ];
  const toSign = Buffer.from(new asn1js.Set({ value: attributes.map((a) => a.toSchema()) }).toBER());
  const signature = cryptoSign(hash, toSign, key);

  const parsedCert = pkijs.Certificate.fromBER(cert.raw);
  const digestAlgorithm = () => new pkijs.AlgorithmIdentifier({ algorithmId: DIGEST_OIDS[hash]!, algorithmParams: new asn1js.Null() });
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: parsedCert.issuer, serialNumber: parsedCert.serialNumber }),
    digestAlgorithm: digestAlgorithm(),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: signatureOid, ...(keyType === 'rsa' ? { algorithmParams: new asn1js.Null() } : {}) }),
    signature: new asn1js.OctetString({ valueHex: new Uint8Array(signature) }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [digestAlgorithm()],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [parsedCert, ...chain.map((c) => pkijs.Certificate.fromBER(c.raw))],
    signerInfos: [signerInfo],
  });
  const info = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return Buffer.from(info.toSchema().toBER());
}
