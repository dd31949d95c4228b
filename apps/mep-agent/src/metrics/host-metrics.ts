/**
 * Host metrics for heartbeats: CPU busy percent since the previous sample (from /proc/stat,
 * or os.cpus() elsewhere), memory in use (MemTotal - MemAvailable), the data dir's file
 * system (statfs), and the load averages.
 *
 * @example const metrics = new HostMetrics('/var/lib/mecport-agent'); await metrics.sample();
 */
import { readFile, statfs } from 'node:fs/promises';
import os from 'node:os';
import type { TNodeMetrics } from '@mecport/contracts';

interface TCpuTimes {
  busy: number;
  total: number;
}

async function cpuTimes(): Promise<TCpuTimes> {
  const text = await readFile('/proc/stat', 'utf8').catch(() => undefined);
  const line = text?.split('\n', 1)[0];
  if (line?.startsWith('cpu ')) {
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).slice(1).map(Number);
    const idleAll = idle + iowait;
    const total = user + nice + system + idleAll + irq + softirq + steal;
    return { busy: total - idleAll, total };
  }
  let busy = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const t = cpu.times;
    busy += t.user + t.nice + t.sys + t.irq;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { busy, total };
}

async function memory(): Promise<{ used: number; total: number }> {
  const text = await readFile('/proc/meminfo', 'utf8').catch(() => '');
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN) * 1024;
  const total = kib('MemTotal');
  const available = kib('MemAvailable');
  if (Number.isFinite(total) && Number.isFinite(available)) return { used: total - available, total };
  return { used: os.totalmem() - os.freemem(), total: os.totalmem() };
}

export class HostMetrics {
  private previous: TCpuTimes | undefined;

  constructor(private readonly dataDir: string) {}

  async sample(): Promise<TNodeMetrics> {
    const now = await cpuTimes();
    const before = this.previous;
    this.previous = now;
    const total = before ? now.total - before.total : 0;
    const cpuPercent = total > 0 ? Math.min(100, Math.max(0, ((now.busy - before!.busy) / total) * 100)) : 0;
    const mem = await memory();
    const fs = await statfs(this.dataDir);
    const [load1 = 0, load5 = 0, load15 = 0] = os.loadavg();
    return {
      cpuPercent: Math.round(cpuPercent * 10) / 10,
      memUsedBytes: Math.max(0, Math.round(mem.used)),
      memTotalBytes: Math.round(mem.total),
      diskUsedBytes: (fs.blocks - fs.bfree) * fs.bsize,
      diskTotalBytes: fs.blocks * fs.bsize,
      load1,
      load5,
      load15,
    };
  }
}
