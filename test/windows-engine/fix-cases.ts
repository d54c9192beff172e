/**
 * Each Windows fix as the engine tests run it: the scenario whose machine it runs on, its
 * parameters, and the exact Windows calls its steps and its undo make (fixes.engine.test.ts);
 * the 5.1 compatibility test plans the same fixes to read every script they emit.
 */
export const VMNET8 = 'VMware Network Adapter VMnet8';
const CLASS_KEY =
  'Microsoft.PowerShell.Core\\Registry::HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Class\\{4d36e972-e325-11ce-bfc1-08002be10318}\\0003';
const stopVmware = ["Stop-Service -Force -Name 'VMnetDHCP'", "Stop-Service -Force -Name 'VMware NAT Service'"];
const startVmware = ["Start-Service -Name 'VMnetDHCP'", "Start-Service -Name 'VMware NAT Service'"];
const driverQuery = "-Query 'SELECT * FROM Win32_SystemDriver WHERE Name='VMnetBridge''";
const moveVmnet8 = (network: string) => [
  ...stopVmware,
  `vnetlib64.exe -- set vnet vmnet8 addr ${network}`,
  'vnetlib64.exe -- set vnet vmnet8 mask 255.255.255.0',
  'vnetlib64.exe -- update adapter vmnet8',
  'vnetlib64.exe -- update dhcp vmnet8',
  'vnetlib64.exe -- update nat vmnet8',
  ...startVmware,
];

/** vnetlib adds VMnet8 back (or keeps it) and gives it VMware's configuration again; undo disables it. */
const restoreVmnet8 = {
  do: [
    ...stopVmware,
    'vnetlib64.exe -- add adapter vmnet8',
    'vnetlib64.exe -- update adapter vmnet8',
    'vnetlib64.exe -- update dhcp vmnet8',
    'vnetlib64.exe -- update nat vmnet8',
    ...startVmware,
  ],
  undo: ['vnetlib64.exe -- disable adapter vmnet8'],
};

