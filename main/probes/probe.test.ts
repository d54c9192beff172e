import { describe, expect, it } from 'vitest';
import type { RunResult } from '../runner/process-runner.ts';
import { packetProbeReport, reportFromRun } from './probe.ts';

const run = (over: Partial<RunResult>): RunResult => ({
  status: 'ok',
  argv: ['ping', '-c', '1', '192.168.37.2'],
  exitCode: 0,
  signal: null,
  stdout: '',
  stderr: '',
  durationMs: 12,
  ...over,
});

describe('probe reports', () => {
  it('a packet probe that got no answer ran fine: ok, no error text', () => {
    expect(packetProbeReport('ping-gateway', run({ status: 'exit', exitCode: 1, message: 'ping exited with code 1' }))).toEqual({
      id: 'ping-gateway',
      status: 'ok',
      durationMs: 12,
      command: 'ping -c 1 192.168.37.2',
    });
  });

  it('missing tools, timeouts and denials keep their status and say why', () => {
    expect(packetProbeReport('ping-gateway', run({ status: 'not-installed' }))).toMatchObject({
      status: 'unavailable',
      error: expect.stringMatching(/not installed/),
    });
    expect(
      packetProbeReport('ping-gateway', run({ status: 'timeout', message: 'ping did not finish within 3000 ms' })),
    ).toMatchObject({ status: 'timeout' });
    expect(reportFromRun('firewall', run({ status: 'permission-denied', argv: ['nft', '-j', 'list', 'ruleset'] }))).toMatchObject(
      {
        status: 'unavailable',
        error: 'permission denied running nft',
      },
    );
    expect(reportFromRun('x', run({ argv: ['echo', "it's a $(test)"] })).command).toBe(`echo 'it'\\''s a $(test)'`);
  });
});

describe('a tool the kernel refuses', () => {
  it('is reported as unavailable with what to do, not as a failed probe or an answer', () => {
    const refused = {
      status: 'exit' as const,
      argv: ['nft', '-j', 'list', 'ruleset'],
      exitCode: 1,
      signal: null,
      stdout: '',
      stderr: 'netlink: Error: cache initialization failed: Operation not permitted\n',
      durationMs: 3,
      message: 'nft exited with code 1',
    };
    expect(reportFromRun('firewall', refused)).toMatchObject({
      status: 'unavailable',
      error: expect.stringContaining('needs administrator rights'),
    });
    expect(
      packetProbeReport('duplicate-address', { ...refused, argv: ['arping'], stderr: 'arping: socket: Operation not permitted' }),
    ).toMatchObject({
      status: 'unavailable',
    });
  });
});
