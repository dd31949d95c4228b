/**
 * The subscriptions of one emulated service, by id. Ids count up per store (`sub-1`, `sub-2`, ...)
 * rather than being random, so two runs of the same scenario with the same calls name their
 * subscriptions alike and their notifications are equal byte for byte.
 */
export interface TStored<T> { id: string; kind: string; value: T }

export class SubscriptionStore<T> {
  private readonly byId = new Map<string, TStored<T>>();
  private next = 1;

  add(kind: string, make: (id: string) => T): TStored<T> {
    const id = `sub-${this.next++}`;
    const stored = { id, kind, value: make(id) };
    this.byId.set(id, stored);
    return stored;
  }

  get(kind: string, id: string): TStored<T> | undefined {
    const stored = this.byId.get(id);
    return stored?.kind === kind ? stored : undefined;
  }

  replace(kind: string, id: string, value: T): TStored<T> | undefined {
    const stored = this.get(kind, id);
    if (stored) stored.value = value;
    return stored;
  }

  delete(kind: string, id: string): boolean {
    return this.get(kind, id) !== undefined && this.byId.delete(id);
  }

  list(kind?: string): TStored<T>[] {
    const all = [...this.byId.values()];
    return kind === undefined ? all : all.filter((s) => s.kind === kind);
  }

  get size(): number {
    return this.byId.size;
  }

  clear(): void {
    this.byId.clear();
    this.next = 1;
  }
}
