/**
 * The radio view of a scenario for the RNIS: each cellular POA's E-UTRAN cell global identity
 * (the PLMN of its domain and its cell id), the UE's bearer, and who is attached where. Built once
 * from the scenario (POAs never change domain); attachment is read live from the world.
 */
import type { TScenario, TWorldPoa, TWorldUe } from '@mecport/contracts/sandbox';
import { DEFAULT_ERAB_ID, DEFAULT_QCI, type TAssociateId, type TEcgi } from './rnis-models';

export type TCellMap = ReadonlyMap<string, TEcgi>;

/** Every 4G and 5G POA's ECGI, by POA id; Wi-Fi POAs are no cells. */
export function cellsOf(scenario: TScenario): TCellMap {
  const cells = new Map<string, TEcgi>();
  for (const domain of scenario.domains) {
    for (const zone of domain.zones) {
      for (const poa of zone.pointsOfAccess) {
        if (poa.type !== 'POA-WIFI') cells.set(poa.id, { plmn: { mcc: domain.mcc, mnc: domain.mnc }, cellId: poa.cellId });
      }
    }
  }
  return cells;
}

/** The PLMNs of the scenario's domains, once each. */
export function plmnsOf(scenario: TScenario): TEcgi['plmn'][] {
  const seen = new Map<string, TEcgi['plmn']>();
  for (const d of scenario.domains) seen.set(`${d.mcc}-${d.mnc}`, { mcc: d.mcc, mnc: d.mnc });
  return [...seen.values()];
}

/** MEC 013 addresses are `acr:<IPv4>`; the RNIS names the UE by that IPv4 address (AssociateId type 1). */
export function associateIdOf(ue: Readonly<TWorldUe>): TAssociateId {
  return { type: 1, value: ue.address.replace(/^acr:/, '') };
}

const kbps = (mbps: number) => Math.round(mbps * 1000);

/** The default bearer of a UE on a POA: non-GBR, its maximum bit rates the POA's throughput (kbit/s). */
export function bearerOf(poa: Readonly<TWorldPoa> | undefined) {
  return {
    erabId: DEFAULT_ERAB_ID,
    erabQosParameters: {
      qci: DEFAULT_QCI,
      qosInformation: {
        erabMbrDl: kbps(poa?.netChar.throughputDlMbps ?? 0), erabMbrUl: kbps(poa?.netChar.throughputUlMbps ?? 0), erabGbrDl: 0, erabGbrUl: 0,
      },
    },
  };
}

export const sameEcgi = (a: TEcgi, b: TEcgi) => a.cellId.toLowerCase() === b.cellId.toLowerCase() && a.plmn.mcc === b.plmn.mcc && a.plmn.mnc === b.plmn.mnc;
