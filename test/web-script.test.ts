/**
 * `npm run web` is a shell (npm's) running node: when that shell is killed without passing the
 * signal on, the server must not linger holding its port.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const web = new URL('../scripts/web.ts', import.meta.url).pathname;
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm run web', () => {
  it('stops its server when the process that started it dies', async () => {
    // The shell stays between (a second command after it), as npm's does.
    const shell = spawn('sh', ['-c', `"${process.execPath}" "${web}" --port=0; true`], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      shell.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('running at')) resolve();
      });
      shell.on('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    const server = Number(
      (await import('node:child_process')).execFileSync('pgrep', ['-P', String(shell.pid)], { encoding: 'utf8' }).trim(),
    );
    expect(alive(server)).toBe(true);
    shell.removeAllListeners('exit');
    shell.kill('SIGKILL');
    const until = Date.now() + 5000;
    while (alive(server) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(alive(server)).toBe(false);
  }, 20_000);
});
