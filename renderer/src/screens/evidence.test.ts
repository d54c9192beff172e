import { describe, expect, it } from 'vitest';
import { evidenceRows, rawEvidence } from './evidence.ts';
import { invalidFields } from './wizard/StartForm.tsx';
import { fixScript } from './wizard/script.ts';

describe('evidence in plain words', () => {
  it('rows for the keys a reader follows, in their language; raw lines keep strings as they are', () => {
    const evidence = {
      gateway: '192.168.37.1',
      expectedGateway: '192.168.37.2',
      gatewayAnswers: false,
      routes: [{ dst: 'default' }],
    };
    expect(evidenceRows(evidence, 'zh-CN')).toEqual([
      { key: 'gateway', label: '正在使用的网关', value: '192.168.37.1' },
      { key: 'expectedGateway', label: '应有的网关', value: '192.168.37.2' },
      { key: 'gatewayAnswers', label: '网关回应 ping', value: '否' },
    ]);
    expect(rawEvidence({ path: 'C:\\Users\\li\\vmnetnat.conf', nested: { a: [1, 2] }, none: null })).toEqual([
      'path: C:\\Users\\li\\vmnetnat.conf',
      'nested.a: 1, 2',
      'none: null',
    ]);
  });
});

describe('states and enumerations in the reader’s language', () => {
  it('Windows’ and Linux’s state words are translated; addresses and names stay as they are', () => {
    const evidence = { state: 'not-present', status: 'Running', startType: 'Automatic', profile: 'Public', adapter: 'VMnet8' };
    expect(evidenceRows(evidence, 'zh-CN').map((r) => r.value)).toEqual(['VMnet8', '不存在', '公用', '正在运行', '自动']);
    expect(evidenceRows({ status: 'TimedOut' }, 'zh-TW')[0]?.value).toBe('無回應（逾時）');
    expect(evidenceRows({ status: 'TimedOut' }, 'en')[0]?.value).toBe('no answer (timed out)');
    // Only whole values are words: a name that contains one is left alone.
    expect(evidenceRows({ adapter: 'Running VM' }, 'zh-CN')[0]?.value).toBe('Running VM');
  });
});

describe('a copied fix is a script that runs as pasted', () => {
  const words = { title: 'VMnet Doctor: set the gateway', runOn: 'Run on: the Linux VM', how: 'Run in a terminal' };
  it('labels are comments; Linux steps go through sudo, a written file through sudo tee', () => {
    const script = fixScript(
      {
        platform: 'linux',
        steps: ['ip route replace default via 192.168.37.2 dev ens33', "cat > /etc/resolv.conf <<'EOF'\nnameserver 1.1.1.1\nEOF"],
      },
      words,
    );
    expect(script).toBe(
      "# VMnet Doctor: set the gateway\n# Run on: the Linux VM\n# Run in a terminal\nsudo ip route replace default via 192.168.37.2 dev ens33\nsudo tee /etc/resolv.conf > /dev/null <<'EOF'\nnameserver 1.1.1.1\nEOF\n",
    );
    expect(fixScript({ platform: 'windows', steps: ['Enable-NetAdapter -Name x'] }, { ...words, how: 'line\nbreak' })).toContain(
      '# line break\nEnable-NetAdapter',
    );
  });

  it('a field with a wrong value is named before anything runs', () => {
    const form = {
      symptom: 'vm-no-ip',
      role: 'auto',
      hostIp: '192.168.37',
      vmIp: '',
      servicePort: '70000',
      internetTarget: '',
      dnsName: '',
    } as const;
    expect(invalidFields({ ...form })).toEqual({ hostIp: 'field.error.ipv4', servicePort: 'field.error.port' });
  });
});
