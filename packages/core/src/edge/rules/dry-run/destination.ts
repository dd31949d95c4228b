/** Where a traffic rule sends what it matches, in words and as a key two rules can be compared by. */
import type { TTrafficRule } from '@mecport/contracts/mec011';

type TDestination = NonNullable<TTrafficRule['dstInterface']>;

/** `10.0.0.7`, `GTP_U tunnel to 192.0.2.1`, `MAC 02:00:00:00:00:01`, or the interface type alone. */
export function destinationText(dst: TDestination | undefined): string {
  if (!dst) return 'no interface';
  if (dst.dstIpAddress) return dst.dstIpAddress;
  if (dst.tunnelInfo) return `${dst.tunnelInfo.tunnelType} tunnel${dst.tunnelInfo.tunnelDstAddress ? ` to ${dst.tunnelInfo.tunnelDstAddress}` : ''}`;
  if (dst.dstMacAddress) return `MAC ${dst.dstMacAddress}`;
  return dst.interfaceType;
}

/** Equal for two interfaces that deliver to the same place, however the object was written. */
export function destinationKey(dst: TDestination | undefined): string {
  if (!dst) return '';
  const tunnel = dst.tunnelInfo;
  return [dst.interfaceType, dst.dstIpAddress?.toLowerCase(), dst.dstMacAddress?.toLowerCase(), tunnel?.tunnelType, tunnel?.tunnelDstAddress, tunnel?.tunnelSrcAddress, dst.srcMacAddress?.toLowerCase()].join('|');
}

/** Whether two rules do the same with what they match (a DROP has no destination to compare). */
export function sameTreatment(a: TTrafficRule, b: TTrafficRule): boolean {
  if (a.action !== b.action) return false;
  return a.action === 'DROP' || destinationKey(a.dstInterface) === destinationKey(b.dstInterface);
}
