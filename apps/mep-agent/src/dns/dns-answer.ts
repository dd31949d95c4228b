/**
 * One DNS query to its answer, with no I/O: the node's own names (A/AAAA of the apps' ACTIVE DNS
 * rules, NODATA for another type of a name it knows), REFUSED when a name is not its own and no
 * upstream is configured, or `forward` (the server sends the query to the upstreams). Wire format
 * by dns-packet; the response echoes the question as asked (case included: resolvers that
 * randomise the case of names, "0x20", check it).
 *
 * @example const outcome = answerQuery(buffer, { records, canForward: false, maxSize: 512 });
 */
import * as dnsPacket from 'dns-packet';
import { normalizeName, type TDnsRecords } from './dns-records';

const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NOTIMP: 4, REFUSED: 5 } as const;
export type TRcode = keyof typeof RCODE;

/** The EDNS payload size the server offers (the DNS Flag Day 2020 value). */
const EDNS_PAYLOAD = 1232;

export type TQueryOutcome =
  | { kind: 'answer'; response: Buffer }
  | { kind: 'forward'; id: number }
  | { kind: 'drop' };

export interface TAnswerOptions {
  records: TDnsRecords;
  /** Upstreams are configured: other names are forwarded (and recursion is available). */
  canForward: boolean;
  /** Largest response the transport takes: 512 over UDP without EDNS, 65535 over TCP. */
  maxSize: number;
}

export function answerQuery(query: Buffer, options: TAnswerOptions): TQueryOutcome {
  let packet: dnsPacket.DecodedPacket;
  try {
    packet = dnsPacket.decode(query);
  } catch {
    // Not readable: answer FORMERR if at least the header is there (the client stops waiting).
    return query.length >= 12 && (query[2]! & 0x80) === 0 ? { kind: 'answer', response: bareResponse(query.readUInt16BE(0), 'FORMERR') } : { kind: 'drop' };
  }
  if (packet.type !== 'query') return { kind: 'drop' };
  const { opcode } = packet as unknown as { opcode: string };
  const id = packet.id ?? 0;
  if (opcode !== 'QUERY') return { kind: 'answer', response: respond(packet, 'NOTIMP', [], options) };
  const question = packet.questions?.length === 1 ? packet.questions[0]! : undefined;
  if (!question) return { kind: 'answer', response: respond(packet, 'FORMERR', [], options) };
  const known = options.records.get(normalizeName(question.name));
  if (known && (question.class === undefined || question.class === 'IN' || question.class === 'ANY')) {
    const asked = question.type as string;
    const types: ('A' | 'AAAA')[] = asked === 'ANY' ? ['A', 'AAAA'] : asked === 'A' || asked === 'AAAA' ? [asked] : [];
    const answers = types.flatMap((type) => known[type].map((r): dnsPacket.Answer => ({ type, class: 'IN', name: question.name, ttl: r.ttl, data: r.address })));
    return { kind: 'answer', response: respond(packet, 'NOERROR', answers, options) }; // no answers: NODATA
  }
  if (options.canForward) return { kind: 'forward', id };
  return { kind: 'answer', response: respond(packet, 'REFUSED', [], options) };
}

/** SERVFAIL for a query no upstream answered. */
export function servfail(query: Buffer): Buffer | undefined {
  try {
    return respond(dnsPacket.decode(query), 'SERVFAIL', [], { records: new Map(), canForward: true, maxSize: 65535 });
  } catch {
    return undefined;
  }
}

function respond(query: dnsPacket.DecodedPacket, rcode: TRcode, answers: dnsPacket.Answer[], options: TAnswerOptions): Buffer {
  const edns = query.additionals?.find((a): a is dnsPacket.OptAnswer => a.type === 'OPT');
  const authoritative = rcode === 'NOERROR' ? dnsPacket.AUTHORITATIVE_ANSWER : 0;
  const flags = authoritative | (query.flag_rd ? dnsPacket.RECURSION_DESIRED : 0) | (options.canForward ? dnsPacket.RECURSION_AVAILABLE : 0) | (query.flag_cd ? dnsPacket.CHECKING_DISABLED : 0) | RCODE[rcode];
  const response: dnsPacket.Packet = {
    type: 'response', id: query.id, flags, questions: query.questions ?? [], answers,
    additionals: edns ? [{ type: 'OPT', name: '.', udpPayloadSize: EDNS_PAYLOAD, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }] : [],
  };
  const limit = Math.max(512, Math.min(options.maxSize, edns ? edns.udpPayloadSize : 512));
  const encoded = dnsPacket.encode(response);
  if (encoded.length <= limit) return encoded;
  // Too large for the transport: truncated, so the client asks again over TCP.
  return dnsPacket.encode({ ...response, flags: flags | dnsPacket.TRUNCATED_RESPONSE, answers: [] });
}

function bareResponse(id: number, rcode: TRcode): Buffer {
  return dnsPacket.encode({ type: 'response', id, flags: RCODE[rcode], questions: [], answers: [] });
}
