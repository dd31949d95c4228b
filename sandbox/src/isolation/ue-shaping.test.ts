import { describe, expect, it } from 'vitest';
import { ZNetChar } from '@mecport/contracts/sandbox';
import { addUeCommands, changeUeCommands } from './ue-shaping';

const netChar = ZNetChar.parse({ latencyMs: 20, latencyVariationMs: 5, packetLossPct: 1.5, throughputDlMbps: 50, throughputUlMbps: 0 });

describe('UE shaping commands', () => {
  it('shapes the downlink by destination with latency, jitter, loss and DL rate', () => {
    expect(addUeCommands('sbue', 0, '10.100.0.1', netChar, 'downlink', true)).toEqual([
      'class add dev sbue parent 1: classid 1:2 htb rate 50000kbit',
      'qdisc add dev sbue parent 1:2 handle 2: netem delay 20ms 5ms loss 1.5%',
      'filter add dev sbue parent 1: protocol ip prio 1 u32 match ip dst 10.100.0.1/32 flowid 1:2',
    ]);
  });

  it('shapes the uplink by source, without loss, and never with a zero rate', () => {
    const commands = addUeCommands('ue0', 9, '10.100.0.3', netChar, 'uplink', true);
    expect(commands[0]).toBe('class add dev ue0 parent 1: classid 1:b htb rate 8kbit');
    expect(commands[1]).toBe('qdisc add dev ue0 parent 1:b handle b: netem delay 20ms 5ms');
    expect(commands[2]).toContain('match ip src 10.100.0.3/32');
  });

  it('shapes only the rate where the kernel has no netem', () => {
    expect(addUeCommands('sbue', 0, '10.100.0.1', netChar, 'downlink', false)).toEqual([
      'class add dev sbue parent 1: classid 1:2 htb rate 50000kbit',
      'filter add dev sbue parent 1: protocol ip prio 1 u32 match ip dst 10.100.0.1/32 flowid 1:2',
    ]);
    expect(changeUeCommands('sbue', 0, netChar, 'downlink', false)).toEqual(['class change dev sbue parent 1: classid 1:2 htb rate 50000kbit']);
  });

  it('changes an existing UE in place', () => {
    expect(changeUeCommands('sbue', 0, ZNetChar.parse({}), 'downlink', true)).toEqual([
      'class change dev sbue parent 1: classid 1:2 htb rate 1000000kbit',
      'qdisc change dev sbue parent 1:2 handle 2: netem delay 0ms',
    ]);
  });
});
