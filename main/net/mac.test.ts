import { describe, expect, it } from 'vitest';
import { eui64LinkLocal, freshMacLike, ipv6Groups, isLinkLocalOf } from './mac.ts';

describe('MAC-derived addresses', () => {
  it('the link-local address of a VMware MAC, as the kernel made it in the lab', () => {
    // From ip-d-j-addr.lab.json: ens33 00:0c:29:3a:5b:7c has fe80::20c:29ff:fe3a:5b7c.
    expect(isLinkLocalOf('fe80::20c:29ff:fe3a:5b7c', '00:0c:29:3a:5b:7c')).toBe(true);
    expect(isLinkLocalOf('fe80::20c:29ff:fe3a:5b7d', '00:0c:29:3a:5b:7c')).toBe(false);
    expect(isLinkLocalOf('fe80::1', 'not a mac')).toBe(false);
    expect(eui64LinkLocal('08:00:27:00:00:01')?.[4]).toBe(0x0a00);
  });

  it('expands IPv6 text, and refuses what is not IPv6', () => {
    expect(ipv6Groups('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(ipv6Groups('fe80::')).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 0]);
    for (const bad of ['1::2::3', 'fe80:::1', 'g::1', '1:2:3:4:5:6:7', '']) expect(ipv6Groups(bad)).toBeNull();
  });

  it('a fresh MAC keeps the hypervisor prefix', () => {
    expect(freshMacLike('00:0C:29:3a:5b:7c', () => Buffer.from([1, 0xab, 255]))).toBe('00:0c:29:01:ab:ff');
    expect(freshMacLike('00:0c:29:3a:5b:7c')).toMatch(/^00:0c:29(:[0-9a-f]{2}){3}$/);
  });
});