/** Each fix: the scenario whose machine it runs on, its parameters, and the exact calls of its steps and of its undo. */
export const CASES: Array<{ id: string; scenario: string; params: Record<string, string>; do: string[]; undo: string[] }> = [
  {
    id: 'host.enable-adapter',
    scenario: 'vmnet8-disabled',
    params: { adapter: VMNET8 },
    do: [`Enable-NetAdapter -Confirm:$false -IncludeHidden -Name '${VMNET8}'`],
    undo: [`Disable-NetAdapter -Confirm:$false -IncludeHidden -Name '${VMNET8}'`],
  },
  {
    id: 'host.restart-adapter',
    scenario: 'vmnet8-apipa',
    params: { adapter: VMNET8 },
    do: [
      `Disable-NetAdapter -Confirm:$false -IncludeHidden -Name '${VMNET8}'`,
      "Start-Sleep -Seconds '3'",
      `Enable-NetAdapter -Confirm:$false -IncludeHidden -Name '${VMNET8}'`,
    ],
    undo: [`Enable-NetAdapter -Confirm:$false -IncludeHidden -Name '${VMNET8}'`],
  },
  {
    id: 'host.start-nat',
    scenario: 'nat-service-stopped',
    params: { previous: 'Stopped' },
    do: ["Start-Service -InputObject 'ServiceController VMware NAT Service'"],
    undo: ["Stop-Service -Force -Name 'VMware NAT Service'"],
  },
  {
    id: 'host.start-dhcp',
    scenario: 'dhcp-service-disabled',
    params: { previous: 'Stopped', startType: 'Disabled' },
    do: ["Set-Service -Name 'VMnetDHCP' -StartupType 'Automatic'", "Start-Service -InputObject 'ServiceController VMnetDHCP'"],
    undo: ["Stop-Service -Force -Name 'VMnetDHCP'", "Set-Service -Name 'VMnetDHCP' -StartupType 'Disabled'"],
  },
  {
    id: 'host.allow-icmp',
    scenario: 'firewall-blocks-echo-public',
    params: { subnet: '192.168.37.0/24', profile: 'Public' },
    do: [
      "New-NetFirewallRule -Action 'Allow' -Description 'Inbound ICMPv4 echo request from the virtual machine network only. Added by VMnet Doctor; remove with its undo.' -Direction 'Inbound' -DisplayName 'VMnet Doctor: allow ping from 192.168.37.0/24' -IcmpType '8' -Name 'VMnetDoctor-ICMP4-In-192.168.37.0-24' -Profile 'Public' -Protocol 'ICMPv4' -RemoteAddress '192.168.37.0/24'",
    ],
    undo: ["Remove-NetFirewallRule -Name 'VMnetDoctor-ICMP4-In-192.168.37.0-24'"],
  },
  {
    id: 'host.set-private-profile',
    scenario: 'firewall-blocks-echo-public',
    params: { adapter: VMNET8 },
    // Private, and VMnet8 marked an endpoint (*NdisDeviceType = 1) so Windows stops asking; undo takes both back.
    do: [
      `Set-NetConnectionProfile -InterfaceAlias '${VMNET8}' -NetworkCategory 'Private'`,
      `New-ItemProperty -Force -LiteralPath '${CLASS_KEY}' -Name '*NdisDeviceType' -PropertyType 'DWord' -Value '1'`,
      `Disable-NetAdapter -Confirm:$false -IncludeHidden -Name '${VMNET8}'`,
      "Start-Sleep -Seconds '2'",
      `Enable-NetAdapter -Confirm:$false -IncludeHidden -Name '${VMNET8}'`,
    ],
    undo: [
      `Remove-ItemProperty -LiteralPath '${CLASS_KEY}' -Name '*NdisDeviceType'`,
      `Disable-NetAdapter -Confirm:$false -IncludeHidden -Name '${VMNET8}'`,
      "Start-Sleep -Seconds '2'",
      `Enable-NetAdapter -Confirm:$false -IncludeHidden -Name '${VMNET8}'`,
      `Set-NetConnectionProfile -InterfaceAlias '${VMNET8}' -NetworkCategory 'Public'`,
    ],
  },
  {
    id: 'vmware.restore-vmnet',
    scenario: 'vmware-networks-missing',
    params: { vmnet: 'VMnet8' },
    ...restoreVmnet8,
  },
  {
    // The adapter given another subnet by hand: vnetlib's "update adapter" gives it VMware's again.
    id: 'vmware.restore-vmnet',
    scenario: 'vmnet8-subnet-mismatch',
    params: { vmnet: 'VMnet8', subnet: '192.168.37.0/24' },
    ...restoreVmnet8,
  },
  {
    id: 'vmware.change-subnet',
    scenario: 'subnet-overlaps-vpn',
    params: { vmnet: 'VMnet8', subnet: '192.168.100.0/24', fromSubnet: '192.168.37.0/24' },
    do: moveVmnet8('192.168.100.0'),
    undo: moveVmnet8('192.168.37.0'),
  },
  {
    id: 'vbox.add-port-forward',
    scenario: 'virtualbox-nat-unreachable',
    params: { vm: 'ubuntu-2204', nic: '1', hostPort: '2222', guestPort: '22', running: 'true' },
    do: ['VBoxManage.exe controlvm ubuntu-2204 natpf1 vmnetdoctor-22,tcp,127.0.0.1,2222,,22'],
    undo: ['VBoxManage.exe controlvm ubuntu-2204 natpf1 delete vmnetdoctor-22'],
  },
  {
    id: 'vbox.connect-cable',
    scenario: 'virtualbox-cable-unplugged',
    params: { vm: 'ubuntu-2204', nic: '1', running: 'true' },
    do: ['VBoxManage.exe controlvm ubuntu-2204 setlinkstate1 on'],
    undo: ['VBoxManage.exe controlvm ubuntu-2204 setlinkstate1 off'],
  },
  {
    id: 'guest.new-mac',
    scenario: 'virtualbox-nat-unreachable',
    params: { vm: 'ubuntu-2204 Clone', nic: '1', mac: '080027AABBCC' },
    do: ['VBoxManage.exe modifyvm "ubuntu-2204 Clone" --macaddress1 auto'],
    undo: ['VBoxManage.exe modifyvm "ubuntu-2204 Clone" --macaddress1 080027AABBCC'],
  },
  {
    id: 'vbox.set-hostonly-address',
    scenario: 'virtualbox-hostonly-apipa',
    params: {
      name: 'VirtualBox Host-Only Ethernet Adapter',
      ip: '192.168.57.1',
      netmask: '255.255.255.0',
      fromIp: '169.254.33.7',
      fromNetmask: '255.255.0.0',
    },
    do: ['VBoxManage.exe hostonlyif ipconfig "VirtualBox Host-Only Ethernet Adapter" --ip 192.168.57.1 --netmask 255.255.255.0'],
    undo: ['VBoxManage.exe hostonlyif ipconfig "VirtualBox Host-Only Ethernet Adapter" --ip 169.254.33.7 --netmask 255.255.0.0'],
  },
  {
    id: 'host.bind-bridge-protocol',
    scenario: 'virtualbox-bridge-filter-unbound',
    params: { adapter: 'Ethernet', component: 'oracle_VBoxNetLwf' },
    do: ["Enable-NetAdapterBinding -ComponentID 'oracle_VBoxNetLwf' -Name 'Ethernet'"],
    undo: ["Disable-NetAdapterBinding -ComponentID 'oracle_VBoxNetLwf' -Name 'Ethernet'"],
  },
  {
    id: 'vmware.set-bridge',
    scenario: 'vmnet0-on-hyperv-switch',
    params: { adapter: 'Wi-Fi', exclude: 'vEthernet (Default Switch)' },
    do: [
      "Disable-NetAdapterBinding -ComponentID 'vmware_bridge' -Name 'vEthernet (Default Switch)'",
      "Enable-NetAdapterBinding -ComponentID 'vmware_bridge' -Name 'Wi-Fi'",
    ],
    undo: ["Enable-NetAdapterBinding -ComponentID 'vmware_bridge' -Name 'vEthernet (Default Switch)'"],
  },
  {
    id: 'host.start-bridge-driver',
    scenario: 'bridge-driver-stopped',
    params: { driver: 'VMnetBridge', startMode: 'Disabled' },
    do: [
      `Invoke-CimMethod -Arguments @{StartMode='Manual'} -MethodName 'ChangeStartMode' ${driverQuery}`,
      `Invoke-CimMethod -Arguments @{} -MethodName 'StartService' ${driverQuery}`,
    ],
    undo: [
      `Invoke-CimMethod -Arguments @{} -MethodName 'StopService' ${driverQuery}`,
      `Invoke-CimMethod -Arguments @{StartMode='Disabled'} -MethodName 'ChangeStartMode' ${driverQuery}`,
    ],
  },
];
