import { cpus, loadavg, totalmem } from 'node:os';
import type { MachineInfo } from './bench-types.js';

export function machineInfo(): MachineInfo {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    totalMemoryMb: Math.round(totalmem() / 2 ** 20),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverage1mAtStart: Number(loadavg()[0]!.toFixed(2)),
  };
}
