/**
 * The words of states and enumerations that evidence carries as the system wrote them (Windows'
 * service states and start types, network profiles, adapter and address states, ping results;
 * Linux link states): each in the three UI languages. A value not listed is shown as it is (an
 * address, a name). The system's own text stays behind "technical details".
 */
import type { Localized, UiLanguage } from '../vocabulary.ts';

const w = (en: string, zhCN: string, zhTW: string): Localized => ({ en, 'zh-CN': zhCN, 'zh-TW': zhTW });

export const VALUE_WORDS: Record<string, Localized> = {
  // Windows services (Get-Service Status, Win32_Service State / StartMode).
  Running: w('running', '正在运行', '執行中'),
  Stopped: w('stopped', '已停止', '已停止'),
  StartPending: w('starting', '正在启动', '正在啟動'),
  StopPending: w('stopping', '正在停止', '正在停止'),
  Paused: w('paused', '已暂停', '已暫停'),
  Automatic: w('automatic', '自动', '自動'),
  Auto: w('automatic', '自动', '自動'),
  Manual: w('manual', '手动', '手動'),
  Disabled: w('disabled', '已禁用', '已停用'),
  Boot: w('at boot', '引导时', '開機載入時'),
  System: w('with the system', '随系统启动', '隨系統啟動'),
  // Network profiles (Get-NetConnectionProfile NetworkCategory).
  Public: w('public', '公用', '公用'),
  Private: w('private', '专用', '私人'),
  DomainAuthenticated: w('domain', '域', '網域'),
  // Adapters (Get-NetAdapter Status) and addresses (Get-NetIPAddress AddressState).
  Up: w('up', '已连接', '已連線'),
  Disconnected: w('disconnected', '已断开', '已中斷連線'),
  NotPresent: w('not present', '不存在', '不存在'),
  Preferred: w('in use', '正在使用', '使用中'),
  Duplicate: w('taken by another device', '被其他设备占用', '被其他裝置占用'),
  Tentative: w('being checked', '正在检测', '正在檢查'),
  Invalid: w('invalid', '无效', '無效'),
  Deprecated: w('being retired', '即将停用', '即將停用'),
  // Ping (System.Net.NetworkInformation.IPStatus).
  Success: w('answered', '有回应', '有回應'),
  TimedOut: w('no answer (timed out)', '无回应（超时）', '無回應（逾時）'),
  DestinationHostUnreachable: w('host unreachable', '主机不可达', '主機無法連線'),
  DestinationNetworkUnreachable: w('network unreachable', '网络不可达', '網路無法連線'),
  // Linux and the doctor's own adapter states.
  up: w('up', '已启用', '已啟用'),
  down: w('down', '已关闭', '已關閉'),
  disabled: w('disabled', '已禁用', '已停用'),
  'not-present': w('not present', '不存在', '不存在'),
  missing: w('missing', '不存在', '不存在'),
  unknown: w('unknown', '未知', '未知'),
};

/** A state or enumeration value in the reader's language; anything else as it is. */
export function valueText(value: string, lang: UiLanguage): string {
  return Object.hasOwn(VALUE_WORDS, value) ? (VALUE_WORDS[value] as Localized)[lang] : value;
}
